# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the scripts in this folder: sourced, never run.

XSW_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
XSW_CACHE=${XSW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xswitch}
XSW_OUT=${XSW_OUT:-$XSW_TOP/build}

# What a healthy guest never prints (extended regex, see xsw_splats).  The
# last two are no splats, but as bad: after "ACPI Error" (an AML method
# aborted, such as _PRT under TCG) devices may be left without interrupts,
# and after kmemleak turns itself off leaks go unseen.
XSW_SPLAT='BUG:|WARNING:|Oops|Kernel panic|general protection fault|KASAN:|UBSAN:|unreferenced object|possible circular locking|possible recursive locking|suspicious RCU usage|INFO: task .* blocked|list_(add|del) corruption|Call Trace:|ACPI Error|Kernel memory leak detector disabled'
# What says lockdep stopped checking: it turns itself off after its first
# report, when a table fills up or on a taint that makes it unreliable;
# the guest says so too when it sees debug_locks drop (guest_checks).
XSW_LOCKDEP_OFF='turning off the locking correctness validator|Disabling lock debugging due to kernel taint|INFO: lockdep is turned off|xsw-guest: lockdep is off'

# xsw_splats LOG: the lines of a console log that match XSW_SPLAT, as
# "LINE:TEXT".  The one exception is the stack dump of an RCU stall report:
# under TCG stalls come from emulation speed alone (the command line raises
# the stall timeout too), and their dump has a "Call Trace:".  A dump is the
# header ("INFO: rcu_... detected stall(s)") and the register, stack and
# "rcu: " lines right after it; the first other line ends it, so a WARNING
# or any other report inside one is still caught, as is its own trace.
xsw_splats() {
	awk -v splat="$XSW_SPLAT" '
	{
		sub(/\r$/, "")
		line = $0
		sub(/^\[ *[0-9]+\.[0-9]+\] /, "", line)
	}
	line ~ /INFO: rcu_[a-z_]+ (self-detected|detected( expedited)?) stall/ {
		stall = 1
		next
	}
	stall && line ~ /^(rcu: |CPU: [0-9]|Tainted: |Hardware name: |Workqueue: |RIP: |Code: |RSP: |R[A-Z0-9][A-Z0-9]: |FS: |CS: |CR2: |DR[0-9]: |PKRU: |Call Trace:|Sending NMI from CPU|NMI backtrace for cpu|Task dump for CPU|task:|Modules linked in:)/ {
		next
	}
	stall && line ~ /^ *(<\/?(TASK|IRQ|NMI|SOFTIRQ)>|(\? )?[A-Za-z0-9_.]+\+0x[0-9a-f]+\/0x[0-9a-f]+)/ {
		next
	}
	# The heartbeat of stage2.sh may land inside a dump.
	stall && line == "xsw-guest: alive" {
		next
	}
	{
		stall = 0
	}
	line ~ splat {
		print NR ":" $0
	}' "$1"
}

# xsw_lockdep_note LOG: if lockdep turned itself off in that log, what a
# FAIL line must say about it.
xsw_lockdep_note() {
	tr -d '\r' <"$1" | grep -Eq "$XSW_LOCKDEP_OFF" &&
		echo "lockdep turned itself off: later lock bugs went unchecked"
}

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

# xsw_bench KERNEL MEMORY GUEST-SCRIPT ARGS...: builds what a benchmark
# needs, boots one guest of KERNEL with MEMORY and prints what
# GUEST-SCRIPT printed there, without the runner's own lines.
xsw_bench() {
	local kernel=$1 mem=$2 script=$3
	shift 3
	"$XSW_TOP/scripts/deps.sh"
	make -s -C "$XSW_TOP" tools
	"$XSW_TOP/scripts/build.sh" "$kernel" >/dev/null
	"$XSW_TOP/scripts/vm.sh" -k "$kernel" -t 3000 -m "$mem" -v \
		"$XSW_TOP/scripts/guest/$script" "$@" | sed -n 's/^guest0: //p' |
		grep -v '^xsw-guest:\|^XSW-GUEST-EXIT'
}
