#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# xswctl's datapath commands against the kernel's datapath: NICs bound to
# veths by name in the namespace -n enters (and refused by name in any
# other), nic show's device columns, port stats' exact counts after pings
# and crafted frames (text, -d and JSON), a device going away, the
# internal port's own device, and vm save / vm resume binding a NIC to its
# device again by name, or resuming it unbound with a warning.
. "$(dirname "$0")/lib.sh"

dir=/tmp/dpctl
mac1=00:15:5d:00:00:01
mac2=00:15:5d:00:00:02

rm -rf $dir
mkdir -p $dir || fail "mkdir $dir"

# The switch lives in namespace sw, with the veths' host ends; each VM is
# a namespace with the other end as eth0.  No IPv6, no ARP: the only
# frames are the ones the test sends.
sx() {
	xswctl -n sw "$@"
}

quiet_netns() {
	ip netns add "$1" || fail "netns add $1"
	nsx "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 || fail "sysctl in $1"
}

# vm N MAC: namespace vmN, its eth0 10.0.0.N with MAC, veth-vmN in sw.
vm() {
	quiet_netns "vm$1"
	ip -n sw link add "veth-vm$1" type veth peer name eth0 netns "vm$1" ||
		fail "veth for vm$1"
	ip -n "vm$1" link set eth0 address "$2" up || fail "eth0 of vm$1"
	ip -n "vm$1" addr add "10.0.0.$1/24" dev eth0 || fail "address of vm$1"
	ip -n sw link set "veth-vm$1" up || fail "veth-vm$1 up"
}

# ifindex NAME: of the device NAME in namespace sw.
ifindex() {
	ip netns exec sw cat "/sys/class/net/$1/ifindex"
}

