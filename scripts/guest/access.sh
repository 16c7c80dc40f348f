#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Who may do what, and what bad requests do: an unprivileged user reads
# but cannot change, another network namespace sees and touches nothing,
# and requests with missing, oversized, wrong-typed or unknown attributes,
# unknown ids or unknown commands get a clear error and change nothing.
. "$(dirname "$0")/lib.sh"

raw() {
	python3 "$(dirname "$0")/nlraw.py" "$@"
}

# expect_raw "WANT" CMD ATTR...: nlraw.py must print exactly WANT.
expect_raw() {
	local want=$1 got
	shift
	got=$(raw "$@") || fail "nlraw.py $*"
	expect_eq "$got" "$want" "nlraw $*"
}

# Everything a reader can see of sw0, as JSON.
state() {
	local what
	for what in "switch show" "port show sw0" "nic show sw0" "prop show sw0" \
		"prop show sw0 port 1" "ext show sw0"; do
		# shellcheck disable=SC2086
		xswctl -j $what || fail "xswctl $what"
	done
}

xsw_load
xsw_load_sample
xswctl -b - <<'EOF_BATCH' >/dev/null || fail "setting up sw0"
switch add sw0
ext attach sw0 name sample-capture
ext set sw0 name sample-capture enabled on
port add sw0 name vm1 type synthetic
nic add sw0 port 1 name n
nic connect sw0 port 1
prop add sw0 port 1 type vlan instance-id 11111111-1111-1111-1111-111111111111 version 1 vlan access 1
EOF_BATCH
before=$(state)
expect_eq "$(json_get "$(xswctl -j nic show sw0)" 'len(j)')" 1 "NICs set up"

# Unprivileged: every read works, every change is refused.
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$XSW_XSWCTL")
while read -r -a cmd; do
	"${nobody[@]}" "${cmd[@]}" >/dev/null || fail "unprivileged ${cmd[*]}"
done <<'EOF_READS'
switch show
switch show sw0
port show sw0
port show sw0 id 1
nic show sw0
nic show sw0 port 1 index 0
prop show sw0 port 1
ext show sw0
feature show sw0 id 5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e02
EOF_READS
while read -r -a cmd; do
	expect_fail '^Error: Operation not permitted$' "${nobody[@]}" "${cmd[@]}"
done <<'EOF_CHANGES'
switch add evil
switch del sw0
port add sw0 name evil type synthetic
port set sw0 id 1 friendly-name evil
port teardown sw0 id 1
port del sw0 id 1
nic add sw0 port 1 index 0
nic connect sw0 port 1
nic set sw0 port 1 mtu 1400
nic disconnect sw0 port 1
nic del sw0 port 1
prop add sw0 port 1 type vlan instance-id 11111111-1111-1111-1111-111111111112 version 1 vlan access 2
prop set sw0 port 1 type vlan instance-id 11111111-1111-1111-1111-111111111111 version 1 vlan access 3
prop del sw0 port 1 type vlan instance-id 11111111-1111-1111-1111-111111111111
ext attach sw0 name sample-vlan
ext detach sw0 name sample-capture
ext set sw0 name sample-capture enabled off
EOF_CHANGES
# Capabilities count in the user namespace that owns the switch's netns.
expect_fail '^Error: Operation not permitted$' unshare -U -r "$XSW_XSWCTL" switch add evil
unshare -U -r -n sh -c "'$XSW_XSWCTL' switch add mine &&
	'$XSW_XSWCTL' port add mine name p type internal >/dev/null &&
	'$XSW_XSWCTL' switch del mine" || fail "root of its own user and net namespace"
expect_eq "$(state)" "$before" "state after unprivileged requests"

# Another network namespace sees nothing, reaches nothing and hears
# nothing of sw0; each check has a control beside it that the same reader
# sees what its own namespace has, so that it cannot pass by seeing nothing
# at all.
ip netns add other
in_other() {
	xswctl_in other "$@"
}
other_mon=/tmp/access-other.txt
# Listening: it has heard a probe switch of its own namespace.
monitor_start $other_mon other
expect_eq "$(in_other -j switch show)" "[]" "switches seen from another netns"
for cmd in "port show sw0" "port del sw0 id 1" "nic disconnect sw0 port 1" \
	"prop show sw0" "ext detach sw0 name sample-capture" "switch del sw0"; do
	# shellcheck disable=SC2086
	expect_fail '^Error: xswitch: no switch of that name' in_other $cmd
