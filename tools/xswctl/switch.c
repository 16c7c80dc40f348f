// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl switch add|del|show
 */
#include <linux/xswitch.h>

#include "obj.h"
#include "xswctl.h"

static const char switch_help[] =
	"Usage: xswctl switch add NAME\n"
	"       xswctl switch del NAME\n"
	"       xswctl switch show [NAME]\n"
	"\n"
	"A switch lives in the network namespace xswctl runs in (or the one\n"
	"\"xswctl -n NETNS\" names). NAME is 1 to 15 bytes and unique in that\n"
	"namespace. Deleting a switch first disconnects and deletes its NICs and\n"
	"tears down and deletes its ports, through its extensions.\n";

static const struct field switch_fields[] = {
	FIELD("id", "ID", 6, XSWITCH_A_SWITCH_ID, FK_U32),
	FIELD("name", "NAME", 0, XSWITCH_A_SWITCH_NAME, FK_STR,
	      .max = XSWITCH_NAME_LEN),
};

static const struct command switch_cmds[] = {
	{
		.word = "add",
		.cmd = XSWITCH_CMD_SWITCH_NEW,
	},
	{
		.word = "delete",
		.cmd = XSWITCH_CMD_SWITCH_DEL,
	},
	{
		.word = "show",
		.alias = "list",
		.cmd = XSWITCH_CMD_SWITCH_GET,
		.dump_cmd = XSWITCH_CMD_SWITCH_GET,
		.key = "name",
		.print = true,
	},
};

const struct object switch_object = {
	.name = "switch",
	.help = switch_help,
	.switch_attr = XSWITCH_A_SWITCH_NAME,
	.fields = switch_fields,
	.nfields = MNL_ARRAY_SIZE(switch_fields),
	.cmds = switch_cmds,
	.ncmds = MNL_ARRAY_SIZE(switch_cmds),
};
