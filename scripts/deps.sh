#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Installs with apt-get exactly the Debian 12 packages this project needs
# that are missing; silent when all are present.  Needs root.
set -euo pipefail

pkgs=(
	# module builds: Debian's 6.1 and 6.12 kernels with headers, and the
	# 6.12 source the debug test kernel is built from
	linux-image-amd64 linux-headers-amd64
	linux-image-6.12-amd64 linux-headers-6.12-amd64 linux-source-6.12
	build-essential bc bison flex libelf-dev libssl-dev kmod cpio xz-utils
	rsync sparse python3 python3-yaml python3-jsonschema
	# xswctl
	libmnl-dev pkg-config
	# guests and what the tests run in them
	qemu-system-x86 busybox-static iproute2 iputils-ping util-linux procps
	# bench-dp.sh: the kernel tree's ovs-dpctl.py drives OVS with pyroute2
	python3-pyroute2
)

missing=()
for p in "${pkgs[@]}"; do
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps.sh: installing ${missing[*]}" >&2
[ "$(id -u)" = 0 ] || { echo "deps.sh: must run as root to install them" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
