#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# kernel-doc: every comment in kernel-doc form is well formed (parameters,
# return values), and every function exported to extensions has one.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=$("$XSW_TOP/scripts/kernel-src.sh")
cd "$XSW_TOP"
out=$("$src/scripts/kernel-doc" -none -Wall module/*.c module/*.h \
	include/net/xswitch.h extensions/*.c 2>&1) || true
[ -z "$out" ] || { echo "$out" >&2; xsw_die "kernel-doc warnings"; }
missing=0
for f in module/*.c; do
	for sym in $(sed -n 's/^EXPORT_SYMBOL_GPL(\(.*\));$/\1/p' "$f"); do
		grep -q "^ \* $sym - " "$f" && continue
		echo "$f: exported $sym has no kernel-doc" >&2
		missing=1
	done
done
[ $missing = 0 ] || xsw_die "exports without kernel-doc"
echo "kernel-doc: clean, every export documented"
