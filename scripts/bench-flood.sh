#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Control-path isolation benchmark: boots a guest with 2 vCPUs and prints
# the latency of requests in one namespace while another floods, beside a
# flood in the same namespace.  Usage: bench-flood.sh [-k KERNEL] [COUNT]
# (default: stock-6.12, 2000).  A benchmark, not a test.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=stock-6.12
[ "${1:-}" = -k ] && { kernel=$2; shift 2; }
"$XSW_TOP/scripts/deps.sh"
"$XSW_TOP/scripts/build.sh" "$kernel" >/dev/null
"$XSW_TOP/scripts/vm.sh" -k "$kernel" -t 3000 -m 4G -v \
	"$XSW_TOP/scripts/guest/bench-flood.sh" "$@" | sed -n 's/^guest0: //p' |
	grep -v '^xsw-guest:\|^XSW-GUEST-EXIT'
