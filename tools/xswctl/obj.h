/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_OBJ_H
#define XSWCTL_OBJ_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/xswitch.h>

#include "nl.h"

/*
 * Every object (switch, port, NIC, property, extension ...) is described
 * once, as a table of its netlink attributes.  The same table parses the
 * command line into a request, names a missing attribute in the kernel's
 * error, and prints the replies as a table or as JSON.
 */
enum field_kind {
	FK_U8,
	FK_U16,
	FK_U32,
	FK_S32,
	FK_STR,
	FK_FLAG,
	FK_BOOL,	/* u8 written "on" or "off" */
	FK_ENUM,	/* u32 written by name */
	FK_MAC,
	FK_UUID,
	FK_HEX,		/* binary written as hex digits */
	/*
	 * u32 written as a network device's name, sent as its ifindex in the
	 * namespace xswctl runs in; never printed (replies carry the ifindex
	 * and the name in fields of their own).
	 */
	FK_NETDEV,
	FK_ONOFF,	/* a flag written "on" (sent) or "off" (not sent) */
	FK_CUSTOM,	/* written by @put, printed by @print */
};

struct nlattr;
struct nlmsghdr;

struct field {
	const char *key;	/* command-line keyword and JSON key */
	const char *head;	/* table heading, NULL if not a column */
	int width;		/* table column width */
	uint16_t attr;
	enum field_kind kind;
	const char *const *names;	/* FK_ENUM: names by value */
	unsigned int nnames;
	/*
	 * FK_STR, FK_NETDEV: the size of the kernel's buffer, the NUL
	 * included (as the uAPI's *_LEN, IFNAMSIZ); FK_HEX: the most bytes.
	 * Needed by every field a command writes.
	 */
	unsigned int max;
	/* Number kinds: the largest value, if less than the kind holds. */
	unsigned long most;
	/* FK_HEX: the kernel may send the value in several attributes */
	bool multi;
	/* A request's word only: no reply carries it (port set ... keep). */
	bool request_only;
	/*
	 * The nest the attribute goes in, 0 for none: the fields of one nest
	 * that a command line gives are written into it together, after the
	 * other fields.
	 */
	uint16_t nest;
	/*
	 * FK_CUSTOM: writes the attribute from the words after the keyword
	 * (@argc of them at @argv, within XNL_REQ_SIZE), after the usage
	 * prefix @what; returns how many words it took, or -1 after a usage
	 * error.  @max is the most its payload takes.
	 */
	int (*put)(const struct field *f, struct nlmsghdr *nlh,
		   const char *what, int argc, char **argv);
	/*
	 * Prints the field from a reply's attributes, @tb by type, instead
	 * of the printer of its kind; @all as for object_print_attrs().
	 */
	void (*print)(const struct field *f, const struct nlattr *const *tb,
		      bool all);
};

#define FIELD(k, h, w, a, t, ...) \
	{ .key = (k), .head = (h), .width = (w), .attr = (a), .kind = (t), \
	  __VA_ARGS__ }
#define ENUM_NAMES(a) .names = (a), .nnames = sizeof(a) / sizeof((a)[0])

struct command {
	const char *word;	/* "add", "del" ... */
	const char *alias;	/* or NULL; starts unlike @word */
	uint8_t cmd;		/* request for a single object */
	uint8_t dump_cmd;	/* without @key: dump with this request */
	const char *key;	/* the keyword that names one object */
	const char *args;	/* keywords allowed, space separated */
	bool print;		/* print the reply */
	/*
	 * Instead of sending the request the command line built (a dump
	 * already, when @dump_cmd is set and @key absent), run this.
	 */
	int (*run)(const struct nlmsghdr *args);
	/*
	 * Completes the request the command line built, before it is sent
	 * (after the usage prefix @what): 0, or a usage error.
	 */
	int (*finish)(struct nlmsghdr *nlh, const char *what);
};

struct object {
	const char *name;		/* "port" */
	const char *help;
	uint16_t switch_attr;		/* the positional SWITCH (or NAME) */
	const struct field *fields;
	unsigned int nfields;
	const struct command *cmds;
	unsigned int ncmds;
};

/* At most 32: the engine keeps a field's keyword as a bit. */
#define OBJECT_MAX_FIELDS 20
/* The attribute types of a reply the printers see. */
#define OBJECT_MAX_ATTR 64
#define OBJECT_MAX_CMDS 12

struct out_col;
int object_columns(const struct object *obj, struct out_col *cols, bool all);
int object_main(const struct object *obj, int argc, char **argv);

const struct field *object_field(const struct object *obj, uint16_t attr);
const struct field *object_field_by_key(const struct object *obj,
					const char *key);
size_t field_max_payload(const struct field *f);
void object_print_attrs(const struct object *obj, const struct nlmsghdr *nlh,
			bool all);

/* Names of the property types, shared by prop and monitor. */
extern const char *const prop_type_names[XSWITCH_PROP_TYPE_ROUTING_DOMAIN + 1];

extern const struct object switch_object, port_object, nic_object,
	prop_object, feature_object, ext_object;

#endif
