#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The datapath samples with real frames: three "VMs" (network namespaces
# vm1..vm3, 10.0.0.1-3, each behind a veth bound as a synthetic NIC) ping
# through switch sw0.  IPv6 is off and the neighbours are static, so that
# the pings are the only frames and every count is exact:
# - sample-count counts each port's frames and bytes, and mirrors vm1's
#   port to vm3's; a malformed mirror property mirrors nothing;
# - sample-learn floods until it has learnt, then forwards to the learnt
#   NIC only, ages entries out, keeps VLANs apart, and with vlan=0 refuses
#   VLAN properties;
# - sample-acl drops on ingress and excludes on egress exactly what its
#   rules deny, counts each rule's hits, vetoes every malformed rule set on
#   any port, and capacity only on operational ports;
# - a VM's NIC saved and restored onto a new port (a new PortId) takes
#   the three samples' state along.
. "$(dirname "$0")/lib.sh"

ext=$XSW_MODDIR/extensions
dir=/tmp/dp-samples
top=$(cd "$(dirname "$0")/../.." && pwd)
count_port=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e31
count_switch=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e32
mirror_id=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e33
acl_id=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e41
acl_port=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e42
acl_switch=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e43
learn_status=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e51
i1=11111111-0000-0000-0000-000000000001
i2=11111111-0000-0000-0000-000000000002
i3=11111111-0000-0000-0000-000000000003
i4=11111111-0000-0000-0000-000000000004

cleanup() {
	"$XSW_XSWCTL" switch del sw0 2>/dev/null
	for n in 1 2 3; do
		ip netns del vm$n 2>/dev/null
	done
}
trap cleanup EXIT
rm -rf $dir
mkdir -p $dir || fail "mkdir $dir"

section() {
	echo "dp-samples: $1 (${SECONDS}s)"
}

mac() {
	echo "02:00:00:00:00:0$1"
}

# vm N: namespace vmN with eth0 (MAC 02:00:00:00:00:0N, 10.0.0.N/24), its
# peer vN here; IPv6 off on both before they are up, so neither says a
# word of its own.
vm() {
	local n=$1
	ip netns add vm$n || fail "netns vm$n"
	ip link add v$n type veth peer name eth0 netns vm$n || fail "veth v$n"
	sysctl -qw net.ipv6.conf.v$n.disable_ipv6=1 || fail "IPv6 off on v$n"
	nsx vm$n sysctl -qw net.ipv6.conf.eth0.disable_ipv6=1 ||
		fail "IPv6 off in vm$n"
	ip -n vm$n link set eth0 address "$(mac "$n")" &&
		ip -n vm$n addr add 10.0.0.$n/24 dev eth0 &&
		ip -n vm$n link set eth0 up && ip link set v$n up ||
		fail "vm$n's link"
}

# port_vm N ID: port ID named vmN, its NIC nicN bound to vN, connected.
port_vm() {
	ok xswctl port add sw0 name vm$1 type synthetic id "$2" "${@:3}"
	ok xswctl nic add sw0 port "$2" name nic$1 current-mac "$(mac "$1")" dev v$1
}

# ping_ok FROM TO COUNT / ping_fails FROM TO COUNT
ping_ok() {
	nsx vm$1 ping -q -c "$3" -i 0.2 -W 2 10.0.0.$2 >/dev/null ||
		fail "vm$1 cannot ping vm$2"
}

ping_fails() {
	! nsx vm$1 ping -q -c "$3" -i 0.2 -W 1 10.0.0.$2 >/dev/null ||
		fail "vm$1 pinged vm$2"
}

# status [port P] id UUID: the feature status' answer, in hex.  The
# answers are read in bash: a Python start costs seconds in the debug
# kernel (its files come over 9p).
status() {
	local re='"data":"([0-9a-f]*)"' out
	out=$(xswctl -j feature show sw0 "$@") || fail "feature show $*"
	[[ $out =~ $re ]] || fail "feature show $*: $out"
	echo "${BASH_REMATCH[1]}"
}

