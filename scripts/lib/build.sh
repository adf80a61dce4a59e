# shellcheck shell=bash
# Configure and build the C++ project into build/ (Release). Needs common.sh.

build_project() {
    [[ -f $REPO_ROOT/CMakeLists.txt ]] || die "no CMakeLists.txt in $REPO_ROOT"
    say "Building (Release) in $REPO_ROOT/build"
    cmake -S "$REPO_ROOT" -B "$REPO_ROOT/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$REPO_ROOT/build" -j2
}
