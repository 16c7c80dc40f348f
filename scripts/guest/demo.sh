#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job, in a guest: load xswitch and its sample extensions, drive
# a switch through the Hyper-V control path with xswctl while "xswctl
# monitor" prints each step, save a VM and resume it with its NIC's
# run-time data; then two VMs and a host behind the uplink ping each other
# through a switch, an ACL drops what it denies, and the ports count it;
# and unload.  Grows with the project.
. "$(dirname "$0")/lib.sh"

say() {
	printf '\n$ %s\n' "$*"
	"$@"
}

mon=/run/demo-monitor.txt
capture_status=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e02

# run_to CMD... ">" FILE, run_from CMD... "<" FILE: prints and runs CMD
# with its standard output to (input from) FILE.
run_to() {
	printf '\n$ %s\n' "$*"
	"${@:1:$#-2}" >"${!#}"
}

run_from() {
	printf '\n$ %s\n' "$*"
	"${@:1:$#-2}" <"${!#}"
}

# capture_count PORT: sample-capture's count for the NIC of PORT.
capture_count() {
	local hex
	hex=$(json_get "$(xswctl -j feature show sw0 port "$1" id $capture_status)" \
		'j[0]["data"]')
	python3 -c "import struct; print(struct.unpack('<I', bytes.fromhex('$hex'))[0])"
}

say insmod "$XSW_MODDIR/xswitch.ko" || fail "insmod"
say insmod "$XSW_MODDIR/extensions/xsw_sample.ko" || fail "insmod sample"
say genl ctrl get name xswitch
say xswctl switch add sw0
monitor_start "$mon"
say xswctl ext attach sw0 name sample-capture
say xswctl ext attach sw0 name sample-vlan
say xswctl ext set sw0 name sample-capture enabled on
say xswctl ext set sw0 name sample-vlan enabled on
say xswctl ext show sw0
say xswctl port add sw0 name uplink type external
say xswctl port add sw0 name vm1 type synthetic friendly-name "VM one"
say xswctl nic add sw0 port 1 name eth0
say xswctl nic add sw0 port 2 name vm1-nic vm-name vm1 vm-mac 00:15:5d:00:00:01
say xswctl nic connect sw0 port 1
say xswctl nic connect sw0 port 2
say xswctl nic show sw0
say xswctl prop add sw0 port 2 type vlan version 1 \
	instance-id 11111111-2222-3333-4444-555555555555 vlan access 10
say xswctl prop add sw0 port 2 type security version 1 \
	instance-id 11111111-2222-3333-4444-555555555557 vsid 5001
echo "# sample-vlan keeps VLANs 4000 to 4094 for itself: it vetoes this one."
say xswctl prop add sw0 port 1 type vlan version 1 \
	instance-id 11111111-2222-3333-4444-555555555556 vlan trunk allowed 1-10,4000 native 1
say xswctl prop show sw0 port 2
say xswctl -j feature show sw0 id 5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e01

echo
echo "# VM vm1 is saved to a file and resumed.  sample-capture counts the steps"
echo "# it saw on each NIC, keyed by the NIC's name; the count is the NIC's"
echo "# run-time data: saved with it, and restored onto the new port."
vm1_count_before=$(capture_count 2)
echo "sample-capture's count for vm1-nic (port 2): $vm1_count_before"
run_to xswctl vm save sw0 port 2 ">" /run/demo-vm1.save
say xswctl port show sw0
say xswctl nic show sw0
run_from xswctl vm resume sw0 validate "<" /run/demo-vm1.save
say xswctl port show sw0
say xswctl nic show sw0
vm1_port=$(json_get "$(xswctl -j port show sw0)" \
	'next(p["id"] for p in j if p["name"] == "vm1")')
say xswctl prop show sw0 port "$vm1_port"
vm1_count_after=$(capture_count "$vm1_port")
echo "sample-capture's count for vm1-nic (port $vm1_port): $vm1_count_after" \
	"(the $vm1_count_before saved: the resume's own steps are not the VM's)"
