#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Frames through the built-in forwarder: two VMs (network namespaces on
# veths bound as synthetic NICs), a host behind the external port and the
# host's internal port ping each other; every counter matches the frames
# sent (neighbours are static and IPv6 is off, so nothing else crosses);
# a disconnected NIC receives nothing; the MAC-spoofing guard and the
# VLAN access and trunk policies hold; learning and aging behind the
# external port; binding refusals; a device deleted under traffic takes
# its NIC with it, in the Hyper-V order.
. "$(dirname "$0")/lib.sh"

modprobe -q veth 2>/dev/null
modprobe -q 8021q 2>/dev/null
modprobe -q bridge 2>/dev/null
xsw_load

# vm NS IFNAME-IN-NS HOST-END IP: a namespace on a veth, the host end up.
vm() {
	ip netns add "$1" || fail "netns $1"
	ip link add "$3" type veth peer name "$2" || fail "veth $3"
	ip link set "$2" netns "$1"
	sysctl -qw "net.ipv6.conf.$3.disable_ipv6=1"
	nsx "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	nsx "$1" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	nsx "$1" ip link set lo up
	nsx "$1" ip addr add "$4/24" dev "$2"
	nsx "$1" ip link set "$2" up
	ip link set "$3" up
}

mac_of() { nsx_sys "$1" cat "/sys/class/net/$2/address"; }

vm vm1 eth0 h1 10.0.0.1
vm vm2 eth0 h2 10.0.0.2
vm out eth0 hx 10.0.0.100
m1=$(mac_of vm1 eth0)
m2=$(mac_of vm2 eth0)
mx=$(mac_of out eth0)

ok xswctl switch add sw0
ok xswctl port add sw0 name uplink type external
ok xswctl port add sw0 name vm1 type synthetic
ok xswctl port add sw0 name vm2 type synthetic
ok xswctl port add sw0 name host type internal

# --- Binding refusals, each changing nothing -----------------------------
ip link add br9 type bridge || fail "bridge"
ip link add s9 type veth peer name s9p || fail "veth s9"
ip link set s9 master br9
# 6.1 cannot format extack messages: it does not name the master.
master=br9
[[ $(uname -r) == 6.1.* ]] && master="another device"
expect_refused "Error: xswitch: the device is enslaved to $master (Device or resource busy)" \
	xswctl nic add sw0 port 1 name up dev s9
expect_refused "Error: xswitch: a loopback device cannot back a NIC (Invalid argument)" \
	xswctl nic add sw0 port 1 name up dev lo
expect_refused 'xswctl: nic add: no device "nosuch"' xswctl nic add sw0 port 1 name up dev nosuch
expect_refused "Error: xswitch: the internal port makes its own device: give ifname, not ifindex (Invalid argument)" \
	xswctl nic add sw0 port 4 name host dev s9p
expect_refused "Error: xswitch: ifname names the internal port's device; bind other NICs with ifindex (Invalid argument)" \
	xswctl nic add sw0 port 1 name up ifname xup
# A device of another namespace, by an ifindex xswctl cannot resolve here.
# (Each namespace numbers its devices: one unused here is found free.)
other=$(nsx_sys vm1 cat /sys/class/net/eth0/ifindex)
while ip -o link | grep -q "^$other:"; do other=$((other + 1)); done
expect_eq "$(python3 "$XSW_TOP/scripts/guest/nlraw.py" nic-new 1=str:sw0 2=u32:1 4=str:up 14=u32:"$other" 2>&1)" \
	"error ENODEV: xswitch: no device with that ifindex in the switch's namespace" "another namespace's device"
expect_eq "$(xswctl nic show sw0)" "" "no NIC after the refusals"
ip link del br9
ip link del s9

ok xswctl nic add sw0 port 1 name up dev hx
ok xswctl nic add sw0 port 2 name n1 current-mac "$m1" dev h1
ok xswctl nic add sw0 port 3 name n2 current-mac "$m2" dev h2
ok xswctl nic add sw0 port 4 name host ifname xswhost
expect_refused "Error: xswitch: the device backs another NIC (Device or resource busy)" \
	xswctl nic add sw0 port 1 index 1 name again dev h1
expect_eq "$(xswctl -j nic show sw0 port 2 | json_get - 'j[0]["ifname"], j[0]["state"]')" \
	"('h1', 'created')" "a bound NIC"
ip addr add 10.0.0.254/24 dev xswhost
sysctl -qw net.ipv6.conf.xswhost.disable_ipv6=1
ip link set xswhost up
mh=$(cat /sys/class/net/xswhost/address)
expect_eq "$(xswctl -j nic show sw0 port 4 | json_get - 'j[0]["current-mac"]')" "$mh" \
	"the internal NIC's MAC is its device's"

