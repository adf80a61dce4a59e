# shellcheck shell=bash
# Configure and build the C++ project (Release) into $BUILD_DIR (build/ unless stack.sh was told
# otherwise); with BOOKFAIR_SANITIZE set (address,undefined or thread) a sanitizer build. Needs common.sh.

build_project() {
    [[ -f $REPO_ROOT/CMakeLists.txt ]] || die "no CMakeLists.txt in $REPO_ROOT"
    local build_dir=${BUILD_DIR:-$REPO_ROOT/build}
    # ccache, where installed, lets a rebuild (or another checkout of the same tree) skip unchanged files;
    # CCACHE_BASEDIR makes its keys independent of where the checkout lives.
    local launcher=()
    if command -v ccache >/dev/null; then
        export CCACHE_BASEDIR=$REPO_ROOT
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    # Sanitizer builds compile at -O1 -g1 with clang, the sanitizers' home compiler: gcc 12 took 3.5x the
    # CPU time for the same file with the same checks (README, Sanitizers). A build directory configured
    # with another compiler is configured afresh (CMake cannot switch compilers in place).
    local type=Release compiler=()
    if [[ -n ${BOOKFAIR_SANITIZE:-} ]]; then
        type=Sanitize
        command -v clang++-14 >/dev/null || die "clang++-14 is missing (scripts/deps installs clang)"
        compiler=(-DCMAKE_CXX_COMPILER=clang++-14)
        if [[ -f $build_dir/CMakeCache.txt ]] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang++-14$' "$build_dir/CMakeCache.txt"; then
            rm -rf "$build_dir/CMakeCache.txt" "$build_dir/CMakeFiles"
        fi
    fi
    say "Building ($type${BOOKFAIR_SANITIZE:+: clang, -fsanitize=$BOOKFAIR_SANITIZE}) in $build_dir"
    cmake -S "$REPO_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE=$type -DBOOKFAIR_SANITIZE="${BOOKFAIR_SANITIZE:-}" \
        "${compiler[@]}" "${launcher[@]}" >/dev/null
    # BOOKFAIR_BUILD_TARGETS (space-separated) builds only those targets, e.g. the servers a chaos run needs.
    local targets=()
    for t in ${BOOKFAIR_BUILD_TARGETS:-}; do targets+=(--target "$t"); done
    cmake --build "$build_dir" -j2 "${targets[@]}"
}
