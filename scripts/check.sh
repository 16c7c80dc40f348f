#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: every test of the project.  Prints one line per suite
# (PASS/FAIL/SKIP NAME) and ends with "N passed, N failed, N skipped";
# exits non-zero when anything failed.  Logs go to build/check/.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

logs=$XSW_OUT/check
rm -rf "$logs"
mkdir -p "$logs"
passed=0 failed=0 skipped=0

report() {
	printf '%-4s %s%s\n' "$1" "$2" "${3:+  ($3)}"
	case $1 in
	PASS) passed=$((passed + 1)) ;;
	FAIL) failed=$((failed + 1)) ;;
	SKIP) skipped=$((skipped + 1)) ;;
	esac
}

# step NAME CMD...: one suite whose verdict is CMD's exit status.
step() {
	local name=$1 log=$logs/${1//:/-}.log
	shift
	if "$@" >"$log" 2>&1; then
		report PASS "$name"
	else
		report FAIL "$name" "log: ${log#"$XSW_TOP"/}"
		tail -n 40 "$log" | sed 's/^/    /'
	fi
}

# The lines of a guest console log between a test's markers.
region() {
	tr -d '\r' <"$1" | sed -n "/^XSW-TEST-BEGIN: $2\$/,/^XSW-TEST-END: $2 /p"
}

# kunit_summary KTAP [LOG]: a line per KUnit suite (kunit-summary.py).
kunit_summary() {
	python3 "$XSW_TOP/scripts/kunit-summary.py" "$src" "$1" "${2:-/dev/null}"
}

# One line per KUnit suite, from the KTAP in a console log region
# (scripts/kunit-summary.py; a failed parameter fails its suite).
kunit_suites() {
	kunit_summary "$1" "$logs/kunit.log" >"$logs/kunit.lines" ||
		{ report FAIL kunit "kunit.py parse failed"; return; }
	[ -s "$logs/kunit.lines" ] || report FAIL kunit "no suite ran"
	while read -r status name detail; do
		report "$status" "$name" "$detail"
	done <"$logs/kunit.lines"
}

# samples EXT CMD...: the host-side checks on samples in scripts/testdata:
# CMD FILE must print FILE's .expected for each *.EXT there, so that a check
# that goes blind (a parser that misses a failure, a splat scan that misses
# a WARNING) fails here.
samples() {
	local ext=$1 f
	shift
	for f in "$XSW_TOP"/scripts/testdata/*."$ext"; do
		echo "== ${f##*/}"
		"$@" "$f" | diff -u "${f%."$ext"}.expected" - || return 1
	done
}

# Verdicts of a run of scripts/guest/run-tests.sh: a line per test, from
# its exit code and from splats in its part of the log.  vm.sh's own
# output is in $vmout (default: vm-KERNEL.out).
guest_results() {
	local kernel=$1 vmrc=$2 log=$3 t part rc splats lockdep why
	local out=${vmout:-$logs/vm-$kernel.out}
	shift 3
	for t in "$@"; do
		part=$logs/guest-$kernel-$t.log
		region "$log" "$t" >"$part"
		rc=$(sed -n "s/^XSW-TEST-END: $t \\([0-9]*\\)\$/\\1/p" "$part")
		if [ "$t" = kunit ]; then
			kunit_suites "$part"
		fi
		splats=$(xsw_splats "$part")
		lockdep=$(xsw_lockdep_note "$part")
		if [ -z "$rc" ]; then
			# vm.sh said why: hung (a silent console), timed out ...
			why=$(sed -n 's/^guest 0 \(.*\) before its script finished.*/\1/p' "$out")
			report FAIL "guest:$kernel:$t" "did not finish, ${why:-see ${out##*/}}; log: ${log#"$XSW_TOP"/}"
			tail -n 5 "$part" | sed 's/^/    /'
		elif [ -n "$splats" ]; then
			report FAIL "guest:$kernel:$t" "kernel splat${lockdep:+; $lockdep}"
			head -n 10 <<<"$splats" | sed 's/^/    /'
		elif [ -n "$lockdep" ]; then
			report FAIL "guest:$kernel:$t" "$lockdep"
		elif [ "$rc" != 0 ]; then
			report FAIL "guest:$kernel:$t" "exit $rc"
			# From the first failure on: a test's FAIL may say more
			# on the lines after it (the state it found).
			sed -n '/^FAIL/,$p' "$part" | head -n 15 | sed 's/^/    /'
		else
			report PASS "guest:$kernel:$t"
		fi
	done
	# Anything else the runner saw: a splat outside the tests, a hang.
	if [ "$vmrc" != 0 ] && [ "$failed" = "$failed_before" ]; then
		report FAIL "guest:$kernel" "see ${log#"$XSW_TOP"/}"
		sed 's/^/    /' "$out" | head -n 20
	fi
}

