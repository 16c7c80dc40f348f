#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs several guest tests in one boot (a boot of the debug kernel costs
# most of a minute under TCG), each between markers the host splits the
# console log on: XSW-TEST-BEGIN: NAME and XSW-TEST-END: NAME RC.
# After each test the modules are unloaded and the kernel's checks run
# (guest_checks in lib.sh: kmemleak, lockdep, loglevel) inside its markers,
# so that a leak is blamed on the test that made it.  Usage: run-tests.sh
# TEST... where TEST names scripts/guest/TEST.sh.
dir=$(dirname "$0")
. "$dir/lib.sh"

rc=0
for t in "$@"; do
	echo "XSW-TEST-BEGIN: $t"
	start=$SECONDS
	bash "$dir/$t.sh"
	trc=$?
	xsw_unload_all
	guest_checks || [ $trc != 0 ] || trc=1
	echo "xsw-guest: $t took $((SECONDS - start)) s"
	echo "XSW-TEST-END: $t $trc"
	[ $trc = 0 ] || rc=1
done
# Nothing ran since the last checks: stage2.sh need not run them again.
: >/run/xsw-checked
exit $rc