[ "$vm1_count_after" = "$vm1_count_before" ] ||
	fail "sample-capture's count went from $vm1_count_before to $vm1_count_after"
say xswctl nic del sw0 port "$vm1_port"
say xswctl switch del sw0
monitor_events "$mon" sw0 35 >/dev/null
monitor_stop
printf '\n$ xswctl monitor   (what it printed meanwhile)\n'
grep ' switch sw0 ' "$mon"

# --- Frames: two VMs and a host behind the uplink, through the switch ---
acl_id=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e41
modprobe -q veth 2>/dev/null
# vm NS IP: a "VM", a network namespace on a veth whose host end is h-NS.
vm() {
	ip netns add "$1"
	ip link add "h-$1" type veth peer name eth0 netns "$1"
	ip link set "h-$1" up
	ip -n "$1" addr add "$2/24" dev eth0
	ip -n "$1" link set eth0 up
}
vm vm1 10.0.0.1
vm vm2 10.0.0.2
vm out 10.0.0.100
mac() { ip -n "$1" -j link show eth0 | json_get - 'j[0]["address"]'; }
say insmod "$XSW_MODDIR/extensions/xsw_acl.ko" || fail "insmod xsw_acl"
say xswctl switch add dp0
say xswctl port add dp0 name uplink type external
say xswctl port add dp0 name vm1 type synthetic
say xswctl port add dp0 name vm2 type synthetic
say xswctl nic add dp0 port 1 name eth0 dev h-out
say xswctl nic add dp0 port 2 name vm1-nic vm-name vm1 current-mac "$(mac vm1)" dev h-vm1
say xswctl nic add dp0 port 3 name vm2-nic vm-name vm2 current-mac "$(mac vm2)" dev h-vm2
for p in 1 2 3; do say xswctl nic connect dp0 port $p; done
say xswctl nic show dp0
say ip netns exec vm1 ping -c 2 10.0.0.2 || fail "vm1 to vm2"
say ip netns exec vm2 ping -c 2 10.0.0.100 || fail "vm2 to the outside"
say xswctl port stats dp0
# sample-acl: vm2 may not ping the outside; the rest is allowed.
say xswctl ext attach dp0 name sample-acl
say xswctl ext set dp0 name sample-acl enabled on
rules=$("$XSW_TOP/scripts/acl-encode.py" 'deny proto icmp dst 10.0.0.100/32' 'allow any')
say xswctl prop add dp0 port 3 type custom id $acl_id version 1 data "$rules"
say ip netns exec vm2 ping -c 3 -W 1 10.0.0.100 && fail "the ACL let a denied ping through"
say ip netns exec vm2 ping -c 1 10.0.0.1 || fail "the ACL denied an allowed ping"
say xswctl port stats dp0 id 3
say xswctl switch del dp0
for ns in vm1 vm2 out; do ip netns del $ns; done

