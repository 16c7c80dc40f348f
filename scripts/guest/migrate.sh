#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Live migration, fast: two hosts as two network namespaces (ha, hb), a
# switch in each, joined by a control link for xswctl migrate and agent
# and by a wire behind their external ports, where a peer pings the VM.
# The VM (namespace vm) has a leg into each host, eth0 into ha and eth1
# into hb, bridged: only the host whose switch has its NIC forwards.  The
# VM's port moves from ha to hb while the peer pings it, with
# test-filter's records (xsw_testext.ko) as its run-time state; the event
# stream of each host is the documented order; then a veto on the
# destination, a failing save, a failing restore, a wrong key, garbage,
# replayed, truncated, misplaced and oversized messages for the agent
# (mwire.py): each time the port ends on exactly one host, working.
. "$(dirname "$0")/lib.sh"

tx=$XSW_TESTEXT
dir=/tmp/migrate
key=$dir/key
rm -rf $dir
mkdir -p $dir || fail "mkdir $dir"
head -c 32 /dev/urandom >$key && chmod 600 $key || fail "key"

modprobe -q veth 2>/dev/null
modprobe -q bridge 2>/dev/null
xsw_load
xsw_load_testext

# has TEXT PART: TEXT must hold PART.
has() { [[ $1 == *"$2"* ]] || fail "wanted \"$2\" in: $1"; }
knob() { echo "$2" >"$tx/test-filter/$1" || fail "knob test-filter/$1 refused '$2'"; }

# veth NS1 DEV1 NS2 DEV2 (NS "" for this namespace), both ends up.  The
# ends are made under names of their own, the two names may be the same.
VETHS=0
veth() {
	local a=xv$VETHS.a b=xv$VETHS.b
	VETHS=$((VETHS + 1))
	ip link add $a type veth peer name $b || fail "veth $2"
	[ -n "$1" ] && ip link set $a netns "$1"
	[ -n "$3" ] && ip link set $b netns "$3"
	ip ${1:+-n "$1"} link set $a name "$2" up
	ip ${3:+-n "$3"} link set $b name "$4" up
}

for ns in ha hb vm peer; do
	ip netns add $ns || fail "netns $ns"
	nsx $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	nsx $ns sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	ip -n $ns link set lo up
done
# The control link between the hosts.
veth ha ctl hb ctl
ip -n ha addr add 10.9.0.1/24 dev ctl
ip -n hb addr add 10.9.0.2/24 dev ctl
# The wire: a bridge with each host's uplink and the peer, which learns
# the VM's MAC on the leg of the host that has its port.  Nothing the VM
# sends tells it of a migration (its frames stop at the blackout, the
# peer's go on to the host it left): the destination's announce does.
ip link add wire type bridge || fail "bridge"
ip link set wire up
veth ha up "" wa
veth hb up "" wb
veth peer eth0 "" wp
for p in wa wb wp; do
	ip link set $p master wire
	bridge link set dev $p learning on flood on
done
ip -n peer addr add 10.0.0.100/24 dev eth0
# The VM's two legs, bridged, one address.
veth vm eth0 ha vnic
veth vm eth1 hb vnic
ip -n vm link add br0 type bridge ageing_time 100
ip -n vm link set eth0 master br0
ip -n vm link set eth1 master br0
ip -n vm link set br0 up
ip -n vm addr add 10.0.0.1/24 dev br0
vmac=$(nsx_sys vm cat /sys/class/net/br0/address)

for h in ha hb; do
	ok xswctl -n $h switch add sw0
	ok xswctl -n $h ext attach sw0 name test-filter
	ok xswctl -n $h ext set sw0 name test-filter enabled on
	ok xswctl -n $h port add sw0 name uplink type external
	ok xswctl -n $h nic add sw0 port 1 name up dev up
	ok xswctl -n $h nic connect sw0 port 1
done
ok xswctl -n ha port add sw0 name vm1 type synthetic id 7
ok xswctl -n ha prop add sw0 port 7 type security version 1 mac-spoofing on
ok xswctl -n ha nic add sw0 port 7 name n0 vm-name vm1 current-mac "$vmac" dev vnic
ok xswctl -n ha nic connect sw0 port 7

