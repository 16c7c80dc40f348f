// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl monitor: print the control steps the switches' stacks see, one
 * line (or one JSON object) per step, as the kernel publishes them.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/xswitch.h>

#include "obj.h"
#include "out.h"
#include "parse.h"
#include "xswctl.h"

static const char monitor_help[] =
	"Usage: xswctl monitor [ -t ] [ SWITCH ] [ count COUNT ]\n"
	"\n"
	"Prints each control step delivered to the extension stack of a switch\n"
	"of this network namespace (or only of SWITCH): its per-switch sequence\n"
	"number, the step, the port, NIC or property it concerns, its status (0\n"
	"or the negative errno that ended it) and the extension that vetoed it\n"
	"(or failed a save or restore); a save's and a restore's steps also\n"
	"carry the ExtensionId of the record (ext-id) and the records saved or\n"
	"restored.\n"
	"How a migration ended for a port is an event too, of op migration, with\n"
	"its outcome (migrated, untouched, put-back, left, taken-off; released:\n"
	"the kernel took off a provisional port whose socket closed) and the\n"
	"host's role (source or destination).\n"
	"With -t, each line begins with the time the step ended, in UTC to the\n"
	"nanosecond ([2026-12-01T20:15:03.123456789]), so that the output of\n"
	"monitors of two hosts merges into one order with sort(1); with -j too,\n"
	"each object ends with it instead (\"time\":\"2026-12-01T20:15:03.123456789Z\").\n"
	"Stops after COUNT events, or runs until interrupted.\n";

static const char *const ops[] = {
	[XSWITCH_OP_PORT_CREATE] = "port-create",
	[XSWITCH_OP_PORT_UPDATE] = "port-update",
	[XSWITCH_OP_PORT_TEARDOWN] = "port-teardown",
	[XSWITCH_OP_PORT_DELETE] = "port-delete",
	[XSWITCH_OP_NIC_CREATE] = "nic-create",
	[XSWITCH_OP_NIC_CONNECT] = "nic-connect",
	[XSWITCH_OP_NIC_UPDATE] = "nic-update",
	[XSWITCH_OP_NIC_DISCONNECT] = "nic-disconnect",
	[XSWITCH_OP_NIC_DELETE] = "nic-delete",
	[XSWITCH_OP_PORT_PROP_ADD] = "port-prop-add",
	[XSWITCH_OP_PORT_PROP_UPDATE] = "port-prop-update",
	[XSWITCH_OP_PORT_PROP_DELETE] = "port-prop-delete",
	[XSWITCH_OP_SWITCH_PROP_ADD] = "switch-prop-add",
	[XSWITCH_OP_SWITCH_PROP_UPDATE] = "switch-prop-update",
	[XSWITCH_OP_SWITCH_PROP_DELETE] = "switch-prop-delete",
	[XSWITCH_OP_NIC_SAVE] = "nic-save",
	[XSWITCH_OP_NIC_SAVE_COMPLETE] = "nic-save-complete",
	[XSWITCH_OP_NIC_RESTORE] = "nic-restore",
	[XSWITCH_OP_NIC_RESTORE_COMPLETE] = "nic-restore-complete",
	[XSWITCH_OP_NIC_RESTORE_UNCLAIMED] = "nic-restore-unclaimed",
	[XSWITCH_OP_MIGRATION] = "migration",
};

static const char *const outcomes[] = {
	[XSWITCH_OUTCOME_MIGRATED] = "migrated",
	[XSWITCH_OUTCOME_UNTOUCHED] = "untouched",
	[XSWITCH_OUTCOME_PUT_BACK] = "put-back",
	[XSWITCH_OUTCOME_LEFT] = "left",
	[XSWITCH_OUTCOME_TAKEN_OFF] = "taken-off",
	[XSWITCH_OUTCOME_RELEASED] = "released",
};

static const char *const roles[] = {
	[XSWITCH_ROLE_SOURCE] = "source",
	[XSWITCH_ROLE_DESTINATION] = "destination",
};

/*
 * The step's time as "2026-12-01T20:15:03.123456789" into @buf; false for
 * an event without one (or one the C library cannot render).
 */
static bool event_time(const struct nlattr *a, char *buf, size_t len)
{
	struct tm tm;
	uint64_t ns;
	time_t sec;
	size_t n;

	if (!a || mnl_attr_validate(a, MNL_TYPE_U64))
		return false;
	ns = mnl_attr_get_u64(a);
	sec = ns / 1000000000;
	if (!gmtime_r(&sec, &tm))
		return false;
	n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	return n && snprintf(buf + n, len - n, ".%09u",
			     (unsigned int)(ns % 1000000000)) < (int)(len - n);
}

/* With -j -t, the time is the object's last member ("time", UTC). */
static void event_time_print(const struct field *f,
			     const struct nlattr *const *tb, bool all)
{
	char buf[48];

	(void)all;
	if (xswctl.timestamp && xswctl.json &&
	    event_time(tb[f->attr], buf, sizeof(buf) - 1)) {
		strcat(buf, "Z");
		out_str(buf);
	} else {
		out_skip();
	}
}