# Static neighbours: only the pings themselves cross the switch.
static_neighbours() {
	nsx "$1" ip neigh replace 10.0.0.1 lladdr "$m1" dev eth0 nud permanent
	nsx "$1" ip neigh replace 10.0.0.2 lladdr "$m2" dev eth0 nud permanent
	nsx "$1" ip neigh replace 10.0.0.100 lladdr "$mx" dev eth0 nud permanent
	nsx "$1" ip neigh replace 10.0.0.254 lladdr "$mh" dev eth0 nud permanent
}
for ns in vm1 vm2 out; do static_neighbours $ns; done
ip neigh replace 10.0.0.1 lladdr "$m1" dev xswhost nud permanent
ip neigh replace 10.0.0.2 lladdr "$m2" dev xswhost nud permanent

# stat PORT EXPR: values of the port's counters (j: its JSON object), as
# "V1 V2 ...".
# send_raw NS DEV DST SRC HEX16...: one frame, the 16-bit words after the
# MACs as given, padded to 60 bytes, sent on a packet socket.
send_raw() {
	nsx "$1" python3 -c '
import socket, sys
dev, dst, src = sys.argv[1:4]
f = bytes.fromhex(dst.replace(":", "") + src.replace(":", "") + "".join(sys.argv[4:]))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
s.send(f.ljust(60, b"\0"))
' "${@:2}" || fail "send_raw $*"
	sleep 0.2
}

stat() {
	xswctl -j port stats sw0 id "$1" |
		json_get - "' '.join(map(str, (lambda j: ($2,))(j[0])))"
}

# Created, not connected: a NIC may send, but is no destination.
nsx vm1 ping -c 1 -W 1 10.0.0.2 >/dev/null && fail "a ping crossed to a NIC not connected"
expect_eq "$(stat 2 'j["rx-packets"]') $(stat 3 'j["tx-packets"]') $(stat 2 'j["drops"]["no-dest"]')" \
	"1 0 1" "the frame to a NIC not connected"
for p in 1 2 3 4; do ok xswctl nic connect sw0 port $p; done

# --- Counters: VM to VM, VM to the outside, VM to the host ---------------
base2=$(stat 2 'j["rx-packets"]')
ok nsx vm1 ping -c 3 -W 2 10.0.0.2
ok nsx vm1 ping -c 2 -W 2 10.0.0.254
ok nsx vm2 ping -c 4 -W 2 10.0.0.100
# The outside's MAC is not known yet: vm2's first frame to it floods, to
# vm1 and the host too; its reply teaches the switch where it is.
expect_eq "$(stat 2 'j["rx-packets"] - '"$base2"', j["tx-packets"]')" "5 6" "vm1's port"
expect_eq "$(stat 3 'j["rx-packets"], j["tx-packets"]')" "7 7" "vm2's port"
expect_eq "$(stat 1 'j["rx-packets"], j["tx-packets"]')" "4 4" "the uplink"
expect_eq "$(stat 4 'j["rx-packets"], j["tx-packets"], j["rx-bytes"]')" "2 3 196" "the internal port"
expect_eq "$(stat 3 'j["rx-bytes"]')" "686" "vm2's bytes (7 ICMP frames of 98)"
# The internal port's device counts the port's frames, seen from the host.
expect_eq "$(cat /sys/class/net/xswhost/statistics/rx_packets) $(cat /sys/class/net/xswhost/statistics/tx_packets)" \
	"3 2" "ip -s link of the internal port"
expect_eq "$(nsx_sys vm2 cat /sys/class/net/eth0/statistics/rx_packets)" "7" "vm2 received its frames only"

# --- MTU follows the device ---------------------------------------------
mon=$(mktemp)
monitor_start "$mon"
ip link set h1 mtu 1400
for i in $(seq 50); do
	[ "$(xswctl -j nic show sw0 port 2 | json_get - 'j[0]["mtu"]')" = 1400 ] && break
	sleep 0.1
done
expect_eq "$(xswctl -j nic show sw0 port 2 | json_get - 'j[0]["mtu"]')" 1400 "the NIC's MTU follows its device"
ok xswctl nic set sw0 port 2 mtu 1500
expect_eq "$(cat /sys/class/net/h1/mtu)" 1500 "nic set sets the device's MTU"
# The internal port's current MAC goes to its device, and stays the NIC's
# over the device's MTU change; a change of the device's address moves it.
nic4() { xswctl -j nic show sw0 port 4 | json_get - "j[0][\"$1\"]"; }
ok xswctl nic set sw0 port 4 current-mac 02:00:00:00:00:fe
expect_eq "$(cat /sys/class/net/xswhost/address)" 02:00:00:00:00:fe "nic set sets the internal device's MAC"
ip link set xswhost mtu 1400
for i in $(seq 50); do [ "$(nic4 mtu)" = 1400 ] && break; sleep 0.1; done
expect_eq "$(nic4 mtu) $(nic4 current-mac)" "1400 02:00:00:00:00:fe" "an MTU change keeps the NIC's MAC"
ip link set xswhost address "$mh"
for i in $(seq 50); do [ "$(nic4 current-mac)" = "$mh" ] && break; sleep 0.1; done
expect_eq "$(nic4 current-mac)" "$mh" "the NIC's MAC follows the device's address"
ip link set xswhost mtu 1500

