// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl vm save | resume: a VM's ports leave the switch with their
 * policies, NICs and run-time data in a file, and come back from it, in
 * Hyper-V's order (Documentation/save-restore.rst).
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/xswitch.h>

#include "obj.h"
#include "out.h"
#include "parse.h"
#include "save.h"
#include "vm.h"
#include "xswctl.h"

static const char vm_help[] =
	"Usage: xswctl vm save SWITCH port ID [ port ID ... ] > FILE\n"
	"       xswctl vm resume SWITCH [ validate ] < FILE\n"
	"\n"
	"vm save saves the run-time data of each connected NIC of the ports,\n"
	"writes them with the ports' parameters, policies and NICs to standard\n"
	"output, and only then takes the ports off the switch, in Hyper-V's\n"
	"order: NIC disconnect, NIC delete, port teardown, port delete. Nothing\n"
	"is taken off if a save fails or the file cannot be written.\n"
	"vm resume reads such a file whole, checks it, and puts the ports back:\n"
	"with validate, first a validation port with the policies of each (a\n"
	"veto stops it all), then each operational port, flagged restoring, its\n"
	"policies, its NICs, created and connected, and their run-time data,\n"
	"restored. The ports get new ids; the table maps old to new. If a step\n"
	"fails, what the resume made is taken off again.\n"
	"A NIC bound to a device is saved with the device's name: on resume it\n"
	"is bound to the device of that name in this namespace if there is one\n"
	"(not necessarily the same device), else it resumes unbound, with a\n"
	"warning. The internal port's NIC makes its device anew.\n";

/* What the kernel said of a port's NIC besides what the file keeps. */
static int add_nic(struct attrs_rx *rx, const struct sattrs *a,
		   const struct nlmsghdr *nlh)
{
	struct sport *p = rx->data;
	const struct nlattr *attr;
	uint16_t index = 0;
	bool connected = false;
	struct snic *n;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) == XSWITCH_A_NIC_INDEX)
			index = mnl_attr_get_u16(attr);
		if (mnl_attr_get_type(attr) == XSWITCH_A_NIC_STATE)
			connected = mnl_attr_get_u32(attr) ==
				    XSWITCH_NIC_STATE_CONNECTED;
	}
	if (p->nnics >= SAVE_NICS_MAX)
		return -1;
	n = savefile_add_nic(p, a->buf, a->len, index);
	if (!n)
		return -1;
	n->connected = connected;
	return 0;
}

static int add_prop(struct attrs_rx *rx, const struct sattrs *a,
		    const struct nlmsghdr *nlh)
{
	(void)nlh;
	return savefile_add_prop(rx->data, a->buf, a->len) ? 0 : -1;
}

static int add_port(struct attrs_rx *rx, const struct sattrs *a,
		    const struct nlmsghdr *nlh)
{
	(void)nlh;
	return savefile_add_port(rx->data, a->buf, a->len, 0) ? 0 : -1;
}

/* The run-time data of the connected NICs of @p, the port @at names. */
int vm_save_records(struct xnl *nl, struct sport *p, const struct nic_at *at)
{
	struct nic_at nat = *at;
	unsigned int i;

	for (i = 0; i < p->nnics; i++) {
		nat.index = p->nics[i].index;
		if (p->nics[i].connected &&
		    save_nic_records(nl, &nat, &p->nics[i]))
			return -1;
	}
	return 0;
}

/* A port's parameters, policies, NICs and, with @records, their run-time data. */
int vm_save_port(struct xnl *nl, struct savefile *sf, const struct nic_at *at,
		 bool records)
{
	struct attrs_rx rx = { .keep = save_port_keep, .max = XSWITCH_A_PORT_MAX,
			       .add = add_port, .data = sf };
	struct sport *p;

	if (get_attrs(nl, XSWITCH_CMD_PORT_GET, at, false, &rx))
		return -1;
	p = &sf->ports[sf->nports - 1];
	p->old_id = at->port;
	rx = (struct attrs_rx){ .keep = save_prop_keep, .max = XSWITCH_A_PROP_MAX,
				.add = add_prop, .data = p };
	if (get_attrs(nl, XSWITCH_CMD_PROP_GET, at, true, &rx))
		return -1;
	rx = (struct attrs_rx){ .keep = save_nic_keep, .max = XSWITCH_A_NIC_MAX,
				.add = add_nic, .data = p };
	if (get_attrs(nl, XSWITCH_CMD_NIC_GET, at, true, &rx))
		return -1;
	return records ? vm_save_records(nl, p, at) : 0;
}

