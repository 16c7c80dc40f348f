// SPDX-License-Identifier: GPL-2.0
/*
 * The command engine shared by every object: "xswctl OBJECT COMMAND
 * SWITCH [KEYWORD VALUE]..." becomes one request, or a dump when the
 * keyword that names a single object is absent, and each reply becomes a
 * row.
 */
#include <assert.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/xswitch.h>

#include "obj.h"
#include "out.h"
#include "parse.h"
#include "xswctl.h"

const struct field *object_field(const struct object *obj, uint16_t attr)
{
	unsigned int i;

	/* Those in a nest have attribute numbers of their own. */
	for (i = 0; i < obj->nfields; i++)
		if (obj->fields[i].attr == attr && !obj->fields[i].nest)
			return &obj->fields[i];
	return NULL;
}

const struct field *object_field_by_key(const struct object *obj,
					const char *key)
{
	unsigned int i;

	for (i = 0; i < obj->nfields; i++)
		if (!strcmp(obj->fields[i].key, key))
			return &obj->fields[i];
	return NULL;
}

/* The value of the name, or of the abbreviation, @arg of @f. */
static bool parse_enum(const struct field *f, const char *arg,
		       unsigned long *v)
{
	unsigned int i;

	if (word_match(arg, f->names, f->nnames, &i) != 1)
		return false;
	*v = i;
	return true;
}

/* The payload of each kind of fixed size; for a string, its shortest. */
static const int kind_len[FK_CUSTOM + 1] = {
	[FK_U8] = 1, [FK_U16] = 2, [FK_U32] = 4, [FK_S32] = 4, [FK_BOOL] = 1,
	[FK_ENUM] = 4, [FK_MAC] = MAC_LEN, [FK_UUID] = UUID_LEN, [FK_STR] = 1,
	[FK_NETDEV] = 4,
};

/* The largest payload @f can carry in a request. */
size_t field_max_payload(const struct field *f)
{
	if (f->kind == FK_STR || f->kind == FK_HEX || f->kind == FK_CUSTOM)
		return f->max;
	return kind_len[f->kind];
}

/* The number @arg spells for a field of a number kind, or false. */
static bool field_number(const struct field *f, const char *arg,
			 unsigned long *v)
{
	switch (f->kind) {
	case FK_BOOL:
		*v = !strcmp(arg, "on");
		return *v || !strcmp(arg, "off");
	case FK_ENUM:
		return parse_enum(f, arg, v) || parse_uint(arg, UINT32_MAX, v);
	case FK_U8:
		return parse_uint(arg, UINT8_MAX, v);
	case FK_U16:
		return parse_uint(arg, f->most ?: UINT16_MAX, v);
	default:
		return parse_uint(arg, f->most ?: UINT32_MAX, v);
	}
}

/* The bytes @arg spells for a MAC, UUID or hex field: how many, or -1. */
static int field_bytes(const struct field *f, const char *arg, uint8_t *buf,
		       size_t size)
{
	if (f->kind == FK_MAC)
		return parse_mac(arg, buf) ? MAC_LEN : -1;
	if (f->kind == FK_UUID)
		return parse_uuid(arg, buf) ? UUID_LEN : -1;
	return parse_hex(arg, buf, f->max < size ? f->max : size);
}

/*
 * Appends the attribute @arg spells, within XNL_REQ_SIZE: 1, or 0 if @arg
 * spells none, or -1 if it does not fit.
 */
static int field_write(const struct field *f, const char *arg,
		       struct nlmsghdr *nlh)
{
	static uint8_t buf[XSWITCH_MAX_PROP_DATA];
	unsigned long v;
	bool fits;
	int len;