done
ok xswctl port add sw0 name seen-nowhere type emulated id 9
ok xswctl port teardown sw0 id 9
ok xswctl port del sw0 id 9
# A second probe of its own, heard after the steps on sw0 would have been.
monitor_probe $other_mon other
monitor_stop
heard=$(grep -v ' switch xsw-probe[0-9]* ' $other_mon)
expect_eq "$heard" "" "what another netns heard of sw0"
# Its own sw0, by the same name, it sees and reaches.
ok in_other switch add sw0
ok in_other port add sw0 name p type external
expect_eq "$(in_other -j switch show | json_get - '[s["name"] for s in j]')" "['sw0']" \
	"switches another netns sees of its own"
expect_eq "$(in_other -j port show sw0 | json_get - '[p["name"] for p in j]')" "['p']" \
	"ports another netns reaches of its own"
ip netns del other
expect_eq "$(state)" "$before" "state after another netns"

# Malformed requests, spelled by xswctl where it can...
expect_fail '^Error: "type" is missing \(Invalid argument\)$' xswctl port add sw0 name x
expect_fail '^Error: xswitch: the request names no port id \(Invalid argument\)$' xswctl nic connect sw0
expect_fail '^Error: xswitch: the request names no property type \(Invalid argument\)$' \
	xswctl prop add sw0 port 1 version 1
expect_fail '^Error: xswitch: no port with that id on the switch \(No such file or directory\)$' \
	xswctl port del sw0 id 77
expect_fail '^Error: xswitch: the port has no NIC at that index \(No such file or directory\)$' \
	xswctl nic del sw0 port 1 index 2
expect_fail '^Error: integer out of range: "index" \(Numerical result out of range\)$' \
	xswctl nic del sw0 port 1 index 33
expect_fail '^Error: integer out of range: "mtu"' xswctl nic set sw0 port 1 mtu 67
expect_fail '^Error: xswitch: MTU is above 65535 \(Numerical result out of range\)$' \
	xswctl nic set sw0 port 1 mtu 65536
expect_fail '^Error: integer out of range: "id"' xswctl port add sw0 name x type synthetic id 0
expect_fail '^Error: integer out of range: "type" \(Numerical result out of range\)$' xswctl port add sw0 name x type 9
expect_fail '^Error: xswitch: no extension of that name is attached to the switch \(No such file or directory\)$' \
	xswctl ext detach sw0 name nosuch
expect_fail 'no switch of that name' xswctl port show nosuch
long=$(printf 'n%.0s' $(seq 256))
expect_fail '"name"' xswctl port add sw0 name "$long" type synthetic

# ... and by hand where it cannot: wrong sizes, unknown attributes and
# commands, oversized payloads.  (Attribute numbers: include/uapi.)
expect_raw "error EINVAL: xswitch: the request names no switch" port-new 5=u32:2
expect_raw "error EINVAL: invalid attribute length" port-new 1=str:sw0 5=u16:2
expect_raw "error EINVAL: invalid attribute length" nic-set 1=str:sw0 2=u32:1 8=u16:1500
expect_raw "error EINVAL: Unknown attribute type" switch-get 1=str:sw0 9=u32:1
expect_raw "error EINVAL: Attribute failed policy validation" switch-new 1=raw:sw0
expect_raw "error EINVAL: Attribute failed policy validation" switch-new 1=str:0123456789abcdef
expect_raw "error ERANGE: binary attribute size out of range" prop-add 1=str:sw0 2=u32:1 3=u32:3 4=zero:15 5=u16:1 6=zero:16
expect_raw "error EMSGSIZE: xswitch: property data is longer than 16384 bytes" \
	prop-add 1=str:sw0 2=u32:1 3=u32:3 5=u16:1 6=zero:16 7=zero:16385
expect_raw "error ENOTSUP: " 200 1=str:sw0
expect_raw "error ENOTSUP: " event 1=str:sw0
expect_eq "$(state)" "$before" "state after malformed requests"

# The standard properties' layouts, checked by the switch itself: on a
# switch with no extension at all, each malformed one is refused with its
# message and leaves nothing.  Attributes: prop 1 switch, 2 port-id, 3
# type (2 security, 3 vlan), 4 id, 5 version, 6 instance-id, 7 data, 8
# security (1 mac-spoofing, 2 ieee-priority-tag, 3 vsid), 9 vlan (1 mode:
# 1 access, 2 trunk; 2 access-vlan, 3 native-vlan, 4 allowed).
ok xswctl switch add bare
ok xswctl port add bare name p type synthetic
p="1=str:bare 2=u32:1 5=u16:1 6=zero:16"
vlan="$p 3=u32:3"
sec="$p 3=u32:2"
bare_props=$(xswctl -j prop show bare port 1)
# One nlraw.py for them all (python3 costs seconds in the debug kernel):
# each layout as prop-add and as prop-set, an answer line each.
want= reqs=()
while IFS='|' read -r refusal attrs; do
	want+="error $refusal"$'\n'"error $refusal"$'\n'
	# shellcheck disable=SC2206 # the attributes' words
	reqs+=(-- prop-add $attrs -- prop-set $attrs)
