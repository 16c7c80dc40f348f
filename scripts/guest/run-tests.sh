#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs several guest tests in one boot (a boot of the debug kernel costs
# most of a minute under TCG), each between markers the host splits the
# console log on: XSW-TEST-BEGIN: NAME and XSW-TEST-END: NAME RC.
# After each test the modules are unloaded and the kernel's checks run
# (guest_checks in lib.sh: kmemleak, lockdep, loglevel) inside its markers,
# so that a leak is blamed on the test that made it.  Usage: run-tests.sh
# TEST... where TEST names scripts/guest/TEST.sh.
#
# A test that runs past XSW_TEST_LIMIT seconds (default 900) is stuck,
# whatever the heartbeat says: what the tasks wait on and what xswitch
# holds are printed, the test ends with status 124, and the run stops
# there (a stuck task may hold the modules).
dir=$(dirname "$0")
. "$dir/lib.sh"

limit=${XSW_TEST_LIMIT:-900}

# run_test NAME: the test's exit status, or 124 when it is stuck.
run_test() {
	local pid waited=0
	bash "$dir/$1.sh" &
	pid=$!
	while kill -0 $pid 2>/dev/null; do
		if [ $waited -ge "$limit" ]; then
			echo "xsw-guest: $1 is stuck after ${limit}s; tasks not running:"
			ps -eo pid,stat,wchan:32,args | awk 'NR == 1 || $2 ~ /D/'
			cat /sys/kernel/debug/xswitch/objects /sys/kernel/debug/xswitch/counts \
				2>/dev/null
			return 124
		fi
		sleep 1
		waited=$((waited + 1))
	done
	wait $pid
}

rc=0
for t in "$@"; do
	echo "XSW-TEST-BEGIN: $t"
	start=$SECONDS
	run_test "$t"
	trc=$?
	if [ $trc = 124 ]; then
		echo "XSW-TEST-END: $t $trc"
		exit 1
	fi
	xsw_unload_all
	guest_checks || [ $trc != 0 ] || trc=1
	echo "xsw-guest: $t took $((SECONDS - start)) s"
	echo "XSW-TEST-END: $t $trc"
	[ $trc = 0 ] || rc=1
done
# Nothing ran since the last checks: stage2.sh need not run them again.
: >/run/xsw-checked
exit $rc
