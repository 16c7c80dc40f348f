#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job, in a guest: load xswitch, drive it with xswctl, show what
# it answers, and unload it.  Grows with the project.
. "$(dirname "$0")/lib.sh"

say() {
	printf '\n$ %s\n' "$*"
	"$@"
}

say insmod "$XSW_MODDIR/xswitch.ko" || fail "insmod"
say genl ctrl get name xswitch
say xswctl switch add sw0
say xswctl switch add sw1
say xswctl switch show
say xswctl -j switch show
say xswctl switch add sw0
say xswctl switch del sw1
say xswctl switch show
say rmmod xswitch
echo
echo "demo: ok"
