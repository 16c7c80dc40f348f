#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Control-path benchmark, in one guest: N port+NIC lifecycles on xswitch
# (port create, NIC create, connect, disconnect, NIC delete, port teardown,
# port delete) against N Linux bridge port add/remove (ip link set master,
# nomaster) of N veths, spread over bridges of 1000 ports.  Both sides run as one batch over one netlink
# socket (xswctl -b, ip -b), so process start-up is not measured.  With
# -v each NIC is bound to one of the same N veths (nic add ... dev vI),
# which its delete unbinds before the bridge takes them.
# Usage: bench-control.sh [-v] [N]
. "$(dirname "$0")/lib.sh"

bind=
[ "${1:-}" = -v ] && { bind=1; shift; }
n=${1:-10000}
dir=/run/bench
mkdir -p $dir

# The veths, made outside the timed parts.  No udev: load by hand.
modprobe -q bridge 2>/dev/null
modprobe -q veth 2>/dev/null
for i in $(seq "$n"); do
	echo "link add v$i type veth peer name w$i"
done | ip -b - || fail "veths"

now() {
	date +%s%N
}

# rate COUNT START END: operations per second, integer.
rate() {
	echo $(($1 * 1000000000 / ($3 - $2)))
}

xsw_load
xswctl switch add bench || fail "switch add"
for i in $(seq "$n"); do
	echo "port add bench name p$i type synthetic id $i"
	echo "nic add bench port $i name n$i${bind:+ dev v$i}"
	echo "nic connect bench port $i"
done >$dir/xsw-up
for i in $(seq "$n"); do
	echo "nic disconnect bench port $i"
	echo "nic del bench port $i"
	echo "port teardown bench id $i"
	echo "port del bench id $i"
done >$dir/xsw-down
t0=$(now)
xswctl -b $dir/xsw-up >/dev/null || fail "xswitch bring-up"
t1=$(now)
ports=$(xswctl -j nic show bench | json_get - 'sum(n["state"] == "connected" for n in j)')
t2=$(now)
xswctl -b $dir/xsw-down || fail "xswitch tear-down"
t3=$(now)
expect_eq "$ports" "$n" "connected NICs after bring-up"
expect_eq "$(xswctl -j port show bench)" "[]" "ports after tear-down"
xsw_ns=$((t1 - t0 + t3 - t2))

# The bridge, on the same veths.  A bridge takes at most 1024 ports
# (BR_MAX_PORTS): 1000 veths per bridge.
nbr=$(((n + 999) / 1000))
for b in $(seq 0 $((nbr - 1))); do
	ip link add br$b type bridge || fail "bridge br$b"
done
for i in $(seq "$n"); do echo "link set v$i master br$((i / 1000 % nbr))"; done >$dir/br-up
for i in $(seq "$n"); do echo "link set v$i nomaster"; done >$dir/br-down
t0=$(now)
ip -b $dir/br-up || fail "bridge port add"
t1=$(now)
members=$(cat /sys/class/net/br*/brif/*/port_no | wc -l)
t2=$(now)
ip -b $dir/br-down || fail "bridge port remove"
t3=$(now)
expect_eq "$members" "$n" "bridge ports after add"
br_ns=$((t1 - t0 + t3 - t2))

xsw_rate=$(rate "$n" 0 $xsw_ns)
br_rate=$(rate "$n" 0 $br_ns)
echo "bench-control: $n lifecycles on $(uname -r)${bind:+, each NIC bound to a veth}"
printf '  %-48s %8s/s\n' "xswitch port+NIC create, connect, disconnect, delete${bind:+ (bound)}" "$xsw_rate" \
	"bridge port add + remove (ip link set master/nomaster)" "$br_rate"
echo "  ratio xswitch/bridge: $(python3 -c "print('%.2f' % ($xsw_rate / $br_rate))")"
xswctl switch del bench
xsw_unload