/* A request on a port (@index < 0) or NIC, with no reply to read. */
/* A step of a port or NIC; @gate (a NIC's) as XSWITCH_A_NIC_GATE if >= 0. */
static int step_gate(struct xnl *nl, uint8_t cmd, const char *sw,
		     uint32_t port, int index, int gate, bool quiet)
{
	static char buf[XNL_REQ_SIZE];
	struct nlmsghdr *nlh = xnl_msg(buf, cmd, 0);
	int err;

	/* Switch and port are attributes 1 and 2 of port and nic. */
	if (!mnl_attr_put_strz_check(nlh, sizeof(buf), 1, sw) ||
	    !mnl_attr_put_u32_check(nlh, sizeof(buf), 2, port) ||
	    (index >= 0 && !mnl_attr_put_u16_check(nlh, sizeof(buf),
						   XSWITCH_A_NIC_INDEX, index)) ||
	    (gate >= 0 && !mnl_attr_put_u32_check(nlh, sizeof(buf),
						  XSWITCH_A_NIC_GATE, gate)))
		return -1;
	/* Rolling back, a refusal of what is already gone does not matter. */
	nl->quiet = quiet;
	err = xnl_talk(nl, nlh, NULL, NULL);
	nl->quiet = false;
	return err ? -1 : 0;
}

static int step(struct xnl *nl, uint8_t cmd, const char *sw, uint32_t port,
		int index, bool quiet)
{
	return step_gate(nl, cmd, sw, port, index, -1, quiet);
}

/* A RARP from each NIC of @p on port @id; the number that left. */
unsigned int vm_announce(struct xnl *nl, const char *sw, uint32_t id,
			 const struct sport *p)
{
	unsigned int i, sent = 0;

	nl->obj = &nic_object;
	/* A NIC with no MAC has nothing to announce: not an error here. */
	for (i = 0; i < p->nnics; i++)
		sent += !step(nl, XSWITCH_CMD_NIC_ANNOUNCE, sw, id,
			      p->nics[i].index, true);
	return sent;
}

void vm_note(struct xnl *nl, const char *sw, uint32_t id, uint32_t outcome,
	     uint32_t role)
{
	static char buf[XNL_REQ_SIZE];
	struct nlmsghdr *nlh = xnl_msg(buf, XSWITCH_CMD_MIGRATION_NOTE, 0);

	if (!mnl_attr_put_strz_check(nlh, sizeof(buf), XSWITCH_A_EVENT_SWITCH, sw) ||
	    !mnl_attr_put_u32_check(nlh, sizeof(buf), XSWITCH_A_EVENT_PORT_ID, id) ||
	    !mnl_attr_put_u32_check(nlh, sizeof(buf), XSWITCH_A_EVENT_OUTCOME, outcome) ||
	    !mnl_attr_put_u32_check(nlh, sizeof(buf), XSWITCH_A_EVENT_ROLE, role))
		return;
	/*
	 * Only a listener misses it, and the migration's end stands: not
	 * worth a word on stderr (a module without migration-note refuses
	 * each with EOPNOTSUPP).  No object to name its attributes.
	 */
	nl->obj = NULL;
	nl->quiet = true;
	xnl_talk(nl, nlh, NULL, NULL);
	nl->quiet = false;
}

/* Takes a port off in Hyper-V's order, its NICs first. */
int vm_take_off(struct xnl *nl, const char *sw, uint32_t port,
		const struct sport *p, bool quiet)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < p->nnics; i++) {
		if (p->nics[i].connected || quiet)
			err |= step(nl, XSWITCH_CMD_NIC_DISCONNECT, sw, port,
				    p->nics[i].index, quiet) && !quiet;
		err |= step(nl, XSWITCH_CMD_NIC_DEL, sw, port, p->nics[i].index,
			    quiet) && !quiet;
	}
	err |= step(nl, XSWITCH_CMD_PORT_TEARDOWN, sw, port, -1, quiet) && !quiet;
	err |= step(nl, XSWITCH_CMD_PORT_DEL, sw, port, -1, quiet) && !quiet;
	return err ? -1 : 0;
}