	switch (f->kind) {
	case FK_STR:
		fits = mnl_attr_put_strz_check(nlh, XNL_REQ_SIZE, f->attr, arg);
		break;
	case FK_FLAG:
		fits = mnl_attr_put_check(nlh, XNL_REQ_SIZE, f->attr, 0, NULL);
		break;
	case FK_ONOFF:
		if (strcmp(arg, "on"))
			return strcmp(arg, "off") ? 0 : 1;
		fits = mnl_attr_put_check(nlh, XNL_REQ_SIZE, f->attr, 0, NULL);
		break;
	case FK_MAC:
	case FK_UUID:
	case FK_HEX:
		len = field_bytes(f, arg, buf, sizeof(buf));
		if (len < 0)
			return 0;
		fits = mnl_attr_put_check(nlh, XNL_REQ_SIZE, f->attr, len, buf);
		break;
	default:
		if (!field_number(f, arg, &v))
			return 0;
		if (kind_len[f->kind] == 1)
			fits = mnl_attr_put_u8_check(nlh, XNL_REQ_SIZE, f->attr, v);
		else if (kind_len[f->kind] == 2)
			fits = mnl_attr_put_u16_check(nlh, XNL_REQ_SIZE, f->attr,
						      v);
		else
			fits = mnl_attr_put_u32_check(nlh, XNL_REQ_SIZE, f->attr,
						      v);
	}
	return fits ? 1 : -1;
}

static const char *const kind_syntax[FK_CUSTOM + 1] = {
	[FK_U8] = "a number from 0 to 255",
	[FK_U16] = "a number from 0 to 65535",
	[FK_U32] = "a number from 0 to 4294967295",
	[FK_S32] = "a number",
	[FK_BOOL] = "\"on\" or \"off\"",
	[FK_ONOFF] = "\"on\" or \"off\"",
	[FK_ENUM] = "one of the names in the help",
	[FK_MAC] = "a MAC address: six two-digit hex octets such as 00:15:5d:00:00:01",
	[FK_UUID] = "a UUID in the form 01234567-89ab-cdef-0123-456789abcdef",
	[FK_HEX] = "hex bytes: an even number of hex digits",
	[FK_NETDEV] = "a network device name",
};

static bool word_in(const char *word, const char *list)
{
	size_t len = strlen(word);

	for (;;) {
		if (!strncmp(list, word, len) &&
		    (list[len] == ' ' || !list[len]))
			return true;
		list = strchr(list, ' ');
		if (!list)
			return false;
		list++;
	}
}

/* What one command line builds: a request in a buffer of XNL_REQ_SIZE. */
struct request {
	const struct object *obj;
	const struct command *c;
	char what[32];	/* "port add: ", before each usage error */
	struct nlmsghdr *nlh;
	bool named;	/* the keyword that names one object was given */
};

/* Says that @arg abbreviates more than one name of @f; false if not. */
static bool enum_ambiguous(struct request *r, const struct field *f,
			   const char *arg)
{
	char what[64];

	snprintf(what, sizeof(what), "%s%s ", r->what, f->key);
	return word_lookup(what, arg, f->names, f->nnames, NULL, NULL) ==
	       WORD_AMBIGUOUS;
}

/*
 * Appends the ifindex of the network device @arg names in the namespace
 * xswctl runs in (the one -n entered): 0, or 1 with a message if there is
 * none, as ip(8) fails on an unknown device.
 */
static int put_netdev(struct request *r, const struct field *f,
		      const char *arg)
{
	unsigned int ifindex = if_nametoindex(arg);

	if (!ifindex) {
		if (errno == ENODEV)
			fprintf(stderr, "xswctl: %sno device \"%s\"\n", r->what, arg);
		else
			fprintf(stderr, "xswctl: %sdevice \"%s\": %s\n", r->what,
				arg, strerror(errno));
		return XSWCTL_EXIT_FAILURE;
	}
	if (!mnl_attr_put_u32_check(r->nlh, XNL_REQ_SIZE, f->attr, ifindex))
		return usage_error("%sthe request is longer than %zu bytes",
				   r->what, XNL_REQ_SIZE);
	return 0;
}

/*
 * Appends @f with the value @arg (NULL for a flag): 0, or a usage error
 * (or, for an unknown device, a failure).
 */
