// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl nic save | nic restore: a NIC's run-time data to and from a file,
 * and the netlink exchanges that vm.c uses as well.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/xswitch.h>

#include "obj.h"
#include "save.h"
#include "xswctl.h"

/* Names the record attributes in the kernel's errors. */
static const struct field record_fields[] = {
	FIELD("switch", NULL, 0, XSWITCH_A_RECORD_SWITCH, FK_STR,
	      .max = XSWITCH_NAME_LEN),
	FIELD("port", NULL, 0, XSWITCH_A_RECORD_PORT_ID, FK_U32),
	FIELD("index", NULL, 0, XSWITCH_A_RECORD_INDEX, FK_U16),
	FIELD("record", NULL, 0, XSWITCH_A_RECORD_RECORD, FK_U32),
	FIELD("offset", NULL, 0, XSWITCH_A_RECORD_OFFSET, FK_U32),
	FIELD("size", NULL, 0, XSWITCH_A_RECORD_SIZE, FK_U32),
	FIELD("ext-id", NULL, 0, XSWITCH_A_RECORD_EXT_ID, FK_UUID),
	FIELD("feature-class", NULL, 0, XSWITCH_A_RECORD_FEATURE_CLASS, FK_UUID),
	FIELD("name", NULL, 0, XSWITCH_A_RECORD_NAME, FK_STR,
	      .max = XSWITCH_LONG_NAME_LEN),
	FIELD("data", NULL, 0, XSWITCH_A_RECORD_DATA, FK_HEX,
	      .max = SAVE_CHUNK),
};

static const struct object record_object = {
	.name = "record",
	.fields = record_fields,
	.nfields = MNL_ARRAY_SIZE(record_fields),
};

int copy_attrs(const struct nlmsghdr *nlh, const uint8_t *keep, int max,
	       struct sattrs *a)
{
	const struct nlattr *attr;
	size_t len = 0;
	int t;

	a->buf = malloc(mnl_nlmsg_get_payload_len(nlh) + 1);
	if (!a->buf)
		return -1;
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		t = mnl_attr_get_type(attr);
		if (t > max || !keep[t])
			continue;
		memcpy(a->buf + len, attr, MNL_ALIGN(attr->nla_len));
		len += MNL_ALIGN(attr->nla_len);
	}
	a->len = len;
	return 0;
}

/* Puts the attributes that name the NIC into a record request. */
static int put_nic_at(struct nlmsghdr *nlh, size_t size, const struct nic_at *at)
{
	return !mnl_attr_put_strz_check(nlh, size, XSWITCH_A_RECORD_SWITCH, at->sw) ||
	       !mnl_attr_put_u32_check(nlh, size, XSWITCH_A_RECORD_PORT_ID, at->port) ||
	       !mnl_attr_put_u16_check(nlh, size, XSWITCH_A_RECORD_INDEX, at->index);
}

/* A save's dump, as it is put back together. */
struct save_rx {
	struct snic *n;
	struct srec *r;		/* the record being received */
	uint32_t have;
	int bad;
};

struct piece {
	const struct nlattr *a[XSWITCH_A_RECORD_MAX + 1];
};

static int piece_attr(const struct nlattr *attr, void *data)
{
	struct piece *p = data;
	int t = mnl_attr_get_type(attr);

	if (t <= XSWITCH_A_RECORD_MAX)
		p->a[t] = attr;
	return MNL_CB_OK;
}

/* The first piece of a record: its ids, name and size. */
static int save_rx_begin(struct save_rx *rx, const struct piece *p,
			 uint32_t size)
{
	struct srec *r;

	if (!p->a[XSWITCH_A_RECORD_EXT_ID] ||
	    mnl_attr_get_payload_len(p->a[XSWITCH_A_RECORD_EXT_ID]) != 16 ||
	    size > SAVE_RECORD_MAX || size > SAVE_BYTES_MAX - rx->n->bytes ||
	    rx->n->nrecs >= SAVE_RECORDS_MAX)
		return -1;
	r = savefile_add_rec(rx->n);
	if (!r)
		return -1;
	r->data = malloc(size ?: 1);
	if (!r->data) {
		rx->n->nrecs--;
		return -1;
	}
	r->len = size;
	memcpy(r->ext_id, mnl_attr_get_payload(p->a[XSWITCH_A_RECORD_EXT_ID]), 16);
	if (p->a[XSWITCH_A_RECORD_FEATURE_CLASS] &&
	    mnl_attr_get_payload_len(p->a[XSWITCH_A_RECORD_FEATURE_CLASS]) == 16)
		memcpy(r->feature_class,
		       mnl_attr_get_payload(p->a[XSWITCH_A_RECORD_FEATURE_CLASS]), 16);
	if (p->a[XSWITCH_A_RECORD_NAME] &&
	    !mnl_attr_validate(p->a[XSWITCH_A_RECORD_NAME], MNL_TYPE_NUL_STRING))
		snprintf(r->name, sizeof(r->name), "%s",
			 mnl_attr_get_str(p->a[XSWITCH_A_RECORD_NAME]));
	rx->n->bytes += size;
	rx->r = r;
	rx->have = 0;
	return 0;
}

