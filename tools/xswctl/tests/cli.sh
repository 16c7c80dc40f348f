#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# xswctl's command line, without the kernel module: help, usage errors and
# the message when the family is missing.  Usage: cli.sh PATH-TO-XSWCTL
set -u
xswctl=$1
fails=0

# Matches a file against an extended regex; "EMPTY" means no output at all.
matches() {
	if [ "$1" = EMPTY ]; then
		[ ! -s "$2" ]
	else
		grep -qE -- "$1" "$2"
	fi
}

# expect RC STDOUT-PATTERN STDERR-PATTERN -- ARGS...
expect() {
	local rc=$1 out=$2 err=$3 got_rc
	shift 4
	"$xswctl" "$@" >/tmp/xswctl-cli.$$.out 2>/tmp/xswctl-cli.$$.err
	got_rc=$?
	if [ "$got_rc" != "$rc" ] ||
	   ! matches "$out" /tmp/xswctl-cli.$$.out ||
	   ! matches "$err" /tmp/xswctl-cli.$$.err; then
		echo "FAIL: xswctl $* (rc $got_rc, want $rc)"
		sed 's/^/  out: /' /tmp/xswctl-cli.$$.out
		sed 's/^/  err: /' /tmp/xswctl-cli.$$.err
		fails=$((fails + 1))
	fi
}

expect 0 '^Usage: xswctl' EMPTY -- --help
expect 0 '^Usage: xswctl' EMPTY -- help
expect 0 '^xswctl ' EMPTY -- -V
expect 1 EMPTY '^Usage: xswctl' --
expect 1 EMPTY 'unknown option "-x"' -- -x switch show
expect 1 EMPTY 'unknown object "bogus"' -- bogus
expect 0 'xswctl switch add NAME' EMPTY -- switch help
expect 1 EMPTY 'unknown switch command "frob"' -- switch frob
expect 1 EMPTY 'switch name missing' -- switch add
expect 1 EMPTY 'switch name "0123456789abcdef" is not 1 to 15 bytes' -- switch add 0123456789abcdef
expect 1 EMPTY 'unexpected argument "extra"' -- switch del sw0 extra
if ! grep -qw xswitch /proc/net/genetlink 2>/dev/null && ! lsmod 2>/dev/null | grep -qw xswitch; then
	expect 1 EMPTY 'no "xswitch" netlink family: is xswitch.ko loaded' -- switch show
fi
rm -f /tmp/xswctl-cli.$$.*
[ "$fails" = 0 ] && echo "cli: ok"
exit $((fails > 0))
