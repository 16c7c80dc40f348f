#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Second stage of a guest, in the host's root (overlay): sets the machine
# up, runs the test script the runner named, runs the kernel's checks
# (guest_checks in lib.sh) before and after it, and prints the exit line
# the runner waits for.  Usage: stage2.sh RUN-DIR
run=$1
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb
. "$run/env"
. "$XSW_TOP/scripts/guest/lib.sh"

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

# The host takes a console that stops growing for a hung guest (vm.sh -s):
# a line now and then, so that a test that is quiet for long is not one.
if [ "$XSW_HEARTBEAT" != 0 ]; then
	while sleep "$XSW_HEARTBEAT"; do echo "xsw-guest: alive"; done &
	heartbeat=$!
fi

cd "$XSW_TOP" || exit 1
echo "xsw-guest: running $XSW_SCRIPT ${XSW_ARGS[*]} on $(uname -r), $(nproc) CPUs," \
	"$(cut -d' ' -f1 /proc/uptime) s after boot"
if loglevel_check && lockdep_check && leaks_start; then
	bash "$XSW_SCRIPT" "${XSW_ARGS[@]}"
	rc=$?
	# run-tests.sh checks after each test, the last one just now.
	if [ ! -e /run/xsw-checked ]; then
		guest_checks || [ $rc != 0 ] || rc=1
	fi
else
	rc=1
fi
[ -z "${heartbeat:-}" ] || kill "$heartbeat"
echo "XSW-GUEST-EXIT: $rc"
