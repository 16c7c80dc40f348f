#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The control path through xswctl: the port and NIC lifecycle with its
# refusals, properties vetoed by an extension, feature status, and the
# exact stream of steps "xswctl monitor" reports, down to the teardown a
# switch delete runs.
. "$(dirname "$0")/lib.sh"

mon=/tmp/control-monitor.txt
vlan_status=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e01
capture_status=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e02
i1=11111111-0000-0000-0000-000000000001
i2=11111111-0000-0000-0000-000000000002
custom=c0ffee00-0000-0000-0000-000000000001

xsw_load
xsw_load_sample
ok xswctl switch add sw0
monitor_start "$mon"

# The stack: capture on top, then the filter; both start disabled.
ok xswctl ext attach sw0 name sample-vlan
ok xswctl ext attach sw0 name sample-capture
expect_eq "$(xswctl ext show sw0 | awk 'NR > 1 { print $2, $3, $4, $5 }' | tr '\n' ,)" \
	"sample-capture capture 0 off,sample-vlan filter 0 off," "stack after attach"
ok xswctl ext set sw0 name sample-vlan enabled on
ok xswctl ext set sw0 name sample-capture enabled on
expect_fail 'already attached to this switch \(File exists\)' xswctl ext attach sw0 name sample-vlan
expect_fail 'no extension of that name is registered' xswctl ext attach sw0 name nosuch
expect_fail 'position is out of range' xswctl ext set sw0 name sample-vlan position 4294967295
expect_fail 'nothing to change: give enabled or position' xswctl ext set sw0 name sample-vlan
expect_fail 'Module is in use|in use' rmmod xsw_sample

# Ports: ids are assigned lowest first; one external port per switch.
expect_eq "$(json_get "$(xswctl -j port add sw0 name vm1 type synthetic friendly-name 'VM one')" \
	'j[0]["id"], j[0]["state"], j[0]["friendly-name"]')" "(1, 'created', 'VM one')" "port add vm1"
ok xswctl port add sw0 name uplink type external
expect_fail '^Error: xswitch: the switch already has an external port \(File exists\)$' \
	xswctl port add sw0 name uplink2 type external
expect_fail 'a port with that id exists' xswctl port add sw0 name x type emulated id 2
ok xswctl port add sw0 name check type synthetic validation
expect_eq "$(xswctl -j port show sw0 id 3)" \
	'[{"switch":"sw0","id":3,"name":"check","type":"synthetic","state":"created","validation":true,"restoring":false,"provisional":false,"friendly-name":""}]' \
	"validation port"
expect_fail '^Error: xswitch: a validation port never takes a NIC \(Invalid argument\)$' \
	xswctl nic add sw0 port 3
ok xswctl port teardown sw0 id 3
ok xswctl port del sw0 id 3
ok xswctl port set sw0 id 1 friendly-name "VM 1"

# A NIC: created, connected, updated, and only then the rest.
ok xswctl nic add sw0 port 1 name vm1-nic vm-name vm1 vm-mac 00:15:5d:00:00:01 mtu 1500
expect_fail 'the NIC is created, not connected \(Device or resource busy\)' \
	xswctl nic set sw0 port 1 mtu 9000
expect_fail 'the port already has a NIC at that index \(File exists\)' xswctl nic add sw0 port 1
expect_fail 'NIC indexes above 0 exist only on the external port' xswctl nic add sw0 port 1 index 1
ok xswctl nic connect sw0 port 1
ok xswctl nic set sw0 port 1 mtu 9000 current-mac 00:15:5d:00:00:02
expect_eq "$(json_get "$(xswctl -j nic show sw0 port 1 index 0)" \
	'j[0]["state"], j[0]["mtu"], j[0]["vm-mac"], j[0]["current-mac"], j[0]["type"]')" \
	"('connected', 9000, '00:15:5d:00:00:01', '00:15:5d:00:00:02', 'synthetic')" "NIC after update"
expect_fail 'the NIC is connected; disconnect it first \(Device or resource busy\)' \
	xswctl nic connect sw0 port 1
expect_fail 'the NIC is connected; disconnect it first' xswctl nic del sw0 port 1
expect_fail 'the port has a NIC; disconnect and delete it first \(Device or resource busy\)' \
	xswctl port teardown sw0 id 1
expect_fail 'the port is not torn down yet \(Device or resource busy\)' xswctl port del sw0 id 1

# Properties: sample-vlan vetoes the VLANs it reserves (the switch itself
# refuses malformed layouts: see access.sh).
ok xswctl prop add sw0 port 1 type vlan instance-id $i1 version 1 vlan access 10
expect_fail '^Error: sample-vlan: VLANs 4000 to 4094 are reserved \(Invalid argument\)$' \
	xswctl prop add sw0 port 2 type vlan instance-id $i2 version 1 vlan trunk allowed 10,4000
