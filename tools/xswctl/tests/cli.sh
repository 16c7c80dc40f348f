#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# xswctl's command line, without the kernel module: help, usage errors (exit
# status 2) and the message when the family is missing (a failure the kernel
# reports: 1).  Usage: cli.sh PATH-TO-XSWCTL
set -u
xswctl=$1
fails=0

# Matches a file against an extended regex; "EMPTY" means no output at all.
matches() {
	if [ "$1" = EMPTY ]; then
		[ ! -s "$2" ]
	else
		grep -qE -- "$1" "$2"
	fi
}

# The extended regex that matches the string $1 as it is.
re() {
	printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'
}

# expect RC STDOUT-PATTERN STDERR-PATTERN -- ARGS...
expect() {
	local rc=$1 out=$2 err=$3 got_rc
	shift 4
	"$xswctl" "$@" >/tmp/xswctl-cli.$$.out 2>/tmp/xswctl-cli.$$.err
	got_rc=$?
	if [ "$got_rc" != "$rc" ] ||
	   ! matches "$out" /tmp/xswctl-cli.$$.out ||
	   ! matches "$err" /tmp/xswctl-cli.$$.err; then
		got="$*"
		echo "FAIL: xswctl ${got:0:200} (rc $got_rc, want $rc)"
		cut -c 1-200 /tmp/xswctl-cli.$$.out | sed 's/^/  out: /'
		cut -c 1-200 /tmp/xswctl-cli.$$.err | sed 's/^/  err: /'
		fails=$((fails + 1))
	fi
}

expect 0 '^Usage: xswctl' EMPTY -- --help
expect 0 '^Usage: xswctl' EMPTY -- help
expect 0 '^xswctl ' EMPTY -- -V
expect 2 EMPTY '^Usage: xswctl' --
expect 2 EMPTY 'unknown option "-x"' -- -x switch show
expect 2 EMPTY 'unknown object "bogus"' -- bogus
expect 0 'xswctl switch add NAME' EMPTY -- switch help
expect 2 EMPTY 'unknown switch command "frob"' -- switch frob
expect 2 EMPTY 'switch add: the switch name is missing' -- switch add
expect 2 EMPTY '^xswctl: switch add: switch name "0123456789abcdef" is not 1 to 15 bytes$' -- switch add 0123456789abcdef
expect 2 EMPTY '^xswctl: port show: switch name "" is not 1 to 15 bytes$' -- port show ''
expect 2 EMPTY 'switch delete: unknown keyword "extra"' -- switch del sw0 extra
for obj in port nic prop feature ext monitor; do
	expect 0 "^Usage: xswctl $obj " EMPTY -- "$obj" help