static int put_field(struct request *r, const struct field *f,
		     const char *arg)
{
	bool text = f->kind == FK_STR || f->kind == FK_NETDEV;
	size_t len = arg ? strlen(arg) : 0, most = f->max;
	int ret;

	if (f->kind == FK_ENUM && enum_ambiguous(r, f, arg))
		return XSWCTL_EXIT_USAGE;
	if (f->kind == FK_HEX)
		len = (len + 1) / 2;
	if (text)
		most--;
	if ((text || f->kind == FK_HEX) && len > most)
		return usage_error("%s\"%s\" is %zu bytes, at most %zu",
				   r->what, f->key, len, most);
	if (f->kind == FK_NETDEV)
		return put_netdev(r, f, arg);
	ret = field_write(f, arg, r->nlh);
	if (!ret && f->most)
		return usage_error("%s%s \"%s\" is not a number from 0 to %lu",
				   r->what, f->key, arg, f->most);
	if (!ret)
		return usage_error("%s%s \"%s\" is not %s", r->what, f->key,
				   arg, kind_syntax[f->kind]);
	if (ret < 0)
		return usage_error("%sthe request is longer than %zu bytes",
				   r->what, XNL_REQ_SIZE);
	return 0;
}

static_assert(OBJECT_MAX_FIELDS <= 32, "put_args() keeps fields as bits");

/*
 * Appends the fields of nest @nest that the command line gave (@seen, each
 * with its value at @at), in one nest attribute.
 */
static int put_nest(struct request *r, uint16_t nest, uint32_t seen,
		    char *const *at)
{
	const struct object *obj = r->obj;
	struct nlattr *n;
	unsigned int j;
	int err;

	n = mnl_attr_nest_start_check(r->nlh, XNL_REQ_SIZE, nest);
	if (!n)
		return usage_error("%sthe request is longer than %zu bytes",
				   r->what, XNL_REQ_SIZE);
	for (j = 0; j < obj->nfields && j < OBJECT_MAX_FIELDS; j++) {
		if (!(seen & (1U << j)) || obj->fields[j].nest != nest)
			continue;
		err = put_field(r, &obj->fields[j], at[j]);
		if (err)
			return err;
	}
	mnl_attr_nest_end(r->nlh, n);
	return 0;
}

