#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs the KUnit suites: loading xswitch_test.ko runs them and prints KTAP
# on the console, which the host parses.  Fails here too if a case failed.
. "$(dirname "$0")/lib.sh"

[ -f "$XSW_MODDIR/xswitch_test.ko" ] || fail "no xswitch_test.ko: this kernel has no KUnit"
xsw_load
insmod "$XSW_MODDIR/xswitch_test.ko" || fail "insmod xswitch_test.ko"
rc=0
for results in /sys/kernel/debug/kunit/*/results; do
	grep -q '^not ok' "$results" && rc=1
done
rmmod xswitch_test
xsw_unload
exit $rc