/* Each piece must be the one that follows: the kernel's word is checked. */
static int save_rx_cb(const struct nlmsghdr *nlh, void *data)
{
	struct save_rx *rx = data;
	struct piece p = {};
	uint32_t idx, off, size, len;

	mnl_attr_parse(nlh, GENL_HDRLEN, piece_attr, &p);
	if (!p.a[XSWITCH_A_RECORD_RECORD] || !p.a[XSWITCH_A_RECORD_OFFSET] ||
	    !p.a[XSWITCH_A_RECORD_SIZE] || !p.a[XSWITCH_A_RECORD_DATA])
		goto bad;
	idx = mnl_attr_get_u32(p.a[XSWITCH_A_RECORD_RECORD]);
	off = mnl_attr_get_u32(p.a[XSWITCH_A_RECORD_OFFSET]);
	size = mnl_attr_get_u32(p.a[XSWITCH_A_RECORD_SIZE]);
	len = mnl_attr_get_payload_len(p.a[XSWITCH_A_RECORD_DATA]);
	if (!off && (idx != rx->n->nrecs || (rx->r && rx->have < rx->r->len) ||
		     save_rx_begin(rx, &p, size)))
		goto bad;
	if (!rx->r || idx != rx->n->nrecs - 1 || off != rx->have ||
	    size != rx->r->len || len > size - off)
		goto bad;
	memcpy(rx->r->data + off, mnl_attr_get_payload(p.a[XSWITCH_A_RECORD_DATA]),
	       len);
	rx->have += len;
	return MNL_CB_OK;
bad:
	rx->bad = 1;
	return MNL_CB_ERROR;
}

int save_nic_records(struct xnl *nl, const struct nic_at *at, struct snic *n)
{
	static char buf[XNL_REQ_SIZE];
	struct save_rx rx = { .n = n };
	struct nlmsghdr *nlh;
	int err;

	nlh = xnl_msg(buf, XSWITCH_CMD_NIC_SAVE, NLM_F_DUMP);
	if (put_nic_at(nlh, sizeof(buf), at))
		return -1;
	nl->obj = &record_object;
	err = xnl_talk(nl, nlh, save_rx_cb, &rx);
	if (!err && rx.r && rx.have < rx.r->len)
		rx.bad = 1;
	if (rx.bad) {
		fprintf(stderr, "xswctl: %s of port %u index %u came back malformed\n",
			"the kernel's save", at->port, at->index);
		return -1;
	}
	return err ? -1 : 0;
}

/* Where a restore's pieces are: the next one is record @rec from @off. */
struct restore_cursor {
	const struct nic_at *at;
	const struct snic *n;
	uint32_t rec, off;
};

/* The next piece as a restore request: 0, 1 after the last, or -1. */
static int restore_put(struct nlmsghdr *nlh, void *data)
{
	struct restore_cursor *c = data;
	uint32_t off = c->off, len;
	size_t size = XNL_REQ_SIZE;
	const struct srec *r;

	if (c->rec == c->n->nrecs)
		return 1;
	r = &c->n->recs[c->rec];
	len = r->len - off < SAVE_CHUNK ? r->len - off : SAVE_CHUNK;
	if (put_nic_at(nlh, size, c->at) ||
	    !mnl_attr_put_u32_check(nlh, size, XSWITCH_A_RECORD_RECORD, c->rec) ||
	    !mnl_attr_put_u32_check(nlh, size, XSWITCH_A_RECORD_OFFSET, off) ||
	    !mnl_attr_put_u32_check(nlh, size, XSWITCH_A_RECORD_SIZE, r->len) ||
	    (!off &&
	     (!mnl_attr_put_check(nlh, size, XSWITCH_A_RECORD_EXT_ID, 16, r->ext_id) ||
	      !mnl_attr_put_check(nlh, size, XSWITCH_A_RECORD_FEATURE_CLASS, 16,
				  r->feature_class) ||
	      !mnl_attr_put_strz_check(nlh, size, XSWITCH_A_RECORD_NAME, r->name))) ||
	    !mnl_attr_put_check(nlh, size, XSWITCH_A_RECORD_DATA, len, r->data + off))
		return -1;
	/* A record of no bytes is one piece too. */
	c->off += SAVE_CHUNK;
	if (c->off >= r->len) {
		c->rec++;
		c->off = 0;
	}
	return 0;
}