# where: the host that has the VM's port (by its name), and its id there.
# (Bash reads the JSON: a python3 costs seconds in the debug kernel.)
where() {
	local h out
	for h in ha hb; do
		out=$(xswctl -n $h -j port show sw0)
		while [[ $out =~ \"id\":([0-9]+),\"name\":\"vm1\"(.*)$ ]]; do
			printf '%s:%s ' $h "${BASH_REMATCH[1]}"
			out=${BASH_REMATCH[2]}
		done
	done
	echo
}
pings() { nsx peer ping -c "$1" -i 0.2 -W 2 10.0.0.1 | grep -c "bytes from"; }

# The host leg where the wire has learned the VM's MAC.
learned() { bridge fdb show br wire | sed -n "s/^$vmac dev \(w[ab]\) .*/\1/p"; }

expect_eq "$(where)" "ha:7 " "the VM's port before"
expect_eq "$(pings 2)" 2 "the peer reaches the VM on ha"
expect_eq "$(learned)" wa "where the wire has the VM's MAC before the migration"

# agent NS [ADDR]: an agent for NS's sw0, in the background, listening
# (on every address without ADDR).
agent() {
	local log=$dir/agent-$1.log
	: >"$log"
	# Not nsx, a function: its subshell's pid is not the agent's.
	nsenter --net=/run/netns/"$1" env ${AGENT_ENV:-} "$XSW_XSWCTL" agent sw0 \
		key $key ${2:+listen "$2"} timeout 10 2>>"$log" &
	AGENT=$!
	for _ in $(seq 50); do
		grep -q "^agent: .* listening" "$log" && return
		grep -q "^xswctl: agent:" "$log" && fail "the agent of $1: $(<"$log")"
		sleep 0.1
	done
	fail "the agent of $1 did not listen"
}
agent_stop() { kill $AGENT 2>/dev/null; wait $AGENT 2>/dev/null; true; }
# migrate FROM PORT TO-ADDR [ARGS]
migrate() { xswctl -n "$1" migrate sw0 port "$2" to "$3" key $key timeout 10 "${@:4}"; }
vm_port() { where | sed -n "s/^.*$1:\([0-9]*\) .*$/\1/p"; }

teardown() {
	for h in ha hb; do ok xswctl -n $h switch del sw0; done
	ip link del wire
	for ns in ha hb vm peer; do ip netns del $ns; done
	rmmod xsw_testext
	xsw_unload
}

# make soak: rounds of migrations with faults at random, not the tests.
if [ -n "${XSW_SOAK_ROUNDS:-}" ]; then
	. "$(dirname "$0")/migsoak.sh"
	teardown
	echo "migrate: soak ok"
	exit 0
fi

# --- Refusals before anything left: the source is untouched -------------
agent hb 10.9.0.2
knob veto "port-create -28 test-filter: no room for the port"
out=$(migrate ha 7 10.9.0.2 2>&1) && fail "a migration the destination vetoed succeeded"
has "$out" "the destination refused step 1-3 validation ports and policies: test-filter: no room for the port (No space left on device)"
has "$out" "the ports stay on sw0, untouched"
expect_eq "$(where)" "ha:7 " "the VM's port after a veto on the destination"
expect_eq "$(pings 1)" 1 "the VM answers after the veto"

knob veto "nic-save -5 test-filter: cannot save"
out=$(migrate ha 7 10.9.0.2 2>&1) && fail "a migration whose save failed succeeded"
has "$out" "the save failed: the ports stay on sw0, connected"
sleep 0.5
expect_eq "$(where)" "ha:7 " "the VM's port after a failed save"
expect_eq "$(pings 1)" 1 "the VM answers after the failed save"

# A wrong key, and bytes that are no migration: refused, nothing moves,
# and the agent serves the next one.
head -c 32 /dev/urandom >$dir/other && chmod 600 $dir/other
out=$(xswctl -n ha migrate sw0 port 7 to 10.9.0.2 key $dir/other timeout 5 2>&1) &&
	fail "a migration under a wrong key succeeded"
has "$out" "nothing was moved"
# An agent of another name than the one expected: nothing moves.
out=$(migrate ha 7 10.9.0.2 expect elsewhere 2>&1) &&
	fail "a migration to an agent of another name succeeded"
has "$out" 'the destination is "guest0", not "elsewhere"; nothing was moved'
expect_eq "$(where)" "ha:7 " "the VM's port after an agent of another name"
nsx ha bash -c 'exec 3<>/dev/tcp/10.9.0.2/7410 && printf "GET / HTTP/1.0\r\n\r\n" >&3 && sleep 0.5' ||
	fail "garbage to the agent"
sleep 0.5
has "$(cat $dir/agent-hb.log)" "fails authentication (wrong key, or altered)"
has "$(cat $dir/agent-hb.log)" "not a migration message (bad magic)"
expect_eq "$(where)" "ha:7 " "the VM's port after a wrong key and garbage"

# --- The migration, under a ping ----------------------------------------
knob save "3 100"
knob log clear
# Each host's monitor stamps its steps (-t): merged, they are one order.
tmonitor() {
	nsenter --net=/run/netns/"$2" "$XSW_XSWCTL" monitor -t >"$1" &
	XSW_MONITOR=$!
	monitor_probe "$1" "$2"
}
mon_a=$dir/mon-a mon_b=$dir/mon-b
tmonitor $mon_a ha
mon_pid_a=$XSW_MONITOR
tmonitor $mon_b hb
mon_pid_b=$XSW_MONITOR
na=$(wc -l <$mon_a) nb=$(wc -l <$mon_b)
nsx peer ping -i 0.05 -c 200 -W 1 10.0.0.1 >$dir/ping.out &
ping_pid=$!
sleep 1
migrate ha 7 10.9.0.2 expect guest0 >$dir/migrate.out ||
	fail "the migration failed: $(cat $dir/migrate.out)"
# The announce came before DONE: the wire has learned before the VM spoke.
expect_eq "$(learned)" wb "where the wire has the VM's MAC after the migration"
wait $ping_pid
cat $dir/migrate.out
pb=$(vm_port hb)
expect_eq "$(where)" "hb:$pb " "the VM's port after the migration"
expect_eq "$(pings 2)" 2 "the peer reaches the VM on hb"
got=$(grep -c "bytes from" $dir/ping.out)
echo "pings during the migration: $got of 200 answered"
[ "$got" -ge 150 ] || fail "only $got of 200 pings answered across the migration"
grep -q "^migrated 1 ports: blackout " $dir/migrate.out || fail "no blackout reported"
has "$(<$dir/agent-hb.log)" "agent: 1 MACs announced, 5 times"
expect_eq "$(grep -c 'nic-restore-complete .* status 0 records 3 bad 0' $tx/test-filter/log)" 1 \
	"test-filter's records arrived whole on hb"
monitor_probe $mon_a ha
monitor_probe $mon_b hb
kill $mon_pid_a $mon_pid_b; wait $mon_pid_a $mon_pid_b 2>/dev/null
tail -n +$((na + 1)) $mon_a | grep ' switch sw0 ' | sed 's/ seq [0-9]* switch sw0 / ha /' >$dir/all-a
tail -n +$((nb + 1)) $mon_b | grep ' switch sw0 ' | sed 's/ seq [0-9]* switch sw0 / hb /' >$dir/all-b
grep -qv '^\[20[0-9-]*T[0-9:]*\.[0-9]\{9\}\] h[ab] op ' $dir/all-a $dir/all-b &&
	fail "an event without its time: $(grep -v '^\[20' $dir/all-a $dir/all-b | head -1)"
# Each host's word on how it ended, after its steps; the steps apart.
expect_eq "$(tail -n 1 $dir/all-a | cut -d' ' -f3-)" \
	"op migration port 7 status 0 outcome migrated role source" "the source's outcome event"
expect_eq "$(grep ' op migration ' $dir/all-b | cut -d' ' -f3-)" \
	"op migration port $pb status 0 outcome migrated role destination" "the destination's outcome event"
grep -v ' op migration ' $dir/all-a >$dir/ev-a
grep -v ' op migration ' $dir/all-b >$dir/ev-b
ev_a=$(cut -d' ' -f3- $dir/ev-a)
ev_b=$(cut -d' ' -f3- $dir/ev-b)
merged=$(sort $dir/ev-a $dir/ev-b | cut -d' ' -f2-)
printf -- '--- the two hosts, merged\n%s\n' "$merged"
pv=$(sed -n '1s/^op port-create port \([0-9]*\) .*/\1/p' <<<"$ev_b")
expect_eq "$ev_b" "$(mig_dest_steps "$pv" "$pb")" "the destination's steps, in order"
# Across the hosts, Hyper-V's order (reference §6): D 1-5, S 6-10, D 11-13.
expect_eq "$(cut -d' ' -f1 <<<"$merged" | uniq -c | awk '{ print $2 " " $1 }')" "hb 6
ha 6
hb 6" "the two hosts' steps, merged by time"
expect_eq "$ev_a" "$(mig_source_steps 7)" "the source's steps, in order"
agent_stop

# --- A failing restore: the destination takes off, the source puts back -
agent ha 10.9.0.1
knob veto "nic-restore -5 test-filter: cannot restore"
out=$(migrate hb "$pb" 10.9.0.1 2>&1) && fail "a migration whose restore failed succeeded"
has "$out" "the destination refused step 11-13 NIC create, connect, restore"
pb=$(vm_port hb)
expect_eq "$(where)" "hb:$pb " "the VM's port put back on the source"
expect_eq "$(pings 2)" 2 "the VM answers on the source after the failed restore"

# --- What no source sends: refused with the reason, nothing made --------
# mwire.py, a peer that breaks the wire, runs in hb beside the source; as
# a relay it listens on hb's 127.0.0.1:7411 and goes on to ha's agent.
mw() { nsx hb python3 "$(dirname "$0")/mwire.py" "$@"; }
relay() {
	: >$dir/relay.out
	mw "$1" 7411 10.9.0.1 7410 "${@:2}" >$dir/relay.out 2>&1 &
	RELAY=$!
	for _ in $(seq 300); do
		file_has $dir/relay.out listening && return
		sleep 0.1
	done
	fail "the relay did not listen: $(<$dir/relay.out)"
}
# relayed WHAT: the VM's port migrates through the relay, and must fail;
# what the source said is in $out, the relay's end in $relayed.
relayed() {
	out=$(migrate hb "$pb" 127.0.0.1 service 7411 2>&1) &&
		fail "a migration through the relay ($1) succeeded: $out"
	wait $RELAY
	relayed=$(<$dir/relay.out)
}
# agent_said TEXT: ha's agent logs TEXT, within 10 s (its child may end
# after the peer did).
agent_said() {
	for _ in $(seq 100); do
		file_has $dir/agent-ha.log "$1" && return
		sleep 0.1
	done
	fail "the agent did not say \"$1\": $(<$dir/agent-ha.log)"
}

# A replay: a migration's bytes, recorded while the destination vetoes it,
# sent again once the veto is spent.  The agent takes the hello (a hello
# says nothing), not the PREPARE, keyed to the recorded session.
knob veto "port-create -28 test-filter: no room for the port"
relay record $dir/recorded
relayed "vetoed"
has "$relayed" "the agent answered: step fail closed"
has "$out" "the destination refused step 1-3 validation ports and policies: test-filter: no room for the port"
: >$dir/agent-ha.log
expect_eq "$(mw send 10.9.0.1 7410 $dir/recorded)" "the agent answered: hello closed" \
	"the agent's answer to a replayed migration"
agent_said "agent: a message that fails authentication (wrong key, or altered)"

# The PREPARE again where the COMMIT was due: out of order for the agent,
# which takes off what it made; the source, whose ports have left, puts
# them back from the saved data.
: >$dir/agent-ha.log
relay replay-prepare
relayed "its commit replaced"
has "$relayed" "the agent answered: step step prepared fail closed"
has "$out" "the destination refused: a message out of order, or replayed"
has "$out" "is back on sw0 as port"
agent_said "agent: a message out of order, or replayed before the commit"
agent_said "agent: what this migration made is taken off"
pb=$(vm_port hb)
expect_eq "$(where)" "hb:$pb " "the VM's port after a PREPARE replayed in its session"
expect_eq "$(pings 1)" 1 "the VM answers after a PREPARE replayed in its session"

# A PREPARE cut in half, and the connection closed.
: >$dir/agent-ha.log
relay cut-prepare
relayed "its prepare cut"
has "$relayed" "cut the prepare after"
has "$out" "the ports stay on sw0, untouched"
agent_said "agent: the peer closed the connection"

# Well formed under the key, out of place: a COMMIT first, a type no
# version has, a PREPARE longer than any the agent takes.
: >$dir/agent-ha.log
expect_eq "$(mw keyed $key 10.9.0.1 7410 first 4)" \
	"the agent answered: fail:a commit message where a prepare or a query was due closed" \
	"the agent's answer to a COMMIT first"
agent_said "agent: a commit message where a prepare or a query was due"
expect_eq "$(mw keyed $key 10.9.0.1 7410 first 9)" \
	"the agent answered: fail:an answer message where a prepare or a query was due closed" \
	"the agent's answer to an ANSWER first"
expect_eq "$(mw keyed $key 10.9.0.1 7410 first 10)" \
	"the agent answered: fail:a step message where a prepare or a query was due closed" \
	"the agent's answer to a STEP first"
expect_eq "$(mw keyed $key 10.9.0.1 7410 first 11)" "the agent answered: closed" \
	"the agent's answer to a message of type 11"
agent_said "agent: a message of an unknown type"
expect_eq "$(mw keyed $key 10.9.0.1 7410 oversize)" "the agent answered: closed" \
	"the agent's answer to an oversized PREPARE"
agent_said "agent: a message longer than the limit"
expect_eq "$(where)" "hb:$pb " "the VM's port after the hostile peers"

# A destination that makes no sense (mwire.py dest): a STEP cut short, of
# a step there is none of, or one too many, before PREPARED.  The source
# takes nothing of it and keeps its ports, untouched.  Beside them, one
# whose STEP and FAIL are well made: the STEP is printed as it came.
relay dest $key good
relayed "a destination that refuses"
has "$out" "destination  1-3 validation ports and policies"
has "$out" "5.0 ms ok"
has "$out" "the destination refused step 4-5 operational ports and policies: no room here"
has "$relayed" "the source answered: closed"
for mode in short unknown many; do
	relay dest $key $mode
	relayed "a destination's $mode STEP"
	has "$out" "the destination sent a malformed step message"
	has "$out" "the ports stay on sw0, untouched"
	has "$relayed" "the source answered: closed"
done
has "$out" "destination  1-3 validation ports and policies"
expect_eq "$(where)" "hb:$pb " "the VM's port after the hostile destinations"
expect_eq "$(pings 1)" 1 "the VM answers after the hostile destinations"

# The connection cut at each message in turn (mwire.py cut: the K-th
# message is dropped and both ends closed; the source's queries after it
# pass): the hellos (1-2), PREPARE (3), the destination's STEPs 1-3 and
# 4-5 (4-5), PREPARED (6), COMMIT (7), the STEP 11-13 (8), DONE (9).
# Before the COMMIT arrives the agent takes off what it made, and the
# source keeps its ports (cut before PREPARED) or puts them back (the
# COMMIT lost); once the ports are kept and what follows is lost, the
# source learns from its query that the destination has them.  Each
# time on exactly one host.
knob log clear
for k in 1 2 3 4 5 6 7 8 9; do
	: >$dir/agent-ha.log
	: >$dir/relay.out
	# Not mw, a function: this one is killed, not a subshell's.
	nsenter --net=/run/netns/hb python3 "$(dirname "$0")/mwire.py" cut 7411 10.9.0.1 7410 $k \
		>$dir/relay.out 2>&1 &
	RELAY=$!
	for _ in $(seq 300); do
		file_has $dir/relay.out listening && break
		sleep 0.1
	done
	pb=$(vm_port hb)
	out=$(migrate hb "$pb" 127.0.0.1 service 7411 2>&1)
	kill $RELAY
	wait $RELAY 2>/dev/null
	has "$(<$dir/relay.out)" "cut at message $k, a"
	case $k in
	[12]) has "$out" "the peer closed the connection; nothing was moved"; host=hb ;;
	[3-6]) has "$out" "the ports stay on sw0, untouched"; host=hb ;;
	7) has "$out" "the destination has none of the ports: putting them back"; host=hb ;;
	[89]) has "$out" "the destination has the ports: migrated, its answer lost"; host=ha ;;
	esac
	case $k in
	[4-7]) agent_said "agent: what this migration made is taken off" ;;
	[89]) agent_said "agent: port $pb of the source is port $(vm_port ha) here" ;;
	esac
	p=$(vm_port $host)
	expect_eq "$(where)" "$host:$p " "the VM's port, the connection cut at message $k"
	expect_eq "$(pings 1)" 1 "the VM answers, the connection cut at message $k"
	echo "connection cut at message $k: the port on $host"
	if [ "$k" = 8 ]; then
		# Back to hb for the next cut, ha's agent paused meanwhile.
		agent_stop
		agent hb 10.9.0.2
		ok migrate ha "$(vm_port ha)" 10.9.0.2
		agent_stop
		agent ha 10.9.0.1
	fi