# --- A VM's port live-migrates between two hosts -------------------------
# Two hosts as namespaces (ha, hb), each with its switch; a control link
# between them for migrate and agent; a wire (a hub) behind both uplinks
# where a peer pings the VM; the VM has a leg into each host, bridged, so
# only the host whose switch has its NIC forwards.  sample-count's
# counters of the port are its run-time state: they move with it.
echo
echo "==> live migration of vm1's port from host ha to host hb"
say insmod "$XSW_MODDIR/extensions/xsw_count.ko" || fail "insmod xsw_count"
modprobe -q bridge 2>/dev/null
n=0
pair() {	# NS1 DEV1 NS2 DEV2 ("" for this namespace)
	n=$((n + 1))
	ip link add m$n.a type veth peer name m$n.b
	[ -n "$1" ] && ip link set m$n.a netns "$1"
	[ -n "$3" ] && ip link set m$n.b netns "$3"
	ip ${1:+-n "$1"} link set m$n.a name "$2" up
	ip ${3:+-n "$3"} link set m$n.b name "$4" up
}
for ns in ha hb vm peer; do ip netns add $ns; ip -n $ns link set lo up; done
pair ha ctl hb ctl
ip -n ha addr add 10.9.0.1/24 dev ctl
ip -n hb addr add 10.9.0.2/24 dev ctl
ip link add wire type bridge && ip link set wire up
pair ha up "" wa
pair hb up "" wb
pair peer eth0 "" wp
for p in wa wb wp; do ip link set $p master wire; bridge link set dev $p learning off; done
ip -n peer addr add 10.0.0.100/24 dev eth0
pair vm eth0 ha vnic
pair vm eth1 hb vnic
ip -n vm link add br0 type bridge && ip -n vm link set eth0 master br0
ip -n vm link set eth1 master br0 && ip -n vm link set br0 up
ip -n vm addr add 10.0.0.1/24 dev br0
vmac=$(ip -n vm -j link show br0 | json_get - 'j[0]["address"]')
for h in ha hb; do
	say xswctl -n $h switch add sw0
	say xswctl -n $h ext attach sw0 name sample-count
	say xswctl -n $h ext set sw0 name sample-count enabled on
	say xswctl -n $h port add sw0 name uplink type external
	say xswctl -n $h nic add sw0 port 1 name up dev up
	say xswctl -n $h nic connect sw0 port 1
done
say xswctl -n ha port add sw0 name vm1 type synthetic
say xswctl -n ha nic add sw0 port 2 name vm1-nic vm-name vm1 current-mac "$vmac" dev vnic
say xswctl -n ha nic connect sw0 port 2
say ip netns exec peer ping -c 3 10.0.0.1 || fail "the peer to the VM on ha"
count_id=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e31
# vm_counts HOST PORT: sample-count's rx and tx frames of the port.
vm_counts() {
	python3 -c "import struct,sys; print('rx %d tx %d' % struct.unpack_from('<QxxxxxxxxQ', bytes.fromhex(sys.argv[1])))" \
		"$(json_get "$(xswctl -n "$1" -j feature show sw0 port "$2" id $count_id)" 'j[0]["data"]')"
}
before=$(vm_counts ha 2)
echo "sample-count on ha, port 2: $before"
key=/run/demo-migrate.key
head -c 32 /dev/urandom >$key && chmod 600 $key
ip netns exec hb "$XSW_XSWCTL" agent sw0 key $key listen 10.9.0.2 once 2>/run/demo-agent.log &
agent=$!
for _ in $(seq 50); do grep -q listening /run/demo-agent.log && break; sleep 0.1; done
ip netns exec peer ping -i 0.1 -c 60 10.0.0.1 >/run/demo-ping.txt &
ping=$!
sleep 1
say xswctl -n ha migrate sw0 port 2 to 10.9.0.2 key $key || fail "the migration"
wait $ping $agent
echo
echo "the destination's log:"
sed 's/^/  /' /run/demo-agent.log
echo "the peer's pings across the migration: $(grep -c 'bytes from' /run/demo-ping.txt) of 60 answered"
say xswctl -n ha port show sw0
say xswctl -n hb port show sw0
pb=$(xswctl -n hb -j port show sw0 | json_get - "[p['id'] for p in j if p['name'] == 'vm1'][0]")
after=$(vm_counts hb "$pb")
echo "sample-count on hb, port $pb: $after (on ha it was $before, and the pings since)"
say ip netns exec peer ping -c 2 10.0.0.1 || fail "the peer to the VM on hb"
for h in ha hb; do xswctl -n $h switch del sw0; done
ip link del wire
for ns in ha hb vm peer; do ip netns del $ns; done
say rmmod xsw_count
say rmmod xsw_acl
say rmmod xsw_sample
say rmmod xswitch
echo
echo "demo: ok"
