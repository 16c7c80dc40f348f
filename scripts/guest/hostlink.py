#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What two guests that play two hosts say to each other besides the
migration: a file handed from one to the other (a rendezvous: "my agent
listens", "here are my events"), and the time, so that the events the two
kernels stamp can be merged into one order, as NTP lets real hosts.

  hostlink.py recv ADDR PORT FILE SECONDS   one connection's bytes to FILE
  hostlink.py send ADDR PORT FILE SECONDS   FILE to the first that listens
  hostlink.py time-serve ADDR PORT          answers the time (UDP), forever
  hostlink.py time-sync ADDR PORT           sets this clock to the server's

Each waits at most SECONDS for its peer and fails after that."""
import os
import socket
import struct
import sys
import time


def recv(addr, port, path, limit):
    srv = socket.create_server((addr, int(port)))
    srv.settimeout(float(limit))
    conn, _ = srv.accept()
    conn.settimeout(float(limit))
    data = b''
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    # Whole or not at all: the reader polls for the file.
    with open(path + '.part', 'wb') as f:
        f.write(data)
    os.rename(path + '.part', path)


def send(addr, port, path, limit):
    with open(path, 'rb') as f:
        data = f.read()
    end = time.monotonic() + float(limit)
    while True:
        try:
            conn = socket.create_connection((addr, int(port)), timeout=5)
            break
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)
    conn.sendall(data)
    conn.close()


def time_serve(addr, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((addr, int(port)))
    while True:
        msg, peer = sock.recvfrom(64)
        sock.sendto(msg + struct.pack('!q', time.time_ns()), peer)


def time_sync(addr, port):
    """The server's time at the middle of the fastest of 20 round trips:
    the error is at most half that round trip.  The server may start
    late: tries for up to 300 s."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(1)
    best = None
    got = 0
    end = time.monotonic() + 300
    i = 0
    while got < 20 and time.monotonic() < end:
        i += 1
        t0 = time.time_ns()
        sock.sendto(struct.pack('!q', i), (addr, int(port)))
        try:
            msg, _ = sock.recvfrom(64)
        except socket.timeout:
            continue
        t1 = time.time_ns()
        seq, server = struct.unpack('!qq', msg)
        if seq != i:
            continue
        got += 1
        if best is None or t1 - t0 < best[0]:
            best = (t1 - t0, server - (t0 + t1) // 2)
        time.sleep(0.05)
    if best is None:
        sys.exit('hostlink: no time from %s port %s' % (addr, port))
    rtt, offset = best
    time.clock_settime_ns(time.CLOCK_REALTIME, time.time_ns() + offset)
    print('clock moved %.3f ms to the peer\'s; the best round trip %.3f ms'
          % (offset / 1e6, rtt / 1e6))


def main():
    cmds = {'recv': (recv, 4), 'send': (send, 4),
            'time-serve': (time_serve, 2), 'time-sync': (time_sync, 2)}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds or \
            len(sys.argv) != cmds[sys.argv[1]][1] + 2:
        sys.exit(__doc__)
    cmds[sys.argv[1]][0](*sys.argv[2:])


if __name__ == '__main__':
    main()
