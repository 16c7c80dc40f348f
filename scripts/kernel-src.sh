#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Unpacks Debian's linux-source-6.12 once into the cache and prints its path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=$(xsw_kernel_src)
if [ ! -f "$src/.xsw-unpacked" ]; then
	tarball=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n1)
	[ -n "$tarball" ] || xsw_die "linux-source-6.12 is not installed (run scripts/deps.sh)"
	xsw_log "unpacking $tarball"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xf "$tarball" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.xsw-unpacked"
	mv "$src.tmp" "$src"
fi
echo "$src"