done
expect 0 '^Usage: xswctl port add' EMPTY -- port add help
expect 2 EMPTY 'port add: unknown keyword "mtu"' -- port add sw0 mtu 1500
expect 2 EMPTY 'port add: "name" needs a value' -- port add sw0 name
expect 2 EMPTY 'port add: type "bogus" is not one of the names in the help' -- port add sw0 type bogus
expect 2 EMPTY 'port add: id "-1" is not a number from 0 to 4294967295' -- port add sw0 id -1
expect 2 EMPTY 'port add: id "4294967296" is not a number from 0 to 4294967295' -- port add sw0 id 4294967296
expect 2 EMPTY 'nic add: index "65536" is not a number from 0 to 65535' -- nic add sw0 port 1 index 65536
expect 2 EMPTY 'nic add: current-mac "00:11:22:33:44" is not a MAC address' -- nic add sw0 port 1 current-mac 00:11:22:33:44
expect 2 EMPTY 'prop add: id "1234" is not a UUID' -- prop add sw0 id 1234
expect 2 EMPTY 'prop add: data "abc" is not hex bytes' -- prop add sw0 data abc
expect 2 EMPTY 'ext set: enabled "yes" is not "on" or "off"' -- ext set sw0 name x enabled yes
expect 2 EMPTY 'monitor: count "0" is not a positive number' -- monitor count 0
# A NIC's device: a name of this namespace, resolved before the request.
expect 1 EMPTY '^xswctl: nic add: no device "xswctl-nodev"$' -- nic add sw0 port 1 dev xswctl-nodev
expect 1 EMPTY '^xswctl: nic add: no device "xswctl-nodev"$' -- nic add sw0 dev xswctl-nodev port 1 mtu 1500
expect 2 EMPTY '^xswctl: nic add: "dev" is 16 bytes, at most 15$' -- nic add sw0 port 1 dev 0123456789abcdef
expect 2 EMPTY '^xswctl: nic add: "ifname" is 16 bytes, at most 15$' -- nic add sw0 port 1 ifname 0123456789abcdef
expect 2 EMPTY '^xswctl: nic add: "dev" needs a value$' -- nic add sw0 port 1 dev
expect 2 EMPTY '^xswctl: nic add: keyword "dev" given twice$' -- nic add sw0 port 1 dev lo dev lo
expect 2 EMPTY '^xswctl: nic set: unknown keyword "dev"' -- nic set sw0 port 1 dev lo
expect 2 EMPTY '^xswctl: nic set: unknown keyword "ifname"' -- nic set sw0 port 1 ifname x
expect 0 'dev IFNAME \| ifname IFNAME' EMPTY -- nic help
# port stats: one port or all of them; nothing else.
expect 0 'xswctl \[ -d \] port stats SWITCH \[ id ID \]' EMPTY -- port help
expect 0 '-d \| --details' EMPTY -- help
expect 2 EMPTY '^xswctl: port stats: id "x" is not a number from 0 to 4294967295$' -- port stats sw0 id x
expect 2 EMPTY '^xswctl: port stats: unknown keyword "port"' -- port stats sw0 port 1
expect 2 EMPTY '^xswctl: port stats: switch name "0123456789abcdef" is not 1 to 15 bytes$' -- port stats 0123456789abcdef
# Abbreviations: any unique leading part, else a usage error that lists
# what it could be.
expect 2 EMPTY '^xswctl: "s" is ambiguous: set, show, stats$' -- port s sw0
expect 2 EMPTY '^xswctl: "s" is ambiguous: set, show$' -- ext s
expect 2 EMPTY '^xswctl: "d" is ambiguous: disconnect, delete$' -- nic d sw0 port 1
expect 2 EMPTY '^xswctl: "p" is ambiguous: port, prop$' -- p help
expect 2 EMPTY '^xswctl: nic add: "p" is ambiguous: port, permanent-mac$' -- nic add sw0 p 1
expect 2 EMPTY '^xswctl: nic add: "vm-" is ambiguous: vm-mac, vm-name, vm-friendly-name$' -- nic add sw0 port 1 vm- x
expect 2 EMPTY '^xswctl: prop add: "i" is ambiguous: id, instance-id, ieee-priority-tag$' -- prop add sw0 i x
expect 2 EMPTY '^xswctl: prop add: "v" is ambiguous: version, vlan, vsid$' -- prop add sw0 v 1
expect 2 EMPTY '^xswctl: nic add: "i" is ambiguous: index, ifname$' -- nic add sw0 port 1 i 0
expect 2 EMPTY '^xswctl: port add: type "e" is ambiguous: external, emulated$' -- port add sw0 type e
expect 2 EMPTY 'port add: keyword "name" given twice$' -- port add sw0 name a na b
expect 2 EMPTY 'unknown object ""' -- ''
expect 2 EMPTY 'unknown port command ""' -- port ''
expect 2 EMPTY 'port add: unknown keyword ""' -- port add sw0 ''
expect 0 '^Usage: xswctl port ' EMPTY -- po h
expect 0 '^Usage: xswctl prop ' EMPTY -- pr he
expect 0 '^Usage: xswctl switch ' EMPTY -- sw help
# Each keyword at most once: the kernel would see only one of the two.
expect 2 EMPTY 'port add: keyword "name" given twice$' -- port add sw0 name a name b type synthetic
expect 2 EMPTY 'port add: keyword "validation" given twice$' -- port add sw0 validation name a validation
expect 2 EMPTY 'nic set: keyword "port" given twice$' -- nic set sw0 port 1 mtu 1500 port 2
expect 2 EMPTY 'monitor: keyword "count" given twice$' -- monitor count 1 count 2
expect 2 EMPTY '^xswctl: monitor: switch name "0123456789abcdef" is not 1 to 15 bytes$' -- monitor 0123456789abcdef
expect 2 EMPTY '^xswctl: monitor: switch name "" is not 1 to 15 bytes$' -- monitor '' count 1
expect 2 EMPTY '^xswctl: monitor: unexpected argument "x"$' -- monitor sw0 x
expect 2 EMPTY '^xswctl: monitor: unexpected argument "x"$' -- monitor -t sw0 count 1 x
expect 1 EMPTY 'no "xswitch" netlink family' -- -t monitor -t sw0
# Numbers, hex, MACs and UUIDs: well formed or refused, naming the keyword.
for n in 12x '' ' 1' +1 -0 0x 1.5 18446744073709551616; do
	expect 2 EMPTY "port add: id \"$(re "$n")\" is not a number from 0 to 4294967295\$" -- port add sw0 id "$n"
