#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Live-migration benchmark: boots a guest and prints the blackout and the
# total time of a VM port's migration between two hosts (network
# namespaces) for 10, 1,000 and 100,000 records of extension state, beside
# the save and the restore of the same state, and how the blackout grows.
# Usage: bench-migrate.sh [-k KERNEL] [REPEAT] (default: stock-6.12,
# medians of 5).  A benchmark, not a test.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=stock-6.12
[ "${1:-}" = -k ] && { kernel=$2; shift 2; }
xsw_bench "$kernel" 4G bench-migrate.sh "$@"
