#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Control-path benchmark: boots a guest and prints port+NIC lifecycles per
# second on xswitch beside Linux bridge port add/remove, and their ratio;
# with -v each NIC is bound to one of the veths the bridge then takes.
# Usage: bench-control.sh [-k KERNEL] [-v] [N]  (default: stock-6.12, 10000)
# A benchmark, not a test: it fails only if something breaks, never on speed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=stock-6.12
[ "${1:-}" = -k ] && { kernel=$2; shift 2; }
bind=()
[ "${1:-}" = -v ] && { bind=(-v); shift; }
n=${1:-10000}
xsw_bench "$kernel" 6G bench-control.sh "${bind[@]}" "$n"
