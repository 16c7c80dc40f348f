#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The upstream YNL CLI (tools/net/ynl/cli.py of the kernel tree), driven
# only by Documentation/netlink/specs/xswitch.yaml, creates a switch, a
# port and a NIC and dumps them, saves the NIC's run-time data (a dump)
# and restores it (its pieces, then the completion, on one socket), and
# adds and dumps the standard properties' nests: the spec matches the
# family.
. "$(dirname "$0")/lib.sh"

[ -f "$XSW_KSRC/tools/net/ynl/cli.py" ] || fail "no YNL CLI under '$XSW_KSRC' (run scripts/kernel-src.sh)"

ynl() {
	python3 "$XSW_KSRC/tools/net/ynl/cli.py" --output-json \
		--spec "$XSW_TOP/Documentation/netlink/specs/xswitch.yaml" \
		--schema "$XSW_KSRC/Documentation/netlink/genetlink-legacy.yaml" "$@"
}

# expect_ynl WANT-PYTHON-VALUE ARGS...: the reply, parsed, must equal it.
expect_ynl() {
	local want=$1 out
	shift
	out=$(ynl "$@" 2>&1) || fail "ynl $*: $out"
	# A port's counters are checked by the datapath tests.
	json_get "$out" "(j.pop('stats', None) if isinstance(j, dict) else 0, j)[1] == $want or sys.exit('got %r' % (j,))" >/dev/null ||
		fail "ynl $*: got $out, want $want"
}

xsw_load
xsw_load_sample
expect_ynl '{"name": "ynl0", "id": 1}' --do switch-new --json '{"name": "ynl0"}'
ok xswctl ext attach ynl0 name sample-capture
ok xswctl ext set ynl0 name sample-capture enabled on
expect_ynl '{"switch": "ynl0", "id": 1, "name": "vm1", "friendly-name": "", "type": "synthetic", "state": "created"}' \
	--do port-new --json '{"switch": "ynl0", "name": "vm1", "type": "synthetic"}'
expect_ynl '{"switch": "ynl0", "id": 2, "name": "up", "friendly-name": "uplink", "type": "external", "state": "created"}' \
	--do port-new --json '{"switch": "ynl0", "name": "up", "friendly-name": "uplink", "type": "external"}'
out=$(ynl --do nic-new --json '{"switch": "ynl0", "port-id": 1, "index": 0, "name": "n0", "mtu": 9000, "vm-name": "vm1"}') ||
	fail "nic-new: $out"
expect_eq "$(json_get "$out" 'j["port-id"], j["index"], j["type"], j["state"], j["mtu"], j["vm-name"]')" \
	"(1, 0, 'synthetic', 'created', 9000, 'vm1')" "nic-new reply"
expect_ynl None --do nic-connect --json '{"switch": "ynl0", "port-id": 1}'

expect_ynl '[{"name": "ynl0", "id": 1}]' --dump switch-get
out=$(ynl --dump port-get --json '{"switch": "ynl0"}') || fail "port-get dump: $out"
expect_eq "$(json_get "$out" '[(p["id"], p["name"], p["type"]) for p in j]')" \
	"[(1, 'vm1', 'synthetic'), (2, 'up', 'external')]" "port dump"
out=$(ynl --dump nic-get --json '{"switch": "ynl0"}') || fail "nic-get dump: $out"
expect_eq "$(json_get "$out" '[(n["port-id"], n["index"], n["state"]) for n in j]')" \
	"[(1, 0, 'connected')]" "NIC dump"

# A save: sample-capture's one record, the NIC's count of steps (its
# create and connect), version 1, in one piece.
record='{"switch": "ynl0", "port-id": 1, "index": 0, "record": 0, "offset": 0, "size": 8,
	"ext-id": "5f0e2c1a7a4b4d369c1e3a8b6d2f4e20",
	"feature-class": "00000000000000000000000000000000",
	"name": "sample-capture counts", "data": "0100000002000000"}'
expect_ynl "[$record]" --dump nic-save --json '{"switch": "ynl0", "port-id": 1}'
# A step after the save, which the restore takes back.
expect_ynl None --do nic-set --json '{"switch": "ynl0", "port-id": 1, "mtu": 9000}'
# A restore is its socket's: the piece and the completion go together.
expect_ynl '[None, {"switch": "ynl0", "port-id": 1, "index": 0, "restored": 1, "unclaimed": 0}]' \
	--multi nic-restore "$record" \
	--multi nic-restore-complete '{"switch": "ynl0", "port-id": 1, "index": 0}'
# The saved count replaces the NIC's own (3 after the update).
expect_eq "$(json_get "$(xswctl -j feature show ynl0 port 1 id 5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e02)" \
	'j[0]["data"]')" 02000000 "sample-capture's count after the restore"

# The standard properties are nests in the spec: a trunk and a security
# property go in as YNL builds them and come back so, the allowed VLANs
# ascending, without data; a malformed one is refused with the reason.
prop='{"switch": "ynl0", "port-id": 1, "version": 1, "instance-id": "11111111111111111111111111111111"'
expect_ynl None --do prop-add --json "$prop"', "type": "vlan", "vlan": {"mode": "trunk", "native-vlan": 1, "allowed": [30, 10, 20]}}'
expect_ynl None --do prop-add --json "$prop"', "type": "security", "security": {"mac-spoofing": true, "vsid": 7}}'
out=$(ynl --dump prop-get --json '{"switch": "ynl0", "port-id": 1}') || fail "prop-get dump: $out"
expect_eq "$(json_get "$out" '[(p["type"], p.get("vlan"), p.get("security"), "data" in p) for p in j]')" \
	"[('vlan', {'mode': 'trunk', 'native-vlan': 1, 'allowed': [10, 20, 30]}, None, False), ('security', None, {'mac-spoofing': True, 'vsid': 7}, False)]" \
	"the standard properties, dumped"
out=$(ynl --do prop-set --json "$prop"', "type": "vlan", "vlan": {"mode": "access"}}' 2>&1) &&
	fail "an access VLAN property without its VLAN: $out"
grep -q 'an access VLAN property needs access-vlan' <<<"$out" || fail "ynl error: $out"

# What xswctl sees of what YNL made.
expect_eq "$(json_get "$(xswctl -j nic show ynl0 port 1 index 0)" 'j[0]["state"], j[0]["mtu"]')" \
	"('connected', 9000)" "xswctl view"
# YNL reports the kernel's extack too.
out=$(ynl --do port-new --json '{"switch": "ynl0", "name": "up2", "type": "external"}' 2>&1) &&
	fail "a second external port: $out"
grep -q 'the switch already has an external port' <<<"$out" || fail "ynl error: $out"

expect_ynl None --do switch-del --json '{"name": "ynl0"}'
expect_ynl '[]' --dump switch-get
rmmod xsw_sample || fail "rmmod xsw_sample"
xsw_unload
echo "ynl: ok"
