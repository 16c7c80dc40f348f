#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sends one hand-made request to the xswitch generic netlink family and
prints the kernel's answer: "ok" or "error ERRNO: EXTACK-MESSAGE"; a
success that carries an extack message anyway prints "ok: MESSAGE".

A test tool for what well-behaved clients never send: attributes of the
wrong size or type, oversized ones, unknown ones, unknown commands.

Usage: nlraw.py CMD ATTR... [-- CMD ATTR...]...
  Requests separated by "--" are sent in turn, one answer line each (one
  python3 costs seconds in the debug kernel under TCG).
  CMD   a command number, or a name from the uAPI (switch-new, port-get ...)
  ATTR  TYPE=KIND:VALUE, KIND one of u8 u16 u32 str (NUL added) raw (bytes
        as given) zero (VALUE zero bytes) nest (VALUE is ATTRs separated by
        ",", NLA_F_NESTED set; "nest:" alone is an empty nest) flat (the
        same without NLA_F_NESTED)
"""
import errno
import os
import re
import socket
import struct
import sys

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
NETLINK_EXT_ACK, NETLINK_CAP_ACK = 11, 10
SOL_NETLINK = 270
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 16, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED = 0x8000


def uapi_commands():
    """Command numbers by name, from the uAPI header of this tree."""
    top = os.path.join(os.path.dirname(__file__), "..", "..")
    text = open(os.path.join(top, "include/uapi/linux/xswitch.h")).read()
    block = text[text.index("XSWITCH_CMD_SWITCH_NEW = 1"):]
    names = re.findall(r"XSWITCH_CMD_(\w+)", block.split("__XSWITCH_CMD_MAX")[0])
    return {n.lower().replace("_", "-"): i + 1 for i, n in enumerate(names)}


def attr(kind_type, payload):
    hdr = struct.pack("=HH", 4 + len(payload), kind_type)
    pad = b"\0" * (-len(payload) % 4)
    return hdr + payload + pad


def encode(spec):
    typ, rest = spec.split("=", 1)
    kind, value = rest.split(":", 1)
    if kind == "u8":
        data = struct.pack("=B", int(value, 0))
    elif kind == "u16":
        data = struct.pack("=H", int(value, 0))
    elif kind == "u32":
        data = struct.pack("=I", int(value, 0))
    elif kind == "str":
        data = value.encode() + b"\0"
    elif kind == "raw":
        data = value.encode()
    elif kind == "zero":
        data = b"\0" * int(value)
    elif kind in ("nest", "flat"):
        data = b"".join(encode(a) for a in value.split(",") if a)
        return attr(int(typ) | (NLA_F_NESTED if kind == "nest" else 0), data)
    else:
        sys.exit("nlraw: unknown kind " + kind)
    return attr(int(typ), data)


def talk(sock, family, cmd, attrs, seq):
    body = struct.pack("=BBH", cmd, 1, 0) + b"".join(attrs)
    msg = struct.pack("=IHHII", 16 + len(body), family,
                      NLM_F_REQUEST | NLM_F_ACK, seq, 0) + body
    sock.send(msg)
    replies = []
    while True:
        data = sock.recv(1 << 16)
        while data:
            length, mtype, flags = struct.unpack("=IHH", data[:8])
            replies.append((mtype, flags, data[16:length]))
            if mtype == NLMSG_ERROR:
                return replies
            data = data[(length + 3) & ~3:]


def ext_ack_message(flags, payload):
    """The extack message of an NLMSG_ERROR with a capped request (an
    ack of a success is always capped)."""
    tlvs = payload[20:] if flags & 0x100 else b""
    while len(tlvs) >= 4:
        length, typ = struct.unpack("=HH", tlvs[:4])
        if typ == NLMSGERR_ATTR_MSG:
            return tlvs[4:length].rstrip(b"\0").decode()
        tlvs = tlvs[(length + 3) & ~3:]
    return ""


def family_id(sock):
    replies = talk(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                   [attr(CTRL_ATTR_FAMILY_NAME, b"xswitch\0")], 1)
    for mtype, _, payload in replies:
        if mtype != GENL_ID_CTRL:
            continue
        tlvs = payload[4:]
        while tlvs:
            length, typ = struct.unpack("=HH", tlvs[:4])
            if typ == CTRL_ATTR_FAMILY_ID:
                return struct.unpack("=H", tlvs[4:6])[0]
            tlvs = tlvs[(length + 3) & ~3:]
    sys.exit("nlraw: no xswitch family")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmds = uapi_commands()
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    sock.bind((0, 0))
    family = family_id(sock)
    requests = [[]]
    for arg in sys.argv[1:]:
        if arg == "--":
            requests.append([])
        else:
            requests[-1].append(arg)
    for seq, (name, *attrs) in enumerate(requests, 2):
        cmd = cmds.get(name) or int(name, 0)
        replies = talk(sock, family, cmd, [encode(a) for a in attrs], seq)
        mtype, flags, payload = replies[-1]
        err = -struct.unpack("=i", payload[:4])[0]
        if err == 0:
            msg = ext_ack_message(flags, payload)
            print("ok: " + msg if msg else "ok")
        else:
            print("error %s: %s" % (errno.errorcode.get(err, err),
                                    ext_ack_message(flags, payload)))


if __name__ == "__main__":
    main()