# frames NS SRC DST COUNT: COUNT frames of 60 bytes out of NS's eth0.
frames() {
	nsx "$1" python3 -c 'import socket, sys
src, dst = (bytes.fromhex(m.replace(":", "")) for m in sys.argv[1:3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
for _ in range(int(sys.argv[3])):
	s.send(dst + src + b"\x88\xb5" + bytes(46))' "$2" "$3" "$4" || fail "frames from $1"
}

# No udev in the guest: load by hand what a stock kernel has as modules.
modprobe -q veth 2>/dev/null
modprobe -q af_packet 2>/dev/null
xsw_load
quiet_netns sw
vm 1 $mac1
vm 2 $mac2
ip -n vm1 neigh add 10.0.0.2 lladdr $mac2 dev eth0 nud permanent || fail "neigh of vm1"
ip -n vm2 neigh add 10.0.0.1 lladdr $mac1 dev eth0 nud permanent || fail "neigh of vm2"

ok sx switch add sw0
for i in 1 2; do
	ok sx port add sw0 name vm$i type synthetic id $i
	mac=mac$i
	ok sx nic add sw0 port $i name nic$i vm-name vm$i current-mac ${!mac} \
		dev veth-vm$i
	ok sx nic connect sw0 port $i
done

# nic show: the device by name and ifindex, as a table and as JSON.
idx1=$(ifindex veth-vm1)
expect_eq "$(sx nic show sw0 port 1 | awk '{ print $9, $10, $11 }')" \
	"DEV IFINDEX VM
veth-vm1 $idx1 vm1" "nic show's device columns"
expect_eq "$(json_get "$(sx -j nic show sw0 port 1)" 'j[0]["ifname"], j[0]["ifindex"]')" \
	"('veth-vm1', $idx1)" "nic show -j's device"

# A name is looked up where xswctl runs: here the veths are not.
expect_refused 'xswctl: nic add: no device "veth-vm1"' \
	xswctl nic add sw0 port 1 dev veth-vm1
ok sx port add sw0 name spare type synthetic id 5
expect_refused 'xswctl: nic add: no device "nosuch"' sx nic add sw0 port 5 dev nosuch
expect_refused 'Error: xswitch: a loopback device cannot back a NIC (Invalid argument)' \
	sx nic add sw0 port 5 dev lo
expect_refused "Error: xswitch: ifname names the internal port's device; bind other NICs with ifindex (Invalid argument)" \
	sx nic add sw0 port 5 ifname xsw9
expect_eq "$(sx -j nic show sw0 port 5)" "[]" "NICs after the refusals"
ok sx port teardown sw0 id 5
ok sx port del sw0 id 5

# Three pings each way: 98 bytes a frame, and nothing else.
nsx vm1 ping -q -c 3 -i 0.2 -W 2 10.0.0.2 >/dev/null || fail "vm1 pings vm2"
expect_says "switch sw0 port 1 name vm1
    RX: bytes packets
          294       3
    TX: bytes packets
          294       3" sx port stats sw0 id 1

# vm2 spoofs its MAC three times, vm1 sends once to itself.
frames vm2 02:00:00:00:00:99 $mac1 3
frames vm1 $mac1 $mac1 1
expect_says "switch sw0 port 1 name vm1
    RX: bytes packets
          354       4
    TX: bytes packets
          294       3
    drops: no-dest 1
switch sw0 port 2 name vm2
    RX: bytes packets
          474       6
    TX: bytes packets
          294       3
    drops: mac-spoof 3" sx port stats sw0
expect_says "switch sw0 port 2 name vm2
    RX: bytes packets
          474       6
    TX: bytes packets
          294       3
    drops: no-dest 0 excluded 0 vlan 0 mac-spoof 3 filter 0 dev-down 0 not-ready 0 nomem 0 loop 0 mtu 0" \
	sx -d port stats sw0 id 2
drops0='"excluded":0,"vlan":0'
drops1='"filter":0,"dev-down":0,"not-ready":0,"nomem":0,"loop":0,"mtu":0'
expect_says "[{\"switch\":\"sw0\",\"port\":1,\"rx-packets\":4,\"rx-bytes\":354,\"tx-packets\":3,\"tx-bytes\":294,\"drops\":{\"no-dest\":1,$drops0,\"mac-spoof\":0,$drops1}},{\"switch\":\"sw0\",\"port\":2,\"rx-packets\":6,\"rx-bytes\":474,\"tx-packets\":3,\"tx-bytes\":294,\"drops\":{\"no-dest\":0,$drops0,\"mac-spoof\":3,$drops1}}]" \
	sx -j port stats sw0
expect_fail '^Error: xswitch: no port with that id on the switch' sx port stats sw0 id 9

# save_resume PORT FILE [HOOK]: vm save of PORT into FILE, HOOK, then its
# vm resume, whose warnings are left in $dir/err; the port's new id in $p.
save_resume() {
	sx vm save sw0 port "$1" >"$2" 2>$dir/err || fail "vm save: $(cat $dir/err)"
	expect_fail '^Error: xswitch: no port with that id on the switch' sx port show sw0 id "$1"
	[ -z "${3:-}" ] || "$3"
	sx -j vm resume sw0 <"$2" >$dir/out 2>$dir/err || fail "vm resume: $(cat $dir/err)"
	p=$(json_get "$(cat $dir/out)" 'j[0]["port"]') || fail "vm resume said $(cat $dir/out)"
}

# vm save keeps the device's name; vm resume binds the NIC to it again.
save_resume 1 $dir/vm1.save
expect_eq "$(cat $dir/err)" "" "vm resume's warnings"
expect_eq "$(json_get "$(sx -j nic show sw0 port $p)" '[n.get("ifname") for n in j]')" \
	"['veth-vm1']" "vm1's NIC after vm resume"
nsx vm1 ping -q -c 3 -i 0.2 -W 2 10.0.0.2 >/dev/null || fail "vm1 pings vm2 after its resume"
expect_eq "$(json_get "$(sx -j port stats sw0 id $p)" 'j[0]["rx-packets"], j[0]["tx-packets"]')" \
	"(3, 3)" "counters of vm1's resumed port"

# Without its device it resumes unbound, and says so.
del_veth1() {
	ip -n sw link del veth-vm1 || fail "link del veth-vm1"
}
save_resume $p $dir/vm1.save del_veth1
expect_eq "$(cat $dir/err)" \
	"xswctl: vm resume: port $p index 0: no device \"veth-vm1\": the NIC resumes unbound" \
	"vm resume without the device"
expect_eq "$(json_get "$(sx -j nic show sw0 port $p)" '[(n["state"], "ifname" in n, "ifindex" in n) for n in j]')" \
	"[('connected', False, False)]" "vm1's NIC resumed unbound"
expect_eq "$(sx nic show sw0 port $p | awk 'NR == 2 { print $9, $10 }')" "- -" \
	"nic show of an unbound NIC"

# A device that goes away takes its NIC, not its port.
ip -n sw link del veth-vm2 || fail "link del veth-vm2"
for i in $(seq 50); do
	[ "$(sx -j nic show sw0 port 2)" = "[]" ] && break
	sleep 0.2
done
expect_eq "$(sx -j nic show sw0 port 2)" "[]" "the NIC of a deleted device"
expect_eq "$(json_get "$(sx -j port show sw0 id 2)" 'j[0]["name"]')" vm2 "its port"

# The internal port makes its own device, and makes it again on resume.
ok sx port add sw0 name host type internal id 9
expect_refused 'Error: xswitch: the internal port makes its own device: give ifname, not ifindex (Invalid argument)' \
	sx nic add sw0 port 9 dev lo
expect_refused 'xswctl: nic add: "ifname" is 16 bytes, at most 15' \
	sx nic add sw0 port 9 ifname xswint0123456789
ok sx nic add sw0 port 9 ifname xswint0
ok sx nic connect sw0 port 9
expect_eq "$(json_get "$(sx -j nic show sw0 port 9)" 'j[0]["ifname"], j[0]["ifindex"]')" \
	"('xswint0', $(ifindex xswint0))" "the internal NIC's device"
gone_xswint0() {
	! ip -n sw link show xswint0 >/dev/null 2>&1 || fail "xswint0 outlived its NIC"
}
save_resume 9 $dir/host.save gone_xswint0
expect_eq "$(cat $dir/err)" "" "vm resume's warnings for the internal port"
expect_eq "$(json_get "$(sx -j nic show sw0 port $p)" 'j[0]["ifname"], j[0]["ifindex"]')" \
	"('xswint0', $(ifindex xswint0))" "the internal NIC's device, resumed"

ok sx switch del sw0
for ns in vm1 vm2 sw; do
	ip netns del $ns || fail "netns del $ns"
done
xsw_unload
echo "dpctl: ok"
