# SPDX-License-Identifier: GPL-2.0
# Sourced by migrate.sh, after its hosts are set up, when XSW_SOAK_ROUNDS
# is set (make soak): instead of migrate.sh's tests, that many rounds, each
# a migration of the VM's port to the other host under a ping, with a
# fault drawn at random: none; a veto of the destination's port, a failing
# save or a failing restore; the agent or the source killed before a call
# drawn at random.  After each round the port is on exactly one host, it
# answers, no port is held, and its records arrived or came back whole.
# The draws follow XSW_SOAK_SEED (printed), so that a round can be
# replayed.

seed=${XSW_SOAK_SEED:-$RANDOM}
RANDOM=$seed
echo "migration soak: $XSW_SOAK_ROUNDS rounds, seed $seed"
knob save "3 100"
knob log clear
declare -A ended
moves=0
for ((r = 1; r <= XSW_SOAK_ROUNDS; r++)); do
	here=$(where)
	[[ $here =~ ^(h[ab]):([0-9]+)\ $ ]] || fail "round $r: the VM's port is at '$here'"
	from=${BASH_REMATCH[1]} port=${BASH_REMATCH[2]}
	if [ "$from" = ha ]; then to=hb addr=10.9.0.2; else to=ha addr=10.9.0.1; fi
	fault=$((RANDOM % 6))
	AGENT_ENV= kill_src=
	case $fault in
	0) what="no fault" ;;
	1) knob veto "port-create -28 test-filter: no room for the port"
	   what="a veto of the destination's port" ;;
	2) knob veto "nic-save -5 test-filter: cannot save"; what="a failing save" ;;
	3) knob veto "nic-restore -5 test-filter: cannot restore"
	   what="a failing restore" ;;
	4) AGENT_ENV=XSWCTL_KILL_AT=$((RANDOM % 14 + 1)); what="the agent, $AGENT_ENV" ;;
	5) kill_src=$((RANDOM % 10 + 1)); what="the source, XSWCTL_KILL_AT=$kill_src" ;;
	esac
	kind=${what%,*}
	agent $to $addr
	if XSWCTL_KILL_AT=$kill_src migrate $from "$port" $addr >$dir/soak.out 2>&1; then
		outcome=moved
	else
		outcome=stayed
	fi
	agent_stop
	knob veto clear
	here=$(where)
	[[ $here =~ ^h[ab]:[0-9]+\ $ ]] ||
		fail "round $r ($what): the VM's port is at '$here': $(<$dir/soak.out)"
	[[ $here == "$from:"* ]] && [ $outcome = moved ] &&
		fail "round $r ($what): migrated, yet the port is on $from"
	[[ $here == "$from:"* ]] || moves=$((moves + 1))
	expect_eq "$(pings 1)" 1 "round $r ($what): the VM answers"
	for h in ha hb; do
		[[ $(xswctl -n $h -j port show sw0) == *'"provisional":true'* ]] &&
			fail "round $r ($what): a port held on $h"
	done
	ended["$kind: $outcome"]=$((${ended["$kind: $outcome"]:-0} + 1))
done
# Every restore of the soak that succeeded took test-filter's 3 records
# whole (the failing ones failed on purpose); there was one at least for
# each move, and for each put-back.
done=$(grep -c 'nic-restore-complete .* status 0 ' $tx/test-filter/log)
bad=$(grep 'nic-restore-complete .* status 0 ' $tx/test-filter/log | grep -vc ' records 3 bad 0')
[ "$bad" = 0 ] || { grep 'nic-restore-complete ' $tx/test-filter/log | head; fail "$bad restores were not whole"; }
[ "$done" -ge "$moves" ] || fail "$done restores for $moves moves"
echo "migration soak: $moves of $XSW_SOAK_ROUNDS rounds moved the port; by fault:"
for k in "${!ended[@]}"; do echo "  ${ended[$k]} $k"; done | sort -k2
[ "$moves" -gt 0 ] || fail "no round moved the port"
