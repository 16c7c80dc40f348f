#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Forwarding benchmark, in one guest: pktgen sends on gA for a fixed time,
# the frames enter a switch through gA's peer gB, leave through sB and are
# counted on sB's peer sA (its rx_packets; sA's stack drops them as
# PACKET_OTHERHOST, their destination MAC not being sA's).  The same two
# veth pairs go through each setup in turn:
#   bare     no switch: the frames are counted on gB itself (the limit)
#   bridge   gB and sB in a Linux bridge that learned the destination MAC
#   ovs      an OVS kernel datapath with gB, sB and the flow
#            in_port(gB) -> output(sB), installed with ovs-dpctl.py
#   xswitch  two synthetic ports whose NICs are bound to gB and sB, the
#            sink NIC's MAC the frames' destination
#   xsw+ext  the same with sample-count, sample-acl and sample-learn
#            attached and enabled (skipped when their modules are absent)
# Rounds interleave the setups (bare bridge ovs xswitch xsw+ext, again ...)
# for each frame size; the table gives each setup's median, its spread and
# the median's ratios.  Frames are unicast to a MAC each switch learned
# from a frame sA sent before each measurement.
# Usage: bench-dp.sh [-r ROUNDS] [-d SECONDS] [-s "SIZE..."] [-o SETUPS]
#   -r  rounds (default 5)  -d  seconds measured per run (default 2)
#   -s  frame sizes on the wire, FCS included (default "64 1518")
#   -o  setups to run, in order (default "bare bridge ovs xswitch xsw+ext")
. "$(dirname "$0")/lib.sh"

rounds=5 secs=2 sizes="64 1518" setups="bare bridge ovs xswitch xsw+ext"
while getopts r:d:s:o: opt; do
	case $opt in
	r) rounds=$OPTARG ;;
	d) secs=$OPTARG ;;
	s) sizes=$OPTARG ;;
	o) setups=$OPTARG ;;
	*) fail "usage: bench-dp.sh [-r ROUNDS] [-d SECONDS] [-s SIZES] [-o SETUPS]" ;;
	esac
done

dir=/run/bench-dp
mkdir -p $dir
results=$dir/results
: >$results
# The frames' source (the generator NIC's MAC) and destination (the sink
# NIC's); no device has either outside the xswitch setups.
gmac=02:00:5e:10:00:01
smac=02:00:5e:10:00:02
pg=/proc/net/pktgen
# The kernel's tool, from the tree the guest was given; Debian's pyroute2
# says its version is "unknown", which the tool's version check cannot
# parse, so it is told the version it is.
ovs_dpctl() {
	/usr/bin/python3 -c 'import runpy, sys, pyroute2
if not pyroute2.__version__[0].isdigit():
	pyroute2.__version__ = "0.7"
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")' \
		"$XSW_KSRC/tools/testing/selftests/net/openvswitch/ovs-dpctl.py" "$@"
}

# CPU 0 runs pktgen and, in its softirqs, the whole path to sA; this
# script and the tools it starts stay on CPU 1.
taskset -p 2 $$ >/dev/null || fail "taskset"
# Modules of stock kernels, built in the debug kernel (whose modprobe
# finds no module folder).
for m in veth bridge openvswitch pktgen; do
	modprobe -q "$m" 2>/dev/null
done
[ -d $pg ] || fail "no pktgen ($pg): the kernel has no NET_PKTGEN"
xsw_load
ext_mods=(xsw_count xsw_acl xsw_learn)
ext_names=(sample-count sample-acl sample-learn)
have_ext=1
for m in "${ext_mods[@]}"; do
	[ -f "$XSW_MODDIR/extensions/$m.ko" ] || have_ext=
done
if [ -n "$have_ext" ]; then
	for m in "${ext_mods[@]}"; do
		insmod "$XSW_MODDIR/extensions/$m.ko" || fail "insmod $m.ko"
	done
	gen_acl=$(python3 "$XSW_TOP/scripts/acl-encode.py" 'deny in proto tcp dport 22' \
		'deny in proto icmp' 'allow in proto udp dst 198.18.0.0/15') || fail "gen ACL"
	sink_acl=$(python3 "$XSW_TOP/scripts/acl-encode.py" 'deny out proto tcp') || fail "sink ACL"
elif [[ " $setups " == *" xsw+ext "* ]]; then
	echo "bench-dp: xsw+ext skipped: no ${ext_mods[*]/%/.ko} in $XSW_MODDIR/extensions"
	setups=${setups/xsw+ext/}