struct restore_result {
	uint32_t restored;
	uint32_t unclaimed;
};

static int restore_result_cb(const struct nlmsghdr *nlh, void *data)
{
	struct restore_result *res = data;
	struct piece p = {};

	mnl_attr_parse(nlh, GENL_HDRLEN, piece_attr, &p);
	if (p.a[XSWITCH_A_RECORD_RESTORED])
		res->restored = mnl_attr_get_u32(p.a[XSWITCH_A_RECORD_RESTORED]);
	if (p.a[XSWITCH_A_RECORD_UNCLAIMED])
		res->unclaimed = mnl_attr_get_u32(p.a[XSWITCH_A_RECORD_UNCLAIMED]);
	return MNL_CB_OK;
}

int restore_nic_records(struct xnl *nl, const struct nic_at *at,
			const struct snic *n, uint32_t *restored,
			uint32_t *unclaimed)
{
	static char buf[XNL_REQ_SIZE];
	struct restore_cursor c = { .at = at, .n = n };
	struct restore_result res = {};
	struct nlmsghdr *nlh;

	/*
	 * No record, no restore: the kernel begins one with record 0, and
	 * refuses to complete one that never began.
	 */
	*restored = 0;
	*unclaimed = 0;
	if (!n->nrecs)
		return 0;
	/* The pieces in batches: one round trip per batch, not per piece. */
	nl->obj = &record_object;
	if (xnl_batch_talk(nl, XSWITCH_CMD_NIC_RESTORE, restore_put, &c))
		return -1;
	nlh = xnl_msg(buf, XSWITCH_CMD_NIC_RESTORE_COMPLETE, 0);
	if (put_nic_at(nlh, sizeof(buf), at))
		return -1;
	nl->obj = &record_object;
	if (xnl_talk(nl, nlh, restore_result_cb, &res))
		return -1;
	*restored = res.restored;
	*unclaimed = res.unclaimed;
	return 0;
}

/* The NIC the engine's request names (index 0 when none is given). */
static void nic_at_args(const struct nlmsghdr *args, struct nic_at *at)
{
	const struct nlattr *a;

	memset(at, 0, sizeof(*at));
	mnl_attr_for_each(a, args, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case XSWITCH_A_NIC_SWITCH:
			at->sw = mnl_attr_get_str(a);
			break;
		case XSWITCH_A_NIC_PORT_ID:
			at->port = mnl_attr_get_u32(a);
			break;
		case XSWITCH_A_NIC_INDEX:
			at->index = mnl_attr_get_u16(a);
			break;
		}
	}
}

/* What a file keeps of a port, of a NIC and of a property. */
const uint8_t save_port_keep[XSWITCH_A_PORT_MAX + 1] = {
	[XSWITCH_A_PORT_ID] = 1, [XSWITCH_A_PORT_NAME] = 1,
	[XSWITCH_A_PORT_FRIENDLY_NAME] = 1, [XSWITCH_A_PORT_TYPE] = 1,
};

const uint8_t save_nic_keep[XSWITCH_A_NIC_MAX + 1] = {
	[XSWITCH_A_NIC_INDEX] = 1, [XSWITCH_A_NIC_NAME] = 1,
	[XSWITCH_A_NIC_FRIENDLY_NAME] = 1, [XSWITCH_A_NIC_MTU] = 1,
	[XSWITCH_A_NIC_PERMANENT_MAC] = 1, [XSWITCH_A_NIC_VM_MAC] = 1,
	[XSWITCH_A_NIC_CURRENT_MAC] = 1, [XSWITCH_A_NIC_VM_NAME] = 1,
	[XSWITCH_A_NIC_VM_FRIENDLY_NAME] = 1,
	/* Not the ifindex, which may name another device by the resume. */
	[XSWITCH_A_NIC_IFNAME] = 1,
};

const uint8_t save_prop_keep[XSWITCH_A_PROP_MAX + 1] = {
	[XSWITCH_A_PROP_TYPE] = 1, [XSWITCH_A_PROP_ID] = 1,
	[XSWITCH_A_PROP_VERSION] = 1, [XSWITCH_A_PROP_INSTANCE_ID] = 1,
	[XSWITCH_A_PROP_DATA] = 1, [XSWITCH_A_PROP_SECURITY] = 1,
	[XSWITCH_A_PROP_VLAN] = 1,
};

static int attrs_rx_cb(const struct nlmsghdr *nlh, void *data)
{
	struct attrs_rx *rx = data;
	struct sattrs a;

	if (copy_attrs(nlh, rx->keep, rx->max, &a)) {
		rx->err = -1;
		return MNL_CB_ERROR;
	}
	rx->err = rx->add(rx, &a, nlh);
	free(a.buf);
	return rx->err ? MNL_CB_ERROR : MNL_CB_OK;
}

