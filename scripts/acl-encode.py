#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Encodes sample-acl rules as the hex payload of its ACL port property.

Usage: acl-encode.py RULE... [-- RULE...]...
       acl-encode.py < RULES     (the rules on standard input, one a line)

  RULE   := ACTION [in | out] MATCH... | ACTION any
  ACTION := allow | deny
  MATCH  := proto icmp|tcp|udp|NUMBER | src ADDR[/LEN] | dst ADDR[/LEN]
          | smac MAC | dmac MAC | sport PORT[-PORT] | dport PORT[-PORT]

"in" applies the rule to frames from the port only, "out" to frames to
it only; without either it applies to both.  Rules match in their order,
the first that matches decides, and a frame none matches is allowed.
Prints the payload for "xswctl prop add ... type custom id ACL-ID data
HEX" (Documentation/samples.rst has the layout); several rule sets
separated by -- print a payload a line.  On standard input, blank lines
and lines starting with # are skipped.

  acl-encode.py 'deny proto icmp src 10.0.0.2/32' 'allow any'
"""
import ipaddress
import struct
import sys

VERSION = 1
M_SRC_MAC, M_DST_MAC, M_SRC_IP, M_DST_IP = 1, 2, 4, 8
M_PROTO, M_SRC_PORT, M_DST_PORT, M_IN, M_OUT = 16, 32, 64, 128, 256
PROTOS = {"icmp": 1, "tcp": 6, "udp": 17}
# struct acl_rule: the match flags little endian, ports in network order.
HEAD = struct.Struct("<BBHBB2x6s6s4s4s")
PORTS = struct.Struct(">HHHH4x")


class Bad(Exception):
    pass


def mac(word):
    parts = word.replace("-", ":").split(":")
    if len(parts) != 6 or not all(len(p) == 2 for p in parts):
        raise Bad(f"'{word}' is not a MAC address")
    try:
        return bytes(int(p, 16) for p in parts)
    except ValueError:
        raise Bad(f"'{word}' is not a MAC address") from None


def prefix(word):
    try:
        net = ipaddress.IPv4Network(word, strict=True)
    except ValueError as e:
        raise Bad(f"'{word}': {e}") from None
    return net.network_address.packed, net.prefixlen


def number(word, what, top):
    if not word.isdigit() or int(word) > top:
        raise Bad(f"'{word}' is not a {what} (0 to {top})")
    return int(word)


def port_range(word):
    lo, _, hi = word.partition("-")
    lo = number(lo, "port", 65535)
    hi = number(hi, "port", 65535) if hi else lo
    if hi < lo:
        raise Bad(f"port range '{word}' ends before it starts")
    return lo, hi


def rule(text):
    words = text.split()
    if not words or words[0] not in ("allow", "deny"):
        raise Bad("a rule starts with allow or deny")
    action = words[0] == "deny"
    words = words[1:]
    match = 0
    if words and words[0] in ("in", "out"):
        match |= M_IN if words[0] == "in" else M_OUT
        words = words[1:]
    if words == ["any"]:
        words = []
    elif not words:
        raise Bad("a rule matches something, or any")
    f = dict(proto=0, sp=0, dp=0, smac=bytes(6), dmac=bytes(6),
             sip=bytes(4), dip=bytes(4), sport=(0, 0), dport=(0, 0))
    keys = {
        "proto": M_PROTO, "src": M_SRC_IP, "dst": M_DST_IP,
        "smac": M_SRC_MAC, "dmac": M_DST_MAC,
        "sport": M_SRC_PORT, "dport": M_DST_PORT,
    }
    if len(words) % 2:
        raise Bad(f"'{words[-1]}' wants a value")
    for key, val in zip(words[::2], words[1::2]):
        if key not in keys:
            raise Bad(f"unknown match '{key}'")
        if match & keys[key]:
            raise Bad(f"'{key}' twice")
        match |= keys[key]
        if key == "proto":
            f["proto"] = PROTOS.get(val) or number(val, "protocol", 255)
        elif key in ("src", "dst"):
            f[key[0] + "ip"], f[key[0] + "p"] = prefix(val)
        elif key in ("smac", "dmac"):
            f[key] = mac(val)
        else:
            f[key] = port_range(val)
    if match & (M_SRC_PORT | M_DST_PORT) and f["proto"] not in (6, 17):
        raise Bad("ports need proto tcp or udp")
    return (HEAD.pack(action, f["proto"], match, f["sp"], f["dp"],
                      f["smac"], f["dmac"], f["sip"], f["dip"]) +
            PORTS.pack(*f["sport"], *f["dport"]))


def encode(rules):
    payload = bytes([VERSION]) + bytes(7)
    for n, text in enumerate(rules, 1):
        try:
            payload += rule(text)
        except Bad as e:
            raise Bad(f"rule {n} ('{text}'): {e}") from None
    return payload.hex()


def main(argv):
    if argv[1:2] in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    sets = [[]]
    for word in argv[1:]:
        if word == "--":
            sets.append([])
        else:
            sets[-1].append(word)
    if not argv[1:]:
        sets = [[line for line in sys.stdin.read().splitlines()
                 if line.strip() and not line.lstrip().startswith("#")]]
    try:
        out = [encode(rules) for rules in sets]
    except Bad as e:
        print(f"acl-encode.py: {e}", file=sys.stderr)
        return 2
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
