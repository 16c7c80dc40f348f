// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl feature show: feature status, answered by the extension that
 * owns the status id.
 */
#include <linux/xswitch.h>

#include "obj.h"
#include "xswctl.h"

static const char feature_help[] =
	"Usage: xswctl feature show SWITCH [ port ID ] id UUID\n"
	"\n"
	"Asks the switch's extensions, top down, for the feature status UUID\n"
	"(of the port, or of the switch without port). The first enabled\n"
	"extension that owns the id answers; EXT names it and DATA is its\n"
	"answer, in hex. UUID is in the form\n"
	"01234567-89ab-cdef-0123-456789abcdef.\n";

static const struct field feature_fields[] = {
	FIELD("switch", "SWITCH", 15, XSWITCH_A_FEATURE_STATUS_SWITCH, FK_STR,
	      .max = XSWITCH_NAME_LEN),
	FIELD("port", "PORT", 6, XSWITCH_A_FEATURE_STATUS_PORT_ID, FK_U32),
	FIELD("id", "ID", 36, XSWITCH_A_FEATURE_STATUS_ID, FK_UUID),
	FIELD("ext", "EXT", 12, XSWITCH_A_FEATURE_STATUS_EXT, FK_STR),
	FIELD("data", "DATA", 0, XSWITCH_A_FEATURE_STATUS_DATA, FK_HEX,
	      .multi = true),
};

static const struct command feature_cmds[] = {
	{
		.word = "show",
		.cmd = XSWITCH_CMD_FEATURE_STATUS_GET,
		.args = "port id",
		.print = true,
	},
};

const struct object feature_object = {
	.name = "feature",
	.help = feature_help,
	.switch_attr = XSWITCH_A_FEATURE_STATUS_SWITCH,
	.fields = feature_fields,
	.nfields = MNL_ARRAY_SIZE(feature_fields),
	.cmds = feature_cmds,
	.ncmds = MNL_ARRAY_SIZE(feature_cmds),
};
