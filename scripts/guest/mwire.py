#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A hostile peer of xswctl agent, for the tests: it speaks the migration
wire (Documentation/migration.rst, tools/xswctl/mwire.c) only as far as it
needs to break it.

  mwire.py record LPORT HOST PORT FILE
      relays one migration from 127.0.0.1:LPORT to HOST:PORT, message by
      message, and keeps what the source sent in FILE
  mwire.py send HOST PORT FILE
      sends FILE's bytes as they are (a replay) and prints the types of
      the messages that come back
  mwire.py replay-prepare LPORT HOST PORT
      relays a migration, but sends the agent its PREPARE again in the
      place of the COMMIT, and relays the answer
  mwire.py cut-prepare LPORT HOST PORT
      relays the hellos, then half of the PREPARE, and closes
  mwire.py cut LPORT HOST PORT K
      relays migrations from 127.0.0.1:LPORT to HOST:PORT, message by
      message; in the first, the K-th message (either way: 1 the hello,
      2 its answer, 3 PREPARE, 4 and 5 the STEPs 1-3 and 4-5, 6 PREPARED,
      7 COMMIT, 8 the STEP 11-13, 9 DONE) never arrives: the connection
      is cut there, at both ends.  The later
      connections (the source's queries) it relays whole, until killed
  mwire.py keyed KEY HOST PORT (first TYPE | oversize)
      does the handshake under KEY, then sends a message of TYPE (a
      number) first, well formed; or announces a PREPARE one byte longer
      than the agent takes, and waits for the agent to close

  mwire.py dest LPORT HOST PORT KEY MODE
      a destination under KEY on 127.0.0.1:LPORT (HOST and PORT unused)
      that answers the source's PREPARE with STEPs: MODE good, one of 1-3
      and a FAIL of 4-5; short, a STEP of 8 bytes; unknown, of a step 9;
      many, four of 1-3.  Prints how the source answered

  mwire.py fuzz KEY HOST PORT FILE N SEED
      N connections, each a handshake under KEY and then the PREPARE of
      the recording FILE (record, above), mutated at random (bytes flipped, cut, grown,
      numbers made huge, another type), correctly authenticated; one in
      eight sends unauthenticated garbage instead.  A PREPARED is left
      unanswered.  Prints how the agent answered, counted

A relay prints "listening" once it can be connected to.  Each prints what
the agent answered: the types of its messages and how the connection
ended."""

import hashlib
import hmac
import os
import socket
import struct
import sys

HDR = 16
MAC = 32
MAGIC = b"XSWM"
TYPES = {1: "hello", 2: "prepare", 3: "prepared", 4: "commit", 5: "done",
         6: "fail", 7: "abort", 8: "query", 9: "answer", 10: "step"}
STEP = 10
VERSION = 2
BODY_MAX = (80 << 20) + 65536
LABEL_S = b"xswitch migrate 1 source to destination"
LABEL_D = b"xswitch migrate 1 destination to source"


def read_exact(s, n):
    buf = b""
    while len(buf) < n:
        got = s.recv(n - len(buf))
        if not got:
            raise EOFError("closed after %d of %d bytes" % (len(buf), n))
        buf += got
    return buf


def read_msg(s):
    """One whole message as bytes, and its type."""
    hdr = read_exact(s, HDR)
    if hdr[:4] != MAGIC:
        raise ValueError("bad magic")
    length = struct.unpack(">I", hdr[12:16])[0]
    if length > BODY_MAX:
        raise ValueError("a body of %d bytes" % length)
    return hdr + read_exact(s, length + MAC), hdr[5]


def frame(key, mtype, seq, body):
    hdr = MAGIC + bytes([VERSION, mtype, 0, 0]) + struct.pack(">II", seq, len(body))
    return hdr + body + hmac.new(key, hdr + body, hashlib.sha256).digest()


def answers(s, to=None, text=True):
    """What the agent says until it closes (relayed to @to): the types of
    its messages (a FAIL's with its text), then how it ended."""
    got = []
    s.settimeout(20)
    try:
        while True:
            msg, mtype = read_msg(s)
            if to:
                to.sendall(msg)
            why = ""
            if mtype == 6 and text:
                why = ":" + msg[HDR + 4:-MAC - 1].decode("ascii", "replace")
            got.append(TYPES.get(mtype, str(mtype)) + why)
    except EOFError as e:
        got.append("closed" if str(e).startswith("closed after 0 ") else str(e))
    except ConnectionResetError:
        # An agent that stops reading at a bad header closes on the rest.
        got.append("closed")
    except (OSError, ValueError) as e:
        got.append(str(e))
    return got


def accept_one(lport):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", lport))
    ls.listen(1)
    print("listening", flush=True)
    src, _ = ls.accept()
    ls.close()
    return src


def relay(args, mode):
    lport, host, port = int(args[0]), args[1], int(args[2])
    src = accept_one(lport)
    dst = socket.create_connection((host, port))
    kept = b""
    # The hellos, then the source's PREPARE.
    hello, _ = read_msg(src)
    dst.sendall(hello)
    kept += hello
    msg, _ = read_msg(dst)
    src.sendall(msg)
    prepare, mtype = read_msg(src)
    kept += prepare
    if mode == "cut-prepare":
        dst.sendall(prepare[:len(prepare) // 2])
        dst.close()
        src.close()
        print("cut the %s after %d of %d bytes"
              % (TYPES[mtype], len(prepare) // 2, len(prepare)))
        return
    dst.sendall(prepare)
    got = []
    mtype = STEP
    while mtype == STEP:
        msg, mtype = read_msg(dst)
        src.sendall(msg)
        got.append(TYPES.get(mtype, str(mtype)))
    if mtype == 3:
        commit, mtype = read_msg(src)
        kept += commit
        dst.sendall(prepare if mode == "replay-prepare" else commit)
    got += answers(dst, src, False)
    src.close()
    dst.close()
    if mode == "record":
        with open(args[3], "wb") as f:
            f.write(kept)
    print("the agent answered: " + " ".join(got))


def pipe(a, b):
    """Bytes both ways between @a and @b until either closes."""
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(a, selectors.EVENT_READ, b)
    sel.register(b, selectors.EVENT_READ, a)
    while True:
        for key, _ in sel.select():
            try:
                data = key.fileobj.recv(65536)
            except OSError:
                data = b""
            if not data:
                return
            key.data.sendall(data)


def cut_one(src, dst, k):
    """Relays until the @k-th message, which it drops: the cut."""
    turn = [src, dst]
    n = 0
    frm = 0
    while True:
        n += 1
        try:
            msg, mtype = read_msg(turn[frm])
        except (OSError, EOFError, ValueError) as e:
            return "ended before message %d: %s" % (n, e)
        if n == k:
            return "cut at message %d, a %s" % (n, TYPES.get(mtype, str(mtype)))
        turn[1 - frm].sendall(msg)
        # A side speaks until it waits for the other: the destination's
        # STEPs come before its answer, the rest alternate.
        if mtype != STEP:
            frm = 1 - frm


def cut(args):
    lport, host, port, k = int(args[0]), args[1], int(args[2]), int(args[3])
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", lport))
    ls.listen(4)
    print("listening", flush=True)
    first = True
    while True:
        src, _ = ls.accept()
        dst = socket.create_connection((host, port))
        if first:
            print(cut_one(src, dst, k), flush=True)
            first = False
        else:
            pipe(src, dst)
        src.close()
        dst.close()


def send(args):
    host, port, path = args[0], int(args[1]), args[2]
    s = socket.create_connection((host, port))
    with open(path, "rb") as f:
        s.sendall(f.read())
    print("the agent answered: " + " ".join(answers(s)))


def keyed(args):
    with open(args[0], "rb") as f:
        key = f.read()
    s = socket.create_connection((args[1], int(args[2])))
    nonce = os.urandom(16)
    s.sendall(frame(key, 1, 0, nonce))
    msg, mtype = read_msg(s)
    nonces = msg[HDR:HDR + 32]
    if mtype != 1 or nonces[:16] != nonce:
        sys.exit("no hello from the agent")
    tx = hmac.new(key, LABEL_S + nonces, hashlib.sha256).digest()
    if args[3] == "first":
        s.sendall(frame(tx, int(args[4]), 1, b"\0" * 8))
    else:
        hdr = MAGIC + bytes([VERSION, 2, 0, 0]) + struct.pack(">II", 1, BODY_MAX + 1)
        s.sendall(hdr)
    print("the agent answered: " + " ".join(answers(s)))


def mutate(rng, body):
    """@body changed in one of the ways a broken or hostile source might."""
    b = bytearray(body)
    how = rng.randrange(5)
    if how == 0:
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif how == 1:
        del b[rng.randrange(len(b)):]
    elif how == 2:
        at = rng.randrange(len(b) + 1)
        b[at:at] = rng.randbytes(rng.randint(1, 64))
    elif how == 3 and len(b) >= 4:
        at = rng.randrange(len(b) - 3)
        b[at:at + 4] = rng.choice([b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff",
                                   b"\x00\x00\x00\x00", b"\x00\x01\x00\x00"])
    else:
        b = bytearray(rng.randbytes(rng.randint(0, 256)))
    return bytes(b)


def recorded_prepare(path):
    """The body of the PREPARE in a recording (mwire.py record)."""
    with open(path, "rb") as f:
        data = f.read()
    off = 0
    while off + HDR <= len(data):
        length = struct.unpack(">I", data[off + 12:off + 16])[0]
        if data[off + 5] == 2:
            return data[off + HDR:off + HDR + length]
        off += HDR + length + MAC
    sys.exit("no prepare in " + path)


def fuzz_one(rng, key, addr, body):
    s = socket.create_connection(addr, timeout=20)
    try:
        if rng.randrange(8) == 0:
            s.sendall(rng.randbytes(rng.randint(1, 200)))
            return answers(s, text=False)[-1]
        nonce = os.urandom(16)
        s.sendall(frame(key, 1, 0, nonce))
        msg, mtype = read_msg(s)
        nonces = msg[HDR:HDR + 32]
        if mtype != 1 or nonces[:16] != nonce:
            return "no hello"
        tx = hmac.new(key, LABEL_S + nonces, hashlib.sha256).digest()
        mtype = 2 if rng.randrange(4) else rng.randint(3, 12)
        s.sendall(frame(tx, mtype, 1, mutate(rng, body)))
        s.settimeout(20)
        mtype = STEP
        try:
            while mtype == STEP:
                msg, mtype = read_msg(s)
        except (OSError, EOFError, ValueError):
            return "closed"
        # A PREPARED is left unanswered: the agent must take off again.
        if mtype == 3:
            return "prepared"
        return " ".join([TYPES.get(mtype, str(mtype))] + answers(s, text=False))
    finally:
        s.close()


def fuzz(args):
    import random
    with open(args[0], "rb") as f:
        key = f.read()
    body = recorded_prepare(args[3])
    rng = random.Random(int(args[5]))
    seen = {}
    for _ in range(int(args[4])):
        what = fuzz_one(rng, key, (args[1], int(args[2])), body)
        seen[what] = seen.get(what, 0) + 1
    for what, n in sorted(seen.items()):
        print("%d %s" % (n, what))


def dest(args):
    lport, mode = int(args[0]), args[4]
    with open(args[3], "rb") as f:
        key = f.read()
    src = accept_one(lport)
    msg, mtype = read_msg(src)
    nonces = msg[HDR:HDR + 16] + os.urandom(16)
    src.sendall(frame(key, 1, 0, nonces + b"hostile"))
    tx = hmac.new(key, LABEL_D + nonces, hashlib.sha256).digest()
    read_msg(src)
    step = struct.pack(">III", 1, 1, 5000)
    bodies = {"good": [step], "short": [step[:8]],
              "unknown": [struct.pack(">III", 9, 1, 5000)],
              "many": [step] * 4}[mode]
    for seq, body in enumerate(bodies, 1):
        src.sendall(frame(tx, STEP, seq, body))
    if mode == "good":
        fail = struct.pack(">I", 4) + b"no room here\0"
        src.sendall(frame(tx, 6, len(bodies) + 1, fail))
    print("the source answered: " + " ".join(answers(src)))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mode, args = sys.argv[1], sys.argv[2:]
    if mode in ("record", "replay-prepare", "cut-prepare"):
        relay(args, mode)
    elif mode == "send":
        send(args)
    elif mode == "keyed":
        keyed(args)
    elif mode == "fuzz":
        fuzz(args)
    elif mode == "cut":
        cut(args)
    elif mode == "dest":
        dest(args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
