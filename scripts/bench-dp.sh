#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Forwarding benchmark: boots one guest (2 vCPUs) and prints the packets
# per second pktgen's frames cross between the same two veth pairs through
# xswitch (with no extension and with the three samples), the Linux
# bridge, the OVS kernel datapath, and none (a bare veth pair), for 64 and
# 1518-byte frames, in interleaved rounds: medians, spread and ratios.
# Usage: bench-dp.sh [-k KERNEL] [-i] [-r ROUNDS] [-d SECONDS] [-s SIZES]
# [-o SETUPS] (default: stock-6.12, see scripts/guest/bench-dp.sh for the
# rest).  -i clocks the guest by its instructions (XSW_ICOUNT in vm.sh,
# 4 ns each): the rates then count instructions a frame, the same from
# run to run (two rounds of 1 s are plenty), where wall-clock rates under
# TCG move with the host's load.
# A benchmark, not a test: it fails only if something breaks.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=stock-6.12
[ "${1:-}" = -k ] && { kernel=$2; shift 2; }
if [ "${1:-}" = -i ]; then
	export XSW_ICOUNT=2
	shift
	echo "bench-dp: the guest clocked by its instructions, 4 ns each (XSW_ICOUNT=2)"
fi
# The guest drives the OVS datapath with the kernel tree's ovs-dpctl.py.
"$XSW_TOP/scripts/deps.sh"
"$XSW_TOP/scripts/kernel-src.sh" >/dev/null
xsw_bench "$kernel" 2G bench-dp.sh "$@"