done
expect_eq "$(grep -c 'nic-restore-complete .* status 0 records 3 bad 0' $tx/test-filter/log)" 4 \
	"test-filter's records put back (the COMMIT cut) and arrived (the last STEP or the DONE cut, and back) whole"
# Home to hb again, for what follows, each step printed on the source as
# it ends: with each port create on hb a second slow, the destination's
# 1-3 (its validation port) comes a second before its 4-5 (the port).
agent_stop
agent hb 10.9.0.2
knob sleep "every port-create 1000"
migrate ha "$(vm_port ha)" 10.9.0.2 2>&1 |
	while IFS= read -r l; do echo "$(date +%s.%N) $l"; done >$dir/live.out
knob sleep clear
cat $dir/live.out
has "$(<$dir/live.out)" "migrated 1 ports"
t13=$(sed -n 's/^\([0-9.]*\) destination  1-3 .* ok$/\1/p' $dir/live.out)
t45=$(sed -n 's/^\([0-9.]*\) destination  4-5 .* ok$/\1/p' $dir/live.out)
[ -n "$t13" ] && [ -n "$t45" ] || fail "the destination's steps 1-3 and 4-5 not printed"
awk -v a="$t13" -v b="$t45" 'BEGIN { exit !(b - a >= 0.8) }' ||
	fail "the destination's 1-3 printed $t13, its 4-5 $t45: not as each ended"
