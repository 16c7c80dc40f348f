// SPDX-License-Identifier: GPL-2.0
/*
 * Sample xswitch extensions, written against include/net/xswitch.h only:
 *
 * sample-vlan, a filter, reserves the VLANs SAMPLE_VLAN_RESERVED_FIRST
 * (4000) to XSW_VLAN_ID_MAX (4094) for itself: it vetoes, with -EINVAL and
 * "sample-vlan: VLANs 4000 to 4094 are reserved", a VLAN port property
 * (add or update) whose access VLAN, native VLAN or any allowed VLAN is
 * one of them.  The switch has already checked the layout (struct
 * xsw_prop_vlan, its mode and ranges), so the extension only applies its
 * own policy, as a Hyper-V extension reads NDIS_SWITCH_PORT_PROPERTY_VLAN.
 * It answers feature status SAMPLE_VLAN_STATUS with how many VLAN
 * properties it let through and how many it vetoed (two u32s).
 *
 * sample-capture, a capture extension, only watches: it counts the steps
 * it sees, for the switch and per NIC, and answers feature status
 * SAMPLE_CAPTURE_STATUS with a count (one u32): the switch's, or on a port
 * that of its NIC.  A NIC's count is its run-time data: saved, and
 * restored where the NIC goes, so that after a move it is what it was
 * before (the steps of the move itself, the new NIC's create and connect
 * before its data came back, are not counted).  A capture extension
 * cannot veto.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <net/xswitch.h>

/* 5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e01 and ...02: feature status ids. */
static const uuid_t sample_vlan_status =
	UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b, 0x6d,
		  0x2f, 0x4e, 0x01);
static const uuid_t sample_capture_status =
	UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b, 0x6d,
		  0x2f, 0x4e, 0x02);

/* Per attachment; only touched under the switch's control lock. */
struct sample_counts {
	u32 passed;
	u32 vetoed;
};

/* The VLANs sample-vlan keeps for itself: no port may use them. */
#define SAMPLE_VLAN_RESERVED_FIRST	4000

/* Whether @v uses a reserved VLAN, as its access, native or allowed one. */
static bool sample_vlan_reserved(const struct xsw_prop_vlan *v)
{
	if (v->mode == XSWITCH_VLAN_MODE_ACCESS)
		return v->access_vlan >= SAMPLE_VLAN_RESERVED_FIRST;
	return v->native_vlan >= SAMPLE_VLAN_RESERVED_FIRST ||
	       find_next_bit(v->allowed, XSW_VLAN_ID_MAX + 1,
			     SAMPLE_VLAN_RESERVED_FIRST) <= XSW_VLAN_ID_MAX;
}

static int sample_vlan_check(struct xsw_ext *ext,
			     const struct xsw_property *prop,
			     struct netlink_ext_ack *extack)
{
	struct sample_counts *c = xsw_ext_priv(ext);

	if (prop->type != XSWITCH_PROP_TYPE_VLAN)
		return 0;
	/* The switch hands over only a checked struct xsw_prop_vlan. */
	if (WARN_ON_ONCE(prop->len != sizeof(struct xsw_prop_vlan)))
		return -EINVAL;
	if (sample_vlan_reserved(prop->data)) {
		NL_SET_ERR_MSG(extack, "sample-vlan: VLANs 4000 to 4094 are reserved");
		c->vetoed++;
		return -EINVAL;
	}
	c->passed++;
	return 0;
}

static int sample_vlan_add(struct xsw_ext *ext, struct xsw_port *port,
			   const struct xsw_property *prop,
			   struct netlink_ext_ack *extack)
{
	return sample_vlan_check(ext, prop, extack);
}

/* Answers @id if it is @mine, with @len bytes of @val. */
static int sample_status(const uuid_t *id, const uuid_t *mine,
			 const void *val, u32 size, void *buf, u32 *len)
{
	if (!uuid_equal(id, mine))
		return -EOPNOTSUPP;
	if (*len < size) {
		*len = size;
		return -ENOSPC;
	}
	memcpy(buf, val, size);
	*len = size;
	return 0;
}

static int sample_vlan_status_cb(struct xsw_ext *ext, struct xsw_port *port,
				 const uuid_t *id, void *buf, u32 *len)
{
	return sample_status(id, &sample_vlan_status, xsw_ext_priv(ext),
			     sizeof(struct sample_counts), buf, len);
}