done
expect 2 EMPTY 'prop add: version "65536" is not a number from 0 to 65535$' -- prop add sw0 version 65536
expect 2 EMPTY 'prop add: version "0x10000" is not a number from 0 to 65535$' -- prop add sw0 version 0x10000
expect 2 EMPTY 'port add: type "-1" is not one of the names' -- port add sw0 type -1
for n in -1 ' 5' 5x 99999999999999999999; do
	expect 2 EMPTY "monitor: count \"$(re "$n")\" is not a positive number" -- monitor count "$n"
done
for h in '' abc zz +1 ' 1' 0x0a 0a:00 0a-00 '0a 00'; do
	expect 2 EMPTY "prop add: data \"$(re "$h")\" is not hex bytes: an even number of hex digits\$" -- prop add sw0 data "$h"
done
for m in 001122334455 00:11:22:33:44 00:11:22:33:44:55:66 0:1:2:3:4:5 00-11:22:33:44:55 \
	 00:11:22:33:44:5g 00:11:22:33:44:55: :00:11:22:33:44:55 00::11:22:33:44:55 000:11:22:33:44:55; do
	expect 2 EMPTY "nic add: current-mac \"$(re "$m")\" is not a MAC address: six two-digit hex octets" -- nic add sw0 port 1 current-mac "$m"
done
for u in 0123456789abcdef0123456789abcdef 0123-4567-89ab-cdef-0123-456789abcdef \
	 {01234567-89ab-cdef-0123-456789abcdef} 01234567-89ab-cdef-0123-456789abcdeg \
	 01234567-89ab-cdef-0123-456789abcde 01234567-89ab-cdef-0123_456789abcdef; do
	expect 2 EMPTY "prop add: id \"$(re "$u")\" is not a UUID in the form 01234567-89ab-cdef-0123-456789abcdef\$" -- prop add sw0 id "$u"
