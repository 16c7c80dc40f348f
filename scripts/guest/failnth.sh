#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fault injection over every mutating command: for each, N = 1, 2 ... makes
# the N-th fault-injection point the request passes fail (XSWCTL_FAIL_NTH:
# the kernel's fail-nth where it has one, else xswitch's debugfs fail_nth),
# until the command runs without the fault being injected.  After every
# injected fault the request must have failed with a message and left the
# whole state (objects, properties, extensions and what they counted, the
# counts of live objects) as it was, announcing nothing; or it must have
# absorbed the fault and done exactly what it does without one.  The only
# other outcome is netlink's: the request was carried out, but the kernel
# could not allocate its answer and the socket reports ENOBUFS.  kmemleak
# must find nothing afterwards.  Each command's line says what each N did:
# f failed cleanly, a absorbed, l lost the answer.  XSW_FAILNTH_MAX bounds
# N (default 200); XSW_FAILNTH_ONLY, an extended regex, walks only the
# commands whose names it matches.
. "$(dirname "$0")/lib.sh"

max_n=${XSW_FAILNTH_MAX:-200}
only=${XSW_FAILNTH_ONLY:-}
sw=fw
tmp=/run/failnth
mon=$tmp/monitor.txt
i1=11111111-0000-0000-0000-000000000001
i2=11111111-0000-0000-0000-000000000002
custom=c0ffee00-0000-0000-0000-000000000001
vlan_status=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e01
capture_status=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e02
counts=/sys/kernel/debug/xswitch/counts
kmemleak=/sys/kernel/debug/kmemleak
mkdir -p $tmp

# The kernel's fault attributes, where it has them: sleeping allocations
# may fail too (by default they never do), and quietly (by default each
# failure dumps a stack, which the runner would take for a splat).
knobs=()
for a in failslab fail_page_alloc; do
	d=/sys/kernel/debug/$a
	[ -d $d ] || continue
	knobs+=("$d/ignore-gfp-wait=$(cat $d/ignore-gfp-wait)" "$d/verbose=$(cat $d/verbose)")
	echo N >$d/ignore-gfp-wait
	echo 0 >$d/verbose
done
# kmemleak and debug objects keep books of allocations in caches of their
# own, whose failures they absorb (they fall back on a pool): only the
# other caches fail, or every walk would be twice as long for nothing.
if [ -w /sys/kernel/debug/failslab/cache-filter ]; then
	for c in /sys/kernel/slab/*; do
		[ -L "$c" ] && continue
		case ${c##*/} in kmemleak_object | debug_objects_cache) continue ;; esac
		echo 1 2>/dev/null >"$c/failslab" && knobs+=("$c/failslab=0")
	done
	knobs+=("/sys/kernel/debug/failslab/cache-filter=N")
	echo Y >/sys/kernel/debug/failslab/cache-filter
fi
restore_knobs() {
	local k
	for k in "${knobs[@]}"; do
		echo "${k##*=}" >"${k%=*}"
	done
}
trap restore_knobs EXIT
if [ -e /proc/thread-self/fail-nth ]; then
	via="the kernel's fail-nth"
else
	via="xswitch's fail_nth"
fi

xsw_load
xsw_load_sample
[ -w /sys/kernel/debug/xswitch/fail_nth ] || fail "no /sys/kernel/debug/xswitch/fail_nth"

# The hook itself: a bad count is refused, an unreached one said so, and
# without the variable xswctl says nothing of fail-nth.
for bad in 0 x 1@0 1@ @1 1@x; do
	expect_fail "^xswctl: XSWCTL_FAIL_NTH \"$bad\" is not N or N@K, numbers from 1\$" \
		env XSWCTL_FAIL_NTH=$bad "$XSW_XSWCTL" switch show
done
out=$(XSWCTL_FAIL_NTH=100000 xswctl switch show 2>&1 >/dev/null)
grep -qxE 'xswctl: fail-nth 100000 \((/proc/thread-self/fail-nth|/sys/kernel/debug/xswitch/fail_nth)\): not injected' <<<"$out" ||
	fail "an unreached fault: $out"
out=$(xswctl switch show 2>&1) || fail "switch show: $out"
grep -q fail-nth <<<"$out" && fail "xswctl spoke of fail-nth unasked: $out"

