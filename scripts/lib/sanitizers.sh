# shellcheck shell=bash
# Options and report checks for sanitizer builds (scripts/test --sanitize / --tsan). Needs common.sh.

# sanitizer_options LOGDIR: every sanitized process started from here on (servers, tools, test
# programs) writes its reports to LOGDIR/sanitizer.PID instead of only to a log nobody reads.
sanitizer_options() {
    local logdir=$1 supp=$REPO_ROOT/tests/sanitizers
    # ASan: stop at the first error; leaks are checked when each process exits.
    export ASAN_OPTIONS="log_path=$logdir/sanitizer:detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1:strict_string_checks=1"
    export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
    # UBSan: report and carry on, so one run shows them all; any report fails the run afterwards.
    export UBSAN_OPTIONS="log_path=$logdir/sanitizer:print_stacktrace=1:halt_on_error=0:suppressions=$supp/ubsan.supp"
    export TSAN_OPTIONS="log_path=$logdir/sanitizer:halt_on_error=0:second_deadlock_stack=1:suppressions=$supp/tsan.supp"
}

# sanitizer_reports_none LOGDIR: true when no sanitizer wrote a report; otherwise prints them and fails.
sanitizer_reports_none() {
    local logdir=$1 f found=0
    for f in "$logdir"/sanitizer.*; do
        [[ -s $f ]] || continue
        found=$((found + 1))
        printf -- '--- %s ---\n' "$f" >&2
        head -n 60 "$f" >&2
    done
    if ((found)); then
        printf 'error: %d sanitizer report(s) in %s\n' "$found" "$logdir" >&2
        return 1
    fi
    say "No sanitizer reports."
}
