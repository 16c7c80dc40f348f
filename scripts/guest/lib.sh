# SPDX-License-Identifier: GPL-2.0
# Helpers for guest test scripts: sourced, never run.  A test script runs
# in a guest booted by scripts/vm.sh, as root, with XSW_MODDIR (the modules
# built for this kernel) and XSW_XSWCTL in the environment.
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
	local pat=$1 out
	shift
	if out=$("$@" 2>&1); then
		fail "'$*' succeeded: $out"
	fi
	grep -qE -- "$pat" <<<"$out" || fail "'$*' said '$out', want /$pat/"
}

# Names of the switches xswctl -j lists, space separated, in its order.
switch_names() {
	xswctl -j switch show | python3 -c \
		'import json, sys; print(" ".join(s["name"] for s in json.load(sys.stdin)))'
}
