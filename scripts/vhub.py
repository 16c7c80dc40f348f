#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A virtual Ethernet hub for QEMU guests: every frame one guest sends
reaches all the others.  QEMU connects with
  -netdev stream,addr.type=unix,addr.path=SOCKET,server=off
and frames travel as a 4-byte big-endian length followed by the frame.
Usage: vhub.py SOCKET  (runs until killed)"""
import os
import selectors
import socket
import struct
import sys


def main():
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen()
    sel = selectors.DefaultSelector()
    sel.register(srv, selectors.EVENT_READ)
    bufs = {}
    while True:
        for key, _ in sel.select():
            sock = key.fileobj
            if sock is srv:
                conn, _ = srv.accept()
                sel.register(conn, selectors.EVENT_READ)
                bufs[conn] = b""
                continue
            data = sock.recv(65536)
            if not data:
                sel.unregister(sock)
                del bufs[sock]
                sock.close()
                continue
            buf = bufs[sock] + data
            while len(buf) >= 4:
                (n,) = struct.unpack(">I", buf[:4])
                if len(buf) < 4 + n:
                    break
                frame, buf = buf[:4 + n], buf[4 + n:]
                for other in bufs:
                    if other is not sock:
                        other.sendall(frame)
            bufs[sock] = buf


if __name__ == "__main__":
    main()
