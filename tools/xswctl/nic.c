// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl nic add|connect|set|disconnect|del|show|save|restore|announce|gate
 */
#include <net/if.h>
#include <linux/xswitch.h>

#include "obj.h"
#include "save.h"
#include "xswctl.h"

static const char nic_help[] =
	"Usage: xswctl nic add SWITCH port ID [ index INDEX ] [ NIC-OPTIONS ]\n"
	"                      [ dev IFNAME | ifname IFNAME ]\n"
	"       xswctl nic connect SWITCH port ID [ index INDEX ]\n"
	"                          [ gate { shut | first-frame } ]\n"
	"       xswctl nic set SWITCH port ID [ index INDEX ] NIC-UPDATE\n"
	"       xswctl nic disconnect SWITCH port ID [ index INDEX ]\n"
	"       xswctl nic del SWITCH port ID [ index INDEX ]\n"
	"       xswctl nic show SWITCH [ port ID [ index INDEX ] ]\n"
	"       xswctl nic save SWITCH port ID [ index INDEX ] > FILE\n"
	"       xswctl nic restore SWITCH port ID [ index INDEX ] < FILE\n"
	"       xswctl nic announce SWITCH port ID [ index INDEX ]\n"
	"       xswctl nic gate SWITCH port ID [ index INDEX ]\n"
	"                       to { open | first-frame }\n"
	"\n"
	"NIC-OPTIONS := [ name NAME ] [ friendly-name TEXT ] [ mtu MTU ]\n"
	"               [ permanent-mac MAC ] [ vm-mac MAC ] [ current-mac MAC ]\n"
	"               [ vm-name NAME ] [ vm-friendly-name TEXT ]\n"
	"NIC-UPDATE := [ friendly-name TEXT ] [ mtu MTU ] [ permanent-mac MAC ]\n"
	"              [ vm-mac MAC ] [ current-mac MAC ]\n"
	"\n"
	"INDEX is 0 (the default) to 32. Index 0 is the NIC of the port's own\n"
	"type; an external port also takes host NICs at index 1 and up, other\n"
	"ports none. A NIC is created, connected, disconnected and deleted, in\n"
	"that order (or deleted before it is ever connected); it can be updated\n"
	"only while connected. MTU is 68 to 65535. NAME and TEXT are at most 255\n"
	"bytes. MAC is six two-digit hex octets separated by ':' (or all by\n"
	"'-'), such as 00:15:5d:00:00:01. Only NICs of synthetic and emulated\n"
	"ports have a VM name and VM MAC.\n"
	"dev binds the NIC to the existing network device IFNAME of the\n"
	"namespace xswctl runs in (a veth, a tap; a physical NIC for the\n"
	"external port); its frames then cross the switch. ifname names the\n"
	"device the switch makes for the internal port's NIC. IFNAME is at most\n"
	"15 bytes. show gives a bound NIC's device name and ifindex.\n"
	"save asks the enabled extensions, top down, for the run-time data\n"
	"they keep for a connected NIC (records: ExtensionId, FeatureClassId,\n"
	"friendly name, payload) and writes them to FILE; the NIC stays\n"
	"connected. restore reads such a file, checks it whole (a bad one\n"
	"changes nothing) and gives its records, in order, to a connected NIC,\n"
	"on this host or another, each to the extension whose ExtensionId it\n"
	"carries; a record no extension claims is counted as unclaimed. Both\n"
	"are refused while another save or restore of the NIC runs. \"xswctl vm\n"
	"help\" tells how a VM's ports are saved and resumed.\n"
	"announce sends a connected NIC's current MAC (else its VM MAC) into\n"
	"the switch as the VM would, a broadcast RARP as QEMU's announce-self\n"
	"sends after a migration, so that MAC tables upstream learn where the\n"
	"VM is now.\n"
	"connect with gate connects the NIC gated, pre-provisioned for a VM\n"
	"that still runs elsewhere (OVN's activation-strategy): shut, nothing\n"
	"reaches it and nothing it sends passes; first-frame, the same until\n"
	"the first frame from its device (the VM's own announce), which opens\n"
	"the gate and passes. gate to open opens it now, gate to first-frame\n"
	"lets its first frame open it; only a disconnect shuts it again. show\n"
	"-j gives a gate that is not open.\n";

static const char *const nic_types[] = {
	[XSWITCH_NIC_TYPE_EXTERNAL] = "external",
	[XSWITCH_NIC_TYPE_SYNTHETIC] = "synthetic",
	[XSWITCH_NIC_TYPE_EMULATED] = "emulated",
	[XSWITCH_NIC_TYPE_INTERNAL] = "internal",
};

static const char *const nic_states[] = {
	[XSWITCH_NIC_STATE_CREATED] = "created",
	[XSWITCH_NIC_STATE_CONNECTED] = "connected",
	[XSWITCH_NIC_STATE_DISCONNECTED] = "disconnected",
};

static const char *const nic_gates[] = {
	[XSWITCH_NIC_GATE_OPEN] = "open",
	[XSWITCH_NIC_GATE_SHUT] = "shut",
	[XSWITCH_NIC_GATE_FIRST_FRAME] = "first-frame",
};