# Marker steps on a switch of their own tell when the monitor has printed
# everything that came before them.  Under TCG a process costs much, so
# what runs for every fault sticks to bash builtins: the monitor's output
# is read on a file descriptor that stays open, and waits block in read
# on a FIFO nobody writes.
xswctl -b - >/dev/null <<EOF || fail "marker switch"
switch add mark
port add mark name m type internal id 1
EOF
monitor_start "$mon"
exec 7<"$mon"
mkfifo $tmp/never
exec 8<>$tmp/never
marks=0 marks_seen=0 partial='' events='' state='' ev=''

# Reads the monitor's lines up to marker $marks, keeping those of the walk's
# switch in $events, without their sequence numbers.
monitor_sync() {
	local line waits=0
	while [ "$marks_seen" -lt "$marks" ]; do
		if ! IFS= read -r line <&7; then
			partial+=$line
			waits=$((waits + 1))
			[ $waits -lt 400 ] || return 1
			read -rt 0.05 -u 8 line
			continue
		fi
		line=$partial$line
		partial=''
		case $line in
		*" switch mark op port-update port 1 status 0")
			marks_seen=$((marks_seen + 1)) ;;
		*" switch $sw "*)
			events+="${line#seq * switch "$sw" }"$'\n' ;;
		esac
	done
}