fi
# Bridge and OVS port messages at KERN_INFO would fill the serial
# console between runs; warnings still reach it.  The guest's checks
# after the script want the level they set back.
dmesg -n 5
trap 'dmesg -n 7' EXIT

# No IPv6 on the veths: no router solicitations or MLD reports in the
# counts.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add gA type veth peer name gB || fail "veth gA"
ip link add sA type veth peer name sB || fail "veth sA"
for d in gA gB sA sB; do
	ip link set "$d" up || fail "$d up"
done
gb_mac=$(cat /sys/class/net/gB/address)
sb_mac=$(cat /sys/class/net/sB/address)

# pgset FILE CMD: one pktgen command; pktgen answers in FILE's "Result:".
pgset() {
	echo "$2" >"$pg/$1" || fail "pktgen $1: $2: $(sed -n 's/^Result: //p' "$pg/$1" 2>/dev/null)"
}

pgset kpktgend_0 "add_device gA"
for c in "count 0" "clone_skb 0" "burst 1" "delay 0" "dst_mac $smac" "src_mac $gmac" \
	"dst 198.18.0.2" "src_min 198.18.0.1" "src_max 198.18.0.1"; do
	pgset gA "$c"
done

# prime: one broadcast frame from sA with the sink's MAC as its source,
# so that a learning switch knows where that MAC is.
prime() {
	/usr/bin/python3 -c 'import socket
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("sA", 0))
mac = bytes.fromhex("'"${smac//:/}"'")
s.send(b"\xff" * 6 + mac + b"\x88\xb5" + bytes(46))' || fail "prime"
}

# setmacs GEN SINK: the MACs of gB and sB.  Bound to xswitch they are the
# NICs' (the frames' source and destination); anywhere else their own, so
# that a bridge does not take the frames for its own.
setmacs() {
	ip link set gB address "$1" && ip link set sB address "$2" || fail "setmacs"
}

# The counting device: sA, or gB itself for the bare pair.
counter=sA

up_bare() {
	counter=gB
}

down_bare() {
	counter=sA
}

up_bridge() {
	ip link add bbr type bridge && ip link set bbr up &&
		ip link set gB master bbr && ip link set sB master bbr || fail "bridge up"
	prime
	bridge fdb show br bbr | grep -q "^$smac dev sB master bbr *\$" ||
		fail "the bridge did not learn $smac on sB: $(bridge fdb show br bbr)"
}

down_bridge() {
	ip link del bbr || fail "bridge down"
}

up_ovs() {
	ovs_dpctl add-dp bdp >/dev/null && ovs_dpctl add-if bdp gB >/dev/null &&
		ovs_dpctl add-if bdp sB >/dev/null || fail "ovs datapath"
	# Port 0 is the datapath's own, gB and sB are 1 and 2.
	ovs_dpctl add-flow bdp 'in_port(1),eth(),eth_type(0x0800),ipv4()' 2 ||
		fail "ovs flow"
	prime
}

down_ovs() {
	ovs_dpctl del-dp bdp || fail "ovs down"
}

# ext_up: the xswctl commands that attach and enable the three samples and
# give each port an ACL that sample-acl walks for every frame: the
# generator's frames (UDP to 198.18.0.2) pass its first two rules and match
# its third, and no rule of the sink's matches them.
acl_id=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e41
acl_hits=5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e42
ext_up() {
	local i
	for i in "${!ext_names[@]}"; do
		echo "ext attach bsw name ${ext_names[i]}"
		echo "ext set bsw name ${ext_names[i]} enabled on"
	done
	echo "prop add bsw port 1 type custom id $acl_id" \
		"instance-id 11111111-0000-0000-0000-000000000001 version 1 data $gen_acl"
	echo "prop add bsw port 2 type custom id $acl_id" \
		"instance-id 11111111-0000-0000-0000-000000000002 version 1 data $sink_acl"
}

up_xswitch() {
	setmacs $gmac $smac
	cat >$dir/xsw-up <<-EOF
	switch add bsw
	port add bsw name gen type synthetic id 1
	port add bsw name sink type synthetic id 2
	nic add bsw port 1 name gen current-mac $gmac dev gB
	nic add bsw port 2 name sink current-mac $smac dev sB
	nic connect bsw port 1
	nic connect bsw port 2
	EOF
	[ "${1:-}" != ext ] || ext_up >>$dir/xsw-up
	xswctl -b $dir/xsw-up >/dev/null || fail "xswitch up"
	prime
	read -r xsw_rx0 </sys/class/net/sA/statistics/rx_packets
}

# The sink port sent every frame sA counted meanwhile, and neither port
# dropped one.
down_xswitch() {
	local rx stats
	read -r rx </sys/class/net/sA/statistics/rx_packets
	stats=$(xswctl -j port stats bsw) || fail "port stats"
	expect_eq "$(json_get "$stats" '[p["tx-packets"] for p in j if p["port"] == 2][0]')" \
		$((rx - xsw_rx0)) "frames the sink port sent"
	expect_eq "$(json_get "$stats" 'sum(sum(p["drops"].values()) for p in j)')" 0 \
		"frames the switch dropped: $stats"
	xswctl switch del bsw || fail "xswitch down"
	setmacs "$gb_mac" "$sb_mac"
}

up_xsw+ext() {
	up_xswitch ext
}

# sample-acl matched every frame of the generator with its third rule.
down_xsw+ext() {
	local re='"data":"([0-9a-f]*)"' out rx
	out=$(xswctl -j feature show bsw port 1 id $acl_hits) || fail "ACL hits"
	[[ $out =~ $re ]] || fail "ACL hits: $out"
	rx=$(xswctl -j port stats bsw id 1 | json_get - 'j[0]["rx-packets"]') || fail "port stats"
	expect_eq "$(python3 -c 'import struct, sys
d = bytes.fromhex(sys.argv[1])
print(*struct.unpack_from("<3Q", d, 8))' "${BASH_REMATCH[1]}")" "0 0 $rx" "the generator's ACL hits"
	down_xswitch
}

# measure SETUP SIZE: pktgen runs; after half a second, the frames counted
# on $counter in $secs seconds and the microseconds that took, with
# builtins only (a fork costs milliseconds under TCG); then, once pktgen
# stopped, the frames it sent and those counted in all go to the results.
measure() {
	local f=/sys/class/net/$counter/statistics/rx_packets
	local c c0 c1 t0 t1 sent pid
	# Where a slow guest is, in its console log only (a warning's level,
	# the one it still shows).
	echo "<4>bench-dp: round $r: $1, $2 bytes" >/dev/kmsg
	pgset gA "pkt_size $(($2 - 4))"
	read -r c <$f
	echo start >$pg/pgctrl &
	pid=$!
	sleep 0.5
	read -r c0 <$f
	t0=$EPOCHREALTIME
	sleep "$secs"
	read -r c1 <$f
	t1=$EPOCHREALTIME
	echo stop >$pg/pgctrl
	wait $pid
	sent=$(sed -n 's/.*pkts-sofar: \([0-9]*\).*/\1/p' $pg/gA)
	[ "$c1" -gt "$c0" ] || fail "$1, $2 bytes: nothing reached $counter (pktgen sent $sent)"
	echo "$1 $2 $((c1 - c0)) $((${t1/./} - ${t0/./})) $sent $(($(cat $f) - c))" >>$results
}

echo "bench-dp: $rounds rounds of ${secs}s per setup and size on $(uname -r), $(nproc --all) CPUs"
for r in $(seq "$rounds"); do
	for s in $setups; do
		"up_$s"
		for z in $sizes; do
			measure "$s" "$z"
		done
		"down_$s"
	done
done

/usr/bin/python3 - "$results" "$setups" <<'EOF'
import statistics, sys

runs = {}
delivered = {}
for line in open(sys.argv[1]):
    setup, size, n, usec, tx, rx = line.split()
    runs.setdefault((setup, int(size)), []).append(int(n) * 1e6 / int(usec))
    delivered.setdefault((setup, int(size)), []).append(int(rx) / int(tx))
setups = sys.argv[2].split()
sizes = sorted({size for _, size in runs})
med = {k: statistics.median(v) for k, v in runs.items()}
print("  %-8s %5s %10s %17s %10s" % ("setup", "bytes", "median pps", "min..max", "delivered"))
# delivered: of the frames pktgen sent, the share counted (the worst run).
for size in sizes:
    for s in setups:
        k = (s, size)
        print("  %-8s %5d %10.0f %8.0f..%-8.0f %9.1f%%" %
              (s, size, med[k], min(runs[k]), max(runs[k]), 100 * min(delivered[k])))
ratios = [("xswitch", "bridge"), ("xswitch", "ovs"), ("xswitch", "bare"),
          ("xsw+ext", "bridge")]
for size in sizes:
    line = []
    for a, b in ratios:
        if (a, size) in med and (b, size) in med:
            line.append("%s/%s %.2f" % (a, b, med[(a, size)] / med[(b, size)]))
    if line:
        print("  %d bytes: %s" % (size, ", ".join(line)))
EOF
xsw_unload_all
