// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl prop add|set|del|show: port properties, and switch properties
 * when no port is named.  Security and VLAN properties have a layout the
 * switch defines, written and shown as words; the others carry hex data.
 */
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/xswitch.h>

#include "obj.h"
#include "out.h"
#include "parse.h"
#include "xswctl.h"

static const char prop_help[] =
	"Usage: xswctl prop add SWITCH [ port ID ] type TYPE PROPERTY\n"
	"                        version VERSION PAYLOAD\n"
	"       xswctl prop set SWITCH [ port ID ] type TYPE PROPERTY\n"
	"                        version VERSION PAYLOAD\n"
	"       xswctl prop del SWITCH [ port ID ] type TYPE PROPERTY\n"
	"       xswctl prop show SWITCH [ port ID ] [ type TYPE PROPERTY ]\n"
	"\n"
	"TYPE := custom | security | vlan | profile | isolation | routing-domain\n"
	"PROPERTY := [ id UUID ] instance-id UUID\n"
	"PAYLOAD := [ data HEX ]                      (custom, profile, isolation,\n"
	"                                              routing-domain)\n"
	"         | [ mac-spoofing on|off ] [ ieee-priority-tag on|off ]\n"
	"           [ vsid VSID ]                     (security)\n"
	"         | vlan access VLAN                  (vlan)\n"
	"         | vlan trunk allowed LIST [ native VLAN ]\n"
	"\n"
	"Without port, the property belongs to the switch and must be custom.\n"
	"A property is known by its type, its id (custom only) and its instance\n"
	"id: add refuses one that exists, set and del one that does not, and\n"
	"set also one of another version. A port has at most one security and\n"
	"one vlan property. The extensions may veto add, set and del.\n"
	"UUID is in the form 01234567-89ab-cdef-0123-456789abcdef. HEX is the\n"
	"payload, at most 16384 bytes, as two hex digits a byte. VSID is 0 (none)\n"
	"to 16777215. VLAN is 1 to 4094 (native: 0, untagged frames refused, to\n"
	"4094); LIST is VLANs and ranges such as 10,20,30-40.\n";

const char *const prop_type_names[XSWITCH_PROP_TYPE_ROUTING_DOMAIN + 1] = {
	[XSWITCH_PROP_TYPE_CUSTOM] = "custom",
	[XSWITCH_PROP_TYPE_SECURITY] = "security",
	[XSWITCH_PROP_TYPE_VLAN] = "vlan",
	[XSWITCH_PROP_TYPE_PROFILE] = "profile",
	[XSWITCH_PROP_TYPE_ISOLATION] = "isolation",
	[XSWITCH_PROP_TYPE_ROUTING_DOMAIN] = "routing-domain",
};

static const char *const vlan_modes[XSWITCH_VLAN_MODE_TRUNK + 1] = {
	[XSWITCH_VLAN_MODE_ACCESS] = "access",
	[XSWITCH_VLAN_MODE_TRUNK] = "trunk",
};

/* A usage error in a writer that returns the words it took: -1. */
#define put_error(...) (usage_error(__VA_ARGS__), -1)

/* The VLANs of a trunk, bit N for VLAN N. */
typedef uint8_t vlan_set[(XNL_VLAN_ID_MAX + 8) / 8];

/* Room for the longest rendering: a trunk of every VLAN, as JSON. */
#define VLAN_TEXT_MAX (128 + 5 * (XNL_VLAN_ID_MAX + 1))

#define VLAN_LIST_SYNTAX "a list of VLAN ids from 1 to 4094 such as 10,20,30-40"

/* A VLAN id from @min to XNL_VLAN_ID_MAX, into a u16 attribute of @nlh. */
static int put_vlan_id(struct nlmsghdr *nlh, const char *what,
		       const char *word, uint16_t attr, unsigned long min,
		       const char *arg)
{
	unsigned long v;

	if (!parse_uint(arg, XNL_VLAN_ID_MAX, &v) || v < min)
		return usage_error("%svlan %s \"%s\" is not a VLAN id from %lu to %d",
				   what, word, arg, min, XNL_VLAN_ID_MAX);
	if (!mnl_attr_put_u16_check(nlh, XNL_REQ_SIZE, attr, v))
		return usage_error("%sthe request is longer than %zu bytes",
				   what, XNL_REQ_SIZE);
	return 0;
}