# The state of the walk's switch, into $state: every object, property,
# attachment and extension counter, and the counts of all live objects.
# Also brings $events up to date.  With PORTS (ids, space separated), the
# ports whose properties to list, in one process: those of every state the
# walk may see, first those all have, so that a port that is missing can
# only be the last asked for (a batch stops at its first error).  Without,
# it asks which ports there are first.
snapshot() {
	local out p more='' ports=${1-}
	marks=$((marks + 1))
	if [ $# = 0 ]; then
		out=$(xswctl -j -b - 2>&1 <<<"port show $sw")
		while [[ $out =~ \"switch\":\"$sw\",\"id\":([0-9]+)(.*)$ ]]; do
			ports+=" ${BASH_REMATCH[1]}"
			out=${BASH_REMATCH[2]}
		done
	fi
	for p in $ports; do
		more+=$'\n'"prop show $sw port $p"$'\n'"feature show $sw port $p id $capture_status"
	done
	out=$(xswctl -j -b - 2>&1 <<EOF
port set mark id 1 friendly-name m$marks
switch show
port show $sw
nic show $sw
prop show $sw
ext show $sw
feature show $sw id $vlan_status
feature show $sw id $capture_status$more
EOF
	)
	# A rebuilt switch has a new id: switch ids are left out.
	while [[ $out =~ ^(.*)\{\"id\":[0-9]+,\"name\":(.*)$ ]]; do
		out="${BASH_REMATCH[1]}{\"name\":${BASH_REMATCH[2]}"
	done
	state=$out$'\n'$(<$counts)
	monitor_sync || fail "the monitor did not print marker $marks"
}

# The ports of the state $1, space separated.
ports_of() {
	local out=$1 ports=''
	while [[ $out =~ \"switch\":\"$sw\",\"id\":([0-9]+)(.*)$ ]]; do
		ports+=" ${BASH_REMATCH[1]}"
		out=${BASH_REMATCH[2]}
	done
	echo "$ports"
}

# The steps announced for the walk's switch since the last call, into $ev.
take_events() {
	ev=$events
	events=''
}

# Every line of $1 is in $2, in the same order (events may be lost, as a
# gap in the sequence numbers tells a listener).
subsequence() {
	local a b l i=0
	mapfile -t a <<<"$1"
	mapfile -t b <<<"$2"
	for l in "${b[@]}"; do
		[ $i -lt ${#a[@]} ] && [ "$l" == "${a[i]}" ] && i=$((i + 1))
	done
	[ $i = ${#a[@]} ]
}

# The steps a failed request may have announced: none, or a create the
# request undid in the Hyper-V order ("DOC: Netlink requests").
undone() {
	local p='port ([0-9]+)' n='nic ([0-9]+)' s=' status 0'$'\n'
	[ -z "$1" ] || failed_io "$1" ||
		[[ $1 =~ ^op\ port-create\ $p$s(.*)$ &&
		   ${BASH_REMATCH[2]} == "op port-teardown port ${BASH_REMATCH[1]}$s""op port-delete port ${BASH_REMATCH[1]}$s" ]] ||
		[[ $1 =~ ^op\ nic-create\ $p\ $n$s(.*)$ &&
		   ${BASH_REMATCH[3]} == "op nic-delete port ${BASH_REMATCH[1]} nic ${BASH_REMATCH[2]}$s" ]]
}

# A save or restore that failed announces its steps and, last, its
# completion with the errno (SAVE_COMPLETE and RESTORE_COMPLETE always go
# down the stack): that, and only that, is the announcement of a failed
# nic save or nic restore.
failed_io() {
	local l steps last
	mapfile -t steps <<<"${1%$'\n'}"
	for l in "${steps[@]}"; do
		[[ $l =~ ^op\ nic-(save|restore)(-complete)?\ port\ 1\ nic\ 0\ status\ -?[0-9]+( |$) ]] ||
			return 1
	done
	last=${steps[${#steps[@]} - 1]}
	[[ $last =~ ^op\ nic-(save|restore)-complete\ port\ 1\ nic\ 0\ status\ -[0-9]+( |$) ]]
}

# The base every walk starts from: a switch with both sample extensions
# enabled, a VM port with a connected NIC, an external port, and a
# property on each.
base="switch add $sw
ext attach $sw name sample-capture
ext set $sw name sample-capture enabled on
ext attach $sw name sample-vlan
ext set $sw name sample-vlan enabled on
port add $sw name p1 type synthetic id 1
nic add $sw port 1 name n1 vm-name vm1 vm-mac 00:15:5d:00:00:01
nic connect $sw port 1
port add $sw name up type external id 2
prop add $sw port 1 type vlan instance-id $i1 version 1 vlan access 10
prop add $sw type custom id $custom instance-id $i1 version 1 data 00"

# rebuild SETUP [PORTS]: the walk's switch anew, as SETUP (batch lines)
# makes it, from the state in $state; leaves the new state in $state and
# forgets the steps it announced.
rebuild() {
	local lines=$1
	shift
	[[ $state == *"no switch of that name"* ]] || lines="switch del $sw"$'\n'$lines
	xswctl -b - >/dev/null <<<"$lines" || fail "rebuild: $lines"
	snapshot "$@"
	take_events
}

# restore SETUP STATE: as rebuild, when SETUP is known to make STATE.
restore() {
	local lines=$1
	marks=$((marks + 1))
	[[ $state == *"no switch of that name"* ]] || lines="switch del $sw"$'\n'$lines
	xswctl -b - >/dev/null <<EOF || fail "restore: $lines"
$lines
port set mark id 1 friendly-name m$marks
EOF
	monitor_sync || fail "the monitor did not print marker $marks"
	state=$2
	take_events
}

# state_diff WANT GOT: what differs, for a failure message.  (No process
# substitution: the guest's /dev has no /dev/fd.)
state_diff() {
	echo "$1" >$tmp/want
	echo "$2" >$tmp/got
	diff $tmp/want $tmp/got | head -n 20
}

walks=0 faults=0
# walk [-f] [-s] [-i FILE] [-r K] NAME SETUP CMD...: the fail-nth walk of
# one command, which without a fault succeeds and changes the state,
# unless -f (it is refused) or -s (it changes nothing) says otherwise; -i
# gives each run of the command FILE on its standard input, and -r walks
# the command's K-th request instead of its first.
walk() {
	local refused='' same='' input=/dev/null req=1 name setup before after
	local ref_rc ref_ev out rc n b a p ports t0 injected
	local clean=0 absorbed=0 lost=0 trace=''
	[ "$1" = -f ] && { refused=1; shift; }
	[ "$1" = -s ] && { same=1; shift; }
	[ "$1" = -i ] && { input=$2; shift 2; }
	[ "$1" = -r ] && { req=$2; shift 2; }
	name=$1 setup=$2
	shift 2
	[[ -z $only || $name =~ $only ]] || return 0
	t0=$SECONDS

	# What the command does without a fault.
	rebuild "$setup"
	b=$(ports_of "$state")
	out=$(xswctl "$@" 2>&1 >/dev/null <"$input")
	ref_rc=$?
	snapshot
	a=$(ports_of "$state")
	# The ports of both states, then those of one only.
	ports=''
	for p in $b; do [[ " $a " == *" $p "* ]] && ports+=" $p"; done
	for p in $a; do [[ " $b " == *" $p "* ]] || ports+=" $p"; done
	for p in $b; do [[ " $a " == *" $p "* ]] || ports+=" $p"; done
	snapshot "$ports"
	take_events
	after=$state ref_ev=$ev
	rebuild "$setup" "$ports"
	before=$state
	[ "$ref_rc" = 0 ] || [ -n "$refused" ] ||
		fail "$name: '$*' failed without a fault: $out"
	[ "$ref_rc" != 0 ] || [ -z "$refused" ] ||
		fail "$name: '$*' was not refused"
	[ "$after" != "$before" ] || [ -n "$same" ] ||
		fail "$name: '$*' changed nothing"
	rebuild "$setup" "$ports"
	[ "$state" == "$before" ] ||
		fail "$name: the setup does not make the same state twice:
$(state_diff "$before" "$state")"

	for ((n = 1; n <= max_n; n++)); do
		out=$(XSWCTL_FAIL_NTH=$n@$req "$XSW_XSWCTL" "$@" 2>&1 >/dev/null <"$input")
		rc=$?
		snapshot "$ports"
		take_events
		# A command's summary may follow the request's fail-nth line.
		[[ $out =~ (^|$'\n')xswctl:\ fail-nth\ [0-9]+\ \([^$'\n']*\):\ ([a-z ]+)($|$'\n') ]] &&
			injected=${BASH_REMATCH[2]} || injected=''
		case $injected in
		"not injected")
			[ "$rc" = "$ref_rc" ] ||
				fail "$name: N=$n: no fault, yet exit $rc (want $ref_rc): $out"
			[ "$state" == "$after" ] ||
				fail "$name: N=$n: no fault, yet not the state it makes:
$(state_diff "$after" "$state")"
			[ "$ev" == "$ref_ev" ] ||
				fail "$name: N=$n: no fault, yet other steps: $ev"
			break
			;;
		injected) ;;
		*) fail "$name: N=$n: xswctl did not say whether the fault was injected: $out" ;;
		esac
		faults=$((faults + 1))
		if [ "$rc" = "$ref_rc" ] && [ "$state" == "$after" ]; then
			# Absorbed: the fault hit something that may fail.
			subsequence "$ev" "$ref_ev" ||
				fail "$name: N=$n: absorbed the fault but announced other steps: $ev"
			absorbed=$((absorbed + 1)) trace+=a
			restore "$setup" "$before"
			continue
		fi
		[ "$rc" != 0 ] ||
			fail "$name: N=$n: succeeded with the fault injected, but not as it does without:
$(state_diff "$after" "$state")"
		[[ ${out%xswctl: fail-nth *} =~ (^|$'\n')(Error|xswctl):\  ]] ||
			fail "$name: N=$n: failed (exit $rc) without saying why: $out"
		# A lack of memory is no attribute's fault, nor a lack of ids.
		[[ $out == *"(Cannot allocate memory)"* && $out =~ (\"[a-z-]+\"|no free) ]] &&
			fail "$name: N=$n: blames the request for a lack of memory: $out"
		if [ "$state" == "$before" ]; then
			undone "$ev" || fail "$name: N=$n: failed, yet announced: $ev"
			clean=$((clean + 1)) trace+=f
		elif [ "$state" == "$after" ] && [[ $out == *"No buffer space available"* ]]; then
			# Carried out, and its answer lost (netlink_ack() could not
			# allocate it): the socket says ENOBUFS.
			subsequence "$ev" "$ref_ev" ||
				fail "$name: N=$n: lost its answer, and announced other steps: $ev"
			lost=$((lost + 1)) trace+=l
			restore "$setup" "$before"
		else
			fail "$name: N=$n: failed ($out) and left the state changed:
$(state_diff "$before" "$state")"
		fi
	done
	[ "$n" -le "$max_n" ] || fail "$name: still injected at N=$max_n: the walk does not end"
	echo "failnth: $name: $((n - 1)) faults: $clean failed cleanly, $absorbed absorbed, $lost lost the answer: ${trace:--} ($((SECONDS - t0)) s)"
	walks=$((walks + 1))
}

vlan_off="ext set $sw name sample-vlan enabled off"
snapshot
take_events

walk "switch add" "" switch add $sw
walk "switch del" "$base" switch del $sw
walk "port add" "$base" port add $sw name p3 type emulated id 3 friendly-name three
walk "port add, id allocated" "$base" port add $sw name p4 type synthetic
walk "port set" "$base" port set $sw id 1 friendly-name renamed
walk "port teardown" "$base" port teardown $sw id 2
walk "port del" "$base
port teardown $sw id 2" port del $sw id 2
walk "nic add" "$base" nic add $sw port 2 index 0 name e0 mtu 9000
walk "nic add, host NIC" "$base" nic add $sw port 2 index 7 name h7
walk "nic connect" "$base
nic add $sw port 2 name e0" nic connect $sw port 2
walk "nic set" "$base" nic set $sw port 1 mtu 9000 current-mac 00:15:5d:00:00:09
walk "nic disconnect" "$base" nic disconnect $sw port 1
walk "nic del" "$base
nic disconnect $sw port 1" nic del $sw port 1
walk "port prop add" "$base" prop add $sw port 2 type vlan instance-id $i2 version 1 \
	vlan trunk allowed 10,20 native 10
walk "port prop add, security" "$base" prop add $sw port 1 type security instance-id $i2 \
	version 1 mac-spoofing on vsid 7
walk "port prop set" "$base" prop set $sw port 1 type vlan instance-id $i1 version 1 vlan access 12
walk "port prop del" "$base" prop del $sw port 1 type vlan instance-id $i1
walk -f "prop add vetoed" "$base" prop add $sw port 2 type vlan instance-id $i2 version 1 vlan access 4000
walk "switch prop add" "$base" prop add $sw type custom id $custom instance-id $i2 version 1 data 0102
walk "switch prop set" "$base" prop set $sw type custom id $custom instance-id $i1 version 1 data 03
walk "switch prop del" "$base" prop del $sw type custom id $custom instance-id $i1
walk "ext attach" "$base
$vlan_off
ext detach $sw name sample-vlan" ext attach $sw name sample-vlan
walk "ext detach" "$base
$vlan_off" ext detach $sw name sample-vlan
walk "ext enable" "$base
$vlan_off" ext set $sw name sample-vlan enabled on
walk "ext disable" "$base" ext set $sw name sample-vlan enabled off
walk -s "ext position" "$base" ext set $sw name sample-capture position 0
walk -s "feature show" "$base" feature show $sw id $vlan_status
walk -s -r 2 "nic save" "$base" nic save $sw port 1
# Saved one step later than the base, so that its restore changes the
# NIC's count (sample-capture's count becomes the saved one).
rebuild "$base"
xswctl nic set $sw port 1 mtu 1500 >/dev/null || fail "nic set"
xswctl nic save $sw port 1 >$tmp/saved 2>$tmp/saved.err || fail "nic save: $(<$tmp/saved.err)"
walk -i $tmp/saved "nic restore" "$base" nic restore $sw port 1
walk -i $tmp/saved -r 2 "nic restore, its completion" "$base" nic restore $sw port 1

monitor_stop
xswctl -b - <<EOF || fail "the end"
switch del $sw
switch del mark
EOF
expect_eq "$(tr '\n' ' ' <$counts)" \
	"switches 0 ports 0 nics 0 exts 0 props 0 pending 0 " "live objects at the end"
rmmod xsw_sample || fail "rmmod xsw_sample"
xsw_unload
if [ -w $kmemleak ]; then
	sleep 6
	echo scan >$kmemleak
	echo scan >$kmemleak
	# Its file has no size: read it.
	leaks=$(<$kmemleak)
	[ -z "$leaks" ] || fail "kmemleak after the walk: ${leaks:0:2000}"
fi
echo "failnth: ok: $walks commands, $faults faults injected via $via"