static const struct field nic_fields[] = {
	FIELD("switch", "SWITCH", 15, XSWITCH_A_NIC_SWITCH, FK_STR,
	      .max = XSWITCH_NAME_LEN),
	FIELD("port", "PORT", 6, XSWITCH_A_NIC_PORT_ID, FK_U32),
	FIELD("index", "INDEX", 5, XSWITCH_A_NIC_INDEX, FK_U16),
	FIELD("name", "NAME", 12, XSWITCH_A_NIC_NAME, FK_STR,
	      .max = XSWITCH_LONG_NAME_LEN),
	FIELD("type", "TYPE", 9, XSWITCH_A_NIC_TYPE, FK_ENUM,
	      ENUM_NAMES(nic_types)),
	FIELD("state", "STATE", 12, XSWITCH_A_NIC_STATE, FK_ENUM,
	      ENUM_NAMES(nic_states)),
	FIELD("mtu", "MTU", 5, XSWITCH_A_NIC_MTU, FK_U32),
	FIELD("current-mac", "MAC", 17, XSWITCH_A_NIC_CURRENT_MAC, FK_MAC),
	/* Before "ifindex": the kernel's errors about it name what was typed. */
	FIELD("dev", NULL, 0, XSWITCH_A_NIC_IFINDEX, FK_NETDEV, .max = IFNAMSIZ),
	FIELD("ifname", "DEV", 15, XSWITCH_A_NIC_IFNAME, FK_STR, .max = IFNAMSIZ),
	FIELD("ifindex", "IFINDEX", 7, XSWITCH_A_NIC_IFINDEX, FK_U32),
	FIELD("permanent-mac", NULL, 0, XSWITCH_A_NIC_PERMANENT_MAC, FK_MAC),
	FIELD("vm-mac", NULL, 0, XSWITCH_A_NIC_VM_MAC, FK_MAC),
	FIELD("vm-name", "VM", 0, XSWITCH_A_NIC_VM_NAME, FK_STR,
	      .max = XSWITCH_LONG_NAME_LEN),
	FIELD("friendly-name", NULL, 0, XSWITCH_A_NIC_FRIENDLY_NAME, FK_STR,
	      .max = XSWITCH_LONG_NAME_LEN),
	FIELD("vm-friendly-name", NULL, 0, XSWITCH_A_NIC_VM_FRIENDLY_NAME,
	      FK_STR, .max = XSWITCH_LONG_NAME_LEN),
	FIELD("gate", NULL, 0, XSWITCH_A_NIC_GATE, FK_ENUM, ENUM_NAMES(nic_gates)),
	FIELD("to", NULL, 0, XSWITCH_A_NIC_GATE, FK_ENUM, ENUM_NAMES(nic_gates),
	      .request_only = true),
};

#define NIC_UPDATE "friendly-name mtu permanent-mac vm-mac current-mac"
#define NIC_OPTIONS NIC_UPDATE " name vm-name vm-friendly-name"

static const struct command nic_cmds[] = {
	{
		.word = "add",
		.cmd = XSWITCH_CMD_NIC_NEW,
		.args = "port index dev ifname " NIC_OPTIONS,
		.print = true,
	},
	{
		.word = "connect",
		.cmd = XSWITCH_CMD_NIC_CONNECT,
		.args = "port index gate",
	},
	{
		.word = "set",
		.cmd = XSWITCH_CMD_NIC_SET,
		.args = "port index " NIC_UPDATE,
	},
	{
		.word = "disconnect",
		.cmd = XSWITCH_CMD_NIC_DISCONNECT,
		.args = "port index",
	},
	{
		.word = "delete",
		.cmd = XSWITCH_CMD_NIC_DEL,
		.args = "port index",
	},
	{
		.word = "show",
		.alias = "list",
		.cmd = XSWITCH_CMD_NIC_GET,
		.dump_cmd = XSWITCH_CMD_NIC_GET,
		.key = "index",
		.args = "port index",
		.print = true,
	},
	{
		.word = "save",
		.cmd = XSWITCH_CMD_NIC_SAVE,
		.args = "port index",
		.run = nic_save_run,
	},
	{
		.word = "restore",
		.cmd = XSWITCH_CMD_NIC_RESTORE,
		.args = "port index",
		.run = nic_restore_run,
	},
	{
		.word = "announce",
		.cmd = XSWITCH_CMD_NIC_ANNOUNCE,
		.args = "port index",
	},
	{
		.word = "gate",
		.cmd = XSWITCH_CMD_NIC_GATE,
		.args = "port index to",
	},
};

const struct object nic_object = {
	.name = "nic",
	.help = nic_help,
	.switch_attr = XSWITCH_A_NIC_SWITCH,
	.fields = nic_fields,
	.nfields = MNL_ARRAY_SIZE(nic_fields),
	.cmds = nic_cmds,
	.ncmds = MNL_ARRAY_SIZE(nic_cmds),
};
