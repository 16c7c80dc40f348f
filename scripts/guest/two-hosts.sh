#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Live migration, real: run with vm.sh -n 2.  Each guest is a host with a
# switch whose external port is its eth0, on the one virtual Ethernet of
# vm.sh, and whose internal port (xsw0, 192.0.2.N) carries the host's own
# traffic, the migration's TCP connection among it, as a Hyper-V host's
# management vNIC does.  The VM is a namespace on each host, the same MAC
# and address, whose NIC only the host that has its port connects; a peer
# on guest 0's switch pings it.  The VM's port migrates from guest 0 to
# guest 1 over real TCP while the peer pings it, its test-filter records
# with it; guest 1 checks its steps and the two hosts' events merged by
# time (the clocks set alike first), then sends the port back.
. "$(dirname "$0")/lib.sh"

[ "$XSW_GUESTS" = 2 ] || fail "run me with vm.sh -n 2"
me=$((XSW_GUEST + 1)) peer=$((2 - XSW_GUEST))
here=192.0.2.$me there=192.0.2.$peer
tx=$XSW_TESTEXT
dir=/tmp/two-hosts
key=$dir/key
vmac=02:00:00:00:07:01
rm -rf $dir
mkdir -p $dir || fail "mkdir $dir"
# Both hosts need the key, and nothing of the host is writable to share
# one: a fixed key is as good as any for a test.
printf '%s' "xswitch two-hosts test key, 32 b" >$key && chmod 600 $key || fail "key"

has() { [[ $1 == *"$2"* ]] || fail "wanted \"$2\" in: $1"; }
knob() { echo "$2" >"$tx/test-filter/$1" || fail "knob test-filter/$1 refused '$2'"; }
hostlink=$(dirname "$0")/hostlink.py
link() { python3 "$hostlink" "$@"; }
# await NAME: the file the other host sends under NAME, within 300 s.
await() { link recv "$here" 7420 "$dir/$1" 300 || fail "nothing came from $there for $1"; }
# tell NAME FILE: FILE to the other host, which awaits it as NAME.
tell() { link send "$there" 7420 "$2" 300 || fail "$there took no $1"; }

modprobe -q veth 2>/dev/null
xsw_load
xsw_load_testext

# veth NS DEV ROOTDEV: a pair, DEV in NS, ROOTDEV here, both up.
veth() {
	ip link add "$3" type veth peer name "$2" netns "$1" || fail "veth $3"
	ip link set "$3" up
	ip -n "$1" link set "$2" up
}

# --- Each host: its switch, the host on it, the VM's namespace ---------
ok xswctl switch add sw0
ok xswctl ext attach sw0 name test-filter
ok xswctl ext set sw0 name test-filter enabled on
ip link set eth0 up
ok xswctl -b - <<EOF
port add sw0 name uplink type external id 1
nic add sw0 port 1 name up dev eth0
nic connect sw0 port 1
port add sw0 name host type internal id 2
nic add sw0 port 2 name host ifname xsw0
nic connect sw0 port 2
EOF
ip addr add "$here/24" dev xsw0
ip link set xsw0 up
for ns in vm peer; do
	ip netns add $ns || fail "netns $ns"
	nsx $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	nsx $ns sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	ip -n $ns link set lo up
done
veth vm eth0 vnic
ip -n vm link set eth0 address $vmac
ip -n vm addr add 10.0.0.1/24 dev eth0
# The guests boot at their own speeds: wait for the other.
for _ in $(seq 150); do
	ping -q -c 1 -W 1 "$there" >/dev/null && break
done
ping -q -c 3 -W 2 "$there" >/dev/null || fail "guest $XSW_GUEST cannot reach $there through its switch"
echo "two-hosts: $here reaches $there through the two switches"