/* Appends the nests of the fields given, each once, in field order. */
static int put_nests(struct request *r, uint32_t seen, char *const *at)
{
	const struct object *obj = r->obj;
	uint32_t done = 0;
	unsigned int j, k;
	uint16_t nest;
	int err;

	for (j = 0; j < obj->nfields && j < OBJECT_MAX_FIELDS; j++) {
		nest = obj->fields[j].nest;
		if (!nest || !(seen & (1U << j)) || (done & (1U << j)))
			continue;
		for (k = j; k < obj->nfields && k < OBJECT_MAX_FIELDS; k++)
			if (obj->fields[k].nest == nest)
				done |= 1U << k;
		err = put_nest(r, nest, seen, at);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Appends the "KEYWORD [VALUE]" pairs of @argv, each keyword (or its
 * abbreviation among the command's keywords) once; the fields that go in
 * a nest after the others.
 */
static int put_args(struct request *r, int argc, char **argv)
{
	const char *keys[OBJECT_MAX_FIELDS], *k;
	char *at[OBJECT_MAX_FIELDS] = { NULL };
	const struct object *obj = r->obj;
	const struct command *c = r->c;
	unsigned int j, n = 0;
	const struct field *f;
	uint32_t seen = 0, bit;
	int i, w, err;

	/* The command's keywords, by field index; NULL for the others. */
	for (j = 0; j < obj->nfields && j < OBJECT_MAX_FIELDS; j++) {
		k = obj->fields[j].key;
		keys[n++] = c->args && word_in(k, c->args) ? k : NULL;
	}
	for (i = 0; i < argc; i++) {
		w = word_lookup(r->what, argv[i], keys, n, "keyword", obj->name);
		if (w < 0)
			return XSWCTL_EXIT_USAGE;
		f = &obj->fields[w];
		bit = 1U << w;
		if (seen & bit)
			return usage_error("%skeyword \"%s\" given twice",
					   r->what, f->key);
		seen |= bit;
		if (c->key && !strcmp(c->key, f->key))
			r->named = true;
		if (f->kind == FK_CUSTOM) {
			w = f->put(f, r->nlh, r->what, argc - i - 1, argv + i + 1);
			if (w < 0)
				return XSWCTL_EXIT_USAGE;
			i += w;
			continue;
		}
		if (f->kind != FK_FLAG && ++i == argc)
			return usage_error("%s\"%s\" needs a value", r->what,
					   f->key);
		at[w] = f->kind == FK_FLAG ? NULL : argv[i];
		if (f->nest)
			continue;
		err = put_field(r, f, at[w]);
		if (err)
			return err;
	}
	err = put_nests(r, seen, at);
	if (!err && c->finish)
		err = c->finish(r->nlh, r->what);
	return err;
}

static void print_value(const struct field *f, const struct nlattr *a)
{
	const uint8_t *b = mnl_attr_get_payload(a);
	char hex[3 * 16 + 1] = "";
	uint32_t v;
	int i, n = mnl_attr_get_payload_len(a);

	switch (f->kind) {
	case FK_STR:
		out_str(mnl_attr_get_str(a));
		return;
	case FK_FLAG:
		out_bool(true, "yes", "no");
		return;
	case FK_U8:
		out_uint(mnl_attr_get_u8(a));
		return;
	case FK_BOOL:
		out_bool(mnl_attr_get_u8(a), "on", "off");
		return;
	case FK_U16:
		out_uint(mnl_attr_get_u16(a));
		return;
	case FK_S32:
		out_int((int32_t)mnl_attr_get_u32(a));
		return;
	case FK_ENUM:
		v = mnl_attr_get_u32(a);
		if (v < f->nnames && f->names[v])
			out_str(f->names[v]);
		else
			out_uint(v);
		return;
	case FK_MAC:
	case FK_UUID:
		for (i = 0; i < n && i < 16; i++)
			sprintf(hex + strlen(hex),
				f->kind == FK_MAC ? (i ? ":%02x" : "%02x") :
				(i == 4 || i == 6 || i == 8 || i == 10) ?
				"-%02x" : "%02x", b[i]);
		out_str(hex);
		return;
	case FK_HEX:
		out_hex(b, n);
		return;
	default:
		out_uint(mnl_attr_get_u32(a));
	}
}

/* A value sent in several attributes of one type: their payloads joined. */
static void print_joined(const struct field *f, const struct nlmsghdr *nlh)
{
	const struct nlattr *a;
	size_t len = 0, n = 0;
	unsigned char *buf;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) != f->attr)
			continue;
		len += mnl_attr_get_payload_len(a);
		n++;
	}
	buf = n ? malloc(len + 1) : NULL;
	if (!buf) {
		out_skip();
		return;
	}
	len = 0;
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) != f->attr)
			continue;
		memcpy(buf + len, mnl_attr_get_payload(a),
		       mnl_attr_get_payload_len(a));
		len += mnl_attr_get_payload_len(a);
	}
	out_hex(buf, len);
	free(buf);
}

/* Prints the fields of @obj that have a heading, from one reply. */
void object_print_attrs(const struct object *obj, const struct nlmsghdr *nlh,
			bool all)
{
	const struct nlattr *tb[OBJECT_MAX_ATTR] = {}, *a;
	unsigned int i;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) < MNL_ARRAY_SIZE(tb))
			tb[mnl_attr_get_type(a)] = a;
	out_row_start();
	for (i = 0; i < obj->nfields; i++) {
		const struct field *f = &obj->fields[i];

		if (f->nest || (!f->head && !all) || f->kind == FK_NETDEV ||
		    f->request_only)
			continue;
		if (f->multi) {
			print_joined(f, nlh);
			continue;
		}
		if (f->print) {
			f->print(f, tb, all);
			continue;
		}
		a = tb[f->attr];
		if (a && (int)mnl_attr_get_payload_len(a) >= kind_len[f->kind] &&
		    (f->kind != FK_STR ||
		     !mnl_attr_validate(a, MNL_TYPE_NUL_STRING)))
			print_value(f, a);
		else if (f->kind == FK_FLAG)
			out_bool(false, "yes", "no");
		else
			out_skip();
	}
	out_row_end();
}