static int vm_save(int argc, char **argv)
{
	struct savefile sf = { .kind = SAVE_KIND_VM };
	unsigned long ids[SAVE_PORTS_MAX], records = 0;
	struct nic_at at = { .sw = argv[0] };
	unsigned int n = 0, i, j;
	struct xnl *nl;
	int err = XSWCTL_EXIT_FAILURE;

	for (i = 1; i < (unsigned int)argc; i += 2) {
		if (strcmp(argv[i], "port") || i + 1 == (unsigned int)argc)
			return usage_error("vm save: want \"port ID\", not \"%s\"",
					   argv[i]);
		if (n == SAVE_PORTS_MAX)
			return usage_error("vm save: more than %d ports",
					   SAVE_PORTS_MAX);
		if (!parse_uint(argv[i + 1], UINT32_MAX, &ids[n]) || !ids[n])
			return usage_error("vm save: port \"%s\" is not %s", argv[i + 1],
					   "a number from 1 to 4294967295");
		for (j = 0; j < n; j++)
			if (ids[j] == ids[n])
				return usage_error("vm save: port %lu given twice",
						   ids[n]);
		n++;
	}
	if (!n)
		return usage_error("vm save: no port given");
	if (isatty(STDOUT_FILENO))
		return usage_error("vm save: the saved data is binary: redirect it to a file");
	nl = xnl_get(&port_object);
	if (!nl)
		return XSWCTL_EXIT_FAILURE;
	/* Everything is saved, then written, before anything is taken off. */
	for (i = 0; i < n; i++) {
		at.port = ids[i];
		if (vm_save_port(nl, &sf, &at, true))
			goto out;
	}
	if (savefile_write(&sf, stdout)) {
		fprintf(stderr, "xswctl: vm save: writing the file: %s; nothing was taken off\n",
			strerror(errno));
		goto out;
	}
	err = 0;
	for (i = 0; i < n; i++) {
		for (j = 0; j < sf.ports[i].nnics; j++)
			records += sf.ports[i].nics[j].nrecs;
		if (vm_take_off(nl, at.sw, ids[i], &sf.ports[i], false))
			err = XSWCTL_EXIT_FAILURE;
	}
	fprintf(stderr, "vm save: %u ports, %lu records saved and taken off\n", n,
		records);
out:
	savefile_free(&sf);
	return err;
}

static int new_port_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == XSWITCH_A_PORT_ID)
			*(uint32_t *)data = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

/* Appends the attributes of @a whose types @allow marks. */
static int put_saved(struct nlmsghdr *nlh, size_t size, const struct sattrs *a,
		     const uint8_t *allow, int max)
{
	const struct nlattr *attr;
	size_t off = 0;
	int t;

	while (off + MNL_ATTR_HDRLEN <= a->len) {
		attr = (const struct nlattr *)(a->buf + off);
		t = mnl_attr_get_type(attr);
		/* A nest keeps its NLA_F_NESTED: strict policies want it. */
		if (t <= max && allow[t] &&
		    !mnl_attr_put_check(nlh, size, attr->nla_type & ~NLA_F_NET_BYTEORDER,
					mnl_attr_get_payload_len(attr),
					mnl_attr_get_payload(attr)))
			return -1;
		off += MNL_ALIGN(attr->nla_len);
	}
	return 0;
}

static const uint8_t port_new_allow[XSWITCH_A_PORT_MAX + 1] = {
	[XSWITCH_A_PORT_NAME] = 1, [XSWITCH_A_PORT_FRIENDLY_NAME] = 1,
	[XSWITCH_A_PORT_TYPE] = 1,
};

/* A new port of @p's parameters: validation, or operational restoring. */
int vm_new_port(struct xnl *nl, const char *sw, const struct sport *p,
		unsigned int flags, uint32_t *id)
{
	bool validation = flags & VM_PORT_VALIDATION;
	static char buf[XNL_REQ_SIZE];
	struct nlmsghdr *nlh = xnl_msg(buf, XSWITCH_CMD_PORT_NEW, 0);

	if (!mnl_attr_put_strz_check(nlh, sizeof(buf), XSWITCH_A_PORT_SWITCH, sw) ||
	    put_saved(nlh, sizeof(buf), &p->attrs, port_new_allow,
		      XSWITCH_A_PORT_MAX) ||
	    !mnl_attr_put_check(nlh, sizeof(buf), validation ?
				XSWITCH_A_PORT_VALIDATION : XSWITCH_A_PORT_RESTORING,
				0, NULL) ||
	    ((flags & VM_PORT_PROVISIONAL) &&
	     !mnl_attr_put_check(nlh, sizeof(buf), XSWITCH_A_PORT_PROVISIONAL,
				 0, NULL)))
		return -1;
	*id = 0;
	nl->obj = &port_object;
	return xnl_talk(nl, nlh, new_port_cb, id) || !*id ? -1 : 0;
}

