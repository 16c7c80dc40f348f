#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Several clients at once for a bounded time (XSW_STRESS_SECS, default
# 40): two that walk random ports of one switch through their whole life
# (so they collide and are refused), one on another switch, one attaching,
# enabling, disabling and detaching extensions, one dumping, a listener,
# network namespaces made, filled and destroyed under their own clients,
# and the test extension referencing sw1's ports from softirq, stopped,
# detached and attached again between bursts.
# Then the invariants: no object left over a reference, every counter at
# one, every switch's event sequence gapless, and after the last delete
# nothing alive at all.  Any kernel splat fails the run (the runner).
. "$(dirname "$0")/lib.sh"

secs=${XSW_STRESS_SECS:-40}
mon=/tmp/stress-monitor.txt
dbg=/sys/kernel/debug/xswitch
end=$((SECONDS + secs))

# lifecycle SWITCH: batches of whole port lives on random ids 1 to 16.
lifecycle() {
	local sw=$1 i p
	while [ $SECONDS -lt $end ]; do
		for i in $(seq 20); do
			p=$((RANDOM % 16 + 1))
			echo "port add $sw id $p type synthetic name p$p"
			echo "nic add $sw port $p name n$p vm-name vm$p"
			echo "prop add $sw port $p type vlan instance-id 11111111-0000-0000-0000-00000000000$((p % 10)) version 1 vlan access 10"
			echo "nic connect $sw port $p"
			echo "prop set $sw port $p type vlan instance-id 11111111-0000-0000-0000-00000000000$((p % 10)) version 1 vlan trunk allowed 10-20 native 10"
			echo "nic set $sw port $p mtu $((1400 + RANDOM % 100))"
			p=$((RANDOM % 16 + 1))
			echo "nic disconnect $sw port $p"
			echo "nic del $sw port $p"
			echo "prop del $sw port $p type vlan instance-id 11111111-0000-0000-0000-00000000000$((p % 10))"
			echo "port teardown $sw id $p"
			echo "port del $sw id $p"
		done | xswctl -f -b - >/dev/null 2>&1
	done
	true
}

extensions() {
	local e
	while [ $SECONDS -lt $end ]; do
		for e in sample-vlan sample-capture; do
			echo "ext attach sw0 name $e"
			echo "ext set sw0 name $e enabled on"
		done
		echo "ext set sw0 name sample-capture position 0"
		echo "ext set sw0 name sample-vlan enabled off"
		echo "ext detach sw0 name sample-vlan"
		echo "ext detach sw0 name sample-capture"
	done | xswctl -f -b - >/dev/null 2>&1
	true
}

dumps() {
	while [ $SECONDS -lt $end ]; do
		xswctl -j port show sw0
		xswctl -j nic show sw0
		xswctl -j prop show sw0 port $((RANDOM % 16 + 1))
		xswctl -j ext show sw0
		xswctl switch show
	done >/dev/null 2>&1
	true
}

# Namespaces holding switches, destroyed while a client in them still runs.
namespaces() {
	local n=0 ns
	while [ $SECONDS -lt $end ]; do
		ns=stress$((n++))
		ip netns add $ns || return 1
		xswctl -n $ns switch add s >/dev/null &&
			printf 'port add s id %d type synthetic\nnic add s port %d\nnic connect s port %d\n' \
				1 1 1 2 2 2 3 3 3 | xswctl -n $ns -b - >/dev/null ||
			fail "filling namespace $ns"
		ip netns exec $ns bash -c "while :; do $XSW_XSWCTL -j nic show s; done" \
			>/dev/null 2>&1 &
		sleep 0.$((RANDOM % 10))
		ip netns del $ns
		kill $! 2>/dev/null
		wait $! 2>/dev/null
	done
	true
}