done
expect 2 EMPTY 'unknown nic command "frob"' -- nic frob
expect 2 EMPTY '-b needs a file' -- -b
expect 2 EMPTY '-b takes no command "switch"' -- -b - switch show
expect 1 EMPTY 'xswctl: /nonexistent/batch: No such file' -- -b /nonexistent/batch
# Every value is bounded by the uAPI's limits before it is written into
# the request, however long the command line.
long() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }
expect 2 EMPTY 'port add: "name" is 100000 bytes, at most 255$' -- port add sw0 name "$(long 100000)" type synthetic
expect 2 EMPTY 'port add: "name" is 256 bytes, at most 255$' -- port add sw0 name "$(long 256)" type synthetic
expect 2 EMPTY 'port set: "friendly-name" is 256 bytes, at most 255$' -- port set sw0 id 1 friendly-name "$(long 256)"
expect 2 EMPTY 'nic add: "vm-friendly-name" is 300 bytes, at most 255$' -- nic add sw0 port 1 vm-friendly-name "$(long 300)"
expect 2 EMPTY 'ext attach: "name" is 32 bytes, at most 31$' -- ext attach sw0 name "$(long 32)"
expect 2 EMPTY 'prop add: "data" is 16385 bytes, at most 16384$' -- prop add sw0 data "$(long 32770 0)"
printf 'prop add sw0 data %s\n' "$(long 1000000 f)" >/tmp/xswctl-cli.$$.batch
expect 2 EMPTY 'prop add: "data" is 500000 bytes, at most 16384$' -- -b /tmp/xswctl-cli.$$.batch
# The standard properties' words: each bounded, each refused by what it is.
expect 2 EMPTY '^xswctl: prop add: "vlan" needs access VLAN or trunk allowed LIST$' -- prop add sw0 vlan
expect 2 EMPTY '^xswctl: prop add: vlan unknown VLAN mode "bogus"; try "xswctl prop help"$' -- prop add sw0 vlan bogus
expect 2 EMPTY '^xswctl: prop add: vlan access needs a VLAN id$' -- prop add sw0 vlan access
for n in 0 4095 65536 x -1 ''; do
	expect 2 EMPTY "^xswctl: prop add: vlan access \"$n\" is not a VLAN id from 1 to 4094\$" -- prop add sw0 vlan access "$n"
done
expect 2 EMPTY '^xswctl: prop set: vlan trunk needs allowed LIST$' -- prop set sw0 vlan trunk
expect 2 EMPTY '^xswctl: prop add: vlan trunk needs allowed LIST$' -- prop add sw0 vlan trunk native 1
expect 2 EMPTY '^xswctl: prop add: vlan trunk "allowed" needs a value$' -- prop add sw0 vlan trunk allowed
expect 2 EMPTY '^xswctl: prop add: vlan trunk "native" given twice$' -- prop add sw0 vlan trunk native 1 allowed 2 nat 3
expect 2 EMPTY '^xswctl: prop add: vlan trunk "allowed" given twice$' -- prop add sw0 vlan trunk allowed 1 allowed 2
for l in '' 0 4095 10, ,10 10,,20 10- 10-5 1-4095 a '10 20'; do
	expect 2 EMPTY "^xswctl: prop add: vlan trunk allowed \"$(re "$l")\" is not a list of VLAN ids from 1 to 4094 such as 10,20,30-40\$" -- prop add sw0 vlan trunk allowed "$l"
done
for n in 4095 x -1; do
	expect 2 EMPTY "^xswctl: prop add: vlan trunk native \"$n\" is not a VLAN id from 0 to 4094\$" -- prop add sw0 vlan trunk allowed 10 native "$n"
done
expect 2 EMPTY '^xswctl: prop add: keyword "vlan" given twice$' -- prop add sw0 vlan access 1 vlan access 2
expect 2 EMPTY '^xswctl: prop add: unknown keyword "bogus"' -- prop add sw0 vlan trunk allowed 1 bogus
expect 2 EMPTY '^xswctl: prop add: vsid "16777216" is not a number from 0 to 16777215$' -- prop add sw0 vsid 16777216
expect 2 EMPTY '^xswctl: prop add: mac-spoofing "yes" is not "on" or "off"$' -- prop add sw0 mac-spoofing yes
expect 2 EMPTY '^xswctl: prop add: keyword "vsid" given twice$' -- prop add sw0 vsid 1 vsid 2
expect 2 EMPTY '^xswctl: prop delete: unknown keyword "vlan"' -- prop del sw0 vlan access 1
# -n NETNS: into /run/netns/NETNS before the netlink socket is opened.
expect 0 '-n \| --netns NETNS' EMPTY -- -h
expect 2 EMPTY '^xswctl: -n needs a network namespace name$' -- -n
expect 2 EMPTY '^xswctl: --netns needs a network namespace name$' -- --netns
for ns in '' . .. a/b ../x "$(long 256)"; do
	expect 2 EMPTY "^xswctl: -n: \"$(re "$ns")\" is not a network namespace name\$" -- -n "$ns" switch show
