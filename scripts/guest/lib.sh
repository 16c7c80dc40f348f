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

# ok CMD...: CMD must succeed; its output is not wanted.
ok() {
	"$@" >/dev/null || fail "'$*' failed"
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

# expect_says WANT CMD...: CMD must succeed and say exactly WANT, on
# stdout and stderr together.
expect_says() {
	local want=$1 out
	shift
	out=$("$@" 2>&1) || fail "'$*' failed: $out"
	[ "$out" == "$want" ] || fail "'$*' said '$out', want '$want'"
}

# expect_refused WANT CMD...: CMD must fail and say exactly WANT.
expect_refused() {
	local want=$1 out
	shift
	out=$("$@" 2>&1) && fail "'$*' succeeded: $out"
	[ "$out" == "$want" ] || fail "'$*' said '$out', want '$want'"
}

# Names of the switches xswctl -j lists, space separated, in its order.
switch_names() {
	xswctl -j switch show | json_get - '" ".join(s["name"] for s in j)'
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

# nsx NS CMD...: CMD in the network namespace NS, as "ip netns exec" runs
# it but without its mount namespace and NS's sysfs, which cost seconds a
# program in the debug kernel: for programs of sockets, netlink and
# /proc/sys/net.  /sys/class/net stays this namespace's: nsx_sys reads NS's.
nsx() { nsenter --net="/run/netns/$1" "${@:2}"; }
nsx_sys() { ip netns exec "$@"; }

# xswctl_in NETNS ARGS...: xswctl in that network namespace ("": this one).
xswctl_in() {
	local ns=$1
	shift
	if [ -n "$ns" ]; then
		ip netns exec "$ns" "$XSW_XSWCTL" "$@"
	else
		xswctl "$@"
	fi
}

# monitor_probe FILE [NETNS]: steps on a new probe switch (xsw-probeN) in
# NETNS (default: this one) until the monitor writing FILE has reported
# one.  After other steps it is also a fence: an event the monitor would
# have been sent for them is in FILE by then.
XSW_PROBES=0
monitor_probe() {
	local file=$1 ns=${2:-} sw i
	local x=("$XSW_XSWCTL" ${ns:+-n "$ns"})
	XSW_PROBES=$((XSW_PROBES + 1))
	sw=xsw-probe$XSW_PROBES
	"${x[@]}" switch add $sw || fail "switch add $sw"
	# One xswctl a round, bash reading FILE: a program started costs most
	# of a second in the debug kernel under TCG.
	for ((i = 0; i < 100; i++)); do
		"${x[@]}" -b - >/dev/null <<<"port add $sw name probe type internal id 1
port teardown $sw id 1
port del $sw id 1" || fail "probe port"
		file_has "$file" " switch $sw " && break
		sleep 0.1
	done
	"${x[@]}" switch del $sw || fail "switch del $sw"
	file_has "$file" " switch $sw " || fail "the monitor${ns:+ in netns $ns} never heard its own probe"
}

# file_has FILE STRING: a line of FILE holds STRING (grep -qF in bash).
file_has() {
	local line
	while IFS= read -r line; do
		[[ $line == *"$2"* ]] && return 0
	done <"$1"
	return 1
}

# monitor_start FILE [NETNS]: "xswctl monitor" into FILE in the background,
# in NETNS (default: this one), and returns once it is listening: it has
# reported a step of a probe switch in its own namespace.
monitor_start() {
	# The binary itself, not the xswctl function: a backgrounded function
	# is a subshell, and killing it would leave the monitor running.
	if [ -n "${2:-}" ]; then
		ip netns exec "$2" "$XSW_XSWCTL" monitor >"$1" &
	else
		"$XSW_XSWCTL" monitor >"$1" &
	fi
	XSW_MONITOR=$!
	monitor_probe "$@"
}

# monitor_events FILE SWITCH COUNT: waits for COUNT events of SWITCH and
# prints them without the switch name.
monitor_events() {
	local i n line out
	for ((i = 0; i < 100; i++)); do
		n=0 out=''
		while IFS= read -r line; do
			[[ $line == *" switch $2 "* ]] || continue
			n=$((n + 1))
			out+=${line/" switch $2 "/ }$'\n'
		done <"$1"
		[ $n -ge "$3" ] && break
		sleep 0.1
	done
	printf '%s' "$out"
}

monitor_stop() {
	kill "$XSW_MONITOR" && wait "$XSW_MONITOR" 2>/dev/null
	true
}

# json_get JSON PYTHON-EXPR: the expression, with the parsed JSON as j;
# JSON "-" reads it from stdin (a long dump is too big for an argument).
json_get() {
	python3 -c 'import json, sys
j = json.load(sys.stdin) if sys.argv[1] == "-" else json.loads(sys.argv[1])
print(eval(sys.argv[2]))' "$1" "$2"
}

# The modules of this tree, in the order they unload (users first).
XSW_MODULES=(xswitch_test xsw_sample xsw_testext xsw_count xsw_acl xsw_learn xswitch)

# xsw_unload_all: unloads whichever of them are loaded; after a test, which
# may have failed with them in.
xsw_unload_all() {
	local m ns out dels
	# A failed test may leave switches holding extension modules.  (Bash
	# reads the list: a python3 costs seconds in the debug kernel.)
	if [ -d /sys/module/xswitch ]; then
		for ns in "" $(ip netns list 2>/dev/null | cut -d' ' -f1); do
			out=$("$XSW_TOP/tools/xswctl/xswctl" ${ns:+-n "$ns"} -j switch show 2>/dev/null)
			dels=''
			while [[ $out =~ \{\"id\":[0-9]+,\"name\":\"([^\"]*)\"(.*)$ ]]; do
				dels+="switch del ${BASH_REMATCH[1]}"$'\n'
				out=${BASH_REMATCH[2]}
			done
			[ -z "$dels" ] ||
				"$XSW_TOP/tools/xswctl/xswctl" ${ns:+-n "$ns"} -f -b - <<<"$dels" >/dev/null 2>&1
		done
	fi
	# And namespaces the next test would name again.
	ip -all netns delete 2>/dev/null
	for m in "${XSW_MODULES[@]}"; do
		[ ! -d "/sys/module/$m" ] || rmmod "$m"
	done
}

# The kernel's own checks around the tests, for stage2.sh and run-tests.sh
# (not for the tests).  Each prints what it found, and fails when the run
# can no longer be trusted.

XSW_KMEMLEAK=/sys/kernel/debug/kmemleak

# kmemleak_scan [N]: scans N times, twice by default (a single small leak
# shows up in only about half of the scans).  Fails when kmemleak is off:
# it turns itself off for good when it runs out of memory for its own
# records, and says so only once.
kmemleak_scan() {
	local i
	for ((i = 0; i < ${1:-2}; i++)); do
		{ echo scan >$XSW_KMEMLEAK; } 2>/dev/null && continue
		echo "FAIL: kmemleak is off (writing scan to $XSW_KMEMLEAK failed): leaks would go unseen"
		return 1
	done
}

# leaks_start: before the first test.  The debug kernel must have kmemleak,
# and on.  What boot left is found and then cleared ("clear" forgets only
# what a scan has reported), so that the first test is not blamed for it;
# kmemleak reports only objects older than 5 s, hence the wait.
leaks_start() {
	local n
	if [ ! -e $XSW_KMEMLEAK ]; then
		[ "$XSW_KERNEL" = test ] || return 0
		echo "FAIL: the debug kernel has no $XSW_KMEMLEAK"
		return 1
	fi
	sleep 5
	kmemleak_scan || return 1
	n=$(grep -c '^unreferenced object' $XSW_KMEMLEAK)
	[ "$n" = 0 ] || echo "xsw-guest: kmemleak: cleared $n objects from before the tests"
	echo clear >$XSW_KMEMLEAK
}

# leaks_check: after a test, prints what it leaked (the host fails the test
# whose part of the log holds an "unreferenced object"), then clears it so
# that the next test starts clean.
#
# kmemleak reports an object only once it is 5 s old and a scan found it
# as it was in the scan before (an object whose contents changed since is
# taken as in use): the first scan runs at once, the second 6 s after the
# test ended at the earliest (a scan takes seconds of its own in the debug
# kernel).
leaks_check() {
	local t0=$SECONDS
	[ -e $XSW_KMEMLEAK ] || return 0
	kmemleak_scan 1 || return 1
	# 7: SECONDS counts whole seconds, t0 may be almost one late.
	[ $((SECONDS - t0)) -ge 7 ] || sleep $((7 - (SECONDS - t0)))
	kmemleak_scan 1 || return 1
	cat $XSW_KMEMLEAK
	echo clear >$XSW_KMEMLEAK
}

# lockdep_check: says, once, that lockdep has turned itself off (after its
# first report, or on a taint that makes it unreliable, such as a forced
# rmmod): lock bugs after that go unchecked.
lockdep_check() {
	local stats=/proc/lockdep_stats
	[ -r $stats ] && [ ! -e /run/xsw-lockdep-off ] || return 0
	grep -Eq '^ *debug_locks: +0$' $stats || return 0
	: >/run/xsw-lockdep-off
	echo "xsw-guest: lockdep is off (debug_locks is 0): lock bugs from here on go unchecked"
	return 1
}

# loglevel_check: the console must show KERN_INFO (level 6) and up, as
# vm.sh asks (loglevel=7): below 5 warnings and lockdep reports never reach
# the log, below 7 KUnit's KTAP does not.
loglevel_check() {
	local level
	read -r level _ </proc/sys/kernel/printk
	[ "$level" -ge 7 ] && return 0
	echo "FAIL: the console loglevel is $level, not 7: kernel reports would not reach the log"
	return 1
}

# guest_checks: all of the above, after a test.
guest_checks() {
	local rc=0
	leaks_check || rc=1
	lockdep_check || rc=1
	loglevel_check || rc=1
	return $rc
}

# The steps of a migration of one port with one NIC, a security policy
# and test-filter's 3 records, as "xswctl monitor" prints them without
# their stamps, on each host.  mig_source_steps PORT;
# mig_dest_steps VALIDATION-PORT PORT.
mig_source_steps() {
	printf 'op nic-save port %s nic 0 status 0 records 3\n' "$1"
	printf 'op nic-save-complete port %s nic 0 status 0\n' "$1"
	printf 'op %s port %s nic 0 status 0\n' nic-disconnect "$1" nic-delete "$1"
	printf 'op %s port %s status 0\n' port-teardown "$1" port-delete "$1"
}
mig_dest_steps() {
	local nil=00000000-0000-0000-0000-000000000000
	local filter=7e57e47e-0000-4000-8000-000000000002 p
	for p in "$1" "$2"; do
		printf 'op port-create port %s status 0\n' "$p"
		printf 'op port-prop-add port %s prop-type security instance-id %s status 0\n' "$p" $nil
		[ "$p" = "$2" ] ||
			printf 'op %s port %s status 0\n' port-teardown "$p" port-delete "$p"
	done
	printf 'op %s port %s nic 0 status 0\n' nic-create "$2" nic-connect "$2"
	printf 'op nic-restore port %s nic 0 status 0 ext-id %s\n' "$2" $filter "$2" $filter "$2" $filter
	printf 'op nic-restore-complete port %s nic 0 status 0 records 3\n' "$2"
}