static int put_allowed(struct nlmsghdr *nlh, const char *what,
		       const vlan_set set)
{
	unsigned int v;

	for (v = 1; v <= XNL_VLAN_ID_MAX; v++)
		if ((set[v / 8] & (1 << (v % 8))) &&
		    !mnl_attr_put_u16_check(nlh, XNL_REQ_SIZE,
					    XSWITCH_A_PROP_VLAN_ALLOWED, v))
			return usage_error("%sthe request is longer than %zu bytes",
					   what, XNL_REQ_SIZE);
	return 0;
}

/*
 * "trunk allowed LIST [ native VLAN ]" (the two in any order) from
 * @argv[0] on, into the open nest: the words taken, or -1.
 */
static int put_trunk(struct nlmsghdr *nlh, const char *what, int argc,
		     char **argv)
{
	static const char *const words[] = { "allowed", "native" };
	const char *native = NULL;
	bool allowed = false;
	vlan_set set = { 0 };
	unsigned int w;
	int i;

	for (i = 1; i < argc && word_match(argv[i], words, 2, &w) == 1; i += 2) {
		if (w ? !!native : allowed)
			return put_error("%svlan trunk \"%s\" given twice",
					 what, words[w]);
		if (i + 1 == argc)
			return put_error("%svlan trunk \"%s\" needs a value",
					 what, words[w]);
		if (w) {
			native = argv[i + 1];
			continue;
		}
		if (!parse_list(argv[i + 1], 1, XNL_VLAN_ID_MAX, set))
			return put_error("%svlan trunk allowed \"%s\" is not %s",
					 what, argv[i + 1], VLAN_LIST_SYNTAX);
		allowed = true;
	}
	if (!allowed)
		return put_error("%svlan trunk needs allowed LIST", what);
	if ((native && put_vlan_id(nlh, what, "trunk native",
				   XSWITCH_A_PROP_VLAN_NATIVE_VLAN, 0, native)) ||
	    put_allowed(nlh, what, set))
		return -1;
	return i;
}

/* "vlan access VLAN" or "vlan trunk ...": the words after "vlan" taken. */
static int put_vlan(const struct field *f, struct nlmsghdr *nlh,
		    const char *what, int argc, char **argv)
{
	char sub[64];
	struct nlattr *nest;
	int mode, n = 2;

	if (!argc)
		return put_error("%s\"vlan\" needs access VLAN or trunk allowed LIST",
				 what);
	snprintf(sub, sizeof(sub), "%svlan ", what);
	mode = word_lookup(sub, argv[0], vlan_modes, MNL_ARRAY_SIZE(vlan_modes),
			   "VLAN mode", "prop");
	if (mode < 0)
		return -1;
	nest = mnl_attr_nest_start_check(nlh, XNL_REQ_SIZE, f->attr);
	if (!nest || !mnl_attr_put_u32_check(nlh, XNL_REQ_SIZE,
					     XSWITCH_A_PROP_VLAN_MODE, mode))
		return put_error("%sthe request is longer than %zu bytes",
				 what, XNL_REQ_SIZE);
	if (mode == XSWITCH_VLAN_MODE_TRUNK)
		n = put_trunk(nlh, what, argc, argv);
	else if (argc < 2)
		n = put_error("%svlan access needs a VLAN id", what);
	else if (put_vlan_id(nlh, what, "access", XSWITCH_A_PROP_VLAN_ACCESS_VLAN,
			     1, argv[1]))
		n = -1;
	if (n > 0)
		mnl_attr_nest_end(nlh, nest);
	return n;
}