static const struct xsw_extension_ops sample_vlan_ops = {
	.name = "sample-vlan",
	.uuid = UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b,
			  0x6d, 0x2f, 0x4e, 0x10),
	.class = XSWITCH_EXT_CLASS_FILTER,
	.owner = THIS_MODULE,
	.priv_size = sizeof(struct sample_counts),
	.port_prop_add = sample_vlan_add,
	.port_prop_update = sample_vlan_add,
	.feature_status = sample_vlan_status_cb,
};

/*
 * sample-capture's state: the steps it saw on the switch, and per NIC,
 * keyed by the NIC's name (the PortId changes when the VM moves): the
 * NIC's count lives from its create to its delete, and travels with its
 * run-time data.  The save and restore callbacks run without the control
 * lock, beside the others: @lock keeps the table whole.
 */
#define SAMPLE_NICS 64

struct sample_nic {
	bool used;
	u32 count;
	u32 restored;	/* taken in by RESTORE_COMPLETE(0), if @has_restored */
	bool has_restored;
	char name[XSWITCH_LONG_NAME_LEN];
};

struct sample_capture {
	u32 steps;
	struct mutex lock;	/* the table */
	struct sample_nic nics[SAMPLE_NICS];
};

/*
 * A saved NIC's count, version 1.  A newer version keeps this prefix and
 * may add fields after it; an older one (there is none) is dropped with a
 * warning, as a record too short to read is.
 */
struct sample_saved {
	u8 version;
	u8 reserved[3];
	__le32 count;
} __packed;

#define SAMPLE_SAVED_VERSION 1

/* The table entry of @name; with @make, a free one if there is none. */
static struct sample_nic *sample_nic_of(struct sample_capture *c,
					const char *name, bool make)
{
	struct sample_nic *free = NULL;
	int i;

	lockdep_assert_held(&c->lock);
	for (i = 0; i < SAMPLE_NICS; i++) {
		if (c->nics[i].used && !strcmp(c->nics[i].name, name))
			return &c->nics[i];
		if (!c->nics[i].used && !free)
			free = &c->nics[i];
	}
	if (!make || !free)
		return NULL;
	free->used = true;
	free->count = 0;
	free->restored = 0;
	free->has_restored = false;
	strscpy(free->name, name, sizeof(free->name));
	return free;
}

static void sample_seen(struct xsw_ext *ext)
{
	((struct sample_capture *)xsw_ext_priv(ext))->steps++;
}

/* A step on @nic: counted for the switch and for the NIC. */
static void sample_nic_seen(struct xsw_ext *ext, struct xsw_nic *nic,
			    bool gone)
{
	struct sample_capture *c = xsw_ext_priv(ext);
	struct sample_nic *n;

	sample_seen(ext);
	mutex_lock(&c->lock);
	n = sample_nic_of(c, xsw_nic_info(nic)->name, !gone);
	if (n && gone)
		n->used = false;
	else if (n)
		n->count++;
	mutex_unlock(&c->lock);
}

static int sample_capture_attach(struct xsw_ext *ext)
{
	mutex_init(&((struct sample_capture *)xsw_ext_priv(ext))->lock);
	return 0;
}

static void sample_capture_detach(struct xsw_ext *ext)
{
	mutex_destroy(&((struct sample_capture *)xsw_ext_priv(ext))->lock);
}

static int sample_capture_port(struct xsw_ext *ext, struct xsw_port *port,
			       struct netlink_ext_ack *extack)
{
	sample_seen(ext);
	return 0;
}

static int sample_capture_nic(struct xsw_ext *ext, struct xsw_nic *nic,
			      struct netlink_ext_ack *extack)
{
	sample_nic_seen(ext, nic, false);
	return 0;
}

static void sample_capture_port_step(struct xsw_ext *ext,
				     struct xsw_port *port)
{
	sample_seen(ext);
}

static void sample_capture_nic_step(struct xsw_ext *ext, struct xsw_nic *nic)
{
	sample_nic_seen(ext, nic, false);
}

static void sample_capture_nic_delete(struct xsw_ext *ext, struct xsw_nic *nic)
{
	sample_nic_seen(ext, nic, true);
}

/* The count of @port's NIC at index 0, or of the switch for NULL. */
static u32 sample_count(struct sample_capture *c, struct xsw_port *port)
{
	char name[XSWITCH_LONG_NAME_LEN];
	struct sample_nic *n = NULL;
	struct xsw_nic *nic;
	u32 count = 0;

	if (!port)
		return c->steps;
	rcu_read_lock();
	nic = xsw_nic_lookup_rcu(port, 0);
	if (nic)
		strscpy(name, xsw_nic_info(nic)->name, sizeof(name));
	rcu_read_unlock();
	if (!nic)
		return 0;
	mutex_lock(&c->lock);
	n = sample_nic_of(c, name, false);
	if (n)
		count = n->count;
	mutex_unlock(&c->lock);
	return count;
}