/*
 * Asks @cmd (a get of a port, its NICs or its properties) of the port @at
 * names and hands each reply's kept attributes to @rx->add.
 */
int get_attrs(struct xnl *nl, uint8_t cmd, const struct nic_at *at,
	      bool dump, struct attrs_rx *rx)
{
	static char buf[XNL_REQ_SIZE];
	struct nlmsghdr *nlh = xnl_msg(buf, cmd, dump ? NLM_F_DUMP : 0);

	/* Switch and port are attributes 1 and 2 of port, nic and prop. */
	if (!mnl_attr_put_strz_check(nlh, sizeof(buf), 1, at->sw) ||
	    !mnl_attr_put_u32_check(nlh, sizeof(buf), 2, at->port))
		return -1;
	if (xnl_talk(nl, nlh, attrs_rx_cb, rx) || rx->err)
		return -1;
	return 0;
}

static int add_port(struct attrs_rx *rx, const struct sattrs *a,
		    const struct nlmsghdr *nlh)
{
	(void)nlh;
	return savefile_add_port(rx->data, a->buf, a->len, 0) ? 0 : -1;
}

int nic_save_run(const struct nlmsghdr *args)
{
	struct savefile sf = { .kind = SAVE_KIND_NIC };
	struct attrs_rx rx = { .keep = save_port_keep,
			       .max = XSWITCH_A_PORT_MAX, .add = add_port,
			       .data = &sf };
	struct nic_at at;
	struct snic *n;
	struct xnl *nl;
	int err = -1;

	nic_at_args(args, &at);
	if (!at.port)
		return usage_error("nic save: \"port\" is missing");
	if (isatty(STDOUT_FILENO))
		return usage_error("nic save: the saved data is binary: redirect it to a file");
	nl = xnl_get(&port_object);
	if (!nl)
		return XSWCTL_EXIT_FAILURE;
	/* The file says which port and NIC the data came from. */
	if (get_attrs(nl, XSWITCH_CMD_PORT_GET, &at, false, &rx) || !sf.nports)
		goto out;
	sf.ports[0].old_id = at.port;
	n = savefile_add_nic(&sf.ports[0], NULL, 0, at.index);
	if (!n || save_nic_records(nl, &at, n))
		goto out;
	if (savefile_write(&sf, stdout)) {
		fprintf(stderr, "xswctl: nic save: writing the file: %s\n",
			strerror(errno));
		goto out;
	}
	fprintf(stderr, "nic save: port %u index %u: %u records, %zu bytes\n",
		at.port, at.index, n->nrecs, n->bytes);
	err = 0;
out:
	savefile_free(&sf);
	return err ? XSWCTL_EXIT_FAILURE : 0;
}

/*
 * The save file on standard input, read whole and checked before the
 * kernel hears of it; @what ("nic restore") prefixes the messages.
 * Returns 0, or the exit status.
 */
int read_saved(struct savefile *sf, const char *what)
{
	char why[256];

	if (isatty(STDIN_FILENO))
		return usage_error("%s: %s", what,
				   "the saved data is binary: give it on standard input");
	if (savefile_read(sf, stdin, why, sizeof(why))) {
		fprintf(stderr, "xswctl: %s: %s\n", what, why);
		return XSWCTL_EXIT_FAILURE;
	}
	return 0;
}

int nic_restore_run(const struct nlmsghdr *args)
{
	uint32_t restored = 0, unclaimed = 0;
	struct savefile sf;
	struct nic_at at;
	struct xnl *nl;
	int err;

	nic_at_args(args, &at);
	if (!at.port)
		return usage_error("nic restore: \"port\" is missing");
	err = read_saved(&sf, "nic restore");
	if (err)
		return err;
	err = XSWCTL_EXIT_FAILURE;
	if (sf.kind != SAVE_KIND_NIC || sf.nports != 1 ||
	    sf.ports[0].nnics != 1) {
		fprintf(stderr, "xswctl: nic restore: the file holds %s, not one NIC's data\n",
			sf.kind == SAVE_KIND_VM ? "a VM (use vm resume)" : "no NIC");
		goto out;
	}
	nl = xnl_get(&record_object);
	if (nl && !restore_nic_records(nl, &at, &sf.ports[0].nics[0],
				       &restored, &unclaimed)) {
		fprintf(stderr, "nic restore: port %u index %u: %u %s, %u unclaimed\n",
			at.port, at.index, restored, "records restored", unclaimed);
		err = 0;
	}
out:
	savefile_free(&sf);
	return err;
}
