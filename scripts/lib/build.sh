# shellcheck shell=bash
# Configure and build the C++ project into build/ (Release). Needs common.sh.

build_project() {
    [[ -f $REPO_ROOT/CMakeLists.txt ]] || die "no CMakeLists.txt in $REPO_ROOT"
    say "Building (Release) in $REPO_ROOT/build"
    # ccache, where installed, lets a rebuild (or another checkout of the same tree) skip unchanged files;
    # CCACHE_BASEDIR makes its keys independent of where the checkout lives.
    local launcher=()
    if command -v ccache >/dev/null; then
        export CCACHE_BASEDIR=$REPO_ROOT
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    cmake -S "$REPO_ROOT" -B "$REPO_ROOT/build" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
    cmake --build "$REPO_ROOT/build" -j2
}