/* A security property with none of its keywords still sends its nest. */
static int prop_finish(struct nlmsghdr *nlh, const char *what)
{
	const struct nlattr *a;
	bool security = false;
	struct nlattr *nest;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == XSWITCH_A_PROP_SECURITY)
			return 0;
		if (mnl_attr_get_type(a) == XSWITCH_A_PROP_TYPE &&
		    mnl_attr_get_payload_len(a) == sizeof(uint32_t))
			security = mnl_attr_get_u32(a) == XSWITCH_PROP_TYPE_SECURITY;
	}
	if (!security)
		return 0;
	nest = mnl_attr_nest_start_check(nlh, XNL_REQ_SIZE, XSWITCH_A_PROP_SECURITY);
	if (!nest)
		return usage_error("%sthe request is longer than %zu bytes",
				   what, XNL_REQ_SIZE);
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

/* The u16 or u32 of @a if it is that long, else @dflt. */
static unsigned long attr_uint(const struct nlattr *a, unsigned long dflt)
{
	if (a && !mnl_attr_validate(a, MNL_TYPE_U16))
		return mnl_attr_get_u16(a);
	if (a && !mnl_attr_validate(a, MNL_TYPE_U32))
		return mnl_attr_get_u32(a);
	return dflt;
}

/* A reply's VLAN nest, as words and as JSON; a part not well formed is left out. */
static void render_vlan(const struct nlattr *nest, char *text, char *json,
			size_t size)
{
	const struct nlattr *a, *tb[XSWITCH_A_PROP_VLAN_MAX + 1] = { NULL };
	unsigned long mode, v;
	vlan_set set = { 0 };
	size_t t, j;

	mnl_attr_for_each_nested(a, nest) {
		v = attr_uint(a, 0);
		if (mnl_attr_get_type(a) == XSWITCH_A_PROP_VLAN_ALLOWED) {
			if (v && v <= XNL_VLAN_ID_MAX)
				set[v / 8] |= 1 << (v % 8);
		} else if (mnl_attr_get_type(a) <= XSWITCH_A_PROP_VLAN_MAX) {
			tb[mnl_attr_get_type(a)] = a;
		}
	}
	mode = attr_uint(tb[XSWITCH_A_PROP_VLAN_MODE], 0);
	t = snprintf(text, size, "vlan %s",
		     mode < MNL_ARRAY_SIZE(vlan_modes) && vlan_modes[mode] ?
		     vlan_modes[mode] : "?");
	j = snprintf(json, size, "{\"mode\":\"%s\"",
		     mode < MNL_ARRAY_SIZE(vlan_modes) && vlan_modes[mode] ?
		     vlan_modes[mode] : "?");
	if (tb[XSWITCH_A_PROP_VLAN_ACCESS_VLAN]) {
		v = attr_uint(tb[XSWITCH_A_PROP_VLAN_ACCESS_VLAN], 0);
		t += snprintf(text + t, size - t, " %lu", v);
		j += snprintf(json + j, size - j, ",\"access-vlan\":%lu", v);
	}
	if (mode == XSWITCH_VLAN_MODE_TRUNK) {
		t += snprintf(text + t, size - t, " allowed ");
		t += format_list(set, XNL_VLAN_ID_MAX, text + t, size - t);
		j += snprintf(json + j, size - j, ",\"allowed\":[");
		for (v = 1; v <= XNL_VLAN_ID_MAX && j < size; v++)
			if (set[v / 8] & (1 << (v % 8)))
				j += snprintf(json + j, size - j, "%s%lu",
					      json[j - 1] == '[' ? "" : ",", v);
		j += snprintf(json + j, size - j, "]");
	}
	if (tb[XSWITCH_A_PROP_VLAN_NATIVE_VLAN]) {
		v = attr_uint(tb[XSWITCH_A_PROP_VLAN_NATIVE_VLAN], 0);
		if (v)
			snprintf(text + t, size - t, " native %lu", v);
		snprintf(json + j, size - j, ",\"native-vlan\":%lu", v);
	}
	strncat(json, "}", size - strlen(json) - 1);
}

