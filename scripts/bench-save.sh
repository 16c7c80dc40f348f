#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Save/restore benchmark: boots a guest and prints the time to save and to
# restore one NIC's run-time data for 10, 1,000 and 100,000 records and one
# record of 1 MiB, each beside a no-op netlink exchange of the same bytes,
# and the growth of the time per record.  Usage: bench-save.sh [-k KERNEL]
# [REPEAT] (default: stock-6.12, medians of 5).  A benchmark, not a test.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=stock-6.12
[ "${1:-}" = -k ] && { kernel=$2; shift 2; }
xsw_bench "$kernel" 4G bench-save.sh "$@"