# where: the VM's port id here, if this host has it.
where() {
	[[ $(xswctl -j port show sw0) =~ \"id\":([0-9]+),\"name\":\"vm1\" ]] &&
		echo "${BASH_REMATCH[1]}"
}
# events FILE FROM ROLE OUT: into OUT the steps on sw0 of the monitor
# writing FILE, past line FROM, each as "TIME HOST op ..."; the outcome
# event after them must say migrated, as ROLE.
events() {
	tail -n +$(($2 + 1)) "$1" | grep ' switch sw0 ' |
		sed "s/ seq [0-9]* switch sw0 / guest$XSW_GUEST /" >$dir/all
	expect_eq "$(tail -n 1 $dir/all | cut -d' ' -f3- | sed 's/port [0-9]* //')" \
		"op migration status 0 outcome migrated role $3" "the $3's outcome event"
	grep -v ' op migration ' $dir/all >"$4"
}
tmonitor() {
	"$XSW_XSWCTL" monitor -t >"$1" &
	XSW_MONITOR=$!
	monitor_probe "$1"
}

source_host() {
	python3 "$hostlink" time-serve "$here" 7421 &
	local clock=$!
	veth peer eth0 vpeer
	ip -n peer addr add 10.0.0.100/24 dev eth0
	ok xswctl -b - <<EOF
port add sw0 name peer type synthetic id 5
nic add sw0 port 5 name p0 dev vpeer
nic connect sw0 port 5
port add sw0 name vm1 type synthetic id 7
prop add sw0 port 7 type security version 1 mac-spoofing on
nic add sw0 port 7 name n0 vm-name vm1 current-mac $vmac dev vnic
nic connect sw0 port 7
EOF
	expect_eq "$(nsx peer ping -c 2 -i 0.2 -W 2 10.0.0.1 | grep -c 'bytes from')" 2 \
		"the peer reaches the VM here"
	knob save "3 100"
	knob log clear
	await ready
	tmonitor $dir/mon
	local n
	n=$(wc -l <$dir/mon)
	# Pings from before the migration to after it (ping itself, not a
	# subshell of nsx, takes the SIGINT that makes it print its count).
	nsenter --net=/run/netns/peer ping -i 0.05 -W 1 10.0.0.1 >$dir/ping.out &
	local ping=$!
	sleep 1
	xswctl migrate sw0 port 7 to "$there" key $key timeout 30 expect guest1 >$dir/migrate.out ||
		fail "the migration to $there failed: $(<$dir/migrate.out)"
	sleep 1
	kill -INT $ping
	wait $ping
	cat $dir/migrate.out
	grep -q "^migrated 1 ports: blackout " $dir/migrate.out || fail "no blackout reported"
	expect_eq "$(where)" "" "the VM's port here after the migration"
	local sent got
	sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' $dir/ping.out)
	got=$(grep -c "bytes from" $dir/ping.out)
	echo "two-hosts: pings across the migration: $got of $sent answered," \
		"the gap about $(((sent - got) * 50)) ms"
	[ "$sent" -ge 40 ] || fail "only $sent pings across the migration"
	[ $((sent - got)) -le 40 ] || fail "$((sent - got)) of $sent pings lost across the migration"
	expect_eq "$(nsx peer ping -c 2 -i 0.2 -W 2 10.0.0.1 | grep -c 'bytes from')" 2 \
		"the peer reaches the VM on $there"
	monitor_probe $dir/mon
	kill $XSW_MONITOR
	events $dir/mon "$n" source $dir/events
	expect_eq "$(cut -d' ' -f3- $dir/events)" "$(mig_source_steps 7)" "the source's steps, in order"
	# The way back: this host's agent, then the events and the word.
	agent
	tell events $dir/events
	local i
	for ((i = 0; i < 300; i++)); do
		[ -n "$(where)" ] && break
		sleep 1
	done
	[ -n "$(where)" ] || fail "the VM's port did not come back from $there"
	expect_eq "$(nsx peer ping -c 2 -i 0.2 -W 2 10.0.0.1 | grep -c 'bytes from')" 2 \
		"the peer reaches the VM back here"
	expect_eq "$(grep -c 'nic-restore-complete .* status 0 records 3 bad 0' $tx/test-filter/log)" 1 \
		"test-filter's records, back here whole"
	await done
	kill $AGENT $clock
}

# agent: this host's agent, in the background, listening on $here.
agent() {
	xswctl agent sw0 key $key listen "$here" timeout 30 2>$dir/agent.log &
	AGENT=$!
	for _ in $(seq 100); do
		file_has $dir/agent.log "listening" && return
		sleep 0.1
	done
	fail "the agent did not listen: $(<$dir/agent.log)"
}

destination_host() {
	link time-sync "$there" 7421 || fail "the time of $there"
	# What this host saves when the port goes back: test-filter's records.
	knob save "3 100"
	knob log clear
	tmonitor $dir/mon
	local n i id
	n=$(wc -l <$dir/mon)
	agent
	echo "$here" >$dir/ready
	tell ready $dir/ready
	for ((i = 0; i < 300; i++)); do
		id=$(where)
		[ -n "$id" ] && [[ $(xswctl -j port show sw0) != *'"provisional":true'* ]] && break
		sleep 1
	done
	[ -n "$id" ] || fail "the VM's port never arrived"
	expect_eq "$(nsx vm ping -c 2 -i 0.2 -W 2 10.0.0.100 | grep -c 'bytes from')" 2 \
		"the VM here reaches the peer on $there"
	expect_eq "$(grep -c 'nic-restore-complete .* status 0 records 3 bad 0' $tx/test-filter/log)" 1 \
		"test-filter's records, arrived whole"
	await events
	has "$(<$dir/agent.log)" "agent: 1 MACs announced"
	monitor_probe $dir/mon
	kill $XSW_MONITOR
	events $dir/mon "$n" destination $dir/mine
	local v ev merged
	ev=$(cut -d' ' -f3- $dir/mine)
	v=$(sed -n '1s/^op port-create port \([0-9]*\) .*/\1/p' <<<"$ev")
	expect_eq "$ev" "$(mig_dest_steps "$v" "$id")" "the destination's steps, in order"
	merged=$(sort $dir/events $dir/mine | cut -d' ' -f2-)
	printf -- '--- the two hosts, merged by time\n%s\n' "$merged"
	# Hyper-V's order (reference §6): D 1-5, S 6-10, D 11-13.
	expect_eq "$(cut -d' ' -f1 <<<"$merged" | uniq -c | awk '{ print $2 " " $1 }')" "guest1 6
guest0 6
guest1 6" "the two hosts' steps, merged by time"
	kill $AGENT
	xswctl -j migrate sw0 port "$id" to "$there" key $key timeout 30 expect guest0 >$dir/back.json ||
		fail "the migration back to $there failed"
	expect_eq "$(json_get "$(<$dir/back.json)" "j['outcome']")" migrated "the way back's outcome"
	expect_eq "$(where)" "" "the VM's port here after the way back"
	tell done $dir/back.json
}

if [ "$XSW_GUEST" = 0 ]; then
	source_host
else
	destination_host
fi
ok xswctl switch del sw0
for ns in vm peer; do ip netns del $ns; done
rmmod xsw_testext
xsw_unload
echo "two-hosts: ok"
