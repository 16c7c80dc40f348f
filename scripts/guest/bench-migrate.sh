#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A VM port's live migration as its extensions' run-time state grows: the
# blackout and the total (xswctl migrate -j, on the source's clock) for
# 10, 1,000 and 100,000 records of 64 bytes from test-capture
# (xsw_testext.ko), beside the save and the restore of the same state on
# one host, in-process (bench-save.py) and by xswctl's commands, and the
# ratio of the blackout to each: the target is 2 or less.  Two hosts as network namespaces
# with a switch each, over TCP on a veth; the port goes back and forth.
# Usage: bench-migrate.sh [REPEAT] (default 5: medians of 5).
. "$(dirname "$0")/lib.sh"

repeat=${1:-5}
knob=$XSW_TESTEXT/test-capture
dir=/tmp/bench-migrate
key=$dir/key
rm -rf $dir
mkdir -p $dir
head -c 32 /dev/urandom >$key && chmod 600 $key || fail "key"

modprobe -q veth 2>/dev/null
xsw_load
xsw_load_testext
declare -A addr=([ha]=10.9.0.1 [hb]=10.9.0.2) other=([ha]=hb [hb]=ha)
for h in ha hb; do
	ip netns add $h || fail "netns $h"
	ip -n $h link set lo up
done
ip link add ctl netns ha type veth peer name ctl netns hb || fail "veth"
agents=()
for h in ha hb; do
	ip -n $h addr add "${addr[$h]}/24" dev ctl
	ip -n $h link set ctl up
	nsx $h "$XSW_XSWCTL" -b - >/dev/null <<EOT || fail "the switch of $h"
switch add sw0
ext attach sw0 name test-capture
ext set sw0 name test-capture enabled on
EOT
	nsx $h "$XSW_XSWCTL" agent sw0 key $key listen "${addr[$h]}" timeout 60 \
		2>$dir/agent-$h.log &
	agents+=($!)
done
for h in ha hb; do
	for _ in $(seq 100); do
		file_has $dir/agent-$h.log listening && break
		sleep 0.1
	done
done
nsx ha "$XSW_XSWCTL" -b - >/dev/null <<EOT || fail "the VM's port"
port add sw0 name vm1 type synthetic id 7
nic add sw0 port 7 name n0 vm-name vm1 vm-mac 02:00:00:00:00:07
nic connect sw0 port 7
EOT
at=ha port=7

# now_us: a clock in microseconds.
now_us() { echo $(($(date +%s%N) / 1000)); }
# median: the middle of the numbers on standard input.
median() { sort -n | sed -n "$(((repeat + 1) / 2))p"; }
# ms US: microseconds as milliseconds with one decimal (bash only).
ms() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }
# ratio A B: A / B with two decimals (bash only).
ratio() {
	local r=$(($1 * 100 / ($2 > 0 ? $2 : 1)))
	printf '%d.%02d' $((r / 100)) $((r % 100))
}

echo "bench-migrate: a VM port's migration on $(uname -r), $(nproc) CPUs, median of $repeat"
echo "  blackout: from the source's first NIC disconnect to the destination's DONE;"
echo "  total: from the first hello to DONE (migrate -j).  save, restore: the same"
echo "  state's nic-save dump and nic-restore requests, in-process (bench-save.py)."
echo "  xswctl: 'nic save > FILE' then 'nic restore < FILE', whole commands.  x: the"
echo "  blackout over the save and the restore of each kind.  first-frame: the"
echo "  blackout with activation first-frame (the destination's NICs made and"
echo "  connected gated before the save), and y, it over Hyper-V's order's."
printf '  %-16s %11s %9s | %9s %10s %6s | %9s %6s | %11s %5s\n' "records x bytes" \
	"blackout ms" "total ms" "save ms" "restore ms" "x" "xswctl ms" "x" \
	"first-frame" "y"
declare -A per
# migrations ACTIVATION BLACKOUTS TOTALS: $repeat migrations of the port,
# each to the other host, with the activation given; their times in us.
migrations() {
	local r to out
	for ((r = 0; r < repeat; r++)); do
		to=${other[$at]}
		out=$(nsx $at "$XSW_XSWCTL" -j migrate sw0 port $port to "${addr[$to]}" \
			key $key timeout 60 activation "$1" 2>&1) || fail "migrate $at -> $to: $out"
		[[ $out =~ \"new-port\":([0-9]+).*\"blackout-ms\":([0-9]+)\.([0-9]{3})[0-9]*,\"total-ms\":([0-9]+)\.([0-9]{3}) ]] ||
			fail "the report of the migration: $out"
		port=${BASH_REMATCH[1]}
		echo $((10#${BASH_REMATCH[2]}${BASH_REMATCH[3]})) >>"$2"
		echo $((10#${BASH_REMATCH[4]}${BASH_REMATCH[5]})) >>"$3"
		at=$to
	done
}
for count in 10 1000 100000; do
	echo "$count 64" >"$knob/save" || fail "the save knob took no '$count 64'"
	echo clear >"$knob/log"
	: >$dir/blackout
	: >$dir/total
	: >$dir/ff
	: >$dir/ff-total
	migrations restore $dir/blackout $dir/total
	migrations first-frame $dir/ff $dir/ff-total
	# Every migration's restore gave test-capture every record, each byte right.
	expect_eq "$(grep -c "nic-restore-complete .* status 0 records $count bad 0" "$knob/log")" \
		"$((2 * repeat))" "clean restores of $count records after $((2 * repeat)) migrations"
	out=$(nsx $at python3 "$(dirname "$0")/bench-save.py" sw0 $port "$repeat") || fail "$out"
	read -r _ save _ _ _ _ _ rest _ _ _ records _ <<<"$out"
	expect_eq "$records" "$count" "records saved by bench-save.py"
	# The same through xswctl's own save and restore, whole commands.
	: >$dir/cmds
	for ((r = 0; r < repeat; r++)); do
		t0=$(now_us)
		nsx $at "$XSW_XSWCTL" nic save sw0 port $port >$dir/saved 2>/dev/null ||
			fail "xswctl nic save"
		nsx $at "$XSW_XSWCTL" nic restore sw0 port $port <$dir/saved 2>/dev/null ||
			fail "xswctl nic restore"
		echo $(($(now_us) - t0)) >>$dir/cmds
	done
	b=$(median <$dir/blackout) t=$(median <$dir/total) c=$(median <$dir/cmds)
	f=$(median <$dir/ff)
	printf '  %-16s %11s %9s | %9s %10s %6s | %9s %6s | %11s %5s\n' "$count x 64" \
		"$(ms $b)" "$(ms $t)" "$(ms "$save")" "$(ms "$rest")" \
		"$(ratio "$b" $((save + rest)))" "$(ms "$c")" "$(ratio "$b" "$c")" \
		"$(ms "$f")" "$(ratio "$f" "$b")"
	per[$count]=$((b * 1000 / count))
done
echo "  growth of the blackout per record (1.00: linear):"
for pair in "10 1000" "1000 100000"; do
	read -r a z <<<"$pair"
	printf '    %6s -> %-6s records: x%s\n' "$a" "$z" "$(ratio "${per[$z]}" "${per[$a]}")"
done
echo clear >"$knob/save"
kill "${agents[@]}"
wait "${agents[@]}" 2>/dev/null
for h in ha hb; do
	nsx $h "$XSW_XSWCTL" switch del sw0 || fail "switch del on $h"
	ip netns del $h
done
rm -rf $dir
rmmod xsw_testext
xsw_unload