done
expect 2 EMPTY '^xswctl: -n given twice$' -- -n a -n b switch show
expect 2 EMPTY '^xswctl: --batch given twice$' -- -b a --batch b
expect 1 EMPTY '^xswctl: cannot open network namespace "xswctl-nosuch": No such file or directory$' -- \
	-n xswctl-nosuch switch show
expect 1 EMPTY '^xswctl: cannot open network namespace "xswctl-nosuch"' -- --netns xswctl-nosuch -j port show sw0
printf 'switch help\nport frob\n' >/tmp/xswctl-cli.$$.batch
expect 2 '^Usage: xswctl switch' 'batch:2: command failed' -- -b /tmp/xswctl-cli.$$.batch
printf 'switch "help\n' >/tmp/xswctl-cli.$$.batch
expect 2 EMPTY 'unbalanced quote' -- -b /tmp/xswctl-cli.$$.batch
# -f goes on after a failure and reports each; the first failure's status.
printf 'port frob\nswitch help\nport add\n' >/tmp/xswctl-cli.$$.batch
expect 2 '^Usage: xswctl switch' 'batch:1: command failed' -- -f -b /tmp/xswctl-cli.$$.batch
expect 2 '^Usage: xswctl switch' 'batch:3: command failed' -- --force -b /tmp/xswctl-cli.$$.batch
expect 2 EMPTY 'batch:1: command failed' -- -b /tmp/xswctl-cli.$$.batch
expect 2 EMPTY '^xswctl: -f goes with -b$' -- -f switch show
if ! grep -qw xswitch /proc/net/genetlink 2>/dev/null && ! lsmod 2>/dev/null | grep -qw xswitch; then
	expect 1 EMPTY 'no "xswitch" netlink family: is xswitch.ko loaded' -- switch show
	# The largest legal requests fit: they get as far as the kernel.
	uuid=01234567-89ab-cdef-0123-456789abcdef
	expect 1 EMPTY 'no "xswitch" netlink family' -- prop add "$(long 15)" port 4294967295 \
		type custom id $uuid instance-id $uuid version 65535 data "$(long 32768 f)"
	expect 1 EMPTY 'no "xswitch" netlink family' -- prop set "$(long 15)" port 4294967295 \
		type vlan id $uuid instance-id $uuid version 65535 data "$(long 32768 f)" \
		vlan trunk allowed 1-4094 native 4094 mac-spoofing on ieee-priority-tag on vsid 16777215
	expect 1 EMPTY 'no "xswitch" netlink family' -- nic add "$(long 15)" port 1 index 32 \
		name "$(long 255)" friendly-name "$(long 255)" vm-name "$(long 255)" \
		vm-friendly-name "$(long 255)" mtu 65535 permanent-mac 00:15:5d:00:00:01 \
		vm-mac 00:15:5d:00:00:02 current-mac 00:15:5d:00:00:03
	expect 1 EMPTY 'no "xswitch" netlink family' -- ext set "$(long 15)" name "$(long 31)" \
		enabled on position 4294967295
	# A device that exists, and a name of 15 bytes, get there too.
	expect 1 EMPTY 'no "xswitch" netlink family' -- nic add sw0 port 1 dev lo
	expect 1 EMPTY 'no "xswitch" netlink family' -- nic add sw0 port 1 ifname "$(long 15)"
	expect 1 EMPTY 'no "xswitch" netlink family' -- port stats sw0
	expect 1 EMPTY 'no "xswitch" netlink family' -- -d -j port stats sw0 id 1
	expect 1 EMPTY 'no "xswitch" netlink family' -- port st sw0 i 1
	# Into an existing namespace, where the module is missing too.
	ns=xswctl-cli-$$
	if [ "$(id -u)" = 0 ] && ip netns add "$ns" 2>/dev/null; then
		expect 1 EMPTY '^Error: the kernel has no "xswitch" netlink family' -- -n "$ns" switch show
		printf 'switch show\n' >/tmp/xswctl-cli.$$.batch
		expect 1 EMPTY 'no "xswitch" netlink family' -- -n "$ns" -b /tmp/xswctl-cli.$$.batch
		# dev names a device of the namespace -n entered, not of ours.
		if [ ! -e /sys/class/net/xswcli0 ] &&
		   ip -n "$ns" link add xswcli0 type veth peer name xswcli1 2>/dev/null; then
			expect 1 EMPTY 'no "xswitch" netlink family' -- -n "$ns" nic add sw0 port 1 dev xswcli0
			printf 'nic add sw0 port 1 dev xswcli1\n' >/tmp/xswctl-cli.$$.batch
			expect 1 EMPTY 'no "xswitch" netlink family' -- -n "$ns" -b /tmp/xswctl-cli.$$.batch
			expect 1 EMPTY '^xswctl: nic add: no device "xswcli0"$' -- nic add sw0 port 1 dev xswcli0
		fi
		ip netns del "$ns"
	fi
	# Abbreviated commands, keywords and names get there too.
	expect 1 EMPTY 'no "xswitch" netlink family' -- po a sw0 na x ty syn fr y v
	expect 1 EMPTY 'no "xswitch" netlink family' -- n disc sw0 po 1 in 0
	expect 1 EMPTY 'no "xswitch" netlink family' -- pr a sw0 po 1 ty routing ve 1 ins $uuid da 00
	expect 1 EMPTY 'no "xswitch" netlink family' -- pr a sw0 po 1 ty vlan ve 1 ins $uuid vl tr na 1 al 10,20
	expect 1 EMPTY 'no "xswitch" netlink family' -- pr a sw0 po 1 ty sec ve 1 ins $uuid ma on ie off vs 0xffffff
	expect 1 EMPTY 'no "xswitch" netlink family' -- po l sw0
	# Well-formed values in their other spellings get there too.
	expect 1 EMPTY 'no "xswitch" netlink family' -- prop add sw0 port 0x10 type 3 \
		instance-id 01234567-89AB-CDEF-0123-456789ABCDEF version 0x0100 data 0A0b
	expect 1 EMPTY 'no "xswitch" netlink family' -- nic add sw0 port 1 index 0 \
		current-mac 00-15-5D-00-00-0A vm-mac 00:15:5d:00:00:0a
