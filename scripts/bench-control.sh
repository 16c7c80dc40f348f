#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Control-path benchmark: boots a guest and prints port+NIC lifecycles per
# second on xswitch beside Linux bridge port add/remove, and their ratio.
# Usage: bench-control.sh [-k KERNEL] [N]   (default: stock-6.12, 10000)
# A benchmark, not a test: it fails only if something breaks, never on speed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=stock-6.12
[ "${1:-}" = -k ] && { kernel=$2; shift 2; }
n=${1:-10000}
xsw_bench "$kernel" 6G bench-control.sh "$n"