static void render_security(const struct nlattr *nest, char *text, char *json,
			    size_t size)
{
	const struct nlattr *a;
	bool spoof = false, tag = false;
	unsigned long vsid = 0;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case XSWITCH_A_PROP_SECURITY_MAC_SPOOFING:
			spoof = true;
			break;
		case XSWITCH_A_PROP_SECURITY_IEEE_PRIORITY_TAG:
			tag = true;
			break;
		case XSWITCH_A_PROP_SECURITY_VSID:
			vsid = attr_uint(a, 0);
			break;
		}
	}
	snprintf(text, size, "security mac-spoofing %s ieee-priority-tag %s vsid %lu",
		 spoof ? "on" : "off", tag ? "on" : "off", vsid);
	snprintf(json, size,
		 "{\"mac-spoofing\":%s,\"ieee-priority-tag\":%s,\"vsid\":%lu}",
		 spoof ? "true" : "false", tag ? "true" : "false", vsid);
}

/* Renders the standard nest @f of a reply, or NULL if it has none. */
static const char *render(uint16_t attr, const struct nlattr *const *tb,
			  bool json)
{
	static char text[VLAN_TEXT_MAX], js[VLAN_TEXT_MAX];
	const struct nlattr *a = tb[attr];

	if (!a || mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
		return NULL;
	if (attr == XSWITCH_A_PROP_VLAN)
		render_vlan(a, text, js, sizeof(text));
	else
		render_security(a, text, js, sizeof(text));
	return json ? js : text;
}

/* JSON only: {"vlan":{...}} or {"security":{...}}. */
static void print_nest(const struct field *f, const struct nlattr *const *tb,
		       bool all)
{
	const char *v = all ? render(f->attr, tb, true) : NULL;

	if (v)
		out_rendered(v, v);
	else
		out_skip();
}

/* The DATA column: hex data or, in a table, the standard nest in words. */
static void print_payload(const struct field *f, const struct nlattr *const *tb,
			  bool all)
{
	const struct nlattr *a = tb[f->attr];
	const char *v = NULL;

	if (a) {
		out_hex(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a));
		return;
	}
	if (!all)
		v = render(XSWITCH_A_PROP_VLAN, tb, false) ?:
		    render(XSWITCH_A_PROP_SECURITY, tb, false);
	if (v)
		out_str(v);
	else
		out_skip();
}

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
	      .max = XSWITCH_MAX_PROP_DATA, .print = print_payload),
	FIELD("vlan", NULL, 0, XSWITCH_A_PROP_VLAN, FK_CUSTOM,
	      .max = XNL_VLAN_NEST_MAX, .put = put_vlan, .print = print_nest),
	FIELD("security", NULL, 0, XSWITCH_A_PROP_SECURITY, FK_CUSTOM,
	      .print = print_nest),
	FIELD("mac-spoofing", NULL, 0, XSWITCH_A_PROP_SECURITY_MAC_SPOOFING,
	      FK_ONOFF, .nest = XSWITCH_A_PROP_SECURITY),
	FIELD("ieee-priority-tag", NULL, 0,
	      XSWITCH_A_PROP_SECURITY_IEEE_PRIORITY_TAG, FK_ONOFF,
	      .nest = XSWITCH_A_PROP_SECURITY),
	FIELD("vsid", NULL, 0, XSWITCH_A_PROP_SECURITY_VSID, FK_U32,
	      .most = 0xffffff, .nest = XSWITCH_A_PROP_SECURITY),
};

#define PROP_IDENTITY "port type id instance-id"
#define PROP_PAYLOAD "version data vlan mac-spoofing ieee-priority-tag vsid"

static const struct command prop_cmds[] = {
	{
		.word = "add",
		.cmd = XSWITCH_CMD_PROP_ADD,
		.args = PROP_IDENTITY " " PROP_PAYLOAD,
		.finish = prop_finish,
	},
	{
		.word = "set",
		.cmd = XSWITCH_CMD_PROP_SET,
		.args = PROP_IDENTITY " " PROP_PAYLOAD,
		.finish = prop_finish,
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
