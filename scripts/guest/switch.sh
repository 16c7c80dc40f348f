#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Switch lifecycle through xswctl: create, list, refuse duplicates and
# unknown names, dumps over many messages, and cleanup on unload.  Who may
# see and change switches (other namespaces, the unprivileged) is access.sh.
. "$(dirname "$0")/lib.sh"

xsw_load
xswctl switch add sw0 || fail "switch add sw0"
xswctl switch add sw1 || fail "switch add sw1"
expect_eq "$(switch_names)" "sw0 sw1" "switches after two adds"
expect_eq "$(xswctl switch show sw1 | tail -n1 | awk '{print $2}')" sw1 "show sw1"

expect_fail '^Error: xswitch: a switch of that name already exists \(File exists\)$' \
	xswctl switch add sw0
expect_fail '^Error: xswitch: no switch of that name \(No such file or directory\)$' \
	xswctl switch del nosuch
expect_fail '^Error: xswitch: no switch of that name' xswctl switch show nosuch
expect_eq "$(switch_names)" "sw0 sw1" "switches after refused requests"

# A namespace holds at most max_switches switches (64 by default).
expect_eq "$(cat /sys/module/xswitch/parameters/max_switches)" 64 "default max_switches"
echo 2 >/sys/module/xswitch/parameters/max_switches
expect_fail '^Error: xswitch: over the limit max_switches(=2)? \(No space left on device\)$' \
	xswctl switch add s2
expect_eq "$(switch_names)" "sw0 sw1" "switches after a refusal at the limit"
echo 401 >/sys/module/xswitch/parameters/max_switches

# A dump bigger than one message resumes where it stopped: every switch
# exactly once, in id order.  (One xswctl for the 399: a program started
# costs most of a second in the debug kernel under TCG.)
for i in $(seq 2 400); do echo "switch add s$i"; done | xswctl -b - ||
	fail "adding 399 switches"
want="sw0 sw1 $(seq -s ' ' -f 's%g' 2 400)"
expect_eq "$(switch_names)" "$want" "dump of 401 switches"
expect_fail 'over the limit max_switches' xswctl switch add s401

xswctl switch del sw0 || fail "switch del sw0"
expect_fail 'no switch of that name' xswctl switch show sw0
# Unloading with switches left must free them all (kmemleak checks).
xsw_unload
expect_fail 'is xswitch.ko loaded' xswctl switch show
echo "switch: ok"
