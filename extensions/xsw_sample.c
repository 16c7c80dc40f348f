// SPDX-License-Identifier: GPL-2.0
/*
 * Sample xswitch extensions, written against include/net/xswitch.h only:
 *
 * sample-vlan, a filter, enforces the payload of VLAN port properties (a
 * 16-bit VLAN id, 1 to 4094, in host order) by vetoing any other, and
 * answers feature status SAMPLE_VLAN_STATUS with how many VLAN properties
 * it let through and how many it vetoed (two u32s).
 *
 * sample-capture, a capture extension, only watches: it counts the steps
 * it sees and answers feature status SAMPLE_CAPTURE_STATUS with that count
 * (one u32).  A capture extension cannot veto.
 */
#include <linux/module.h>
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

static int sample_vlan_check(struct xsw_ext *ext,
			     const struct xsw_property *prop,
			     struct netlink_ext_ack *extack)
{
	struct sample_counts *c = xsw_ext_priv(ext);
	u16 vid;

	if (prop->type != XSWITCH_PROP_TYPE_VLAN)
		return 0;
	if (prop->len != sizeof(vid)) {
		NL_SET_ERR_MSG(extack, "sample-vlan: VLAN property data is not a 2-byte VLAN id");
		goto veto;
	}
	memcpy(&vid, prop->data, sizeof(vid));
	if (!vid || vid > 4094) {
		NL_SET_ERR_MSG(extack, "sample-vlan: VLAN id is not 1 to 4094");
		goto veto;
	}
	c->passed++;
	return 0;
veto:
	c->vetoed++;
	return -EINVAL;
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

static void sample_seen(struct xsw_ext *ext)
{
	((struct sample_counts *)xsw_ext_priv(ext))->passed++;
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
	sample_seen(ext);
	return 0;
}

static void sample_capture_port_step(struct xsw_ext *ext,
				     struct xsw_port *port)
{
	sample_seen(ext);
}

static void sample_capture_nic_step(struct xsw_ext *ext, struct xsw_nic *nic)
{
	sample_seen(ext);
}

static int sample_capture_status_cb(struct xsw_ext *ext,
				    struct xsw_port *port, const uuid_t *id,
				    void *buf, u32 *len)
{
	return sample_status(id, &sample_capture_status, xsw_ext_priv(ext),
			     sizeof(u32), buf, len);
}

static const struct xsw_extension_ops sample_capture_ops = {
	.name = "sample-capture",
	.uuid = UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b,
			  0x6d, 0x2f, 0x4e, 0x20),
	.class = XSWITCH_EXT_CLASS_CAPTURE,
	.owner = THIS_MODULE,
	.priv_size = sizeof(struct sample_counts),
	.port_create = sample_capture_port,
	.nic_create = sample_capture_nic,
	.port_update = sample_capture_port_step,
	.port_teardown = sample_capture_port_step,
	.port_delete = sample_capture_port_step,
	.nic_connect = sample_capture_nic_step,
	.nic_update = sample_capture_nic_step,
	.nic_disconnect = sample_capture_nic_step,
	.nic_delete = sample_capture_nic_step,
	.feature_status = sample_capture_status_cb,
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