fi
# migrate and agent: their arguments, and a key file that is refused,
# each before anything is asked of a kernel or a network.
expect 0 'xswctl migrate SWITCH port ID' EMPTY -- migrate help
expect 0 'xswctl agent SWITCH key FILE' EMPTY -- agent help
expect 2 EMPTY '^xswctl: migrate: port "0" is not a number from 1 to 4294967295$' -- \
	migrate sw0 port 0 to h key k
expect 2 EMPTY '^xswctl: migrate: port 3 given twice$' -- migrate sw0 port 3 port 3
expect 2 EMPTY '^xswctl: migrate: no port given$' -- migrate sw0 to h key k
expect 2 EMPTY '^xswctl: migrate: no destination given \(to HOST\)$' -- migrate sw0 port 1 key k
expect 2 EMPTY '^xswctl: the key FILE is missing$' -- migrate sw0 port 1 to h
expect 2 EMPTY '^xswctl: migrate: timeout "0" is not a number of seconds from 1 to 3600$' -- \
	migrate sw0 port 1 to h timeout 0
expect 2 EMPTY '^xswctl: migrate: unknown argument "listen"$' -- migrate sw0 listen h
expect 2 EMPTY '^xswctl: agent: unknown argument "to"$' -- agent sw0 to h
expect 2 EMPTY '^xswctl: agent: "key" wants a value$' -- agent sw0 once key
expect 2 EMPTY "^xswctl: agent: name \"a b\" is not 1 to 64 letters, digits, '.', '-' or '_'\$" -- \
	agent sw0 key k name 'a b'