static int sample_capture_status_cb(struct xsw_ext *ext,
				    struct xsw_port *port, const uuid_t *id,
				    void *buf, u32 *len)
{
	u32 count = sample_count(xsw_ext_priv(ext), port);

	return sample_status(id, &sample_capture_status, &count, sizeof(count),
			     buf, len);
}

/* One record per NIC: its count; asked again, it has nothing more. */
static int sample_capture_save(struct xsw_ext *ext, struct xsw_nic *nic,
			       struct xsw_save *save,
			       struct netlink_ext_ack *extack)
{
	struct sample_capture *c = xsw_ext_priv(ext);
	struct sample_saved *s;
	struct sample_nic *n;
	u32 size;

	if (xsw_save_given(save))
		return 0;
	s = xsw_save_buf(save, &size);
	memset(s, 0, sizeof(*s));
	mutex_lock(&c->lock);
	n = sample_nic_of(c, xsw_nic_info(nic)->name, false);
	s->version = SAMPLE_SAVED_VERSION;
	s->count = cpu_to_le32(n ? n->count : 0);
	mutex_unlock(&c->lock);
	return xsw_save_record(save, NULL, "sample-capture counts", sizeof(*s));
}

/*
 * The saved count becomes the NIC's, replacing what it saw since its
 * create, but only once the whole restore succeeded: a restore that fails
 * leaves the count as it was.
 */
static int sample_capture_restore(struct xsw_ext *ext, struct xsw_nic *nic,
				  const struct xsw_record *rec,
				  struct netlink_ext_ack *extack)
{
	struct sample_capture *c = xsw_ext_priv(ext);
	const struct sample_saved *s = rec->data;
	struct sample_nic *n;

	/* Not ours to judge: a record we cannot read is dropped, not fatal. */
	if (rec->len < sizeof(*s) || s->version < SAMPLE_SAVED_VERSION) {
		pr_warn("sample-capture: a saved count of %u bytes is not one this module reads; dropped\n",
			rec->len);
		return 0;
	}
	mutex_lock(&c->lock);
	n = sample_nic_of(c, xsw_nic_info(nic)->name, true);
	if (n) {
		n->restored = le32_to_cpu(s->count);
		n->has_restored = true;
	}
	mutex_unlock(&c->lock);
	return 0;
}

static void sample_capture_restore_complete(struct xsw_ext *ext,
					    struct xsw_nic *nic, int status)
{
	struct sample_capture *c = xsw_ext_priv(ext);
	struct sample_nic *n;

	mutex_lock(&c->lock);
	n = sample_nic_of(c, xsw_nic_info(nic)->name, false);
	if (n && n->has_restored && !status)
		n->count = n->restored;
	if (n)
		n->has_restored = false;
	mutex_unlock(&c->lock);
}

static const struct xsw_extension_ops sample_capture_ops = {
	.name = "sample-capture",
	.uuid = UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b,
			  0x6d, 0x2f, 0x4e, 0x20),
	.class = XSWITCH_EXT_CLASS_CAPTURE,
	.owner = THIS_MODULE,
	.priv_size = sizeof(struct sample_capture),
	.attach = sample_capture_attach,
	.detach = sample_capture_detach,
	.port_create = sample_capture_port,
	.nic_create = sample_capture_nic,
	.port_update = sample_capture_port_step,
	.port_teardown = sample_capture_port_step,
	.port_delete = sample_capture_port_step,
	.nic_connect = sample_capture_nic_step,
	.nic_update = sample_capture_nic_step,
	.nic_disconnect = sample_capture_nic_step,
	.nic_delete = sample_capture_nic_delete,
	.feature_status = sample_capture_status_cb,
	.nic_save = sample_capture_save,
	.nic_restore = sample_capture_restore,
	.nic_restore_complete = sample_capture_restore_complete,
};

static int __init sample_init(void)
{
	int err;

	err = xsw_extension_register(&sample_vlan_ops);
	if (err)
		return err;
	err = xsw_extension_register(&sample_capture_ops);
	if (err)
		goto err_vlan;
	return 0;

err_vlan:
	xsw_extension_unregister(&sample_vlan_ops);
	return err;
}

static void __exit sample_exit(void)
{
	xsw_extension_unregister(&sample_capture_ops);
	xsw_extension_unregister(&sample_vlan_ops);
}

module_init(sample_init);
module_exit(sample_exit);
MODULE_DESCRIPTION("xswitch sample extensions: sample-vlan and sample-capture");
MODULE_LICENSE("GPL");
