#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Drives the xswitch family where a test needs control xswctl does not
give: dumps read one receive at a time with a change in between, and a
request sent from a socket whose receive buffer is full.

Usage:
  nldump.py dump [--then SHELL-CMD] CMD ATTR...
      Dumps CMD, one receive (one of the kernel's dump messages, whole)
      at a time, runs SHELL-CMD once after the first receive, and prints one line per object: "obj A=V ..." with its u16
      and u32 attributes by number (others as their length "A=#LEN"), then
      "intr" if a message said NLM_F_DUMP_INTR and "done ERRNO".
  nldump.py full-buffer CMD ATTR...
      Fills the receive buffer of a socket with events (it listens to the
      events group and never reads; a second socket makes steps on a probe
      switch), then sends CMD from it and prints "sent ERRNO" for what the
      kernel answered, as far as anything could reach the socket.
  nldump.py latency COUNT CMD ATTR...
      Sends CMD COUNT times, one at a time, each waiting for its answer,
      and prints "latency p50 P50 p99 P99 max MAX" in microseconds.
ATTR as for nlraw.py: TYPE=KIND:VALUE.
"""
import errno
import os
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nlraw  # noqa: E402

NLM_F_DUMP = 0x300
NLM_F_DUMP_INTR = 0x10
NLMSG_DONE = 3
NETLINK_ADD_MEMBERSHIP = 1
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_MCAST_GRP_ID = 1, 2


def open_sock(rcvbuf=None):
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                         nlraw.NETLINK_GENERIC)
    sock.setsockopt(nlraw.SOL_NETLINK, nlraw.NETLINK_EXT_ACK, 1)
    sock.setsockopt(nlraw.SOL_NETLINK, nlraw.NETLINK_CAP_ACK, 1)
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.bind((0, 0))
    return sock


def tlvs(data):
    while len(data) >= 4:
        length, typ = struct.unpack("=HH", data[:4])
        yield typ & 0x3fff, data[4:length]
        data = data[(length + 3) & ~3:]


def describe(payload):
    out = []
    for typ, val in tlvs(payload[4:]):
        if len(val) == 2:
            out.append("%d=%d" % (typ, struct.unpack("=H", val)[0]))
        elif len(val) == 4:
            out.append("%d=%d" % (typ, struct.unpack("=I", val)[0]))
        else:
            out.append("%d=#%d" % (typ, len(val)))
    return "obj " + " ".join(out)


def request(family, cmd, attrs, flags, seq):
    body = struct.pack("=BBH", cmd, 1, 0) + b"".join(attrs)
    return struct.pack("=IHHII", 16 + len(body), family, flags, seq, 0) + body


def recv_whole(sock):
    """One datagram, whatever its size: peek at its length first."""
    size = sock.recv_into(bytearray(16), 16, socket.MSG_PEEK | socket.MSG_TRUNC)
    return sock.recv(size)


def dump(args):
    then = None
    while args and args[0].startswith("--"):
        if args[0] == "--then":
            then = args[1]
        else:
            sys.exit(__doc__)
        args = args[2:]
    cmd = nlraw.uapi_commands()[args[0]]
    # A socket that has never received more than a dump message: the
    # kernel sizes later ones after the largest receive buffer it saw.
    family = nlraw.family_id(open_sock())
    sock = open_sock()
    sock.settimeout(60)
    sock.send(request(family, cmd, [nlraw.encode(a) for a in args[1:]],
                      nlraw.NLM_F_REQUEST | NLM_F_DUMP, 7))
    intr, first = False, True
    while True:
        data = recv_whole(sock)
        if first and then:
            subprocess.run(then, shell=True, check=True)
        first = False
        while data:
            length, mtype, flags = struct.unpack("=IHH", data[:8])
            payload = data[16:length]
            if mtype in (NLMSG_DONE, nlraw.NLMSG_ERROR):
                err = -struct.unpack("=i", payload[:4])[0]
                if intr:
                    print("intr")
                print("done %s" % (errno.errorcode.get(err, err) if err else 0))
                return
            intr |= bool(flags & NLM_F_DUMP_INTR)
            print(describe(payload))
            data = data[(length + 3) & ~3:]


def events_group(sock):
    replies = nlraw.talk(sock, nlraw.GENL_ID_CTRL, nlraw.CTRL_CMD_GETFAMILY,
                         [nlraw.attr(nlraw.CTRL_ATTR_FAMILY_NAME,
                                     b"xswitch\0")], 1)
    for mtype, _, payload in replies:
        for typ, val in tlvs(payload[4:]):
            if typ != CTRL_ATTR_MCAST_GROUPS:
                continue
            for _, grp in tlvs(val):
                fields = dict(tlvs(grp))
                if fields.get(CTRL_ATTR_MCAST_GRP_NAME) == b"events\0":
                    return struct.unpack(
                        "=I", fields[CTRL_ATTR_MCAST_GRP_ID])[0]
    sys.exit("nldump: no events group")


def full_buffer(args):
    cmd = nlraw.uapi_commands()[args[0]]
    sock = open_sock(rcvbuf=4096)
    family = nlraw.family_id(sock)
    sock.setsockopt(nlraw.SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                    events_group(sock))
    subprocess.run(["xswctl", "switch", "add", "nldump-probe"], check=True)
    subprocess.run(["xswctl", "port", "add", "nldump-probe", "id", "1",
                    "type", "internal"], check=True, stdout=subprocess.DEVNULL)
    # A socket's buffer holds a few events of ~300 bytes of truesize
    # each; far more than enough steps fill it.
    batch = "".join("port set nldump-probe id 1 friendly-name f%d\n" % i
                    for i in range(200))
    subprocess.run(["xswctl", "-b", "-"], input=batch.encode(), check=True)
    sock.send(request(family, cmd, [nlraw.encode(a) for a in args[1:]],
                      nlraw.NLM_F_REQUEST | nlraw.NLM_F_ACK, 9))
    # Whatever reaches the socket now: events, and maybe no answer at all.
    sock.setblocking(False)
    answer = "none"
    try:
        while True:
            data = sock.recv(1 << 16)
            while data:
                length, mtype = struct.unpack("=IH", data[:6])
                if mtype == nlraw.NLMSG_ERROR:
                    err = -struct.unpack("=i", data[16:20])[0]
                    answer = errno.errorcode.get(err, err) if err else "0"
                data = data[(length + 3) & ~3:]
    except BlockingIOError:
        pass
    except OSError as e:
        answer = "socket %s" % errno.errorcode.get(e.errno, e.errno)
    subprocess.run(["xswctl", "switch", "del", "nldump-probe"], check=True)
    print("sent %s" % answer)


def latency(args):
    count, cmd = int(args[0]), nlraw.uapi_commands()[args[1]]
    attrs = [nlraw.encode(a) for a in args[2:]]
    sock = open_sock()
    family = nlraw.family_id(sock)
    took = []
    for seq in range(count):
        t0 = time.perf_counter()
        replies = nlraw.talk(sock, family, cmd, attrs, seq + 10)
        took.append(time.perf_counter() - t0)
        err = -struct.unpack("=i", replies[-1][2][:4])[0]
        if err:
            sys.exit("nldump: %s failed: %s" % (args[1], errno.errorcode.get(err, err)))
    took.sort()
    pick = [took[len(took) // 2], took[min(len(took) - 1, len(took) * 99 // 100)],
            took[-1]]
    print("latency p50 %d p99 %d max %d" % tuple(int(t * 1e6) for t in pick))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    {"dump": dump, "full-buffer": full_buffer, "latency": latency}.get(
        sys.argv[1], lambda a: sys.exit(__doc__))(sys.argv[2:])


if __name__ == "__main__":
    main()