expect 2 EMPTY "^xswctl: migrate: expect \"x/y\" is not 1 to 64 letters, digits, '.', '-' or '_'\$" -- \
	migrate sw0 port 1 to h key k expect x/y
expect 2 EMPTY '^xswctl: migrate: unknown argument "name"$' -- migrate sw0 port 1 name h
expect 2 EMPTY '^xswctl: agent: unknown argument "expect"$' -- agent sw0 expect h
key=/tmp/xswctl-cli.$$.key
printf '0123456789abcdef' >$key
chmod 644 $key
expect 1 EMPTY "^xswctl: key file $(re $key): others may read it \(chmod 600\)$" -- \
	agent sw0 key $key
chmod 600 $key
printf 'short' >$key
expect 1 EMPTY "^xswctl: key file $(re $key): want 16 to 1024 bytes$" -- agent sw0 key $key
expect 2 EMPTY '^xswctl: migrate: activation "rarp" is not restore or first-frame$' -- \
	migrate sw0 port 1 to h activation rarp
expect 2 EMPTY '^xswctl: nic gate: to "shut-ish" is not one of the names in the help$' -- \
	nic gate sw0 port 1 to shut-ish
expect 2 EMPTY '^xswctl: nic connect: gate "no" is not one of the names in the help$' -- \
	nic connect sw0 port 1 gate no
# The journal: one per migration, and recover takes all from it.
printf '0123456789abcdef' >$key
jr=/tmp/xswctl-cli.$$.journal
expect 2 EMPTY '^xswctl: migrate: recover takes the ports and the destination from its journal$' -- \
	migrate sw0 recover $jr port 1 key $key
expect 2 EMPTY '^xswctl: migrate: recover takes the ports and the destination from its journal$' -- \
	migrate sw0 recover $jr to h key $key
expect 2 EMPTY '^xswctl: migrate: one journal or recover FILE$' -- \
	migrate sw0 port 1 to h journal $jr recover $jr
expect 2 EMPTY '^xswctl: migrate: journal FILE is empty$' -- migrate sw0 port 1 journal ''
expect 1 EMPTY "^xswctl: migrate: journal $(re $jr): No such file or directory; nothing was changed\$" -- \
	migrate sw0 recover $jr key $key
: >$jr
chmod 644 $jr
expect 1 EMPTY "^xswctl: migrate: journal $(re $jr): others may write or read it \(chown, chmod 600\); nothing was changed\$" -- \
	migrate sw0 recover $jr key $key
chmod 600 $jr
expect 1 EMPTY "^xswctl: migrate: journal $(re $jr): not a migration journal \(too short\); nothing was changed\$" -- \
	migrate sw0 recover $jr key $key
expect 2 EMPTY '^xswctl: migrate: recover takes the ports and the destination from its journal$' -- \
	migrate sw0 recover $jr key $key activation first-frame
expect 1 EMPTY "^xswctl: migrate: journal $(re $jr): it exists: a migration's, for migrate SWITCH recover FILE\?; nothing was moved\$" -- \
	migrate sw0 port 1 to h key $key journal $jr
[ -f $jr ] && [ ! -s $jr ] || { echo "FAIL: a refused journal changed"; fails=$((fails + 1)); }
rm -f /tmp/xswctl-cli.$$.*
[ "$fails" = 0 ] && echo "cli: ok"
exit $((fails > 0))
