# SPDX-License-Identifier: GPL-2.0
# Helpers for guest test scripts: sourced, never run.  A test script runs
# in a guest booted by scripts/vm.sh, as root, with XSW_MODDIR (the modules
# built for this kernel), XSW_XSWCTL and XSW_KSRC (the kernel source tree,
# when unpacked) in the environment.
set -u

fail() {
	echo "FAIL: $*"
	exit 1
}

xswctl() {
	"$XSW_XSWCTL" "$@"
}

xsw_load() {
	insmod "$XSW_MODDIR/xswitch.ko" || fail "insmod xswitch.ko"
}

xsw_unload() {
	rmmod xswitch || fail "rmmod xswitch"
}

expect_eq() {
	[ "$1" == "$2" ] || fail "${3:-value}: got '$1', want '$2'"
}

# expect_fail PATTERN CMD...: CMD must fail and say something matching the
# extended regex PATTERN on stdout or stderr.
expect_fail() {
	local pat=$1 out line
	shift
	if out=$("$@" 2>&1); then
		fail "'$*' succeeded: $out"
	fi
	# Line by line, as grep -E would, but without starting a program
	# (half a second each in the debug kernel under TCG).
	while IFS= read -r line; do
		[[ $line =~ $pat ]] && return 0
	done <<<"$out"
	fail "'$*' said '$out', want /$pat/"
}

# Names of the switches xswctl -j lists, space separated, in its order.
switch_names() {
	xswctl -j switch show | python3 -c \
		'import json, sys; print(" ".join(s["name"] for s in json.load(sys.stdin)))'
}

# The sample extensions (sample-vlan, sample-capture), after xsw_load.
xsw_load_sample() {
	insmod "$XSW_MODDIR/extensions/xsw_sample.ko" || fail "insmod xsw_sample.ko"
}

# The debugfs-driven test extensions (test-capture, test-filter,
# test-forward), after xsw_load; their knobs are under $XSW_TESTEXT.
XSW_TESTEXT=/sys/kernel/debug/xsw_testext
xsw_load_testext() {
	insmod "$XSW_MODDIR/extensions/xsw_testext.ko" || fail "insmod xsw_testext.ko"
}

# monitor_start FILE: "xswctl monitor" into FILE in the background, and
# returns once it is listening (it has seen a step on a probe switch).
monitor_start() {
	local i
	# The binary itself: a backgrounded shell function is a subshell,
	# and killing it would leave the monitor running.
	"$XSW_XSWCTL" monitor >"$1" &
	XSW_MONITOR=$!
	xswctl switch add xsw-probe || fail "switch add xsw-probe"
	for i in $(seq 100); do
		xswctl port add xsw-probe name probe type internal id 1 >/dev/null &&
			xswctl port teardown xsw-probe id 1 &&
			xswctl port del xsw-probe id 1 || fail "probe port"
		grep -q 'switch xsw-probe' "$1" && break
		sleep 0.1
	done
	xswctl switch del xsw-probe || fail "switch del xsw-probe"
	grep -q 'switch xsw-probe' "$1" || fail "the monitor never listened"
}

# monitor_events FILE SWITCH COUNT: waits for COUNT events of SWITCH and
# prints them without the switch name.
monitor_events() {
	local i
	for i in $(seq 100); do
		[ "$(grep -c " switch $2 " "$1")" -ge "$3" ] && break
		sleep 0.1
	done
	grep " switch $2 " "$1" | sed "s/ switch $2 / /"
}

monitor_stop() {
	kill "$XSW_MONITOR" && wait "$XSW_MONITOR" 2>/dev/null
	true
}

# json_get JSON PYTHON-EXPR: the expression, with the parsed JSON as j.
json_get() {
	python3 -c 'import json, sys; j = json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"
}
