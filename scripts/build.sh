#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Builds xswitch.ko (+ KUnit + extensions) for one target kernel into
# build/KERNEL/ with W=1 (and sparse with C=2 when asked: every file, not
# only those recompiled), and xswctl.
# Prints the module folder.  Usage: build.sh [--sparse] KERNEL
#   KERNEL: stock-6.1 | stock-6.12 | test
set -euo pipefail
. "$(dirname "$0")/lib.sh"

sparse=
[ "${1:-}" = --sparse ] && { sparse=1; shift; }
kernel=${1:?usage: build.sh [--sparse] stock-6.1|stock-6.12|test}

case $kernel in
stock-6.1 | stock-6.12)
	rel=$(xsw_stock_release "${kernel#stock-}") ||
		xsw_die "no Debian ${kernel#stock-} kernel installed (run scripts/deps.sh)"
	kdir=/usr/src/linux-headers-$rel
	;;
test) kdir=$("$XSW_TOP/scripts/build-test-kernel.sh") ;;
*) xsw_die "unknown kernel '$kernel'" ;;
esac

out=$XSW_OUT/$kernel
mkdir -p "$out"
# Two guest runs may start at once: one build at a time per kernel.
exec 9>"$out.lock"
flock 9
# Kbuild writes objects beside the sources; a copy per kernel keeps the
# three builds apart and lets each be incremental.
rsync -a --delete --exclude '*.o' --exclude '*.ko' --exclude '.*.cmd' \
	--exclude '*.mod*' --exclude Module.symvers --exclude modules.order \
	"$XSW_TOP/Kbuild" "$XSW_TOP/module" "$XSW_TOP/kunit" \
	"$XSW_TOP/extensions" "$XSW_TOP/include" "$out/"
log=$out/build.log
make -C "$kdir" M="$out" W=1 ${sparse:+C=2} modules >"$log" 2>&1 ||
	{ cat "$log" >&2; xsw_die "module build for $kernel failed"; }
# W=1 and sparse only warn; a warning is a failure here.  modpost says
# WARNING: and ERROR: in capitals.
if grep -Ei '(warning|error):' "$log" >&2; then
	xsw_die "module build for $kernel is not warning-free (see $log)"
fi
make -s -C "$XSW_TOP/tools/xswctl" >&2
echo "$out"
