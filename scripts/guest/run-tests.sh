#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs several guest tests in one boot (a boot of the debug kernel costs
# most of a minute under TCG), each between markers the host splits the
# console log on: XSW-TEST-BEGIN: NAME and XSW-TEST-END: NAME RC.
# After each test that loaded the module, kmemleak is scanned so that a
# leak is blamed on the test that made it.  Usage: run-tests.sh TEST...
# where TEST names scripts/guest/TEST.sh.
dir=$(dirname "$0")
kmemleak=/sys/kernel/debug/kmemleak
rc=0
for t in "$@"; do
	echo "XSW-TEST-BEGIN: $t"
	[ -w $kmemleak ] && echo clear >$kmemleak
	bash "$dir/$t.sh"
	trc=$?
	# A failed test may leave the modules in; the next one starts clean.
	rmmod xswitch_test 2>/dev/null
	rmmod xsw_sample 2>/dev/null
	rmmod xsw_testext 2>/dev/null
	rmmod xswitch 2>/dev/null
	if [ -w $kmemleak ]; then
		sleep 6
		echo scan >$kmemleak
		echo scan >$kmemleak
		cat $kmemleak
	fi
	echo "XSW-TEST-END: $t $trc"
	[ $trc = 0 ] || rc=1
done
exit $rc
