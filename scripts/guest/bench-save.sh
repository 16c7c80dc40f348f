#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The time to save and to restore one NIC's run-time data as it grows, each
# beside a no-op netlink exchange of the same bytes (bench-save.py tells
# exactly what each figure measures), and how the time per record grows.
# The records come from test-capture (xsw_testext.ko): each save of the
# NIC gives RECORDS records of LEN bytes, and each restore checks every
# byte of them.  Usage: bench-save.sh [REPEAT] (default 5: medians of 5).
. "$(dirname "$0")/lib.sh"

repeat=${1:-5}
knob=$XSW_TESTEXT/test-capture

xsw_load
xsw_load_testext
ok xswctl switch add b0
ok xswctl ext attach b0 name test-capture
ok xswctl ext set b0 name test-capture enabled on
ok xswctl port add b0 name vm1 type synthetic id 1
ok xswctl nic add b0 port 1 name vm1-nic vm-name vm1
ok xswctl nic connect b0 port 1

# ms US: microseconds as milliseconds with one decimal.
ms() {
	python3 -c "print('%.1f' % ($1 / 1000))"
}

# ratio A B: A / B with two decimals.
ratio() {
	python3 -c "print('%.2f' % ($1 / max($2, 1)))"
}

# now_us: a clock in microseconds.
now_us() {
	echo $(($(date +%s%N) / 1000))
}

echo "bench-save: one NIC's save and restore on $(uname -r), $(nproc) CPUs, median of $repeat"
echo "  save: nic-save dump, request to NLMSG_DONE (loop: to the first datagram, the"
echo "        extensions' save loop); restore: the pieces as nic-restore requests in"
echo "        64 KiB sendmsg() batches, then nic-restore-complete.  noop: the same"
echo "        bytes through a netlink exchange that does nothing (see bench-save.py)."
echo "  xswctl: 'nic save > FILE' and 'nic restore < FILE', whole commands, once."
printf '  %-26s %9s %9s %9s %6s | %9s %9s %6s | %8s %8s\n' \
	"records x bytes" "save ms" "loop ms" "noop ms" "x" "rest. ms" "noop ms" "x" \
	"xswctl s" "xswctl r"
declare -A per_save per_restore
for c in "10 64" "1000 64" "100000 64" "1 1048576"; do
	read -r count len <<<"$c"
	echo "$count $len" >"$knob/save" || fail "the save knob took no '$c'"
	echo clear >"$knob/log"
	out=$(python3 "$(dirname "$0")/bench-save.py" b0 1 "$repeat") || fail "$out"
	read -r _ save _ loop _ snoop _ rest _ rnoop _ records _ _ _ msgs _ _ <<<"$out"
	expect_eq "$records" "$count" "records saved"
	# Every restore gave test-capture every record, and each byte was right.
	n=$(grep -c "nic-restore-complete .* status 0 records $count bad 0" "$knob/log")
	expect_eq "$n" "$repeat" "clean restores of $count records in test-capture's log"
	t0=$(now_us)
	xswctl nic save b0 port 1 >/tmp/bench-save.file 2>/dev/null || fail "xswctl nic save"
	t1=$(now_us)
	xswctl nic restore b0 port 1 </tmp/bench-save.file 2>/dev/null || fail "xswctl nic restore"
	t2=$(now_us)
	printf '  %-26s %9s %9s %9s %6s | %9s %9s %6s | %8s %8s\n' \
		"$count x $len ($msgs msgs)" "$(ms "$save")" "$(ms "$loop")" "$(ms "$snoop")" \
		"$(ratio "$save" "$snoop")" "$(ms "$rest")" "$(ms "$rnoop")" \
		"$(ratio "$rest" "$rnoop")" "$(ms $((t1 - t0)))" "$(ms $((t2 - t1)))"
	per_save[$count]=$(python3 -c "print($save / $count)")
	per_restore[$count]=$(python3 -c "print($rest / $count)")
done
echo "  growth of the time per record (1.00: linear):"
for pair in "10 1000" "1000 100000"; do
	read -r a b <<<"$pair"
	printf '    %6s -> %-6s records: save x%s, restore x%s\n' "$a" "$b" \
		"$(ratio "${per_save[$b]}" "${per_save[$a]}")" \
		"$(ratio "${per_restore[$b]}" "${per_restore[$a]}")"
done
rm -f /tmp/bench-save.file
echo clear >"$knob/save"
ok xswctl switch del b0
rmmod xsw_testext
xsw_unload
