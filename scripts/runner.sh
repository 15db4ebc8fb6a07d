# SPDX-License-Identifier: GPL-2.0
# Run stages, time them, count their results, and print the closing line.
# Sourced by check.sh and test.sh after lib.sh.

RESULTS=$BUILD/results.txt
export RESULTS
mkdir -p "$BUILD"
: >"$RESULTS"
stage_times=()
aborted=0

# ccache's counters, to print this run's hit rate at the end.
ccache_counters() {
	ccache --print-stats 2>/dev/null |
		awk '$1 ~ /^(direct|preprocessed)_cache_hit$/ { h += $2 } $1 == "cache_miss" { m = $2 }
		     END { print h + 0, m + 0 }'
}
read -r ccache_hits0 ccache_misses0 <<<"$(ccache_counters)"

# The compilations of this run that ccache answered, and how many missed.
ccache_summary() {
	local hits misses
	read -r hits misses <<<"$(ccache_counters)"
	hits=$((hits - ccache_hits0)) misses=$((misses - ccache_misses0))
	printf '%-24s %5d hits, %d misses' ccache "$hits" "$misses"
	[ $((hits + misses)) -gt 0 ] && printf ' (%d%% hits)' $((100 * hits / (hits + misses)))
	printf '\n'
}

# run_stage <name> <command...>: a stage records its results with result().
# A stage that fails without recording a failure counts as one failure.
run_stage() {
	local name=$1; shift
	local before start=$SECONDS rc=0
	if [ "$aborted" = 1 ]; then
		result FAIL "$name (not run: an earlier stage failed)"
		return
	fi
	before=$(wc -l <"$RESULTS")
	printf '\n==== %s\n' "$name"
	"$@" || rc=$?
	if [ "$rc" != 0 ] && ! tail -n +"$((before + 1))" "$RESULTS" | grep '^FAIL' >/dev/null; then
		result FAIL "$name (exit status $rc)"
	fi
	stage_times+=("$(printf '%-24s %5ds' "$name" $((SECONDS - start)))")
	return "$rc"
}

# Like run_stage, but later stages cannot run when this one fails.
run_required_stage() {
	run_stage "$@" || aborted=1
}

# Print the stage times, the failures and the closing line; return 1 on any
# failure.
summary() {
	local passed failed skipped line
	printf '\n==== time per stage\n'
	printf '%s\n' "${stage_times[@]}"
	printf '%-24s %5ds\n' total "$SECONDS"
	ccache_summary
	passed=$(grep -c '^PASS' "$RESULTS" || true)
	failed=$(grep -c '^FAIL' "$RESULTS" || true)
	skipped=$(grep -c '^SKIP' "$RESULTS" || true)
	if [ "$failed" -gt 0 ]; then
		printf '\n==== failed\n'
		grep '^FAIL' "$RESULTS" | cut -f2- | sed 's/^/  /'
	fi
	line="$passed passed, $failed failed"
	[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
	printf '\n%s\n' "$line"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

# The checks of the series, in order: cheap ones first.
run_check_stages() {
	run_stage "apply" "$TOP/scripts/check-apply.sh"
	run_stage "checkpatch" "$TOP/scripts/check-checkpatch.sh"
	run_stage "kernel-doc" "$TOP/scripts/check-kernel-doc.sh"
	run_required_stage "build" "$TOP/scripts/check-build.sh"
	run_stage "sparse" "$TOP/scripts/check-sparse.sh"
	run_stage "W=1" "$TOP/scripts/check-w1.sh"
}

# start_background <command...>: run it in the background, at the lowest
# priority: it takes the core that single-threaded checks, links and QEMU
# leave idle. Its own session, so that stop_background can end it with its
# make and compilers. A new session is a new scheduler autogroup, which
# shares the CPU with the others whatever the nice value of its tasks: the
# autogroup's own nice value makes it yield (sched(7)). Sets BACKGROUND.
start_background() {
	setsid sh -c 'echo 19 >/proc/self/autogroup 2>/dev/null; exec nice -n 19 "$@"' \
		sh "$@" </dev/null >/dev/null 2>&1 &
	BACKGROUND=$!
	trap stop_background EXIT
}

stop_background() {
	[ -n "${BACKGROUND:-}" ] && kill -- -"$BACKGROUND" 2>/dev/null
	return 0
}

# Wait for the command of start_background, if any; it reports nothing
# itself: the stage that needs what it built builds it again, which then
# has nothing to do or fails with the errors.
wait_background() {
	[ -n "${BACKGROUND:-}" ] && wait "$BACKGROUND"
	BACKGROUND=
	return 0
}

# The kernel of the debug KUnit run builds in the background while the
# checks and the first tests run.
start_kunit_debug_build() {
	"$TOP/scripts/make-bench-tree.sh" || return 0	# the debug KUnit stage reports it
	start_background "$TOP/scripts/build-kunit-debug.sh"
}

# The debug KUnit run, once the background build (if any) is done; a build
# that failed there fails again, with its errors, in the run.
kunit_debug_stage() {
	wait_background
	"$TOP/scripts/test-kunit.sh" debug
}

# The test suites, in order: the debug KUnit run last, to give its kernel
# the most time to build in the background.
run_test_stages() {
	run_stage "kunit" "$TOP/scripts/test-kunit.sh" guest
	run_stage "selftests" "$TOP/scripts/test-selftests.sh"
	run_stage "kunit (debug)" kunit_debug_stage
}
