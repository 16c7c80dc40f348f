#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boots one or more QEMU guests on a chosen kernel with this tree's fresh
# modules and tools, runs a guest test script in each, and fails when the
# script fails, when a guest does not finish in time, or when a guest's
# console log holds a kernel splat (KASAN, lockdep, kmemleak, BUG, WARNING,
# Oops ...).  The whole console log is kept.
#
# Usage: vm.sh [-k KERNEL] [-n GUESTS] [-c CPUS] [-t SECONDS] [-s SECONDS]
#              [-o LOGDIR] [-a ARGS] [-m MEM] [-v] SCRIPT [ARGS...]
#   -k  stock-6.1 | stock-6.12 | test (default: test, the debug kernel)
#   -n  number of guests, all on one virtual Ethernet (default 1); each
#       runs SCRIPT with XSW_GUEST set to its index, from 0
#   -c  vCPUs per guest (default 2: tests run things concurrently)
#   -t  time limit for the whole run (default 900)
#   -s  a guest whose console has not grown for this long is hung: it is
#       killed and reported (default 180; 0: only the time limit).  The
#       guest prints "xsw-guest: alive" every XSW_HEARTBEAT seconds (default
#       30; 0: never), so a quiet test does not look hung.
#   -o  where console logs go (default build/logs)
#   -a  more kernel command line, e.g. kunit.filter_glob=xsw_switch
#   -m  guest memory, as for qemu -m (default 1G, 2G for the test kernel)
#   -v  print what the script printed (the log without kernel messages)
# XSW_STRESS_SECS, XSW_TEST_LIMIT and XSW_SOAK_* reach the guest's tests
# (make soak).
# Guests use TCG; XSW_KVM=1 asks for KVM.  XSW_ICOUNT=N clocks TCG guests
# by the instructions they run, 2^N ns each (QEMU -icount shift=N; the
# vCPUs then share one host thread): a rate measured in the guest no longer
# depends on the host's load.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=test guests=1 cpus=2 limit=900 silence=180 logdir=$XSW_OUT/logs verbose= append= memory=
# loglevel=7: warnings and lockdep need 5, KUnit's KTAP (KERN_INFO) 7; the
# guest checks that it stays there (loglevel_check).
cmdline="console=ttyS0 loglevel=7 panic=-1 rcupdate.rcu_cpu_stall_timeout=300"
while getopts k:n:c:t:s:o:a:m:v opt; do
	case $opt in
	k) kernel=$OPTARG ;;
	n) guests=$OPTARG ;;
	c) cpus=$OPTARG ;;
	t) limit=$OPTARG ;;
	s) silence=$OPTARG ;;
	o) logdir=$OPTARG ;;
	a) append=$OPTARG ;;
	m) memory=$OPTARG ;;
	v) verbose=1 ;;
	*) sed -n '/^# Usage/,/^# Guests/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || xsw_die "which guest script? (see the usage at the top of $0)"
script=$(realpath "$1")
shift
[ -f "$script" ] || xsw_die "no script $script"

moddir=$("$XSW_TOP/scripts/build.sh" "$kernel")
case $kernel in
test)
	kdir=$(xsw_test_kernel_dir)
	image=$kdir/arch/x86/boot/bzImage
	modules=()
	mem=2G
	# Every KASAN report, not only the first: one bug must not hide the next.
	# pci=noacpi: PCI interrupts routed without ACPI.  QEMU's _PRT is an
	# AML loop that under KASAN and TCG runs for ~30 s per device: it trips
	# the soft-lockup watchdog, and when it passes ACPICA's 30 s loop limit
	# (AE_AML_LOOP_TIMEOUT) the virtio device gets no interrupt and the 9p
	# mount of the host's root waits forever.  (acpi=off loses a CPU.)
	cmdline+=" kasan_multi_shot pci=noacpi"
	;;
*)
	rel=$(xsw_stock_release "${kernel#stock-}")
	image=/boot/vmlinuz-$rel
	# What mounting the host's root needs, in dependency order.
	mapfile -t modules < <(modprobe -a -S "$rel" --show-depends \
		virtio_pci 9pnet_virtio 9p overlay | awk '$1 == "insmod" { print $2 }' | awk '!seen[$0]++')
	mem=1G
	;;
esac
[ -r "$image" ] || xsw_die "no kernel image $image"

run=$(mktemp -d "$XSW_OUT/run.XXXXXX")
hub_pid=
pids=()
watchers=()
cleanup() {
	for p in "${pids[@]}" "${watchers[@]}" $hub_pid; do kill "$p" 2>/dev/null || true; done
	rm -rf "$run"
}
trap cleanup EXIT

# watch_console LOG PID MARK: once LOG has not grown for $silence seconds,
# leaves MARK and kills PID (timeout(1), which passes it on to QEMU).
watch_console() {
	local size last=-1 since=$SECONDS
	while kill -0 "$2" 2>/dev/null; do
		size=$(stat -c %s "$1")
		[ "$size" = "$last" ] || { last=$size; since=$SECONDS; }
		if [ $((SECONDS - since)) -ge "$silence" ]; then
			: >"$3"
			kill "$2"
			return
		fi
		sleep 5
	done
}