expect_fail '^Error: xswitch: the port already has a vlan property \(File exists\)$' \
	xswctl prop add sw0 port 1 type vlan instance-id $i2 version 1 vlan access 20
expect_fail 'a property with that type, id and instance id exists \(File exists\)' \
	xswctl prop add sw0 port 1 type vlan instance-id $i1 version 1 vlan access 11
expect_fail 'no property of that identity and version \(No such file or directory\)' \
	xswctl prop set sw0 port 1 type vlan instance-id $i1 version 2 vlan access 11
ok xswctl prop set sw0 port 1 type vlan instance-id $i1 version 1 vlan trunk allowed 30-40,10,20 native 1
expect_eq "$(xswctl -j prop show sw0 port 1)" \
	"[{\"switch\":\"sw0\",\"port\":1,\"type\":\"vlan\",\"instance-id\":\"$i1\",\"version\":1,\"vlan\":{\"mode\":\"trunk\",\"allowed\":[10,20,30,31,32,33,34,35,36,37,38,39,40],\"native-vlan\":1}}]" \
	"port properties"
expect_eq "$(xswctl prop show sw0 port 1 | sed -n 2p | awk '{$1=$2=$3=$4=$5=$6=""; sub(/^ +/, ""); print}')" \
	"vlan trunk allowed 10,20,30-40 native 1" "a trunk in words"
expect_eq "$(json_get "$(xswctl -j feature show sw0 id $vlan_status)" 'j[0]["ext"], j[0]["data"]')" \
	"('sample-vlan', '0200000001000000')" "sample-vlan status: 2 passed, 1 vetoed"
ok xswctl prop del sw0 port 1 type vlan instance-id $i1
expect_fail 'no property with that type, id and instance id' \
	xswctl prop del sw0 port 1 type vlan instance-id $i1
expect_fail 'switch properties are custom only' \
	xswctl prop add sw0 type vlan instance-id $i1 version 1 vlan access 10
ok xswctl prop add sw0 type custom id $custom instance-id $i1 version 0x0100 data 00
expect_fail 'no enabled extension owns that feature status id' \
	xswctl feature show sw0 id $custom

# The rest of the NIC and port lifecycle.
ok xswctl nic disconnect sw0 port 1
expect_fail 'the NIC is disconnected \(Device or resource busy\)' xswctl nic set sw0 port 1 mtu 1500
expect_fail 'the NIC is disconnected' xswctl nic connect sw0 port 1
ok xswctl nic del sw0 port 1
expect_fail 'the port has no NIC at that index' xswctl nic del sw0 port 1
ok xswctl port teardown sw0 id 1
expect_fail 'the port is tearing down \(Device or resource busy\)' xswctl port teardown sw0 id 1
expect_fail 'the port is tearing down' xswctl port set sw0 id 1 friendly-name x
expect_fail 'the port is tearing down' xswctl nic add sw0 port 1
ok xswctl port del sw0 id 1
expect_fail 'no port with that id on the switch' xswctl port show sw0 id 1

# The uplink keeps a host NIC and a connected NIC for the switch delete.
ok xswctl nic add sw0 port 2 index 0 name ext0
ok xswctl nic add sw0 port 2 index 3 name host3
ok xswctl nic connect sw0 port 2
expect_eq "$(json_get "$(xswctl -j nic show sw0 port 2)" '[(n["index"], n["type"], n["state"]) for n in j]')" \
	"[(0, 'external', 'connected'), (3, 'external', 'created')]" "uplink NICs"
# sample-capture saw every port and NIC step so far (not properties).
steps=$(monitor_events "$mon" sw0 21 | grep -v prop | grep -c ' op \(port\|nic\)-')
expect_eq "$(json_get "$(xswctl -j feature show sw0 id $capture_status)" 'j[0]["data"]')" \
	"$(printf '%02x000000' "$steps")" "sample-capture status"
ok xswctl switch del sw0

expected="seq 1 op port-create port 1 status 0
seq 2 op port-create port 2 status 0
seq 3 op port-create port 3 status 0
seq 4 op port-teardown port 3 status 0
seq 5 op port-delete port 3 status 0
seq 6 op port-update port 1 status 0
seq 7 op nic-create port 1 nic 0 status 0
seq 8 op nic-connect port 1 nic 0 status 0
seq 9 op nic-update port 1 nic 0 status 0
seq 10 op port-prop-add port 1 prop-type vlan instance-id $i1 status 0
seq 11 op port-prop-add port 2 prop-type vlan instance-id $i2 status -22 ext sample-vlan
seq 12 op port-prop-update port 1 prop-type vlan instance-id $i1 status 0
seq 13 op port-prop-delete port 1 prop-type vlan instance-id $i1 status 0
seq 14 op switch-prop-add prop-type custom instance-id $i1 status 0
seq 15 op nic-disconnect port 1 nic 0 status 0
seq 16 op nic-delete port 1 nic 0 status 0
seq 17 op port-teardown port 1 status 0
seq 18 op port-delete port 1 status 0
seq 19 op nic-create port 2 nic 0 status 0
seq 20 op nic-create port 2 nic 3 status 0
seq 21 op nic-connect port 2 nic 0 status 0
seq 22 op nic-disconnect port 2 nic 0 status 0
seq 23 op nic-delete port 2 nic 0 status 0
seq 24 op nic-delete port 2 nic 3 status 0
seq 25 op port-teardown port 2 status 0
seq 26 op port-delete port 2 status 0"
got=$(monitor_events "$mon" sw0 26)
monitor_stop
[ "$got" == "$expected" ] || fail "event stream:
$(diff <(echo "$expected") <(echo "$got"))"

