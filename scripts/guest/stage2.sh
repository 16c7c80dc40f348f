#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Second stage of a guest, in the host's root (overlay): sets the machine
# up, runs the test script the runner named, checks for leaks, and prints
# the exit line the runner waits for.  Usage: stage2.sh RUN-DIR
run=$1
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb
. "$run/env"

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# Not /tmp: the tree under test may live there; the overlay is tmpfs anyway.
mount -t tmpfs tmpfs /run
mkdir -p /run/netns
XSW_GUEST=$(sed -n 's/.*xsw\.guest=\([0-9]*\).*/\1/p' /proc/cmdline)
export XSW_GUEST
# No udev here: load the NIC driver of stock kernels by hand.
modprobe -q virtio_net 2>/dev/null
hostname "guest$XSW_GUEST"
ip link set lo up

kmemleak=/sys/kernel/debug/kmemleak
# What boot left behind is not ours to judge.
[ -w $kmemleak ] && echo clear >$kmemleak

cd "$XSW_TOP" || exit 1
echo "xsw-guest: running $XSW_SCRIPT ${XSW_ARGS[*]} on $(uname -r)"
bash "$XSW_SCRIPT" "${XSW_ARGS[@]}"
rc=$?

# kmemleak only reports objects older than 5 s, and a single small leak
# shows up in about half of the scans: wait, then scan more than once.
if [ -w $kmemleak ]; then
	sleep 6
	echo scan >$kmemleak
	echo scan >$kmemleak
	cat $kmemleak
fi
echo "XSW-GUEST-EXIT: $rc"