# --- A disconnected NIC receives nothing --------------------------------
ok xswctl nic disconnect sw0 port 3
before=$(nsx_sys vm2 cat /sys/class/net/eth0/statistics/rx_packets)
nsx vm1 ping -c 2 -W 1 10.0.0.2 >/dev/null && fail "a ping reached a disconnected NIC"
expect_eq "$(nsx_sys vm2 cat /sys/class/net/eth0/statistics/rx_packets)" "$before" \
	"a disconnected NIC received a frame"
nsx vm2 ping -c 1 -W 1 10.0.0.1 >/dev/null && fail "a disconnected NIC sent"
expect_eq "$(stat 3 'j["drops"]["not-ready"]')" 1 "a disconnected NIC's frame"
ok xswctl nic del sw0 port 3
ok xswctl nic add sw0 port 3 name n2 current-mac "$m2" dev h2
ok xswctl nic connect sw0 port 3
ok nsx vm1 ping -c 1 -W 2 10.0.0.2

# --- The MAC-spoofing guard ---------------------------------------------
spoof0=$(stat 2 'j["drops"]["mac-spoof"]')
sent0=$(nsx_sys vm1 cat /sys/class/net/eth0/statistics/tx_packets)
nsx vm1 ip link set eth0 address 02:00:00:00:00:66
nsx vm1 ping -c 2 -W 1 10.0.0.2 >/dev/null && fail "a spoofing VM's ping crossed"
sent=$(( $(nsx_sys vm1 cat /sys/class/net/eth0/statistics/tx_packets) - sent0 ))
[ "$sent" -ge 2 ] || fail "vm1 sent $sent frames, not the 2 pings at least"
expect_eq "$(stat 2 'j["drops"]["mac-spoof"] - '"$spoof0")" "$sent" \
	"every frame sent with the spoofed MAC dropped and counted"
# Allowed by the security policy, the frames cross (the replies go to the
# NIC's own MAC, which vm1 no longer has: they do not come back).
ok xswctl prop add sw0 port 2 type security version 1 mac-spoofing on
got0=$(nsx_sys vm2 cat /sys/class/net/eth0/statistics/rx_packets)
sent0=$(nsx_sys vm1 cat /sys/class/net/eth0/statistics/tx_packets)
nsx vm1 ping -c 2 -W 1 10.0.0.2 >/dev/null
sent1=$(( $(nsx_sys vm1 cat /sys/class/net/eth0/statistics/tx_packets) - sent0 ))
[ "$sent1" -ge 2 ] || fail "vm1 sent $sent1 frames, not the 2 pings at least"
expect_eq "$(( $(nsx_sys vm2 cat /sys/class/net/eth0/statistics/rx_packets) - got0 ))" "$sent1" \
	"the spoofed frames reached vm2 once spoofing is allowed"
expect_eq "$(stat 2 'j["drops"]["mac-spoof"] - '"$spoof0")" "$sent" "no more spoofing drops"
ok xswctl prop del sw0 port 2 type security
nsx vm1 ip link set eth0 address "$m1"
# A new MAC flushed vm1's neighbours, static ones too.
static_neighbours vm1

# --- Learning and aging behind the external port --------------------------
echo 2 >/sys/module/xswitch/parameters/fdb_age_secs
sleep 3
flood=$(stat 3 'j["tx-packets"]')
# The outside's MAC is unknown: vm1's first frame to it floods (to vm2
# too), the reply teaches it, and the next frames go to the uplink only.
ok nsx vm1 ping -c 3 -i 0.3 -W 2 10.0.0.100
expect_eq "$(stat 3 'j["tx-packets"] - '"$flood")" 1 "one frame flooded before learning"
sleep 5
ok nsx vm1 ping -c 1 -W 2 10.0.0.100
expect_eq "$(stat 3 'j["tx-packets"] - '"$flood")" 2 "flooded again once aged out"
echo 300 >/sys/module/xswitch/parameters/fdb_age_secs

