// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl ext attach|detach|set|show: a switch's extension stack.
 */
#include <linux/xswitch.h>

#include "obj.h"
#include "xswctl.h"

static const char ext_help[] =
	"Usage: xswctl ext attach SWITCH name EXT\n"
	"       xswctl ext detach SWITCH name EXT\n"
	"       xswctl ext set SWITCH name EXT [ enabled on|off ]\n"
	"                                      [ position POSITION ]\n"
	"       xswctl ext show [ SWITCH [ name EXT ] ]\n"
	"\n"
	"Without SWITCH, show lists the registered extensions.\n"
	"EXT is the name (at most 31 bytes) a loaded extension module\n"
	"registered. An extension is attached disabled, at the bottom of its\n"
	"class; the stack runs capture, then filter, then forwarding extensions,\n"
	"each class in POSITION order (0 is the top). At most one forwarding\n"
	"extension is enabled per switch.\n"
	"An extension module cannot be unloaded while it is attached.\n";

/*
 * The size of an extension name buffer, the NUL included: the spec's
 * max-len of 31, which the uAPI header has no constant for.
 */
#define EXT_NAME_LEN 32

static const char *const ext_classes[] = {
	[XSWITCH_EXT_CLASS_CAPTURE] = "capture",
	[XSWITCH_EXT_CLASS_FILTER] = "filter",
	[XSWITCH_EXT_CLASS_FORWARD] = "forward",
};

static const struct field ext_fields[] = {
	FIELD("switch", "SWITCH", 15, XSWITCH_A_EXT_SWITCH, FK_STR,
	      .max = XSWITCH_NAME_LEN),
	FIELD("name", "NAME", 16, XSWITCH_A_EXT_NAME, FK_STR,
	      .max = EXT_NAME_LEN),
	FIELD("class", "CLASS", 8, XSWITCH_A_EXT_CLASS, FK_ENUM,
	      ENUM_NAMES(ext_classes)),
	FIELD("position", "POSITION", 8, XSWITCH_A_EXT_POSITION, FK_U32),
	FIELD("enabled", "ENABLED", 7, XSWITCH_A_EXT_ENABLED, FK_BOOL),
	FIELD("uuid", "UUID", 0, XSWITCH_A_EXT_UUID, FK_UUID),
};

static const struct command ext_cmds[] = {
	{
		.word = "attach",
		.cmd = XSWITCH_CMD_EXT_ATTACH,
		.args = "name",
	},
	{
		.word = "detach",
		.cmd = XSWITCH_CMD_EXT_DETACH,
		.args = "name",
	},
	{
		.word = "set",
		.cmd = XSWITCH_CMD_EXT_SET,
		.args = "name enabled position",
	},
	{
		.word = "show",
		.alias = "list",
		.cmd = XSWITCH_CMD_EXT_GET,
		.dump_cmd = XSWITCH_CMD_EXT_GET,
		.key = "name",
		.args = "name",
		.print = true,
	},
};

const struct object ext_object = {
	.name = "ext",
	.help = ext_help,
	.switch_attr = XSWITCH_A_EXT_SWITCH,
	.fields = ext_fields,
	.nfields = MNL_ARRAY_SIZE(ext_fields),
	.cmds = ext_cmds,
	.ncmds = MNL_ARRAY_SIZE(ext_cmds),
};