# le HEX OFFSET SIZE: the little-endian number of SIZE bytes at OFFSET.
le() {
	local h=${1:$(($2 * 2)):$(($3 * 2))} r="" i
	for ((i = ${#h} - 2; i >= 0; i -= 2)); do
		r+=${h:i:2}
	done
	echo $((16#$r))
}

# fields HEX SIZE...: the little-endian numbers of those sizes, in turn.
fields() {
	local h=$1 off=0 out=() n
	shift
	for n in "$@"; do
		out+=("$(le "$h" $off "$n")")
		off=$((off + n))
	done
	echo "${out[*]}"
}

# counts PORT: sample-count's "rx-packets rx-bytes tx-packets tx-bytes".
counts() {
	fields "$(status port "$1" id $count_port)" 8 8 8 8
}

# tx_packets PORT: sample-count's tx-packets of the port.
tx_packets() {
	le "$(status port "$1" id $count_port)" 16 8
}

# mirror: sample-count's switch status, "mirrored failed state reserved".
mirror() {
	fields "$(status id $count_switch)" 8 8 4 4
}

# capacity: sample-acl's switch status, "max_rules in-use".
capacity() {
	fields "$(status id $acl_switch)" 4 4
}

# hits PORT: sample-acl's hit count of each rule of the port, in order.
hits() {
	local h n i out=()
	h=$(status port "$1" id $acl_port)
	n=$(le "$h" 0 4)
	for ((i = 0; i < n; i++)); do
		out+=("$(le "$h" $((8 + 8 * i)) 8)")
	done
	echo "${out[*]}"
}

# table [port P]: sample-learn's entries, "MAC/VLAN@PORT:INDEX" sorted.
table() {
	local h off m e=()
	h=$(status "$@" id $learn_status)
	for ((off = 8; off * 2 < ${#h}; off += 16)); do
		m=${h:off*2:12}
		e+=("${m:0:2}:${m:2:2}:${m:4:2}:${m:6:2}:${m:8:2}:${m:10:2}/$(le "$h" $((off + 6)) 2)@$(le "$h" $((off + 8)) 4):$(le "$h" $((off + 12)) 2)")
	done
	[ ${#e[@]} = 0 ] && echo empty && return
	printf '%s\n' "${e[@]}" | sort | paste -sd' '
}

# pstat PORT KEY: a counter of the core's for the port, as "xswctl -j
# port stats" gives it (a drop reason's key or rx-packets ...).
pstat() {
	local out re="\"$2\":([0-9]+)"
	out=$(xswctl -j port stats sw0 id "$1") || fail "port stats of $1"
	[[ $out =~ $re ]] || fail "port stats of $1: $out"
	echo "${BASH_REMATCH[1]}"
}

# rx_of N: frames vmN's eth0 received.
rx_of() {
	ip netns exec vm$1 cat /sys/class/net/eth0/statistics/rx_packets
}

# mirror_hex SOURCE MIRROR: the mirror property's payload, two port names
# NUL-padded to 256 bytes each.
mirror_hex() {
	local name h i out=""
	for name in "$@"; do
		h=""
		for ((i = 0; i < ${#name}; i++)); do
			h+=$(printf '%02x' "'${name:i:1}")
		done
		while [ ${#h} -lt 512 ]; do
			h+=00
		done
		out+=$h
	done
	echo "$out"
}

# patch HEX OFFSET BYTE: HEX with the byte at OFFSET replaced.
patch() {
	echo "${1:0:$(($2 * 2))}$3${1:$(($2 * 2 + 2))}"
}

dmesg_count() {
	dmesg | grep -c "$1"
}

section "setup"
# The stock kernels have veth as a module; the debug kernel has it built in.
modprobe -q veth 2>/dev/null
xsw_load
insmod "$ext/xsw_count.ko" || fail "insmod xsw_count.ko"
insmod "$ext/xsw_acl.ko" || fail "insmod xsw_acl.ko"
insmod "$ext/xsw_learn.ko" age_secs=300 || fail "insmod xsw_learn.ko"
for n in 1 2 3; do
	vm $n
done
for a in 1 2 3; do
	for b in 1 2 3; do
		[ $a = $b ] || ip -n vm$a neigh replace 10.0.0.$b lladdr "$(mac $b)" \
			dev eth0 nud permanent || fail "neighbour $b in vm$a"
	done
done
# One xswctl for the whole setup: each start costs in the debug kernel.
{
	echo "switch add sw0"
	echo "ext attach sw0 name sample-count"
	echo "ext set sw0 name sample-count enabled on"
	for n in 1 2 3; do
		echo "port add sw0 name vm$n type synthetic id $n"
		echo "nic add sw0 port $n name nic$n current-mac $(mac $n) dev v$n"
		echo "nic connect sw0 port $n"
	done
} | xswctl -b - >/dev/null || fail "setup of sw0"
# The ACLs of the test, encoded by one run of the encoder.
# (A here-string: the debug kernel's guest has no /dev/fd for "< <(...)".)
mapfile -t acls <<<"$("$top/scripts/acl-encode.py" \
	'deny in proto icmp dst 10.0.0.3/32' 'allow any' -- \
	'deny out proto icmp src 10.0.0.3/32' 'allow in proto icmp' 'allow any' -- \
	'deny out proto icmp src 10.0.0.3/32' -- \
	'allow any' -- \
	'deny proto tcp src 10.0.0.0/8 dport 22' 'allow any')"
[ ${#acls[@]} = 5 ] || fail "acl-encode.py gave ${#acls[@]} rule sets, not 5"
acl_1=${acls[0]} acl_2=${acls[1]} acl_2b=${acls[2]} acl_any=${acls[3]}
good=${acls[4]}

# --- sample-count: counters ------------------------------------------
section "sample-count"
expect_eq "$(counts 1)" "0 0 0 0" "port 1's counters before a frame"
ping_ok 1 2 3
# 3 echo requests and 3 replies of 98 bytes (14 + 20 + 8 + 56), and
# nothing else: the built-in forwarder knows every NIC's MAC.
expect_eq "$(counts 1)" "3 294 3 294" "port 1's counters"
expect_eq "$(counts 2)" "3 294 3 294" "port 2's counters"
expect_eq "$(counts 3)" "0 0 0 0" "port 3's counters"
expect_eq "$(pstat 1 rx-packets)" 3 "the core's rx-packets of port 1"

# --- sample-count: the mirror ----------------------------------------
section "sample-count mirror"
expect_eq "$(mirror)" "0 0 0 0" \
	"the mirror's status before"
ok xswctl prop add sw0 type custom id $mirror_id instance-id $i1 version 1 \
	data "$(mirror_hex vm1 vm3)"
expect_eq "$(mirror)" "0 0 1 0" \
	"the mirror's status once added"
rx3=$(rx_of 3)
ping_ok 1 2 2
# Every frame from vm1 (2 requests) and to it (2 replies) is copied.
expect_eq "$(($(rx_of 3) - rx3))" 4 "frames vm3 got from the mirror"
expect_eq "$(mirror)" "4 0 1 0" \
	"the mirror's status after the pings"
expect_eq "$(counts 3)" "0 0 4 392" "port 3's counters: the copies"
expect_eq "$(counts 2)" "5 490 5 490" "port 2's counters"
# A capture extension cannot veto: a malformed mirror property is stored,
# logged and mirrors nothing.
warned=$(dmesg_count "sample-count: switch sw0: the mirror property is not in force: the mirror port is the source port")
ok xswctl prop set sw0 type custom id $mirror_id instance-id $i1 version 1 \
	data "$(mirror_hex vm1 vm1)"
expect_eq "$(dmesg_count "sample-count: switch sw0: the mirror property is not in force: the mirror port is the source port")" \
	$((warned + 1)) "the malformed mirror's warning"
expect_eq "$(mirror)" "4 0 2 0" \
	"the malformed mirror's status"
rx3=$(rx_of 3)
ping_ok 1 2 1
expect_eq "$(($(rx_of 3) - rx3))" 0 "frames a malformed mirror sent"
ok xswctl prop set sw0 type custom id $mirror_id instance-id $i1 version 1 \
	data "$(mirror_hex vm1 vm3)"
rx3=$(rx_of 3)
ping_ok 1 2 1
expect_eq "$(($(rx_of 3) - rx3))" 2 "frames the mended mirror sent"
ok xswctl prop del sw0 type custom id $mirror_id instance-id $i1
expect_eq "$(mirror)" "6 0 0 0" \
	"the mirror's status once deleted"
rx3=$(rx_of 3)
ping_ok 1 2 1
expect_eq "$(($(rx_of 3) - rx3))" 0 "frames a deleted mirror sent"

# --- sample-learn ----------------------------------------------------
section "sample-learn"
ok xswctl ext attach sw0 name sample-learn
ok xswctl ext set sw0 name sample-learn enabled on
expect_eq "$(table)" "empty" "the table when enabled"
tx3=$(tx_packets 3)
ping_ok 1 2 1
# The request to an unknown MAC is flooded (vm3 gets it), the reply goes
# to the MAC learnt from the request.
expect_eq "$(table)" "02:00:00:00:00:01/0@1:0 02:00:00:00:00:02/0@2:0" \
	"the table after a ping"
expect_eq "$(table port 2)" "02:00:00:00:00:02/0@2:0" "port 2's entries"
expect_eq "$(tx_packets 3)" $((tx3 + 1)) \
	"frames flooded to port 3"
ping_ok 1 2 3
expect_eq "$(tx_packets 3)" $((tx3 + 1)) \
	"frames to port 3 once learnt"
# Aging: entries go once age_secs passed without a frame from them.
echo 1 >/sys/module/xsw_learn/parameters/age_secs || fail "age_secs"
for _ in $(seq 100); do
	[ "$(table)" = empty ] && break
	sleep 0.1
done
expect_eq "$(table)" "empty" "the table after aging"
echo 300 >/sys/module/xsw_learn/parameters/age_secs || fail "age_secs"
ping_ok 1 2 1
expect_eq "$(tx_packets 3)" $((tx3 + 2)) \
	"frames flooded to port 3 after aging"
# VLANs: vm1 and vm2 in VLAN 10, vm3 in VLAN 20.
ok xswctl prop add sw0 port 1 type vlan instance-id $i1 version 1 vlan access 10
ok xswctl prop add sw0 port 2 type vlan instance-id $i2 version 1 vlan access 10
ok xswctl prop add sw0 port 3 type vlan instance-id $i3 version 1 vlan access 20
tx3=$(tx_packets 3)
ping_ok 1 2 2
ping_fails 1 3 2
ping_fails 3 2 1
# The untagged entries of before stay until they age.
expect_eq "$(table)" "02:00:00:00:00:01/0@1:0 02:00:00:00:00:01/10@1:0 02:00:00:00:00:02/0@2:0 02:00:00:00:00:02/10@2:0 02:00:00:00:00:03/20@3:0" \
	"the table with VLANs"
expect_eq "$(tx_packets 3)" "$tx3" "frames of VLAN 10 to port 3"
ok xswctl prop del sw0 port 1 type vlan instance-id $i1
ok xswctl prop del sw0 port 2 type vlan instance-id $i2
ok xswctl prop del sw0 port 3 type vlan instance-id $i3
# Disabled, the extension forgets its table.
ok xswctl ext set sw0 name sample-learn enabled off
ok xswctl ext set sw0 name sample-learn enabled on
expect_eq "$(table)" "empty" "the table enabled again"
ping_ok 1 2 1

# --- sample-acl --------------------------------------------------------
section "sample-acl"
ok xswctl ext attach sw0 name sample-acl
ok xswctl ext set sw0 name sample-acl enabled on
# vm1 may not send ICMP to vm3; vm2 takes no ICMP from vm3.
ok xswctl prop add sw0 port 1 type custom id $acl_id instance-id $i1 version 1 \
	data "$acl_1"
ok xswctl prop add sw0 port 2 type custom id $acl_id instance-id $i2 version 1 \
	data "$acl_2"
expect_eq "$(capacity)" "4096 5" "the rules in use"
filter1=$(pstat 1 filter)
ping_fails 1 3 3
expect_eq "$(hits 1)" "3 0" "port 1's hits after vm1 pinged vm3"
expect_eq "$(pstat 1 filter)" $((filter1 + 3)) \
	"port 1's filter drops"
ping_ok 1 2 3
# Requests from vm1 and replies to it pass rule 1 of port 1; to vm2 they
# pass rule 2 (rule 1 is for frames from vm2), the replies rule 1.
expect_eq "$(hits 1)" "3 6" "port 1's hits after vm1 pinged vm2"
expect_eq "$(hits 2)" "0 3 3" "port 2's hits after vm1 pinged vm2"
excluded2=$(pstat 2 excluded)
ping_fails 3 2 2
expect_eq "$(hits 2)" "2 3 3" "port 2's hits after vm3 pinged vm2"
expect_eq "$(pstat 2 excluded)" $((excluded2 + 2)) \
	"port 2's excluded frames"

# Malformed rule sets are vetoed, on operational and validation ports.
ok xswctl port add sw0 name check type synthetic id 4 validation
# bad MESSAGE HEX [PORT]: HEX is vetoed on the validation port 4 (and
# PORT), with MESSAGE.
bad() {
	local msg="Error: sample-acl: $1 (Invalid argument)" p
	for p in 4 ${3:-}; do
		expect_refused "$msg" xswctl prop add sw0 port $p type custom \
			id $acl_id instance-id $i3 version 1 data "$2"
	done
}
bad "the rule set's version is not 1" "$(patch "$good" 0 02)" 3
bad "a reserved field of the rule set's header is not zero" "$(patch "$good" 7 01)"
bad "the rule set is shorter than its 8-byte header" "01000000" 3
bad "the rule set is not a whole number of 40-byte rules" "${good}00" 3
bad "a rule's action is neither allow (0) nor deny (1)" "$(patch "$good" 8 02)"
bad "a rule has unknown match flags" "$(patch "$good" 11 02)"
bad "a reserved field of a rule is not zero" "$(patch "$good" 14 01)"
bad "a rule's prefix is longer than 32" "$(patch "$good" 12 21)" 3
bad "a rule's address has bits set past its prefix" "$(patch "$good" 31 01)"
bad "a rule sets a field its match flags do not use" "$(patch "$good" 17 01)"
bad "a rule matches ports but not protocol tcp or udp" "$(patch "$good" 9 01)"
bad "a rule's port range ends before it starts" "$(patch "$good" 41 17)"
expect_eq "$(capacity)" "4096 5" \
	"the rules in use after the vetoes"

# Capacity: operational ports only; a validation port reserves nothing.
echo 6 >/sys/module/xsw_acl/parameters/max_rules || fail "max_rules"
expect_refused "Error: sample-acl: over max_rules on operational ports (No space left on device)" \
	xswctl prop add sw0 port 3 type custom id $acl_id instance-id $i3 \
	version 1 data "$good"
ok xswctl prop add sw0 port 4 type custom id $acl_id instance-id $i4 \
	version 1 data "$good"
expect_eq "$(capacity)" "6 5" \
	"the rules in use with the validation port's"
# A second list conflicts, on a validation port too.
expect_refused "Error: sample-acl: the port already has an ACL property (File exists)" \
	xswctl prop add sw0 port 4 type custom id $acl_id instance-id $i3 \
	version 1 data "$acl_any"
ok xswctl prop set sw0 port 2 type custom id $acl_id instance-id $i2 version 1 \
	data "$acl_2b"
expect_eq "$(capacity)" "6 3" \
	"the rules in use after an update"
expect_eq "$(hits 2)" "0" "the hits of a new rule set"
ok xswctl prop add sw0 port 3 type custom id $acl_id instance-id $i3 \
	version 1 data "$good"
expect_eq "$(capacity)" "6 5" \
	"the rules in use with port 3's"
expect_refused "Error: sample-acl: the port already has an ACL property (File exists)" \
	xswctl prop add sw0 port 3 type custom id $acl_id instance-id $i4 \
	version 1 data "$good"
ok xswctl prop del sw0 port 3 type custom id $acl_id instance-id $i3
ok xswctl port teardown sw0 id 4
ok xswctl port del sw0 id 4
echo 4096 >/sys/module/xsw_acl/parameters/max_rules || fail "max_rules"
expect_eq "$(capacity)" "4096 3" \
	"the rules in use at the end"
ping_fails 3 2 1
expect_eq "$(hits 2)" "1" "port 2's hit"

# --- A VM moves: its NIC saved, restored onto a new port -----------------
section "save and restore"
ping_ok 2 1 2
before_counts=$(counts 2)
before_hits=$(hits 2)
expect_eq "$(table port 2)" "02:00:00:00:00:02/0@2:0" "port 2's entries"
xswctl nic save sw0 port 2 >$dir/vm2.sav 2>$dir/save.err ||
	fail "nic save: $(<$dir/save.err)"
expect_eq "$(<$dir/save.err)" "nic save: port 2 index 0: 3 records, 112 bytes" \
	"the save"
ok xswctl nic disconnect sw0 port 2
expect_eq "$(table port 2)" "empty" "port 2's entries once disconnected"
ok xswctl nic del sw0 port 2
ok xswctl port teardown sw0 id 2
ok xswctl port del sw0 id 2
port_vm 2 12 restoring
ok xswctl prop add sw0 port 12 type custom id $acl_id instance-id $i2 version 1 \
	data "$acl_2b"
ok xswctl nic connect sw0 port 12
expect_eq "$(counts 12)" "0 0 0 0" "port 12's counters before the restore"
expect_says "nic restore: port 12 index 0: 3 records restored, 0 unclaimed" \
	xswctl nic restore sw0 port 12 <$dir/vm2.sav
expect_eq "$(counts 12)" "$before_counts" "port 12's counters, restored"
expect_eq "$(hits 12)" "$before_hits" "port 12's hits, restored"
expect_eq "$(table port 12)" "02:00:00:00:00:02/0@12:0" "port 12's entries, restored"
# Restored, vm2's MAC is known: vm1's ping is not flooded to vm3.
tx3=$(tx_packets 3)
ping_ok 1 2 2
expect_eq "$(tx_packets 3)" "$tx3" \
	"frames flooded to port 3 after the restore"
# Hit counts go back only into the same rules: into others they are
# dropped, with a line in the log, and the rest of the restore holds.
ok xswctl prop set sw0 port 12 type custom id $acl_id instance-id $i2 version 1 \
	data "$acl_any"
dropped=$(dmesg_count "sample-acl: switch sw0: port 12: the restored hit counts are of other rules; dropped")
expect_says "nic restore: port 12 index 0: 3 records restored, 0 unclaimed" \
	xswctl nic restore sw0 port 12 <$dir/vm2.sav
expect_eq "$(hits 12)" "0" "port 12's hits after a restore into other rules"
expect_eq "$(dmesg_count "sample-acl: switch sw0: port 12: the restored hit counts are of other rules; dropped")" \
	$((dropped + 1)) "the dropped hits' line"
expect_eq "$(counts 12)" "$before_counts" "port 12's counters, restored again"

# --- sample-learn with vlan=0: no VLAN properties ----------------------
section "sample-learn vlan=0"
ok xswctl prop add sw0 port 1 type vlan instance-id $i1 version 1 vlan access 10
ok xswctl ext set sw0 name sample-learn enabled off
ok xswctl ext detach sw0 name sample-learn
rmmod xsw_learn || fail "rmmod xsw_learn"
insmod "$ext/xsw_learn.ko" vlan=0 || fail "insmod xsw_learn.ko vlan=0"
ok xswctl ext attach sw0 name sample-learn
expect_refused "Error: sample-learn: does not enforce VLAN; a port has one (Invalid argument)" \
	xswctl ext set sw0 name sample-learn enabled on
ok xswctl prop del sw0 port 1 type vlan instance-id $i1
ok xswctl ext set sw0 name sample-learn enabled on
expect_refused "Error: sample-learn: does not enforce VLAN (Invalid argument)" \
	xswctl prop add sw0 port 1 type vlan instance-id $i1 version 1 vlan access 10
ping_ok 1 2 1
section "done"