done <<EOF_LAYOUTS
EINVAL: xswitch: a vlan property takes the vlan attributes, not data|$vlan 7=zero:2
EINVAL: xswitch: a vlan property takes the vlan attributes, not data|$vlan 7=zero:2 9=nest:1=u32:1,2=u16:10
EINVAL: xswitch: a security property takes the security attributes, not data|$sec 7=zero:8
EINVAL: xswitch: a vlan property needs the vlan attributes|$vlan
EINVAL: xswitch: a security property needs the security attributes|$sec
EINVAL: xswitch: only a security property takes the security attributes|$vlan 8=nest: 9=nest:1=u32:1,2=u16:10
EINVAL: xswitch: only a vlan property takes the vlan attributes|$sec 8=nest: 9=nest:1=u32:1,2=u16:10
EINVAL: xswitch: only a vlan property takes the vlan attributes|$p 3=u32:1 4=zero:16 9=nest:1=u32:1,2=u16:10
EINVAL: xswitch: only a security property takes the security attributes|$p 3=u32:4 7=zero:1 8=nest:
EINVAL: xswitch: the vlan attributes give no mode|$vlan 9=nest:2=u16:10
EINVAL: xswitch: the vlan attributes give no mode|$vlan 9=nest:
ERANGE: integer out of range|$vlan 9=nest:1=u32:3,2=u16:10
EINVAL: xswitch: an access VLAN property needs access-vlan|$vlan 9=nest:1=u32:1
EINVAL: xswitch: an access VLAN property takes no allowed or native VLAN|$vlan 9=nest:1=u32:1,2=u16:10,4=u16:20
EINVAL: xswitch: an access VLAN property takes no allowed or native VLAN|$vlan 9=nest:1=u32:1,2=u16:10,3=u16:0
EINVAL: xswitch: access-vlan is not 1 to 4094|$vlan 9=nest:1=u32:1,2=u16:0
EINVAL: xswitch: access-vlan is not 1 to 4094|$vlan 9=nest:1=u32:1,2=u16:4095
EINVAL: xswitch: a trunk VLAN property needs at least one allowed VLAN|$vlan 9=nest:1=u32:2,3=u16:1
EINVAL: xswitch: a trunk VLAN property takes no access-vlan|$vlan 9=nest:1=u32:2,2=u16:10,4=u16:10
EINVAL: xswitch: an allowed VLAN is not 1 to 4094|$vlan 9=nest:1=u32:2,4=u16:10,4=u16:0
EINVAL: xswitch: an allowed VLAN is not 1 to 4094|$vlan 9=nest:1=u32:2,4=u16:4095,4=u16:10
EINVAL: xswitch: native-vlan is not 0 to 4094|$vlan 9=nest:1=u32:2,3=u16:4095,4=u16:10
EINVAL: xswitch: vsid is not 0 to 16777215|$sec 8=nest:3=u32:0x1000000
EINVAL: NLA_F_NESTED is missing|$vlan 9=flat:1=u32:1,2=u16:10
EOF_LAYOUTS
expect_raw "${want%$'\n'}" "${reqs[@]:1}"
expect_eq "$(xswctl -j prop show bare port 1)" "$bare_props" "properties after malformed layouts"
# shellcheck disable=SC2086
expect_raw "ok
ok" prop-add $vlan 9=nest:1=u32:1,2=u16:4094 -- prop-add $sec 8=nest:3=u32:0xffffff
# The kernel's refusal of data reaches xswctl's user as it is.
expect_fail '^Error: xswitch: a vlan property takes the vlan attributes, not data \(Invalid argument\)$' \
	xswctl prop set bare port 1 type vlan instance-id 00000000-0000-0000-0000-000000000000 version 1 data 0a00
# One security and one VLAN property a port, whatever the instance id.
expect_fail '^Error: xswitch: the port already has a vlan property \(File exists\)$' \
	xswctl prop add bare port 1 type vlan instance-id 11111111-1111-1111-1111-111111111111 version 1 vlan access 1
expect_fail '^Error: xswitch: the port already has a security property \(File exists\)$' \
	xswctl prop add bare port 1 type security instance-id 11111111-1111-1111-1111-111111111111 version 1
expect_eq "$(xswctl -j prop show bare port 1 | json_get - '[(p["type"], p.get("vlan"), p.get("security")) for p in j]')" \
	"[('vlan', {'mode': 'access', 'access-vlan': 4094}, None), ('security', None, {'mac-spoofing': False, 'ieee-priority-tag': False, 'vsid': 16777215})]" \
	"the standard properties that passed"
ok xswctl switch del bare

xswctl switch del sw0 || fail "switch del sw0"
rmmod xsw_sample || fail "rmmod xsw_sample"
xsw_unload
echo "access: ok"
