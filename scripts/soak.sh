#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make soak: the long runs that make check bounds, on the debug kernel,
# each in its own boot, ending with "N passed, N failed" as make check
# does.  Not part of make check (it runs for hours on 2 cores).
#   migration rounds  XSW_SOAK_ROUNDS migrations (default 300) with a fault
#                     drawn at random each (scripts/guest/migsoak.sh)
#   agent fuzzing     migrate.sh whole, its fuzzer at XSW_SOAK_FUZZ
#                     connections (default 20000) instead of 100
#   stress            stress and dpstress for XSW_STRESS_SECS (default
#                     1800) instead of 40 and 25
# XSW_SOAK_SEED fixes the draws of the rounds; SOAK_KERNEL another kernel.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${SOAK_KERNEL:-test}
logs=$XSW_OUT/soak
rm -rf "$logs"
mkdir -p "$logs"
passed=0 failed=0

# soak NAME LIMIT TEST... (with its bounds in the environment)
soak() {
	local name=$1 limit=$2
	shift 2
	if "$XSW_TOP/scripts/vm.sh" -k "$kernel" -t "$limit" -o "$logs/console" -v \
		"$XSW_TOP/scripts/guest/run-tests.sh" "$@" >"$logs/$name.log" 2>&1; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name (log: ${logs#"$XSW_TOP"/}/$name.log)"
		tail -n 30 "$logs/$name.log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
}

# vm.sh hands the guest every XSW_SOAK_* set: one run's bound at a time.
rounds=${XSW_SOAK_ROUNDS:-300} fuzz=${XSW_SOAK_FUZZ:-20000} secs=${XSW_STRESS_SECS:-1800}
unset XSW_SOAK_ROUNDS XSW_SOAK_FUZZ XSW_STRESS_SECS
export XSW_TEST_LIMIT=20000
XSW_SOAK_ROUNDS=$rounds soak migration-rounds 21600 migrate
XSW_SOAK_FUZZ=$fuzz soak agent-fuzzing 21600 migrate
XSW_STRESS_SECS=$secs soak stress 21600 stress dpstress
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