# --- VLANs: access isolation, and a trunk to the outside -------------------
ok xswctl prop add sw0 port 2 type vlan version 1 vlan access 10
ok xswctl prop add sw0 port 3 type vlan version 1 vlan access 20
v0=$(stat 2 'j["drops"]["vlan"]')
nsx vm1 ping -c 2 -W 1 10.0.0.2 >/dev/null && fail "a ping crossed from VLAN 10 to 20"
expect_eq "$(stat 2 'j["drops"]["vlan"] - '"$v0")" 2 "frames to another VLAN"
ok xswctl prop set sw0 port 3 type vlan version 1 vlan access 10
ok nsx vm1 ping -c 2 -W 2 10.0.0.2
# The uplink trunks VLAN 10: the outside reaches vm1 only tagged.
ok xswctl prop add sw0 port 1 type vlan version 1 vlan trunk allowed 10,30-31
nsx out ping -c 1 -W 1 10.0.0.1 >/dev/null && fail "an untagged frame reached access VLAN 10"
nsx out ip link add link eth0 name eth0.10 type vlan id 10
nsx out ip addr add 10.0.10.100/24 dev eth0.10
nsx out ip link set eth0.10 up
nsx vm1 ip addr add 10.0.10.1/24 dev eth0
nsx out ip neigh replace 10.0.10.1 lladdr "$m1" dev eth0.10 nud permanent
nsx vm1 ip neigh replace 10.0.10.100 lladdr "$mx" dev eth0 nud permanent
tagged=$(nsx_sys out cat /sys/class/net/eth0.10/statistics/rx_packets)
ok nsx out ping -c 2 -W 2 10.0.10.1
expect_eq "$(( $(nsx_sys out cat /sys/class/net/eth0.10/statistics/rx_packets) - tagged ))" 2 \
	"replies reached the outside tagged with VLAN 10"
# A port classifies by one C-tag.  A tag hidden behind a priority tag (or
# an S-tag) would carry a frame onto a VLAN its port never admitted: vm1,
# on access VLAN 10, must not reach trunk VLAN 30 so.  Each refusal has a
# control that differs only in the tag and crosses.
u=$(stat 1 'j["tx-packets"]')
v0=$(stat 2 'j["drops"]["vlan"]')
send_raw vm1 eth0 "$mx" "$m1" 8100 0000 88b5
expect_eq "$(stat 1 'j["tx-packets"] - '"$u")" 1 "a priority-tagged frame from access VLAN 10"
send_raw vm1 eth0 "$mx" "$m1" 8100 0000 8100 001e 88b5
expect_eq "$(stat 1 'j["tx-packets"] - '"$u")" 1 "a VLAN 30 tag behind a priority tag"
expect_eq "$(stat 2 'j["drops"]["vlan"] - '"$v0")" 1 "the hidden tag, counted"
t=$(stat 2 'j["tx-packets"]')
v0=$(stat 1 'j["drops"]["vlan"]')
send_raw out eth0 "$m1" "$mx" 8100 000a 88b5
expect_eq "$(stat 2 'j["tx-packets"] - '"$t")" 1 "a C-tagged VLAN 10 frame from the trunk"
send_raw out eth0 "$m1" "$mx" 88a8 000a 88b5
expect_eq "$(stat 2 'j["tx-packets"] - '"$t")" 1 "an S-tagged frame from the trunk"
expect_eq "$(stat 1 'j["drops"]["vlan"] - '"$v0")" 1 "the S-tag, counted"
ok xswctl prop del sw0 port 1 type vlan
ok xswctl prop del sw0 port 2 type vlan
ok xswctl prop del sw0 port 3 type vlan

# --- A device deleted under traffic takes its NIC with it ------------------
nsx vm1 ping -f -c 100000 -w 20 10.0.0.2 >/dev/null 2>&1 &
flood_pid=$!
sleep 2
seen=$(grep -c " switch sw0 " "$mon")
ip link del h2
for i in $(seq 100); do
	[ -z "$(xswctl nic show sw0 port 3)" ] && break
	sleep 0.1
done
expect_eq "$(xswctl nic show sw0 port 3)" "" "the NIC of a deleted device"
got=$(monitor_events "$mon" sw0 $((seen + 2)) | tail -n +$((seen + 1)) | cut -d' ' -f3-)
expect_eq "$got" "op nic-disconnect port 3 nic 0 status 0
op nic-delete port 3 nic 0 status 0" "events of the device's deletion"
kill $flood_pid 2>/dev/null
wait $flood_pid 2>/dev/null
monitor_stop
# The port is still there and takes a new NIC.
ok nsx vm1 ping -c 1 -W 2 10.0.0.254

# --- Teardown: the internal device goes with its NIC ----------------------
ok xswctl switch del sw0
[ -e /sys/class/net/xswhost ] && fail "the internal port's device outlived its switch"
for ns in vm1 vm2 out; do ip netns del $ns; done
rm -f "$mon"
xsw_unload