agent_stop
agent ha 10.9.0.1
pb=$(vm_port hb)
expect_eq "$(where)" "hb:$pb " "the VM's port home on hb after the cuts"

# Fuzzing: the recorded PREPARE mutated at random and authenticated, or
# garbage, over XSW_SOAK_FUZZ connections (100; more in make soak).
# Whatever the agent made of each, it took off again: ha's ports are as
# they were, none is held, and the agent serves on.
ports_ha=$(xswctl -n ha port show sw0)
seed=$RANDOM
echo "fuzzing the agent, seed $seed"
fuzz_start=$SECONDS
mw fuzz $key 10.9.0.1 7410 $dir/recorded "${XSW_SOAK_FUZZ:-100}" $seed >$dir/fuzz.out ||
	fail "the fuzzer: $(<$dir/fuzz.out)"
cat $dir/fuzz.out
echo "fuzzing took $((SECONDS - fuzz_start)) s"
# The positive control: the fuzz reached the agent's checks of the data.
has "$(<$dir/fuzz.out)" " fail closed"
for _ in $(seq 100); do
	[ "$(xswctl -n ha port show sw0)" = "$ports_ha" ] && break
	sleep 0.1
done
expect_eq "$(xswctl -n ha port show sw0)" "$ports_ha" "ha's ports after the fuzzing"
kill -0 $AGENT || fail "the agent died of the fuzzing"
expect_eq "$(where)" "hb:$pb " "the VM's port after the fuzzing"