static const struct field event_fields[] = {
	FIELD("seq", NULL, 0, XSWITCH_A_EVENT_SEQ, FK_U32),
	FIELD("switch", NULL, 0, XSWITCH_A_EVENT_SWITCH, FK_STR),
	FIELD("op", NULL, 0, XSWITCH_A_EVENT_OP, FK_ENUM, ENUM_NAMES(ops)),
	FIELD("port", NULL, 0, XSWITCH_A_EVENT_PORT_ID, FK_U32),
	FIELD("nic", NULL, 0, XSWITCH_A_EVENT_NIC_INDEX, FK_U16),
	FIELD("prop-type", NULL, 0, XSWITCH_A_EVENT_PROP_TYPE, FK_ENUM,
	      ENUM_NAMES(prop_type_names)),
	FIELD("instance-id", NULL, 0, XSWITCH_A_EVENT_PROP_INSTANCE_ID, FK_UUID),
	FIELD("status", NULL, 0, XSWITCH_A_EVENT_STATUS, FK_S32),
	FIELD("ext", NULL, 0, XSWITCH_A_EVENT_EXT, FK_STR),
	FIELD("ext-id", NULL, 0, XSWITCH_A_EVENT_EXT_ID, FK_UUID),
	FIELD("records", NULL, 0, XSWITCH_A_EVENT_RECORDS, FK_U32),
	FIELD("outcome", NULL, 0, XSWITCH_A_EVENT_OUTCOME, FK_ENUM,
	      ENUM_NAMES(outcomes)),
	FIELD("role", NULL, 0, XSWITCH_A_EVENT_ROLE, FK_ENUM, ENUM_NAMES(roles)),
	FIELD("time", NULL, 0, XSWITCH_A_EVENT_TIME, FK_CUSTOM,
	      .print = event_time_print),
};

static const struct object event_object = {
	.name = "monitor",
	.fields = event_fields,
	.nfields = MNL_ARRAY_SIZE(event_fields),
};

struct monitor {
	const char *sw;
	unsigned long count;
};

static bool monitor_wants(const struct monitor *m, const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;

	if (genl->cmd != XSWITCH_CMD_EVENT)
		return false;
	if (!m->sw)
		return true;
	mnl_attr_for_each(a, nlh, sizeof(*genl))
		if (mnl_attr_get_type(a) == XSWITCH_A_EVENT_SWITCH)
			return !mnl_attr_validate(a, MNL_TYPE_NUL_STRING) &&
			       !strcmp(mnl_attr_get_str(a), m->sw);
	return false;
}

/* "[2026-12-01T20:15:03.123456789] ", or "[?] " for an event without one. */
static void monitor_time(const struct nlmsghdr *nlh)
{
	const struct nlattr *a, *t = NULL;
	char buf[48];

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == XSWITCH_A_EVENT_TIME)
			t = a;
	if (event_time(t, buf, sizeof(buf)))
		printf("[%s] ", buf);
	else
		fputs("[?] ", stdout);
}

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	struct monitor *m = data;

	if (!monitor_wants(m, nlh))
		return MNL_CB_OK;
	if (xswctl.timestamp && !xswctl.json)
		monitor_time(nlh);
	object_print_attrs(&event_object, nlh, true);
	return m->count && !--m->count ? MNL_CB_STOP : MNL_CB_OK;
}

int do_monitor(int argc, char **argv)
{
	struct out_col cols[OBJECT_MAX_FIELDS];
	struct monitor m = {};
	struct xnl *nl;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "help") || !strcmp(argv[i], "--help")) {
			fputs(monitor_help, stdout);
			return 0;
		}
		if (!strcmp(argv[i], "-t")) {
			xswctl.timestamp = true;
			continue;
		}
		if (!strcmp(argv[i], "count")) {
			if (m.count)
				return usage_error("monitor: keyword \"count\" given twice");
			if (++i == argc)
				return usage_error("monitor: \"count\" needs a value");
			if (!parse_uint(argv[i], ULONG_MAX, &m.count) ||
			    !m.count)
				return usage_error("monitor: count \"%s\" is not a positive number",
						   argv[i]);
		} else if (m.sw) {
			return usage_error("monitor: unexpected argument \"%s\"",
					   argv[i]);
		} else if (!*argv[i] || strlen(argv[i]) >= XSWITCH_NAME_LEN) {
			return usage_error("monitor: switch name \"%s\" is not 1 to %d bytes",
					   argv[i], XSWITCH_NAME_LEN - 1);
		} else {
			m.sw = argv[i];
		}
	}
	nl = xnl_get(&event_object);
	if (!nl)
		return XSWCTL_EXIT_FAILURE;
	out_record_start(cols, object_columns(&event_object, cols, true));
	return xnl_listen(nl, monitor_cb, &m) ? XSWCTL_EXIT_FAILURE : 0;
}
