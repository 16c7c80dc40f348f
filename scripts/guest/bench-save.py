#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Times one NIC's save and restore through xswitch's netlink family, each
beside a no-op netlink exchange of the same bytes, for bench-save.sh.

Usage: bench-save.py SWITCH PORT REPEAT

Prints one line, each time the median of REPEAT runs, in microseconds:
  "save US loop US noop US restore US noop US records N bytes B msgs M dgrams D"

save      nic-save as a dump, from sending the request to NLMSG_DONE: the
          save loop through the extensions (the dump's start, before the
          first message), then every record in pieces of at most 16 KiB;
loop      of that, until the first datagram arrived (the loop itself);
noop      (the first) the same bytes out of the kernel in as many datagrams
          (D) as the save's dump came in: a request to nlctrl with a command
          it does not have, padded to that size, which genetlink refuses
          before it parses anything and, the socket not having
          NETLINK_CAP_ACK, echoes whole in its error; D round trips, so
          the bytes also go in once, which the save's do not: a floor
          that flatters the save a little;
restore   the save's M messages sent back as nic-restore requests, batched
          into sendmsg() calls of at most 64 KiB without NLM_F_ACK (the
          kernel answers only an error), then nic-restore-complete, whose
          answer says every record was taken;
noop      (the second) the same M messages in the same batches as
          NLMSG_NOOP, which netlink_rcv_skb() skips unread (no answer, no
          NLM_F_ACK), then one NLMSG_NOOP with NLM_F_ACK to know the kernel
          has been through them all.

Both no-ops cost what any netlink exchange of those bytes costs (the
system calls, the copies, the generic netlink receive path) and nothing
else, and need only what every stock kernel has.  The client's own work
(building the requests, parsing the answers) is done outside the timing.
"""
import errno
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nlraw  # noqa: E402
from nldump import tlvs  # noqa: E402

NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE = 1, 2, 3
SO_RCVBUFFORCE = 33
BATCH = 65536
CMDS = nlraw.uapi_commands()
A_SWITCH, A_PORT_ID, A_OFFSET = 1, 2, 5
A_RESTORED, A_UNCLAIMED = 12, 13


def open_sock(cap_ack=True):
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                         nlraw.NETLINK_GENERIC)
    if cap_ack:
        sock.setsockopt(nlraw.SOL_NETLINK, nlraw.NETLINK_CAP_ACK, 1)
    sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 32 << 20)
    sock.bind((0, 0))
    return sock


def msg(mtype, flags, seq, cmd, attrs):
    body = struct.pack("=BBH", cmd, 1, 0) + attrs
    return struct.pack("=IHHII", 16 + len(body), mtype, flags, seq, 0) + body


def nic_attrs(sw, port):
    return (nlraw.attr(A_SWITCH, sw.encode() + b"\0") +
            nlraw.attr(A_PORT_ID, struct.pack("=I", port)))


def split(data):
    """The netlink messages of one datagram: (type, seq, whole message)."""
    off = 0
    while off + 16 <= len(data):
        length, mtype, _, seq = struct.unpack_from("=IHHI", data, off)
        yield mtype, seq, data[off:off + length]
        off += (length + 3) & ~3


def error_of(m):
    return -struct.unpack_from("=i", m, 16)[0]


def die(what, err):
    sys.exit("bench-save: %s: %s" % (what, errno.errorcode.get(err, err)))


def save(sock, family, sw, port):
    """The save's datagrams, its time, and the time to its first datagram.

    Nothing is parsed while it is timed: the dump ends with a datagram
    whose last message is NLMSG_DONE, 20 bytes without NETLINK_EXT_ACK, and
    only a datagram that ends so is walked to make sure.
    """
    dgrams = []
    t0 = time.perf_counter()
    sock.send(msg(family, NLM_F_REQUEST | NLM_F_DUMP, 1, CMDS["nic-save"],
                  nic_attrs(sw, port)))
    first = None
    while True:
        data = sock.recv(1 << 17)
        if first is None:
            first = time.perf_counter()
            if struct.unpack_from("=H", data, 4)[0] == NLMSG_ERROR:
                die("nic-save", error_of(data))
        dgrams.append(data)
        if (len(data) >= 20 and
                struct.unpack_from("=IH", data, len(data) - 20) == (20, NLMSG_DONE) and
                [t for t, _, _ in split(data)][-1] == NLMSG_DONE):
            took = time.perf_counter() - t0
            break
    msgs = [m for d in dgrams for t, _, m in split(d) if t != NLMSG_DONE]
    done = list(split(dgrams[-1]))[-1][2]
    if error_of(done):
        die("nic-save", error_of(done))
    return msgs, len(dgrams), took, first - t0


def batches(msgs):
    """Messages joined into sendmsg() buffers of at most BATCH bytes."""
    out, cur, size = [], [], 0
    for m in msgs:
        if cur and size + len(m) > BATCH:
            out.append(b"".join(cur))
            cur, size = [], 0
        cur.append(m)
        size += len(m)
    if cur:
        out.append(b"".join(cur))
    return out


def as_requests(msgs, family, mtype, cmd):
    """The dump's messages, padded, retyped, without NLM_F_ACK."""
    reqs = []
    for i, m in enumerate(msgs):
        m = bytearray(m + b"\0" * (-len(m) % 4))
        struct.pack_into("=HHI", m, 4, mtype or family, NLM_F_REQUEST, 100 + i)
        m[16] = cmd
        reqs.append(bytes(m))
    return batches(reqs)


