#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Generates the uAPI header and the kernel policy/op tables from the YNL
# spec with the kernel tree's generator.  With --check, only compares and
# fails when a committed file is stale.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

check=
[ "${1:-}" = --check ] && check=1

src=$("$XSW_TOP/scripts/kernel-src.sh")
spec=Documentation/netlink/specs/xswitch.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The generator finds its schema next to the spec's folder and the tree's
# root by a MAINTAINERS file; give it a tree of that shape, so that the
# spec path written into the outputs is the repo-relative one.
mkdir -p "$tmp/tree/Documentation/netlink/specs" "$tmp/out"
touch "$tmp/tree/MAINTAINERS"
cp "$src/Documentation/netlink/genetlink-legacy.yaml" "$tmp/tree/Documentation/netlink/"
cp "$XSW_TOP/$spec" "$tmp/tree/$spec"

gen() {
	python3 "$src/tools/net/ynl/ynl-gen-c.py" --spec "$tmp/tree/$spec" "$@"
}
gen --mode uapi --header -o "$tmp/out/xswitch.h"
gen --mode kernel --header -o "$tmp/out/netlink-gen.h"
gen --mode kernel --source -o "$tmp/out/netlink-gen.c"

stale=0
for pair in xswitch.h:include/uapi/linux/xswitch.h \
	    netlink-gen.h:module/netlink-gen.h \
	    netlink-gen.c:module/netlink-gen.c; do
	new=$tmp/out/${pair%%:*}
	old=$XSW_TOP/${pair#*:}
	cmp -s "$new" "$old" && continue
	if [ -n "$check" ]; then
		echo "stale: ${pair#*:} does not match $spec (run 'make regen')" >&2
		stale=1
	else
		cp "$new" "$old"
		echo "regenerated ${pair#*:}"
	fi
done
exit $stale