# The initramfs: busybox, /init and the modules the kernel lacks.
mkdir -p "$run/initramfs"/{bin,lib,proc,sys,dev}
cp /bin/busybox "$run/initramfs/bin/"
for tool in sh mount mkdir insmod chroot reboot sync cat; do
	ln -s busybox "$run/initramfs/bin/$tool"
done
cp "$XSW_TOP/scripts/guest/init" "$run/initramfs/init"
for m in "${modules[@]}"; do
	cp "$m" "$run/initramfs/lib/"
	basename "$m" >>"$run/initramfs/lib/xsw-modules"
done
(cd "$run/initramfs" && find . | cpio -o -H newc --quiet | gzip -1) >"$run/initramfs.gz"
cp "$XSW_TOP/scripts/guest/stage2.sh" "$run/"

accel=(-accel tcg)
[ -z "${XSW_ICOUNT:-}" ] || accel+=(-icount "shift=$XSW_ICOUNT,sleep=on,align=off")
[ "${XSW_KVM:-0}" = 1 ] && accel=(-accel kvm -cpu host)

mkdir -p "$logdir"
name=$(basename "$script" .sh)-$kernel
net=()
if [ "$guests" -gt 1 ]; then
	python3 "$XSW_TOP/scripts/vhub.py" "$run/hub.sock" &
	hub_pid=$!
	for _ in $(seq 50); do [ -S "$run/hub.sock" ] && break; sleep 0.1; done
fi

XSW_ARGS=("$@")
{
	echo "XSW_TOP=$(printf %q "$XSW_TOP")"
	echo "XSW_MODDIR=$(printf %q "$moddir")"
	echo "XSW_XSWCTL=$(printf %q "$XSW_TOP/tools/xswctl/xswctl")"
	echo "XSW_KERNEL=$kernel XSW_GUESTS=$guests XSW_HEARTBEAT=${XSW_HEARTBEAT:-30}"
	echo "XSW_KSRC=$(printf %q "$(xsw_kernel_src)")"
	echo "XSW_SCRIPT=$(printf %q "$script")"
	declare -p XSW_ARGS
	# What the tests take from the caller's environment (make soak's bounds).
	for v in XSW_STRESS_SECS XSW_TEST_LIMIT ${!XSW_SOAK_@}; do
		[ -z "${!v:-}" ] || echo "export $v=$(printf %q "${!v}")"
	done
	echo "export XSW_TOP XSW_MODDIR XSW_XSWCTL XSW_KERNEL XSW_GUESTS XSW_KSRC"
} >"$run/env"

logs=()
for ((g = 0; g < guests; g++)); do
	net=()
	if [ "$guests" -gt 1 ]; then
		net=(-netdev "stream,id=lan,server=off,addr.type=unix,addr.path=$run/hub.sock"
		     -device "virtio-net-pci,netdev=lan,mac=52:54:00:00:00:$(printf %02x $((g + 1)))")
		logs+=("$logdir/$name.$g.log")
	else
		logs+=("$logdir/$name.log")
	fi
	timeout -k 5 "$limit" qemu-system-x86_64 "${accel[@]}" -m "${memory:-$mem}" -smp "$cpus" \
		-nodefaults -no-reboot -display none -monitor none -serial stdio \
		-kernel "$image" -initrd "$run/initramfs.gz" \
		-append "$cmdline xsw.run=$run xsw.guest=$g $append" \
		-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
		-device virtio-rng-pci "${net[@]}" \
		</dev/null >"${logs[g]}" 2>&1 &
	pids+=($!)
	if [ "$silence" != 0 ]; then
		watch_console "${logs[g]}" $! "$run/silent.$g" &
		watchers+=($!)
	fi
done

fail=0
for ((g = 0; g < guests; g++)); do
	wait "${pids[g]}" && qrc=0 || qrc=$?
	log=${logs[g]}
	if [ -n "$verbose" ]; then
		tr -d '\r' <"$log" | sed -n '/^xsw-guest: running/,/^XSW-GUEST-EXIT/p' |
			grep -v -e '^\[ *[0-9]*\.[0-9]*\]' -e '^xsw-guest: alive$' | sed "s/^/guest$g: /"
	fi
	rc=$(tr -d '\r' <"$log" | sed -n 's/^XSW-GUEST-EXIT: \([0-9]*\)$/\1/p' | tail -n1)
	if [ -z "$rc" ]; then
		if [ -e "$run/silent.$g" ]; then
			why="hung (its console was silent for ${silence}s), killed"
		elif [ "$qrc" = 124 ]; then
			why="timed out after ${limit}s"
		elif [ "$qrc" = 0 ]; then
			why="rebooted (panic=-1 turns a panic into a reboot)"
		else
			why="died (qemu exit $qrc)"
		fi
		echo "guest $g $why before its script finished; log: $log" >&2
		tail -n 30 "$log" >&2
		fail=1
	elif [ "$rc" != 0 ]; then
		echo "guest $g: $(basename "$script") exited $rc; log: $log" >&2
		fail=1
	fi
	lockdep=$(xsw_lockdep_note "$log") || true
	xsw_splats "$log" >"$run/splat"
	if [ -s "$run/splat" ]; then
		echo "guest $g: kernel splat in $log${lockdep:+ ($lockdep)}:" >&2
		head -n 20 "$run/splat" >&2
		fail=1
	elif [ -n "$lockdep" ]; then
		echo "guest $g: in $log, $lockdep" >&2
		fail=1
	fi
done
exit $fail
