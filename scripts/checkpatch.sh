#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict, from the kernel tree, over every C file and
# header of the project that is not generated from the YNL spec.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=$("$XSW_TOP/scripts/kernel-src.sh")
cd "$XSW_TOP"
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.c' '*.h' |
	while read -r f; do
		[ -f "$f" ] && ! grep -q '^/\* YNL-GEN ' "$f" && echo "$f"
	done)
"$src/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
	-f "${files[@]}" || {
	echo "checkpatch: fix the above" >&2
	exit 1
}
echo "checkpatch: ${#files[@]} files clean"
