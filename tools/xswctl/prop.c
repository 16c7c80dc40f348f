// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl prop add|set|del|show: port properties, and switch properties
 * when no port is named.
 */
#include <linux/xswitch.h>

#include "obj.h"
#include "xswctl.h"

static const char prop_help[] =
	"Usage: xswctl prop add SWITCH [ port ID ] type TYPE PROPERTY\n"
	"                        version VERSION [ data HEX ]\n"
	"       xswctl prop set SWITCH [ port ID ] type TYPE PROPERTY\n"
	"                        version VERSION [ data HEX ]\n"
	"       xswctl prop del SWITCH [ port ID ] type TYPE PROPERTY\n"
	"       xswctl prop show SWITCH [ port ID ] [ type TYPE PROPERTY ]\n"
	"\n"
	"TYPE := custom | security | vlan | profile | isolation | routing-domain\n"
	"PROPERTY := [ id UUID ] instance-id UUID\n"
	"\n"
	"Without port, the property belongs to the switch and must be custom.\n"
	"A property is known by its type, its id (custom only) and its instance\n"
	"id: add refuses one that exists, set and del one that does not, and\n"
	"set also one of another version. The extensions may veto add, set and\n"
	"del.\n"
	"UUID is in the form 01234567-89ab-cdef-0123-456789abcdef. HEX is the\n"
	"payload, at most 16384 bytes, as two hex digits a byte.\n";

const char *const prop_type_names[XSWITCH_PROP_TYPE_ROUTING_DOMAIN + 1] = {
	[XSWITCH_PROP_TYPE_CUSTOM] = "custom",
	[XSWITCH_PROP_TYPE_SECURITY] = "security",
	[XSWITCH_PROP_TYPE_VLAN] = "vlan",
	[XSWITCH_PROP_TYPE_PROFILE] = "profile",
	[XSWITCH_PROP_TYPE_ISOLATION] = "isolation",
	[XSWITCH_PROP_TYPE_ROUTING_DOMAIN] = "routing-domain",
};

static const struct field prop_fields[] = {
	FIELD("switch", "SWITCH", 15, XSWITCH_A_PROP_SWITCH, FK_STR,
	      .max = XSWITCH_NAME_LEN),
	FIELD("port", "PORT", 6, XSWITCH_A_PROP_PORT_ID, FK_U32),
	FIELD("type", "TYPE", 14, XSWITCH_A_PROP_TYPE, FK_ENUM,
	      ENUM_NAMES(prop_type_names)),
	FIELD("id", "ID", 36, XSWITCH_A_PROP_ID, FK_UUID),
	FIELD("instance-id", "INSTANCE-ID", 36, XSWITCH_A_PROP_INSTANCE_ID,
	      FK_UUID),
	FIELD("version", "VERSION", 7, XSWITCH_A_PROP_VERSION, FK_U16),
	FIELD("data", "DATA", 0, XSWITCH_A_PROP_DATA, FK_HEX,
	      .max = XSWITCH_MAX_PROP_DATA),
};

#define PROP_IDENTITY "port type id instance-id"

static const struct command prop_cmds[] = {
	{
		.word = "add",
		.cmd = XSWITCH_CMD_PROP_ADD,
		.args = PROP_IDENTITY " version data",
	},
	{
		.word = "set",
		.cmd = XSWITCH_CMD_PROP_SET,
		.args = PROP_IDENTITY " version data",
	},
	{
		.word = "delete",
		.cmd = XSWITCH_CMD_PROP_DEL,
		.args = PROP_IDENTITY,
	},
	{
		.word = "show",
		.alias = "list",
		.cmd = XSWITCH_CMD_PROP_GET,
		.dump_cmd = XSWITCH_CMD_PROP_GET,
		.key = "instance-id",
		.args = PROP_IDENTITY,
		.print = true,
	},
};

const struct object prop_object = {
	.name = "prop",
	.help = prop_help,
	.switch_attr = XSWITCH_A_PROP_SWITCH,
	.fields = prop_fields,
	.nfields = MNL_ARRAY_SIZE(prop_fields),
	.cmds = prop_cmds,
	.ncmds = MNL_ARRAY_SIZE(prop_cmds),
};