# --- And back home, to an agent on every address --------------------------
agent_stop
agent ha
# IPv6 as well as IPv4 (the migration below): an agent listening on every
# address has both families (IPv6 comes back on ha's lo for it).
ok nsx ha sysctl -qw net.ipv6.conf.lo.disable_ipv6=0
nsx ha bash -c 'exec 3<>/dev/tcp/::1/7410 && printf "GET / HTTP/1.0\r\n\r\n" >&3 && sleep 0.5' ||
	fail "garbage to the agent over IPv6"
sleep 0.5
has "$(cat $dir/agent-ha.log)" "not a migration message (bad magic)"
xswctl -n hb -j migrate sw0 port "$pb" to 10.9.0.1 key $key timeout 10 >$dir/back.json ||
	fail "the migration back failed"
pa=$(vm_port ha)
expect_eq "$(where)" "ha:$pa " "the VM's port back on ha"
expect_eq "$(learned)" wa "where the wire has the VM's MAC back on ha"
expect_eq "$(json_get "$(cat $dir/back.json)" "' '.join(map(str, (j['outcome'], j['destination'], j['ports'][0]['port'], j['ports'][0]['new-port'], j['blackout-ms'] > 0)))")" \
	"migrated guest0 $pb $pa True" "the JSON report of the migration back"
expect_eq "$(pings 2)" 2 "the peer reaches the VM on ha again"
agent_stop

