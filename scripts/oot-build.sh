#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Installs xswitch for one kernel into a scratch DESTDIR with `make
# install`, then builds extensions/oot-example against that tree alone, as
# a user's own extension would be built: the build must find the headers
# and the symbol versions, and print no warning.  Usage: oot-build.sh KERNEL
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: oot-build.sh stock-6.1|stock-6.12}
rel=$(xsw_stock_release "${kernel#stock-}") ||
	xsw_die "no Debian ${kernel#stock-} kernel installed (run scripts/deps.sh)"
kdir=/usr/src/linux-headers-$rel
out=$XSW_OUT/oot-$kernel
rm -rf "$out"
mkdir -p "$out"
# A copy of the tree, so that the install's build does not touch this one.
rsync -a --exclude build --exclude .git "$XSW_TOP/" "$out/src/"
make -s -C "$out/src" KDIR="$kdir" DESTDIR="$out/root" PREFIX=/usr \
	install >"$out/install.log" 2>&1 ||
	{ cat "$out/install.log" >&2; xsw_die "make install failed"; }
# Symbol versions are keyed as the kernel's build tree names its release
# (Debian's 6.1 says 6.1.NNN there, not the package's name).
krel=$(make -s -C "$kdir" kernelrelease)
for f in include/xswitch/net/xswitch.h include/xswitch/uapi/linux/xswitch.h \
	 include/linux/xswitch.h "lib/xswitch/$krel/Module.symvers" sbin/xswctl; do
	[ -f "$out/root/usr/$f" ] || xsw_die "make install did not install usr/$f"
done
# Debian 6.12 compresses modules as it installs them.
ls "$out/root/lib/modules/$rel/extra/"xswitch.ko* >/dev/null ||
	xsw_die "make install did not install xswitch.ko"

# The extension sees the installed tree only: a copy outside the source.
cp -r "$XSW_TOP/extensions/oot-example" "$out/ext"
make -C "$out/ext" KDIR="$kdir" XSWITCH="$out/root/usr" W=1 \
	>"$out/ext.log" 2>&1 || { cat "$out/ext.log" >&2; xsw_die "the out-of-tree build failed"; }
if grep -Ei '(warning|error):' "$out/ext.log" >&2; then
	xsw_die "the out-of-tree build is not warning-free (see $out/ext.log)"
fi
[ -f "$out/ext/xsw_hello.ko" ] || xsw_die "no xsw_hello.ko built"
modinfo -F depends "$out/ext/xsw_hello.ko" | grep -qx xswitch ||
	xsw_die "xsw_hello.ko does not depend on xswitch"
echo "oot: xsw_hello.ko built against make install DESTDIR=$out/root"
