#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The upstream YNL CLI (tools/net/ynl/cli.py of the kernel tree), driven
# only by Documentation/netlink/specs/xswitch.yaml, creates a switch, a
# port and a NIC and dumps them, saves the NIC's run-time data (a dump)
# and restores it (its pieces, then the completion, on one socket), and
# adds and dumps the standard properties' nests: the spec matches the
# family.
#
# The CLI runs once, with the spec checked against the schema; the other
# requests go through the CLI's own library (lib.YnlFamily, what
# cli.py calls) in one python3, which costs seconds to start in the debug
# kernel under TCG.
. "$(dirname "$0")/lib.sh"

ynl_dir=$XSW_KSRC/tools/net/ynl
spec=$XSW_TOP/Documentation/netlink/specs/xswitch.yaml
[ -f "$ynl_dir/cli.py" ] || fail "no YNL CLI under '$XSW_KSRC' (run scripts/kernel-src.sh)"

xsw_load
xsw_load_sample
out=$(python3 "$ynl_dir/cli.py" --output-json --spec "$spec" \
	--schema "$XSW_KSRC/Documentation/netlink/genetlink-legacy.yaml" \
	--do switch-new --json '{"name": "ynl0"}' 2>&1) || fail "cli.py switch-new: $out"
expect_eq "$out" '{"name": "ynl0", "id": 1}' "cli.py switch-new"
ok xswctl ext attach ynl0 name sample-capture
ok xswctl ext set ynl0 name sample-capture enabled on

python3 - "$ynl_dir" "$spec" "$XSW_XSWCTL" <<'EOF' || fail "the YNL requests"
import json
import subprocess
import sys

sys.path.insert(0, sys.argv[1])
from lib import YnlFamily, NlError  # noqa: E402

spec, xswctl = sys.argv[2], sys.argv[3]
# The schema was checked by the CLI above; "" skips it here.
ynl = YnlFamily(spec, "")
failed = 0


def check(what, got, want):
    global failed
    if got != want:
        print(f"FAIL: {what}: got {got!r}, want {want!r}")
        failed = 1


def plain(reply):
    """The reply as the CLI prints it (--output-json: bytes in hex), without
    a port's counters (the datapath tests check those)."""
    if isinstance(reply, dict):
        reply.pop("stats", None)
    return json.loads(json.dumps(reply, default=lambda o: o.hex()
                                 if isinstance(o, bytes) else sorted(o)))


def do(op, attrs):
    return plain(ynl.do(op, attrs, None))


def dump(op, attrs):
    return plain(ynl.dump(op, attrs))


def refused(what, op, attrs, msg):
    try:
        ynl.do(op, attrs, None)
    except NlError as e:
        if msg not in str(e):
            check(what, str(e), msg)
        return
    check(what, "succeeded", "refused: " + msg)


def xsw_json(*args):
    return json.loads(subprocess.run([xswctl, "-j", *args], check=True,
                                     capture_output=True, text=True).stdout)


check("port-new vm1",
      do("port-new", {"switch": "ynl0", "name": "vm1", "type": "synthetic"}),
      {"switch": "ynl0", "id": 1, "name": "vm1", "friendly-name": "",
       "type": "synthetic", "state": "created"})
check("port-new up",
      do("port-new", {"switch": "ynl0", "name": "up", "friendly-name": "uplink",
                      "type": "external"}),
      {"switch": "ynl0", "id": 2, "name": "up", "friendly-name": "uplink",
       "type": "external", "state": "created"})
n = do("nic-new", {"switch": "ynl0", "port-id": 1, "index": 0, "name": "n0",
                   "mtu": 9000, "vm-name": "vm1"})
check("nic-new reply",
      (n["port-id"], n["index"], n["type"], n["state"], n["mtu"], n["vm-name"]),
      (1, 0, "synthetic", "created", 9000, "vm1"))
check("nic-connect", do("nic-connect", {"switch": "ynl0", "port-id": 1}), None)

check("switch dump", dump("switch-get", {}), [{"name": "ynl0", "id": 1}])
check("port dump",
      [(p["id"], p["name"], p["type"]) for p in dump("port-get", {"switch": "ynl0"})],
      [(1, "vm1", "synthetic"), (2, "up", "external")])
check("NIC dump",
      [(n["port-id"], n["index"], n["state"]) for n in dump("nic-get", {"switch": "ynl0"})],
      [(1, 0, "connected")])

# A save: sample-capture's one record, the NIC's count of steps (its
# create and connect), version 1, in one piece.
record = {"switch": "ynl0", "port-id": 1, "index": 0, "record": 0, "offset": 0,
          "size": 8, "ext-id": "5f0e2c1a7a4b4d369c1e3a8b6d2f4e20",
          "feature-class": "00000000000000000000000000000000",
          "name": "sample-capture counts", "data": "0100000002000000"}
check("nic-save dump", dump("nic-save", {"switch": "ynl0", "port-id": 1}), [record])
# A step after the save, which the restore takes back.
check("nic-set", do("nic-set", {"switch": "ynl0", "port-id": 1, "mtu": 9000}), None)
# A restore is its socket's: the piece and the completion go together,
# as the CLI's --multi sends them (ynl.do_multi).
check("nic-restore, nic-restore-complete",
      plain(ynl.do_multi([("nic-restore", record, []),
                          ("nic-restore-complete",
                           {"switch": "ynl0", "port-id": 1, "index": 0}, [])])),
      [None, {"switch": "ynl0", "port-id": 1, "index": 0, "restored": 1, "unclaimed": 0}])
# The saved count replaces the NIC's own (3 after the update).
check("sample-capture's count after the restore",
      xsw_json("feature", "show", "ynl0", "port", "1", "id",
               "5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e02")[0]["data"], "02000000")

# The standard properties are nests in the spec: a trunk and a security
# property go in as YNL builds them and come back so, the allowed VLANs
# ascending, without data; a malformed one is refused with the reason.
prop = {"switch": "ynl0", "port-id": 1, "version": 1,
        "instance-id": "11111111111111111111111111111111"}
check("prop-add vlan", do("prop-add", {**prop, "type": "vlan", "vlan": {
    "mode": "trunk", "native-vlan": 1, "allowed": [30, 10, 20]}}), None)
check("prop-add security", do("prop-add", {**prop, "type": "security", "security": {
    "mac-spoofing": True, "vsid": 7}}), None)
check("the standard properties, dumped",
      [(p["type"], p.get("vlan"), p.get("security"), "data" in p)
       for p in dump("prop-get", {"switch": "ynl0", "port-id": 1})],
      [("vlan", {"mode": "trunk", "native-vlan": 1, "allowed": [10, 20, 30]}, None, False),
       ("security", None, {"mac-spoofing": True, "vsid": 7}, False)])
refused("an access VLAN property without its VLAN", "prop-set",
        {**prop, "type": "vlan", "vlan": {"mode": "access"}},
        "an access VLAN property needs access-vlan")

# What xswctl sees of what YNL made.
n = xsw_json("nic", "show", "ynl0", "port", "1", "index", "0")[0]
check("xswctl view", (n["state"], n["mtu"]), ("connected", 9000))
# YNL reports the kernel's extack too.
refused("a second external port", "port-new",
        {"switch": "ynl0", "name": "up2", "type": "external"},
        "the switch already has an external port")

check("switch-del", do("switch-del", {"name": "ynl0"}), None)
check("switch dump after the delete", dump("switch-get", {}), [])
sys.exit(failed)
EOF
rmmod xsw_sample || fail "rmmod xsw_sample"
xsw_unload
echo "ynl: ok"
