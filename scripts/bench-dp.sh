#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Forwarding benchmark: boots one guest (2 vCPUs) and prints the packets
# per second pktgen's frames cross between the same two veth pairs through
# xswitch (with no extension and with the three samples), the Linux
# bridge, the OVS kernel datapath, and none (a bare veth pair), for 64 and
# 1518-byte frames, in interleaved rounds: medians, spread and ratios.
# Usage: bench-dp.sh [-k KERNEL] [-r ROUNDS] [-d SECONDS] [-s SIZES]
# [-o SETUPS] (default: stock-6.12, see scripts/guest/bench-dp.sh for the
# rest).  A benchmark, not a test: it fails only if something breaks.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=stock-6.12
[ "${1:-}" = -k ] && { kernel=$2; shift 2; }
# The guest drives the OVS datapath with the kernel tree's ovs-dpctl.py.
"$XSW_TOP/scripts/deps.sh"
"$XSW_TOP/scripts/kernel-src.sh" >/dev/null
xsw_bench "$kernel" 2G bench-dp.sh "$@"