"$XSW_TOP/scripts/deps.sh" || { echo "0 passed, 1 failed"; exit 1; }
src=$("$XSW_TOP/scripts/kernel-src.sh") || { echo "0 passed, 1 failed"; exit 1; }

step regen "$XSW_TOP/scripts/ynl-regen.sh" --check
step checkpatch "$XSW_TOP/scripts/checkpatch.sh"
step kernel-doc "$XSW_TOP/scripts/kdoc-check.sh"
step kunit-parse samples ktap kunit_summary
step splat-scan samples log xsw_splats
for k in stock-6.1 stock-6.12 test; do
	step "build:$k" "$XSW_TOP/scripts/build.sh" --sparse "$k"
done
step xswctl make -C "$XSW_TOP/tools/xswctl" check
for k in stock-6.1 stock-6.12; do
	step "oot:$k" "$XSW_TOP/scripts/oot-build.sh" "$k"
done

# Guests, the debug kernel's in the background: one TCG guest per core.
guest_tests=(switch control access ynl netlink testext saverestore stress)
# The datapath's tests: on stock 6.1 with the others, on the debug kernel
# in a second boot, after the stock kernels' lane, so that the two lanes
# take about as long.
dp_tests=(datapath dpctl dp-samples dpstress)
# Live migration, two hosts as namespaces: on stock 6.1 and in the first
# debug boot, whose lane is the shorter.
mig_tests=(migrate)
# Stock 6.1 runs every test but the stress tests, which stock 6.12 (with
# 2 vCPUs) and the debug kernel run.
stock61_tests=(switch control access ynl netlink testext saverestore
	       datapath dpctl dp-samples "${mig_tests[@]}")
vm() {
	local kernel=$1
	shift
	"$XSW_TOP/scripts/vm.sh" -k "$kernel" -o "$logs/console" "$@" \
		>"$logs/vm-$kernel.out" 2>&1
}
# The fail-nth walk: the kernel's fail-nth on the debug kernel, xswitch's
# own injection points on stock 6.12, which lacks CONFIG_FAULT_INJECTION.
fault_tests=(failnth)
# Stock 6.12, with 2 vCPUs, runs what only an extension can cause, the
# stress tests and the walk.
stock612_tests=(testext stress dpstress "${fault_tests[@]}")
# Each lane runs about 40 minutes on a 2-core machine with the other beside
# it: the first debug boot's, and the stock kernels' then the second debug
# boot's (about 25 minutes of it).  The limits leave room for a slower
# machine; a hung guest is caught sooner, by its silence.
# A test of the debug kernel is stuck past 25 minutes, not 15: migrate
# alone takes 6 on an idle machine, twice that beside the other lane.
export XSW_TEST_LIMIT=1500
vm test -t 3300 "$XSW_TOP/scripts/guest/run-tests.sh" kunit "${guest_tests[@]}" \
	"${fault_tests[@]}" "${mig_tests[@]}" &
test_pid=$!
# Past vm.sh's default 900 s on a busy machine.
vm stock-6.1 -t 1800 "$XSW_TOP/scripts/guest/run-tests.sh" "${stock61_tests[@]}"
stock_rc=$?
step guest:stock-6.1:two-hosts "$XSW_TOP/scripts/vm.sh" -k stock-6.1 -n 2 \
	-o "$logs/console" "$XSW_TOP/scripts/guest/two-hosts.sh"
vm stock-6.12 "$XSW_TOP/scripts/guest/run-tests.sh" "${stock612_tests[@]}"
stock612_rc=$?
# One vCPU each: two debug guests beside the other lane's share 2 cores.
step guest:test:two-hosts "$XSW_TOP/scripts/vm.sh" -k test -n 2 -c 1 -t 1500 \
	-o "$logs/console" "$XSW_TOP/scripts/guest/two-hosts.sh"
"$XSW_TOP/scripts/vm.sh" -k test -t 3300 -o "$logs/console-dp" \
	"$XSW_TOP/scripts/guest/run-tests.sh" "${dp_tests[@]}" \
	>"$logs/vm-test-dp.out" 2>&1
test_dp_rc=$?
wait $test_pid
test_rc=$?

failed_before=$failed
guest_results stock-6.1 $stock_rc "$logs/console/run-tests-stock-6.1.log" "${stock61_tests[@]}"
failed_before=$failed
guest_results stock-6.12 $stock612_rc "$logs/console/run-tests-stock-6.12.log" "${stock612_tests[@]}"
failed_before=$failed
guest_results test $test_rc "$logs/console/run-tests-test.log" kunit "${guest_tests[@]}" \
	"${fault_tests[@]}" "${mig_tests[@]}"
failed_before=$failed
vmout=$logs/vm-test-dp.out guest_results test $test_dp_rc \
	"$logs/console-dp/run-tests-test.log" "${dp_tests[@]}"

summary="$passed passed, $failed failed"
[ "$skipped" = 0 ] || summary+=", $skipped skipped"
echo "$summary"
[ "$failed" = 0 ]