struct keep_cursor {
	const char *sw;
	const uint32_t *ids;
	unsigned int n, next;
};

static int keep_put(struct nlmsghdr *nlh, void *data)
{
	struct keep_cursor *c = data;

	if (c->next == c->n)
		return 1;
	if (!mnl_attr_put_strz_check(nlh, XNL_REQ_SIZE, XSWITCH_A_PORT_SWITCH, c->sw) ||
	    !mnl_attr_put_u32_check(nlh, XNL_REQ_SIZE, XSWITCH_A_PORT_ID,
				    c->ids[c->next]) ||
	    !mnl_attr_put_check(nlh, XNL_REQ_SIZE, XSWITCH_A_PORT_KEEP, 0, NULL))
		return -1;
	c->next++;
	return 0;
}

/*
 * One sendmsg() for all: the kernel takes a call's requests to the end
 * even when the process is killed meanwhile, so a VM's ports are kept
 * together or not at all.
 */
int vm_keep_ports(struct xnl *nl, const char *sw, const uint32_t *ids,
		  unsigned int n)
{
	struct keep_cursor c = { .sw = sw, .ids = ids, .n = n };

	nl->obj = &port_object;
	return xnl_batch_talk(nl, XSWITCH_CMD_PORT_SET, keep_put, &c) ? -1 : 0;
}

/* The port's policies, as they were, onto port @id. */
int vm_add_props(struct xnl *nl, const char *sw, uint32_t id,
		 const struct sport *p)
{
	static char buf[XNL_REQ_SIZE];
	struct nlmsghdr *nlh;
	unsigned int i;

	nl->obj = &prop_object;
	for (i = 0; i < p->nprops; i++) {
		nlh = xnl_msg(buf, XSWITCH_CMD_PROP_ADD, 0);
		if (!mnl_attr_put_strz_check(nlh, sizeof(buf), XSWITCH_A_PROP_SWITCH, sw) ||
		    !mnl_attr_put_u32_check(nlh, sizeof(buf), XSWITCH_A_PROP_PORT_ID, id) ||
		    put_saved(nlh, sizeof(buf), &p->props[i], save_prop_keep,
			      XSWITCH_A_PROP_MAX) ||
		    xnl_talk(nl, nlh, NULL, NULL))
			return -1;
	}
	return 0;
}

/* The saved port's type, 0 if the file has none. */
static uint32_t port_type(const struct sport *p)
{
	const struct nlattr *type = sattrs_get(&p->attrs, XSWITCH_A_PORT_TYPE);

	return type ? mnl_attr_get_u32(type) : 0;
}

static bool port_is_vm(const struct sport *p)
{
	return port_type(p) == XSWITCH_PORT_TYPE_SYNTHETIC ||
	       port_type(p) == XSWITCH_PORT_TYPE_EMULATED;
}

/*
 * The device a NIC was saved bound to, by its name: the internal port's
 * NIC makes it anew; another NIC is bound to the device of that name here,
 * which need not be the one it was saved from, or if there is none stays
 * unbound, with a warning.  1 if the NIC gets a device, 0 if not, -1 if
 * the request is full.
 */
static int put_device(struct nlmsghdr *nlh, size_t size, const struct sport *p,
		      const struct snic *n, uint32_t id)
{
	const struct nlattr *dev = sattrs_get(&n->attrs, XSWITCH_A_NIC_IFNAME);
	unsigned int ifindex;
	const char *name;

	if (!dev)
		return 0;
	name = mnl_attr_get_str(dev);
	if (port_type(p) == XSWITCH_PORT_TYPE_INTERNAL)
		return mnl_attr_put_strz_check(nlh, size, XSWITCH_A_NIC_IFNAME,
					       name) ? 1 : -1;
	ifindex = if_nametoindex(name);
	if (!ifindex) {
		fprintf(stderr, "xswctl: vm resume: port %u index %u: no device \"%s\": %s\n",
			id, n->index, name, "the NIC resumes unbound");
		return 0;
	}
	return mnl_attr_put_u32_check(nlh, size, XSWITCH_A_NIC_IFINDEX,
				      ifindex) ? 1 : -1;
}