def drain_until(sock, seq, what):
    """Reads answers until the one to @seq; an error before it is fatal."""
    while True:
        for mtype, s, m in split(sock.recv(1 << 17)):
            if mtype == NLMSG_ERROR and error_of(m):
                die(what, error_of(m))
            if s == seq:
                return m


def restore(sock, family, sw, port, reqs):
    t0 = time.perf_counter()
    for b in reqs:
        sock.send(b)
    sock.send(msg(family, NLM_F_REQUEST | NLM_F_ACK, 7,
                  CMDS["nic-restore-complete"], nic_attrs(sw, port)))
    reply = drain_until(sock, 7, "nic-restore")
    took = time.perf_counter() - t0
    counts = dict(tlvs(reply[20:]))
    return (took, struct.unpack("=I", counts[A_RESTORED])[0],
            struct.unpack("=I", counts[A_UNCLAIMED])[0])


def noop_discard(sock, noops):
    sync = struct.pack("=IHHII", 16, NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, 9, 0)
    t0 = time.perf_counter()
    for b in noops:
        sock.send(b)
    sock.send(sync)
    drain_until(sock, 9, "noop")
    return time.perf_counter() - t0


def noop_echo(sock, total, dgrams):
    """@dgrams round trips of @total bytes in all, each echoed in an error."""
    # nlctrl's commands end at 10 (CTRL_CMD_GETPOLICY) in 6.1 and 6.12.
    req = msg(nlraw.GENL_ID_CTRL, NLM_F_REQUEST, 3, 200,
              nlraw.attr(1, b"\0" * max(total // dgrams - 24, 0)))
    t0 = time.perf_counter()
    for _ in range(dgrams):
        sock.send(req)
        data = sock.recv(1 << 17)
        if len(data) < len(req) or error_of(data) != errno.EOPNOTSUPP:
            sys.exit("bench-save: the no-op came back as %d bytes, error %d"
                     % (len(data), error_of(data)))
    return time.perf_counter() - t0


def first_piece(m):
    """Whether the dump message @m is a record's first piece."""
    return struct.unpack("=I", dict(tlvs(m[20:]))[A_OFFSET])[0] == 0


def median(v):
    return sorted(v)[len(v) // 2]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sw, port, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    sock = open_sock()
    family = nlraw.family_id(sock)
    echo = open_sock(cap_ack=False)
    t = {k: [] for k in ("save", "loop", "echo", "restore", "discard")}
    for _ in range(repeat):
        msgs, dgrams, took, loop = save(sock, family, sw, port)
        t["save"].append(took)
        t["loop"].append(loop)
        total = sum(len(m) for m in msgs)
        records = sum(first_piece(m) for m in msgs)
        reqs = as_requests(msgs, family, 0, CMDS["nic-restore"])
        took, restored, unclaimed = restore(sock, family, sw, port, reqs)
        if restored != records or unclaimed:
            sys.exit("bench-save: %d records saved, %d restored, %d unclaimed"
                     % (records, restored, unclaimed))
        t["restore"].append(took)
        t["echo"].append(noop_echo(echo, total, dgrams))
        t["discard"].append(noop_discard(sock, as_requests(msgs, family,
                                                            NLMSG_NOOP, 0)))
    us = [int(median(t[k]) * 1e6) for k in ("save", "loop", "echo", "restore",
                                            "discard")]
    print("save %d loop %d noop %d restore %d noop %d records %d bytes %d "
          "msgs %d dgrams %d" % (*us, records, total, len(msgs), dgrams))


if __name__ == "__main__":
    main()
