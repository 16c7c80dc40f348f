#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job, in a guest: load xswitch and its sample extensions, drive
# a switch through the Hyper-V control path with xswctl while "xswctl
# monitor" prints each step, and unload.  Grows with the project.
. "$(dirname "$0")/lib.sh"

say() {
	printf '\n$ %s\n' "$*"
	"$@"
}

mon=/run/demo-monitor.txt

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
	instance-id 11111111-2222-3333-4444-555555555555 data 0a00
say xswctl prop add sw0 port 2 type vlan version 1 \
	instance-id 11111111-2222-3333-4444-555555555556 data ff0f
say xswctl prop show sw0 port 2
say xswctl -j feature show sw0 id 5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e01
say xswctl nic del sw0 port 2
say xswctl switch del sw0
monitor_events "$mon" sw0 16 >/dev/null
monitor_stop
printf '\n$ xswctl monitor   (what it printed meanwhile)\n'
grep ' switch sw0 ' "$mon"
say rmmod xsw_sample
say rmmod xswitch
echo
echo "demo: ok"
