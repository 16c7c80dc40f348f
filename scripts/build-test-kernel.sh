#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Builds the debug test kernel (tinyconfig + scripts/test-kernel.config) from
# Debian's linux-source-6.12 into the cache, once per source version and
# fragment; prints the build folder, which is also the KDIR for modules.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kdir=$(xsw_test_kernel_dir)
if [ -f "$kdir/.xsw-built" ]; then
	echo "$kdir"
	exit 0
fi

src=$("$XSW_TOP/scripts/kernel-src.sh")
frag=$XSW_TOP/scripts/test-kernel.config
xsw_log "building the test kernel in $kdir (about 10 minutes on 2 cores)"
rm -rf "$kdir"
mkdir -p "$kdir"
make -s -C "$src" O="$kdir" tinyconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$kdir" "$kdir/.config" "$frag" >/dev/null
make -s -C "$src" O="$kdir" olddefconfig >/dev/null

# merge_config only warns when a symbol cannot be set; a test kernel
# without KASAN or lockdep would pass tests it should fail, so refuse.
missing=$(grep -E '^CONFIG_[A-Z0-9_]+=' "$frag" | while IFS= read -r line; do
	grep -qxF "$line" "$kdir/.config" || echo "$line"
done)
[ -z "$missing" ] || xsw_die "options the fragment asks for did not stick:"$'\n'"$missing"

make -s -C "$src" O="$kdir" -j"$(nproc)" all >"$kdir/build.log" 2>&1 ||
	{ tail -n 40 "$kdir/build.log" >&2; xsw_die "test kernel build failed"; }
touch "$kdir/.xsw-built"
echo "$kdir"
