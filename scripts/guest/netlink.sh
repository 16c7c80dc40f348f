#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The netlink family's promises, each with the change that used to break
# it: dumps resume correctly or say NLM_F_DUMP_INTR when objects change
# between two messages, deliver a property of 16 KiB to a fresh socket,
# a request whose reply cannot be delivered leaves nothing behind, one set
# of NIC field checks for add and set, and unloading the module still
# announces the teardown of what it removes.
. "$(dirname "$0")/lib.sh"

# nldump.py runs xswctl itself.
PATH=$(dirname "$XSW_XSWCTL"):$PATH
nldump() {
	python3 "$(dirname "$0")/nldump.py" "$@"
}

# Attribute numbers of the uAPI, as nldump.py prints them.
A_NIC_PORT_ID=2 A_NIC_INDEX=3 A_PROP_SWITCH=1 A_PROP_PORT_ID=2

xsw_load
xswctl switch add sw0 >/dev/null || fail "switch add"
# Kernels that format extack messages name the limit's value too.
limit_sw= limit_ports=
case $(uname -r) in
6.1.*) ;;
*) limit_sw==64 limit_ports==100 ;;
esac

# --- NIC dump: the port it stopped in is deleted between two messages.
# The external port's 33 NICs, with long names, take several messages;
# ports 2-5 have one each.
long=$(printf 'n%.0s' $(seq 250))
{
	echo "port add sw0 id 1 type external"
	for i in $(seq 0 32); do
		echo "nic add sw0 port 1 index $i name $long$i friendly-name $long"
	done
	for p in 2 3 4 5; do
		echo "port add sw0 id $p type synthetic"
		echo "nic add sw0 port $p"
	done
} | xswctl -b - >/dev/null || fail "setup of the NIC dump"
del_port1="{ for i in \$(seq 0 32); do echo nic del sw0 port 1 index \$i; done;
	echo port teardown sw0 id 1; echo port del sw0 id 1; } | xswctl -b -"
out=$(nldump dump --then "$del_port1" nic-get 1=str:sw0) || fail "NIC dump"
tail -n1 <<<"$out" | grep -qx 'done 0' || fail "NIC dump ended: $(tail -n1 <<<"$out")"
seen=$(grep -o "$A_NIC_PORT_ID=[0-9]* $A_NIC_INDEX=[0-9]*" <<<"$out" | tr ' ' /)
n1=$(grep -c "^$A_NIC_PORT_ID=1/" <<<"$seen")
# Positive control: the delete really fell inside port 1's NICs.
[ "$n1" -gt 0 ] && [ "$n1" -lt 33 ] || fail "port 1 showed $n1 NICs, want a part of 33"
for p in 2 3 4 5; do
	grep -qx "$A_NIC_PORT_ID=$p/$A_NIC_INDEX=0" <<<"$seen" ||
		fail "the NIC dump skipped port $p's NIC after port 1 was deleted"
done
expect_eq "$(sort <<<"$seen" | uniq -d)" "" "NICs dumped twice"

# --- Property dumps resume by position: a change between two messages
# marks the dump interrupted; without a change, it is not.
data=$(head -c 2000 /dev/zero | tr '\0' 'a' | xxd -p | tr -d '\n')
# Each message holds the largest property (a trunk of every VLAN, about
# 32 KiB, which the slab rounds up to 64 KiB), and the kernel builds the
# second message while the first is read: 96 properties of 2000 bytes
# take four messages, so the third is built after the change.
for i in $(seq 100 195); do
	echo "prop add sw0 port 2 type custom id c0ffee00-0000-0000-0000-000000000$i version 1 data $data"
done | xswctl -b - || fail "adding 96 properties of 2000 bytes"
out=$(nldump dump prop-get 1=str:sw0 2=u32:2) || fail "property dump"
expect_eq "$(grep -c '^obj' <<<"$out")" 96 "properties dumped without a change"
grep -q '^intr' <<<"$out" && fail "a dump with no change was marked interrupted"
out=$(nldump dump --then "xswctl prop add sw0 port 2 type vlan version 1 vlan access 1" \
	prop-get 1=str:sw0 2=u32:2) || fail "property dump with a change"
grep -qx intr <<<"$out" || fail "a property added mid-dump did not mark it interrupted"

# --- A property of 16 KiB reaches a fresh socket in a dump, and in a get.
big=$(head -c 16384 /dev/urandom | xxd -p | tr -d '\n')
xswctl prop add sw0 port 3 type custom id c0ffee00-0000-0000-0000-000000000099 \
	version 1 data "$big" || fail "adding a 16 KiB property"
out=$(nldump dump prop-get 1=str:sw0 2=u32:3) || fail "dump of a 16 KiB property"
expect_eq "$(grep -c '7=#16384' <<<"$out")" 1 "16 KiB property in a fresh socket's dump"
expect_eq "$(json_get "$(xswctl -j prop show sw0 port 3)" 'j[0]["data"]')" "$big" \
	"16 KiB property through xswctl"