# The test extension on sw1, whose timer takes and drops references to
# ports 1 to 16 and their NICs every jiffy, in softirq, while the
# lifecycle client deletes them; between bursts the timer stops and the
# attachment is disabled, detached, attached and enabled again.
timer=$XSW_TESTEXT/test-filter/timer
softirq_refs() {
	local n=0
	# One round at least: on a loaded machine the client may start late.
	while [ $SECONDS -lt $end ] || [ $n = 0 ]; do
		n=$((n + 1))
		echo "start sw1 1 16" >$timer || return 1
		sleep 0.$((RANDOM % 5 + 1))
		grep '^sw1 ' $timer >>/tmp/stress-timer.txt
		echo "stop sw1" >$timer || return 1
		printf '%s\n' "ext set sw1 name test-filter enabled off" \
			"ext detach sw1 name test-filter" \
			"ext attach sw1 name test-filter" \
			"ext set sw1 name test-filter enabled on" |
			xswctl -b - >/dev/null || return 1
	done
}

xsw_load
xsw_load_sample
xsw_load_testext
xswctl switch add sw0 >/dev/null && xswctl switch add sw1 >/dev/null || fail "switches"
xswctl ext attach sw1 name test-filter && xswctl ext set sw1 name test-filter enabled on ||
	fail "test-filter on sw1"
monitor_start "$mon"
pids=()
lifecycle sw0 & pids+=($!)
lifecycle sw0 & pids+=($!)
lifecycle sw1 & pids+=($!)
extensions & pids+=($!)
dumps & pids+=($!)
namespaces & pids+=($!)
softirq_refs & pids+=($!)
# A client stuck past the end (a delete that never completes) is a failure
# with what the module holds, not a hang of the run.
for i in $(seq 120); do
	alive=0
	for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
	[ $alive = 0 ] && break
	sleep 1
done
if [ $alive = 1 ]; then
	state=$(cat $dbg/objects $dbg/counts)
	for p in "${pids[@]}"; do pkill -9 -P "$p"; kill -9 "$p"; done 2>/dev/null
	fail "clients still running 120s after the end:
$state"
fi
for p in "${pids[@]}"; do
	wait "$p" || fail "stress client $p failed"
done
# Positive control: the timer really took references.
awk '{ for (i = 1; i < NF; i++) if ($i == "port-refs") n += $(i + 1) } END { exit !n }' \
	/tmp/stress-timer.txt || fail "the timer took no reference: $(tail -n 3 /tmp/stress-timer.txt)"

# Quiet now: nothing waits, every counter is at one.
objects=$(cat $dbg/objects)
grep -q "^switch sw0 " <<<"$objects" || fail "no sw0 in $dbg/objects"
bad=$(awk '/deleting/ { print; next }
	$1 == "ext" { if ($NF != 0) print; next }
	{ for (i = 1; i < NF; i++) if (($i == "users" || $i == "refs") && $(i + 1) != 1) { print; next } }' <<<"$objects")
[ -z "$bad" ] || fail "objects not at rest after the stress: $bad"

# Every step of sw0 and sw1 reached the listener, numbered without a gap.
xswctl switch add xsw-last >/dev/null && xswctl switch del xsw-last
sleep 1
monitor_stop
grep -q 'events were lost' "$mon" && fail "the listener lost events"
for sw in sw0 sw1; do
	seqs=$(grep " switch $sw " "$mon" | awk '{print $2}')
	[ "$(wc -l <<<"$seqs")" -gt 100 ] || fail "only $(wc -l <<<"$seqs") events of $sw"
	gaps=$(awk 'NR > 1 && $1 != prev + 1 { print prev " -> " $1 } { prev = $1 }' <<<"$seqs")
	[ -z "$gaps" ] || fail "gaps in the event sequence of $sw: $gaps"
done
echo "stress: $(grep -c ' switch sw0 ' "$mon") events on sw0, $(grep -c ' switch sw1 ' "$mon") on sw1 in ${secs}s"

# Everything goes, sw1 with the timer still referencing its ports from
# softirq; namespaces' exits run asynchronously: wait for them.
echo "start sw1 1 16" >$timer || fail "timer on sw1 for its delete"
sleep 0.2
xswctl switch del sw0 && xswctl switch del sw1 || fail "deleting the switches"
for i in $(seq 60); do
	[ "$(awk '$2 != 0' $dbg/counts)" = "" ] && break
	sleep 1
done
expect_eq "$(awk '$2 != 0' $dbg/counts)" "" "objects alive after the last delete"
rmmod xsw_testext || fail "rmmod xsw_testext"
rmmod xsw_sample || fail "rmmod xsw_sample"
xsw_unload
echo "stress: ok"