# --- The agent killed at each step in turn ------------------------------
# XSWCTL_KILL_AT=K kills the agent's session (kill -9) right before its
# K-th call to the kernel.  The ports it made are held by its netlink
# socket, and the kernel takes them off as the process ends; the source
# learns it (the end of the connection before PREPARED, or the agent's
# answer to a query after COMMIT) and keeps or puts back its ports.  Each
# time the VM's port ends on ha alone, working, with its records.  Past
# the agent's last call before DONE the migration succeeds: the loop's end.
# The outcome events of FILE past line FROM, counted in runs: "N
# OUTCOME ROLE" (the kernel's released has no role).
outcomes() {
	tail -n +$(($2 + 1)) "$1" | grep ' switch sw0 op migration ' |
		sed 's/.* outcome \([a-z-]*\)\( role \([a-z]*\)\)\{0,1\}$/\1 \3/' |
		uniq -c | awk '{ $1 = $1; print }'
}
# watch: a monitor on each host, from here.
watch() {
	tmonitor $mon_a ha
	mon_pid_a=$XSW_MONITOR
	tmonitor $mon_b hb
	mon_pid_b=$XSW_MONITOR
	na=$(wc -l <$mon_a) nb=$(wc -l <$mon_b)
}
# unwatch: the monitors stopped, once they have heard all.
unwatch() {
	monitor_probe $mon_a ha
	monitor_probe $mon_b hb
	kill $mon_pid_a $mon_pid_b
	wait $mon_pid_a $mon_pid_b 2>/dev/null
}
watch
knob log clear
kills=0
for k in $(seq 1 30); do
	AGENT_ENV=XSWCTL_KILL_AT=$k agent hb 10.9.0.2
	pa=$(vm_port ha)
	out=$(migrate ha "$pa" 10.9.0.2 2>&1) && { agent_stop; break; }
	agent_stop
	has "$(<$dir/agent-hb.log)" "XSWCTL_KILL_AT: killed before call $k"
	kills=$((kills + 1))
	pa=$(vm_port ha)
	expect_eq "$(where)" "ha:$pa " "the VM's port, the agent killed at call $k"
	expect_eq "$(pings 1)" 1 "the VM answers, the agent killed at call $k"
	echo "agent killed at call $k: $(grep -o 'the ports stay on sw0, untouched\|putting them back' <<<"$out")"
done
pb=$(vm_port hb)
expect_eq "$(where)" "hb:$pb " "the VM's port, migrated once the agent was let live"
# Each call of the agent's before its ports are kept (1-3 validation, 4-5
# operational, 11-13 NIC create, connect, restore, the announce, the keep).
expect_eq "$kills" 12 "the agent's calls that killing it stopped the migration at"
# The records restored whole: each put-back (6), hb's restores that
# completed before the kill (calls 11 and 12), and the migration.
expect_eq "$(grep -c 'nic-restore-complete .* status 0 records 3 bad 0' $tx/test-filter/log)" 9 \
	"test-filter's records put back or arrived whole, each time"
for h in ha hb; do
	[[ $(xswctl -n $h -j port show sw0) == *'"provisional":true'* ]] && fail "a port held on $h still"
done
# Each end said how it ended.  The source: untouched while the agent died
# before PREPARED, put back after, then migrated.  The destination's
# kernel: released each time the dead agent held a port, the validation
# port (calls 2-4) or the operational one (6-12); the agent's own word on
# the success never came, as it was killed before that call.
unwatch
expect_eq "$(outcomes $mon_a "$na")" "6 untouched source
6 put-back source
1 migrated source" "the source's outcome events, the agent killed at each call"
expect_eq "$(outcomes $mon_b "$nb")" "10 released" \
	"the destination's outcome events, the agent killed at each call"
# --- The source killed at each step in turn -------------------------------
# xswctl migrate runs the migration in a worker and waits as its
# guardian: the worker journals how far it got and the saved data, and
# when it is killed the guardian finishes from there: nothing had left,
# or it asks the agent and puts the ports back.  Back to ha at the end.
agent ha 10.9.0.1
watch
knob log clear
kills=0
for k in $(seq 1 30); do
	pb=$(vm_port hb)
	out=$(XSWCTL_KILL_AT=$k migrate hb "$pb" 10.9.0.1 2>&1) && break
	has "$out" "XSWCTL_KILL_AT: killed before call $k"
	has "$out" "the migration's process was killed (Killed)"
	kills=$((kills + 1))
	pb=$(vm_port hb)
	expect_eq "$(where)" "hb:$pb " "the VM's port, the source killed at call $k"
	expect_eq "$(pings 1)" 1 "the VM answers, the source killed at call $k"
	echo "source killed at call $k: $(grep -o 'nothing had left\|putting the ports back' <<<"$out")"
done
# The agent's session says it announced after its note: its note is out.
agent_said "MACs announced"
agent_stop
pa=$(vm_port ha)
expect_eq "$(where)" "ha:$pa " "the VM's port, migrated once the source was let live"
# Its calls: the port, its policies and its NICs read (1-3), the save
# (4): nothing had left; the NIC disconnect and delete, the port teardown
# and delete (5-8): the guardian put the port back.
expect_eq "$kills" 8 "the source's calls that killing it stopped the migration at"
expect_eq "$(grep -c 'nic-restore-complete .* status 0 records 3 bad 0' $tx/test-filter/log)" 5 \
	"test-filter's records put back (calls 5-8) or arrived whole"
