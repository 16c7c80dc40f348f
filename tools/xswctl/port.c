// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl port add|set|teardown|del|show
 */
#include <linux/xswitch.h>

#include "obj.h"
#include "stats.h"
#include "xswctl.h"

static const char port_help[] =
	"Usage: xswctl port add SWITCH name NAME type TYPE [ id ID ]\n"
	"                        [ friendly-name TEXT ] [ validation | restoring ]\n"
	"                        [ provisional ]\n"
	"       xswctl port set SWITCH id ID { friendly-name TEXT | keep }\n"
	"       xswctl port teardown SWITCH id ID\n"
	"       xswctl port del SWITCH id ID\n"
	"       xswctl port show SWITCH [ id ID ]\n"
	"       xswctl [ -d ] port stats SWITCH [ id ID ]\n"
	"\n"
	"TYPE := external | synthetic | emulated | internal\n"
	"\n"
	"NAME and TEXT are at most 255 bytes. A switch has at most one external\n"
	"and one internal port. Without id, add picks the id after the last\n"
	"one it picked (a deleted port's id is not reused until the ids wrap)\n"
	"and prints the port. A validation port only asks the extensions whether\n"
	"they would accept the port; it never takes a NIC. A restoring port is\n"
	"created to take a NIC's saved data back (nic restore, vm resume). A\n"
	"port is torn down before it is deleted, and only once its NICs are\n"
	"deleted.\n"
	"A provisional port is held by the netlink socket that made it: when\n"
	"that socket closes before a set ... keep on it, the kernel takes the\n"
	"port off with its NICs (a migration's destination holds its ports so,\n"
	"until they work); made by this command, it goes when the command ends.\n"
	"stats prints what the port sent into the switch (RX) and what the\n"
	"switch delivered to it (TX), in packets and bytes, and the frames\n"
	"dropped, by reason, where the drop happened: the non-zero reasons, or\n"
	"with -d all. Documentation/datapath.rst tells each reason.\n";

static const char *const port_types[] = {
	[XSWITCH_PORT_TYPE_EXTERNAL] = "external",
	[XSWITCH_PORT_TYPE_SYNTHETIC] = "synthetic",
	[XSWITCH_PORT_TYPE_EMULATED] = "emulated",
	[XSWITCH_PORT_TYPE_INTERNAL] = "internal",
};

static const char *const port_states[] = {
	[XSWITCH_PORT_STATE_CREATED] = "created",
	[XSWITCH_PORT_STATE_TEARDOWN] = "teardown",
};

static const struct field port_fields[] = {
	FIELD("switch", "SWITCH", 15, XSWITCH_A_PORT_SWITCH, FK_STR,
	      .max = XSWITCH_NAME_LEN),
	FIELD("id", "ID", 6, XSWITCH_A_PORT_ID, FK_U32),
	FIELD("name", "NAME", 12, XSWITCH_A_PORT_NAME, FK_STR,
	      .max = XSWITCH_LONG_NAME_LEN),
	FIELD("type", "TYPE", 9, XSWITCH_A_PORT_TYPE, FK_ENUM,
	      ENUM_NAMES(port_types)),
	FIELD("state", "STATE", 8, XSWITCH_A_PORT_STATE, FK_ENUM,
	      ENUM_NAMES(port_states)),
	FIELD("validation", "VALIDATION", 10, XSWITCH_A_PORT_VALIDATION, FK_FLAG),
	FIELD("restoring", NULL, 0, XSWITCH_A_PORT_RESTORING, FK_FLAG),
	FIELD("provisional", NULL, 0, XSWITCH_A_PORT_PROVISIONAL, FK_FLAG),
	FIELD("keep", NULL, 0, XSWITCH_A_PORT_KEEP, FK_FLAG, .request_only = true),
	FIELD("friendly-name", "FRIENDLY-NAME", 0, XSWITCH_A_PORT_FRIENDLY_NAME,
	      FK_STR, .max = XSWITCH_LONG_NAME_LEN),
};

static const struct command port_cmds[] = {
	{
		.word = "add",
		.cmd = XSWITCH_CMD_PORT_NEW,
		.args = "id name friendly-name type validation restoring provisional",
		.print = true,
	},
	{
		.word = "set",
		.cmd = XSWITCH_CMD_PORT_SET,
		.args = "id friendly-name keep",
	},
	{
		.word = "teardown",
		.cmd = XSWITCH_CMD_PORT_TEARDOWN,
		.args = "id",
	},
	{
		.word = "delete",
		.cmd = XSWITCH_CMD_PORT_DEL,
		.args = "id",
	},
	{
		.word = "show",
		.alias = "list",
		.cmd = XSWITCH_CMD_PORT_GET,
		.dump_cmd = XSWITCH_CMD_PORT_GET,
		.key = "id",
		.args = "id",
		.print = true,
	},
	{
		.word = "stats",
		.cmd = XSWITCH_CMD_PORT_GET,
		.dump_cmd = XSWITCH_CMD_PORT_GET,
		.key = "id",
		.args = "id",
		.run = port_stats_run,
	},
};

const struct object port_object = {
	.name = "port",
	.help = port_help,
	.switch_attr = XSWITCH_A_PORT_SWITCH,
	.fields = port_fields,
	.nfields = MNL_ARRAY_SIZE(port_fields),
	.cmds = port_cmds,
	.ncmds = MNL_ARRAY_SIZE(port_cmds),
};