static int object_row_cb(const struct nlmsghdr *nlh, void *data)
{
	object_print_attrs(data, nlh, xswctl.json);
	return MNL_CB_OK;
}

/* The table's columns; with @all, every field (as JSON shows them). */
int object_columns(const struct object *obj, struct out_col *cols, bool all)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < obj->nfields && n < OBJECT_MAX_FIELDS; i++) {
		if (obj->fields[i].nest || (!obj->fields[i].head && !all) ||
		    obj->fields[i].kind == FK_NETDEV || obj->fields[i].request_only)
			continue;
		cols[n].key = obj->fields[i].key;
		cols[n].head = obj->fields[i].head ?: obj->fields[i].key;
		cols[n].width = obj->fields[i].width;
		n++;
	}
	if (n)
		cols[n - 1].width = 0;
	return n;
}

static int object_request(const struct object *obj, const struct command *c,
			  int argc, char **argv)
{
	static char buf[XNL_REQ_SIZE];
	const struct field *sw = object_field(obj, obj->switch_attr);
	struct request r = { .obj = obj, .c = c };
	struct out_col cols[OBJECT_MAX_FIELDS];
	struct xnl *nl;
	int err;

	snprintf(r.what, sizeof(r.what), "%s %s: ", obj->name, c->word);
	r.nlh = xnl_msg(buf, c->cmd, 0);
	if (argc) {
		if (!*argv[0] || strlen(argv[0]) >= sw->max)
			return usage_error("%sswitch name \"%s\" is not 1 to %u bytes",
					   r.what, argv[0], sw->max - 1);
		err = put_field(&r, sw, argv[0]);
		if (err)
			return err;
		/* "switch show NAME": the positional argument names it. */
		r.named = c->key && !strcmp(c->key, sw->key);
		argc--;
		argv++;
	}
	err = put_args(&r, argc, argv);
	if (err)
		return err;
	if (c->dump_cmd && !r.named)
		xnl_msg_dump(r.nlh, c->dump_cmd);
	if (c->run)
		return c->run(r.nlh);
	/* The command line is checked before talking to the kernel. */
	nl = xnl_get(obj);
	if (!nl)
		return XSWCTL_EXIT_FAILURE;
	if (c->print)
		out_table_start(cols, object_columns(obj, cols, xswctl.json));
	err = xnl_talk(nl, r.nlh, c->print ? object_row_cb : NULL, (void *)obj);
	if (c->print)
		out_table_end();
	return err ? XSWCTL_EXIT_FAILURE : 0;
}

int object_main(const struct object *obj, int argc, char **argv)
{
	/* Each command's word and alias, then help. */
	const char *words[2 * OBJECT_MAX_CMDS + 1];
	const struct command *c;
	unsigned int i, n = 0;
	char kind[32];
	int w;

	if (argc < 1) {
		fputs(obj->help, stderr);
		return XSWCTL_EXIT_USAGE;
	}
	for (i = 0; i < obj->ncmds && i < OBJECT_MAX_CMDS; i++) {
		words[n++] = obj->cmds[i].word;
		words[n++] = obj->cmds[i].alias;
	}
	words[n++] = "help";
	snprintf(kind, sizeof(kind), "%s command", obj->name);
	w = word_lookup("", argv[0], words, n, kind, obj->name);
	if (w < 0)
		return XSWCTL_EXIT_USAGE;
	if (w == (int)n - 1 ||
	    (argc > 1 && (!strcmp(argv[1], "help") ||
			  !strcmp(argv[1], "--help")))) {
		fputs(obj->help, stdout);
		return 0;
	}
	c = &obj->cmds[w / 2];
	if (argc < 2 && !c->dump_cmd)
		return usage_error("%s %s: the switch name is missing",
				   obj->name, c->word);
	return object_request(obj, c, argc - 1, argv + 1);
}