# The guardian said it each time: untouched (1-4), put back (5-8), and
# migrated, its worker killed before saying so.  The agent took off what
# it had made whenever the source was gone after PREPARED (4-8).
unwatch
expect_eq "$(outcomes $mon_b "$nb")" "4 untouched source
4 put-back source
1 migrated source" "the source's outcome events, the source killed at each call"
expect_eq "$(outcomes $mon_a "$na")" "5 taken-off destination
1 migrated destination" "the destination's outcome events, the source killed at each call"
# --- The source host down: the journal outlives both processes -----------
# The worker killed at each of its calls in turn, its guardian with it
# (XSWCTL_KILL_GUARDIAN: the host gone), and journal FILE on disk:
# migrate recover finishes from it, as the guardian would have.  Nothing
# had left (calls 1-4); the destination has none of the ports and they
# come back here (5-8; from 6 on, until then the VM is cut off); the
# destination kept them (9: the ports left, the last word unsaid; asked
# first with the agent away, which leaves the outcome to the destination
# and the journal in place).
agent hb 10.9.0.2
watch
knob log clear
jr=$dir/journal
for k in $(seq 1 9); do
	pa=$(vm_port ha)
	out=$(XSWCTL_KILL_AT=$k XSWCTL_KILL_GUARDIAN=1 migrate ha "$pa" 10.9.0.2 journal $jr 2>&1) &&
		fail "a migration killed with its guardian at call $k succeeded: $out"
	has "$out" "XSWCTL_KILL_AT: killed before call $k"
	[[ $out == *"recover"* ]] && fail "the guardian recovered, killed with its worker: $out"
	[ -f $jr ] || fail "no journal after the host went down at call $k"
	[ "$k" -ge 6 ] && [ "$k" -le 8 ] &&
		expect_eq "$(pings 1)" 0 "the VM cut off until the recovery, the host down at call $k"
	if [ "$k" = 5 ]; then
		out=$(xswctl -n ha migrate other recover $jr key $key 2>&1) &&
			fail "a recovery of another switch's journal succeeded"
		has "$out" "journal $jr is of switch sw0, not other; nothing was changed"
		[ -f $jr ] || fail "a journal refused for its switch went"
	fi
	if [ "$k" = 9 ]; then
		# The destination away: it has the data, and decides; the
		# journal stays for a recover that can ask it.
		agent_stop
		out=$(xswctl -n ha migrate sw0 recover $jr key $key timeout 2 2>&1) &&
			fail "a recovery with no answer from the destination succeeded"
		has "$out" "no answer from the destination: it has the data, and decides"
		has "$out" "the journal $jr stays"
		[ -f $jr ] || fail "the journal went with no answer from the destination"
		agent hb 10.9.0.2
	fi
	out=$(xswctl -n ha migrate sw0 recover $jr key $key 2>&1)
	r=$?
	[ -f $jr ] && fail "the journal stays after its recovery at call $k: $out"
	case $k in
	[1-4]) has "$out" "nothing had left: the ports stay on sw0"; h=ha ;;
	[5-8]) has "$out" "putting the ports back on sw0"
		has "$out" "is back on sw0"; h=ha ;;
	9) has "$out" "the destination has the ports: migrated"; h=hb ;;
	esac
	expect_eq "$r" "$([ $h = hb ] && echo 0 || echo 1)" "recover's exit, the host down at call $k"
	expect_eq "$(where)" "$h:$(vm_port $h) " "the VM's port, recovered after the host went down at call $k"
	expect_eq "$(pings 1)" 1 "the VM answers, recovered after the host went down at call $k"
	echo "host down at call $k: recovered on $h"
done
agent_stop
out=$(xswctl -n ha migrate sw0 recover $jr key $key 2>&1) && fail "a recovery of a journal gone"
has "$out" "No such file or directory; nothing was changed"
expect_eq "$(grep -c 'nic-restore-complete .* status 0 records 3 bad 0' $tx/test-filter/log)" 5 \
	"test-filter's records put back (calls 5-8) or arrived whole"
unwatch
expect_eq "$(outcomes $mon_a "$na")" "4 untouched source
4 put-back source
1 left source
1 migrated source" "the source's outcome events, the host down at each call"
expect_eq "$(outcomes $mon_b "$nb")" "5 taken-off destination
1 migrated destination" "the destination's outcome events, the host down at each call"

# A note as xswctl sends it passes; only the kernel says released, and
# the rest is bounded.
expect_eq "$(nsx ha python3 "$(dirname "$0")/nlraw.py" migration-note 1=str:sw0 6=u32:1 14=u32:1 15=u32:1 \
	-- migration-note 1=str:sw0 6=u32:1 14=u32:6 15=u32:1 \
	-- migration-note 1=str:nosuch 6=u32:1 14=u32:1 15=u32:1 \
	-- migration-note 1=str:sw0 6=u32:1 14=u32:7 15=u32:1 \
	-- migration-note 1=str:sw0 6=u32:0 14=u32:1 15=u32:1 \
	-- migration-note 1=str:sw0 6=u32:1 14=u32:1)" "ok
error EINVAL: xswitch: outcome released is the kernel's to say
error ENOENT: xswitch: no switch of that name
error ERANGE: integer out of range
error ERANGE: integer out of range
error EINVAL: xswitch: a note needs a port id, an outcome and a role" "notes the kernel takes and refuses"

# A provisional port lives as long as the socket that made it, here
# xswctl's; beside it, one that is not.
out=$(xswctl -n hb -j port add sw0 name held type synthetic provisional) ||
	fail "a provisional port"
has "$out" '"provisional":true'
ok xswctl -n hb port add sw0 name kept type synthetic id 30
out=$(xswctl -n hb port show sw0)
has "$out" " kept "
[[ $out == *" held "* ]] && fail "a provisional port outlived the xswctl that made it"
out=$(xswctl -n hb port set sw0 id 30 keep 2>&1) && fail "keep of a port not provisional"
has "$out" "keep: the port is not provisional"
ok xswctl -n hb port teardown sw0 id 30
ok xswctl -n hb port del sw0 id 30

