#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What a flood of control requests in one network namespace does to the
# latency of requests in another, beside the same flood in the victim's own
# namespace (which shares its control lock).  The flood: two clients
# creating and deleting ports in a loop, and a third deleting switches of
# FLOOD_PORTS ports each (the longest critical section a namespace can ask
# for within the default limits is a switch delete).  The victim times
# COUNT port-set round trips.  Usage: bench-flood.sh [COUNT] [FLOOD_PORTS]
. "$(dirname "$0")/lib.sh"

count=${1:-2000}
fports=${2:-2000}
nldump() {
	python3 "$(dirname "$0")/nldump.py" "$@"
}

# flood NETNS: starts the three flooding clients in NETNS; sets FLOOD_PIDS.
flood() {
	local ns=$1 c
	FLOOD_PIDS=()
	for c in 1 2; do
		ip netns exec "$ns" bash -c "
			$XSW_XSWCTL switch add f$c >/dev/null 2>&1
			while :; do
				for i in \$(seq 100); do
					echo port add f$c id \$i type synthetic
				done
				for i in \$(seq 100); do
					echo port teardown f$c id \$i; echo port del f$c id \$i
				done
			done | $XSW_XSWCTL -b - >/dev/null" &
		FLOOD_PIDS+=($!)
	done
	ip netns exec "$ns" bash -c "
		while :; do
			$XSW_XSWCTL switch add big >/dev/null
			for i in \$(seq $fports); do
				echo port add big id \$i type synthetic; echo nic add big port \$i
			done | $XSW_XSWCTL -b - >/dev/null
			$XSW_XSWCTL switch del big
		done" &
	FLOOD_PIDS+=($!)
	sleep 3
}

unflood() {
	local p
	for p in "${FLOOD_PIDS[@]}"; do
		pkill -P "$p" 2>/dev/null
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
}

# victim NETNS: the latency of port-set on the victim's switch there.
victim() {
	ip netns exec "$1" python3 "$(dirname "$0")/nldump.py" latency "$count" \
		port-set 1=str:victim 2=u32:1 4=str:x
}

xsw_load
echo "$((fports + 200))" >/sys/module/xswitch/parameters/max_ports
for ns in a b; do
	ip netns add $ns
	ip netns exec $ns "$XSW_XSWCTL" switch add victim >/dev/null
	ip netns exec $ns "$XSW_XSWCTL" port add victim id 1 type synthetic >/dev/null
done
quiet=$(victim b)
flood a
other=$(victim b)
unflood
flood b
same=$(victim b)
unflood
echo "bench-flood: $count port-set round trips in namespace b on $(uname -r), $(nproc) CPUs"
printf '  %-40s %s\n' "no flood" "${quiet#latency }" \
	"flood in namespace a (own lock)" "${other#latency }" \
	"flood in namespace b (same lock)" "${same#latency }"
p99() { awk '{print $5}' <<<"$1"; }
echo "  p99 ratio, flood elsewhere / no flood: $(python3 -c "print('%.2f' % ($(p99 "$other") / $(p99 "$quiet")))")"
echo "  p99 ratio, flood in the same namespace / no flood: $(python3 -c "print('%.2f' % ($(p99 "$same") / $(p99 "$quiet")))")"
ip netns del a
ip netns del b
sleep 1
xsw_unload
