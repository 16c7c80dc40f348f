# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the scripts in this folder: sourced, never run.

XSW_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
XSW_CACHE=${XSW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xswitch}
XSW_OUT=${XSW_OUT:-$XSW_TOP/build}

# What a healthy guest never prints.  RCU stall warnings are left out on
# purpose: under TCG they come from emulation speed alone.
XSW_SPLAT='BUG:|WARNING:|Oops|Kernel panic|general protection fault|KASAN:|UBSAN:|unreferenced object|possible circular locking|possible recursive locking|suspicious RCU usage|INFO: task .* blocked|list_(add|del) corruption|Call Trace:'

xsw_die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

xsw_log() {
	echo "==> $*" >&2
}

# Newest installed Debian kernel of a series ("6.1" or "6.12"), by its
# release name as it appears under /boot and /lib/modules.
xsw_stock_release() {
	local series=$1 f
	for f in $(ls /boot/vmlinuz-"$series".*-amd64 2>/dev/null | sort -V); do
		:
	done
	[ -n "${f:-}" ] || return 1
	basename "$f" | sed 's/^vmlinuz-//'
}

xsw_src_version() {
	dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null
}

# The debug test kernel's build folder, keyed by the source package version
# and the config fragment, so that changing either builds a new one.
xsw_test_kernel_dir() {
	local key
	key=$(cat "$XSW_TOP/scripts/test-kernel.config" | sha256sum | cut -c1-12)
	echo "$XSW_CACHE/kernel-$(xsw_src_version | tr '~+:' '___')-$key"
}

# The extracted linux-source-6.12 tree, shared by the test-kernel build and
# by the tools we take from it (checkpatch, kunit.py, the YNL generator).
xsw_kernel_src() {
	echo "$XSW_CACHE/src-$(xsw_src_version | tr '~+:' '___')"
}