/*
 * What nic-new takes again of a saved NIC: all the file keeps but the
 * device (put_device() binds it), the VM fields on a port that is not a
 * VM's (replies carry them, empty, and nic-new refuses them there), and
 * what a NIC that gets a device takes from it: its MTU, and on the
 * external and internal ports its MACs.
 */
static void nic_new_allow(uint8_t *allow, const struct sport *p, bool bound)
{
	bool vm = port_is_vm(p);

	memcpy(allow, save_nic_keep, sizeof(save_nic_keep));
	allow[XSWITCH_A_NIC_IFNAME] = 0;
	if (!vm) {
		allow[XSWITCH_A_NIC_VM_MAC] = 0;
		allow[XSWITCH_A_NIC_VM_NAME] = 0;
		allow[XSWITCH_A_NIC_VM_FRIENDLY_NAME] = 0;
	}
	if (bound)
		allow[XSWITCH_A_NIC_MTU] = 0;
	if (bound && !vm) {
		allow[XSWITCH_A_NIC_PERMANENT_MAC] = 0;
		allow[XSWITCH_A_NIC_CURRENT_MAC] = 0;
	}
}

/* NIC create and connect of NIC @n of @p onto port @id, @gate if >= 0. */
static int vm_add_nic(struct xnl *nl, const char *sw, uint32_t id,
		      const struct sport *p, const struct snic *n, int gate)
{
	static char buf[XNL_REQ_SIZE];
	uint8_t allow[XSWITCH_A_NIC_MAX + 1];
	struct nlmsghdr *nlh;
	int bound;

	nlh = xnl_msg(buf, XSWITCH_CMD_NIC_NEW, 0);
	nl->obj = &nic_object;
	if (!mnl_attr_put_strz_check(nlh, sizeof(buf), XSWITCH_A_NIC_SWITCH, sw) ||
	    !mnl_attr_put_u32_check(nlh, sizeof(buf), XSWITCH_A_NIC_PORT_ID, id))
		return -1;
	bound = put_device(nlh, sizeof(buf), p, n, id);
	if (bound < 0)
		return -1;
	nic_new_allow(allow, p, bound);
	if (put_saved(nlh, sizeof(buf), &n->attrs, allow, XSWITCH_A_NIC_MAX) ||
	    xnl_talk(nl, nlh, NULL, NULL) ||
	    step_gate(nl, XSWITCH_CMD_NIC_CONNECT, sw, id, n->index, gate, false))
		return -1;
	return 0;
}

static int vm_restore_nic(struct xnl *nl, const char *sw, uint32_t id,
			  const struct snic *n, struct resumed *r)
{
	struct nic_at at = { .sw = sw, .port = id, .index = n->index };
	uint32_t restored, unclaimed;

	r->records += n->nrecs;
	if (!n->nrecs)
		return 0;
	if (restore_nic_records(nl, &at, n, &restored, &unclaimed))
		return -1;
	r->restored += restored;
	r->unclaimed += unclaimed;
	return 0;
}

/* The port's NICs, created, connected and restored, onto port @id. */
int vm_add_nics(struct xnl *nl, const char *sw, uint32_t id,
		const struct sport *p, struct resumed *r)
{
	unsigned int i;

	for (i = 0; i < p->nnics; i++)
		if (vm_add_nic(nl, sw, id, p, &p->nics[i], -1) ||
		    vm_restore_nic(nl, sw, id, &p->nics[i], r))
			return -1;
	return 0;
}

int vm_add_nics_gated(struct xnl *nl, const char *sw, uint32_t id,
		      const struct sport *p)
{
	unsigned int i;

	for (i = 0; i < p->nnics; i++)
		if (vm_add_nic(nl, sw, id, p, &p->nics[i], XSWITCH_NIC_GATE_SHUT))
			return -1;
	return 0;
}

int vm_restore_gated(struct xnl *nl, const char *sw, uint32_t id,
		     const struct sport *p, struct resumed *r)
{
	unsigned int i;

	for (i = 0; i < p->nnics; i++)
		if (vm_restore_nic(nl, sw, id, &p->nics[i], r) ||
		    step_gate(nl, XSWITCH_CMD_NIC_GATE, sw, id, p->nics[i].index,
			      XSWITCH_NIC_GATE_FIRST_FRAME, false))
			return -1;
	return 0;
}

