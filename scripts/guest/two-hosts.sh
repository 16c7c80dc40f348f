#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run with vm.sh -n 2: two guests on one virtual Ethernet reach each other.
# This is the footing of the cross-host migration tests.
. "$(dirname "$0")/lib.sh"

[ "$XSW_GUESTS" = 2 ] || fail "run me with vm.sh -n 2"
me=$((XSW_GUEST + 1)) peer=$((2 - XSW_GUEST))
ip addr add "192.0.2.$me/24" dev eth0
ip link set eth0 up
# The guests boot at slightly different speeds: wait for the peer.
for _ in $(seq 120); do
	ping -q -c 1 -W 1 "192.0.2.$peer" >/dev/null && break
done
ping -q -c 3 -W 2 "192.0.2.$peer" || fail "guest $XSW_GUEST cannot reach 192.0.2.$peer"
# Keep answering while the peer finishes its own pings.
sleep 10
echo "two-hosts: ok"