# JSON events: one object per line.  The loop steps until the monitor,
# which may not listen yet, has reported one (it cannot be probed: it
# reports only sw1, and only once).
# With -t each ends with the step's time; without, it has none.
xswctl -j monitor sw1 count 1 >"$mon" &
mpid=$!
xswctl -j -t monitor sw1 count 1 >"$mon.t" &
tpid=$!
ok xswctl switch add sw1
for i in $(seq 50); do
	ok xswctl port add sw1 name p$i type synthetic id 7
	ok xswctl port teardown sw1 id 7
	ok xswctl port del sw1 id 7
	[ -s "$mon" ] && [ -s "$mon.t" ] && break
done
wait $mpid || fail "monitor count 1 did not end"
wait $tpid || fail "monitor -t count 1 did not end"
grep -qx '{"seq":[0-9]*,"switch":"sw1","op":"port-[a-z]*","port":7,"status":0}' "$mon" ||
	fail "JSON event: $(cat "$mon")"
grep -qxE '\{"seq":[0-9]+,"switch":"sw1","op":"port-[a-z]+","port":7,"status":0,"time":"20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9](:[0-5][0-9]){2}\.[0-9]{9}Z"\}' \
	"$mon.t" || fail "JSON event with -t: $(cat "$mon.t")"

# Deleting sw0 detached its extensions; sw1's attachment pins the module.
ok xswctl ext attach sw1 name sample-capture
rmmod xsw_sample 2>/dev/null && fail "xsw_sample unloaded while attached"
ok xswctl switch del sw1
rmmod xsw_sample || fail "rmmod xsw_sample once detached"
# Unloading with live ports and connected NICs tears them down (kmemleak
# and the splat scan check how).
xswctl -b - >/dev/null <<'EOF_BATCH' || fail "switch for the unload"
switch add sw2
port add sw2 name up type external
nic add sw2 port 1 index 0
nic add sw2 port 1 index 5
nic connect sw2 port 1 index 5
prop add sw2 port 1 type security instance-id 11111111-0000-0000-0000-000000000009 version 1
EOF_BATCH
# Dumps over many messages list every port and NIC once, in order.  (The
# friendly name is made once: two programs a line cost minutes in the
# debug kernel.)
fname=$(printf 'f%.0s' $(seq 200))
for i in $(seq 10 400); do
	echo "port add sw2 name p$i type synthetic id $i friendly-name $fname"
	echo "nic add sw2 port $i name n$i"
done | xswctl -b - >/dev/null || fail "391 ports"
expect_eq "$(xswctl -j port show sw2 | json_get - '" ".join(str(p["id"]) for p in j)')" \
	"1 $(seq -s ' ' 10 400)" "port dump"
expect_eq "$(xswctl -j nic show sw2 | json_get - '" ".join("%d.%d" % (n["port"], n["index"]) for n in j)')" \
	"1.0 1.5 $(seq -s ' ' -f '%g.0' 10 400)" "NIC dump"
# A security property with no keyword is the defaults; one a port.
expect_eq "$(xswctl prop show sw2 port 1 | sed -n 2p | awk '{$1=$2=$3=$4=$5=$6=""; sub(/^ +/, ""); print}')" \
	"security mac-spoofing off ieee-priority-tag off vsid 0" "security defaults in words"
ok xswctl prop set sw2 port 1 type security instance-id 11111111-0000-0000-0000-000000000009 \
	version 1 mac-spoofing on ieee-priority-tag on vsid 0xabcdef
expect_eq "$(xswctl -j prop show sw2 port 1 | json_get - 'j[0]["security"]')" \
	"{'mac-spoofing': True, 'ieee-priority-tag': True, 'vsid': 11259375}" "security set"
expect_fail '^Error: xswitch: the port already has a security property \(File exists\)$' \
	xswctl prop add sw2 port 1 type security instance-id 11111111-0000-0000-0000-00000000000a version 1
xsw_unload
echo "control: ok"
