#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job, in a guest: load xswitch and its sample extensions, drive
# a switch through the Hyper-V control path with xswctl while "xswctl
# monitor" prints each step, save a VM and resume it with its NIC's
# run-time data, and unload.  Grows with the project.
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
say rmmod xsw_sample
say rmmod xswitch
echo
echo "demo: ok"