# --- Two migrations at once: the agent serves both together --------------
# Two more ports on ha, each a NIC without a device; the destination's
# restore completion sleeps, so that one migration waits there while the
# other reaches it (an agent serving one at a time would finish the first
# before the second began).
for p in 20 21; do
	xswctl -n ha -b - <<<"port add sw0 name c$p type synthetic id $p
nic add sw0 port $p name n0
nic connect sw0 port $p" >/dev/null || fail "port $p on ha"
done
agent hb
knob log clear
knob sleep "every nic-restore-complete 4000"
migrate ha 20 10.9.0.2 >$dir/c20.out 2>&1 &
c20=$!
migrate ha 21 10.9.0.2 >$dir/c21.out 2>&1 &
c21=$!
wait $c20 || fail "the first of two migrations at once: $(<$dir/c20.out)"
wait $c21 || fail "the second of two migrations at once: $(<$dir/c21.out)"
knob sleep clear
agent_stop
expect_eq "$(grep -o 'sleep nic-restore-complete\|nic-restore-complete port' $tx/test-filter/log)" \
	"sleep nic-restore-complete
sleep nic-restore-complete
nic-restore-complete port
nic-restore-complete port" "two migrations' restores, together on hb"
out=$(xswctl -n hb port show sw0)
has "$out" " c20 "
has "$out" " c21 "
[[ $(xswctl -n ha port show sw0) == *" c2"[01]" "* ]] && fail "a port of the two migrations is left on ha"

# --- Pre-provisioned: activation first-frame ------------------------------
# A NIC connected gated: shut, it takes nothing and nothing it sends
# passes (its announce refused); first-frame, its own first frame (here
# the announce, as the VM's RARP) opens it.  Then the VM's port migrates
# so: the destination's NIC create and connect come with its port,
# before the source's save, gated; after the restore the announce opens
# the gate, and the port works there with its records.
ok xswctl -n ha -b - <<<"port add sw0 name g1 type synthetic id 40
nic add sw0 port 40 name n0 current-mac 02:00:00:00:40:01
nic connect sw0 port 40 gate shut"
has "$(xswctl -n ha -j nic show sw0 port 40)" '"gate":"shut"'
out=$(xswctl -n ha nic announce sw0 port 40 2>&1) && fail "a shut NIC announced"
has "$out" "the NIC's gate is shut: nothing it sends passes"
out=$(xswctl -n ha nic gate sw0 port 1 to open 2>&1) && fail "a NIC not gated opened"
has "$out" "gate: the NIC was not connected gated"
ok xswctl -n ha nic gate sw0 port 40 to first-frame
has "$(xswctl -n ha -j nic show sw0 port 40)" '"gate":"first-frame"'
ok xswctl -n ha nic announce sw0 port 40
[[ $(xswctl -n ha -j nic show sw0 port 40) == *'"gate"'* ]] &&
	fail "a first-frame gate stayed shut after the NIC's frame"
out=$(xswctl -n ha nic gate sw0 port 40 to shut 2>&1) && fail "a gate shut by nic gate"
has "$out" "gate: only a disconnect shuts a gate"
ok xswctl -n ha -b - <<<"nic disconnect sw0 port 40
nic del sw0 port 40
port teardown sw0 id 40
port del sw0 id 40"

agent ha 10.9.0.1
watch
knob log clear
pb=$(vm_port hb)
migrate hb "$pb" 10.9.0.1 activation first-frame >$dir/gated.out 2>&1 ||
	fail "the migration with activation first-frame: $(<$dir/gated.out)"
cat $dir/gated.out
has "$(<$dir/gated.out)" "destination  11-12 NIC create, connect, gated shut (early)"
has "$(<$dir/gated.out)" "destination  13 NIC restore, gates to first-frame"
pa=$(vm_port ha)
expect_eq "$(where)" "ha:$pa " "the VM's port, migrated with activation first-frame"
expect_eq "$(pings 1)" 1 "the VM answers, migrated with activation first-frame"
[[ $(xswctl -n ha -j nic show sw0 port "$pa") == *'"gate"'* ]] &&
	fail "the migrated NIC's gate is not open"
expect_eq "$(grep -c 'nic-restore-complete .* status 0 records 3 bad 0' $tx/test-filter/log)" 1 \
	"test-filter's records arrived whole, pre-provisioned"
unwatch
# The order across the hosts: the destination's NIC connect before the
# source's save, its restore after the source's take-off.
tail -n +$((na + 1)) $mon_a | grep ' switch sw0 ' | sed 's/ seq [0-9]* switch sw0 / ha /' >$dir/g-a
tail -n +$((nb + 1)) $mon_b | grep ' switch sw0 ' | sed 's/ seq [0-9]* switch sw0 / hb /' >$dir/g-b
merged=$(sort $dir/g-a $dir/g-b | cut -d' ' -f2- | grep -v ' op migration ')
printf -- '--- pre-provisioned, the two hosts merged\n%s\n' "$merged"
expect_eq "$(grep -n "^ha op nic-connect port $pa \|^hb op nic-save \|^hb op port-delete \|^ha op nic-restore-complete port $pa " <<<"$merged" |
	cut -d' ' -f1-3 | cut -d: -f2)" "ha op nic-connect
hb op nic-save
hb op port-delete
ha op nic-restore-complete" "the pre-provisioned order across the hosts"
agent_stop

teardown
echo "migrate: ok"