/* Validation ports with each port's policies; each taken off again. */
int vm_validate(struct xnl *nl, const char *sw, const struct savefile *sf,
		unsigned int flags)
{
	const struct sport none = {};
	unsigned int i;
	uint32_t id;
	int err;

	for (i = 0; i < sf->nports; i++) {
		if (vm_new_port(nl, sw, &sf->ports[i], flags | VM_PORT_VALIDATION, &id))
			return -1;
		err = vm_add_props(nl, sw, id, &sf->ports[i]);
		vm_take_off(nl, sw, id, &none, !!err);
		if (err)
			return -1;
	}
	return 0;
}

static void vm_print(const struct savefile *sf, const struct resumed *r)
{
	static const struct out_col cols[] = {
		{ "old-port", "OLD-PORT", 9 }, { "port", "PORT", 6 },
		{ "nics", "NICS", 5 }, { "records", "RECORDS", 8 },
		{ "restored", "RESTORED", 9 }, { "unclaimed", "UNCLAIMED", 0 },
	};
	unsigned int i;

	out_table_start(cols, MNL_ARRAY_SIZE(cols));
	for (i = 0; i < sf->nports; i++) {
		out_row_start();
		out_uint(sf->ports[i].old_id);
		out_uint(r[i].id);
		out_uint(sf->ports[i].nnics);
		out_uint(r[i].records);
		out_uint(r[i].restored);
		out_uint(r[i].unclaimed);
		out_row_end();
	}
	out_table_end();
}

static int vm_resume(int argc, char **argv)
{
	const char *sw = argv[0];
	struct resumed *r = NULL;
	bool validate = false;
	struct savefile sf;
	unsigned int i;
	struct xnl *nl;
	int err = XSWCTL_EXIT_FAILURE;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "validate")))
		return usage_error("vm resume: unexpected argument \"%s\"",
				   argv[argc - 1]);
	validate = argc == 2;
	err = read_saved(&sf, "vm resume");
	if (err)
		return err;
	err = XSWCTL_EXIT_FAILURE;
	if (sf.kind != SAVE_KIND_VM) {
		fprintf(stderr, "xswctl: vm resume: %s\n",
			"the file holds one NIC's data (use nic restore)");
		goto out;
	}
	r = calloc(sf.nports ?: 1, sizeof(*r));
	nl = r ? xnl_get(&port_object) : NULL;
	if (!nl || (validate && vm_validate(nl, sw, &sf, 0)))
		goto out;
	for (i = 0; i < sf.nports; i++) {
		if (vm_new_port(nl, sw, &sf.ports[i], 0, &r[i].id))
			break;
		r[i].made = true;
		if (vm_add_props(nl, sw, r[i].id, &sf.ports[i]) ||
		    vm_add_nics(nl, sw, r[i].id, &sf.ports[i], &r[i]))
			break;
	}
	if (i == sf.nports) {
		vm_print(&sf, r);
		err = 0;
		goto out;
	}
	/* Back out of what this resume made, newest first. */
	while (i + 1 > 0) {
		if (r[i].made)
			vm_take_off(nl, sw, r[i].id, &sf.ports[i], true);
		i--;
	}
	fprintf(stderr, "xswctl: vm resume: the ports it had made are taken off again\n");
out:
	free(r);
	savefile_free(&sf);
	return err;
}

int do_vm(int argc, char **argv)
{
	static const char *const words[] = { "save", "resume", "help" };
	int w;

	if (argc < 1) {
		fputs(vm_help, stderr);
		return XSWCTL_EXIT_USAGE;
	}
	w = word_lookup("", argv[0], words, MNL_ARRAY_SIZE(words), "vm command",
			"vm");
	if (w < 0)
		return XSWCTL_EXIT_USAGE;
	if (w == 2 || (argc > 1 && !strcmp(argv[1], "help"))) {
		fputs(vm_help, stdout);
		return 0;
	}
	if (argc < 2)
		return usage_error("vm %s: the switch name is missing", words[w]);
	if (!*argv[1] || strlen(argv[1]) >= XSWITCH_NAME_LEN)
		return usage_error("vm %s: switch name \"%s\" is not 1 to %d bytes",
				   words[w], argv[1], XSWITCH_NAME_LEN - 1);
	return w ? vm_resume(argc - 1, argv + 1) : vm_save(argc - 1, argv + 1);
}