# So does the largest standard property, a trunk of every VLAN: its nest
# (mode, native, 4094 allowed, 8 bytes each) is twice the largest data.
xswctl prop add sw0 port 3 type vlan instance-id c0ffee00-0000-0000-0000-000000000098 \
	version 1 vlan trunk allowed 1-4094 || fail "adding a trunk of every VLAN"
out=$(nldump dump prop-get 1=str:sw0 2=u32:3) || fail "dump of a trunk of every VLAN"
expect_eq "$(grep -c '7=#16384' <<<"$out") $(grep -c '9=#32768' <<<"$out")" "1 1" \
	"16 KiB property and a trunk of every VLAN in a fresh socket's dump"
expect_eq "$(xswctl -j prop show sw0 port 3 type vlan instance-id c0ffee00-0000-0000-0000-000000000098 |
	json_get - '(len(j[0]["vlan"]["allowed"]), j[0]["vlan"]["allowed"][-1], "data" in j[0])')" \
	"(4094, 4094, False)" "a trunk of every VLAN through xswctl's get"

# --- A request whose reply cannot be delivered changes nothing.
ports_before=$(xswctl -j port show sw0)
out=$(nldump full-buffer port-new 1=str:sw0 5=u32:2 2=u32:77) || fail "full-buffer port-new"
grep -q '^sent' <<<"$out" || fail "full-buffer: $out"
expect_eq "$(xswctl -j port show sw0)" "$ports_before" "ports after an undeliverable port-new"
xswctl nic del sw0 port 4 || fail "nic del port 4"
nldump full-buffer nic-new 1=str:sw0 2=u32:4 3=u16:0 >/dev/null || fail "full-buffer nic-new"
expect_eq "$(json_get "$(xswctl -j nic show sw0 port 4)" 'len(j)')" 0 \
	"NICs of port 4 after an undeliverable nic-new"
# Positive control: the same request from a reading socket works.
nlraw() { python3 "$(dirname "$0")/nlraw.py" "$@"; }
expect_eq "$(nlraw nic-new 1=str:sw0 2=u32:4 3=u16:0)" ok "nic-new from a reading socket"

# --- NIC add and NIC set check the same fields: no VM MAC off a VM port.
xswctl port add sw0 id 9 type internal >/dev/null || fail "internal port"
expect_fail '^Error: xswitch: VM names and MAC are for VM NICs only \(Invalid argument\)$' \
	xswctl nic add sw0 port 9 vm-mac 00:15:5d:00:00:09
{ xswctl nic add sw0 port 9 && xswctl nic connect sw0 port 9; } >/dev/null || fail "NIC on port 9"
expect_fail '^Error: xswitch: VM names and MAC are for VM NICs only \(Invalid argument\)$' \
	xswctl nic set sw0 port 9 vm-mac 00:15:5d:00:00:09
expect_eq "$(json_get "$(xswctl -j nic show sw0 port 9)" 'j[0]["vm-mac"]')" 00:00:00:00:00:00 \
	"VM MAC after a refused set"
xswctl nic set sw0 port 9 mtu 9000 || fail "a legal nic set"

# --- An unprivileged user owning a user and network namespace is bound by
# the namespace's limits like root: max_switches, then max_ports (lowered
# to keep the test short).
echo 100 >/sys/module/xswitch/parameters/max_ports
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups unshare -U -r -n bash -c "
	for i in \$(seq 64); do echo switch add u\$i; done | '$XSW_XSWCTL' -b - || exit 10
	'$XSW_XSWCTL' switch add u65 2>&1
	for i in \$(seq 100); do echo port add u1 id \$i type synthetic; done |
		'$XSW_XSWCTL' -b - >/dev/null || exit 11
	'$XSW_XSWCTL' port add u1 type synthetic 2>&1" 2>&1)
rc=$?
expect_eq "$rc" 1 "exit status of the unprivileged flood (10: switches refused early, 11: ports)"
expect_eq "$out" "Error: xswitch: over the limit max_switches$limit_sw (No space left on device)
Error: xswitch: over the limit max_ports$limit_ports (No space left on device)" \
	"what the unprivileged flood was told"
echo 16384 >/sys/module/xswitch/parameters/max_ports

# --- Unloading still announces the teardown of what it removes.
xswctl switch add sw1 >/dev/null && xswctl port add sw1 id 1 type synthetic >/dev/null &&
	xswctl nic add sw1 port 1 >/dev/null && xswctl nic connect sw1 port 1 ||
	fail "setup of sw1"
mon=/tmp/netlink-monitor.txt
monitor_start "$mon"
xsw_unload
sleep 0.5
monitor_stop
expect_eq "$(grep ' switch sw1 ' "$mon" | sed 's/^.* switch sw1 //' | tr '\n' ,)" \
	"op nic-disconnect port 1 nic 0 status 0,op nic-delete port 1 nic 0 status 0,op port-teardown port 1 status 0,op port-delete port 1 status 0," \
	"what a listener heard of sw1 while the module was unloaded"
echo "netlink: ok"
