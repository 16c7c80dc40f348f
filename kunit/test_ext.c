// SPDX-License-Identifier: GPL-2.0
/*
 * The recording test extension (see test_ext.h).
 */
#include <linux/module.h>
#include <linux/string.h>

#include "test_ext.h"

struct xt_state xt;

static const char *const xt_step[] = {
	[XSWITCH_OP_PORT_CREATE] = "pc",
	[XSWITCH_OP_PORT_UPDATE] = "pu",
	[XSWITCH_OP_PORT_TEARDOWN] = "pt",
	[XSWITCH_OP_PORT_DELETE] = "pd",
	[XSWITCH_OP_NIC_CREATE] = "nc",
	[XSWITCH_OP_NIC_CONNECT] = "nn",
	[XSWITCH_OP_NIC_UPDATE] = "nu",
	[XSWITCH_OP_NIC_DISCONNECT] = "nx",
	[XSWITCH_OP_NIC_DELETE] = "nd",
	[XSWITCH_OP_PORT_PROP_ADD] = "ppa",
	[XSWITCH_OP_PORT_PROP_UPDATE] = "ppu",
	[XSWITCH_OP_PORT_PROP_DELETE] = "ppd",
	[XSWITCH_OP_SWITCH_PROP_ADD] = "spa",
	[XSWITCH_OP_SWITCH_PROP_UPDATE] = "spu",
	[XSWITCH_OP_SWITCH_PROP_DELETE] = "spd",
};

static int xt_index(const struct xsw_ext *ext)
{
	const struct xsw_extension_ops *ops = ((const struct xsw_ext *)ext)->ops;

	return ops - xt_ops;
}

static void xt_log(const struct xsw_ext *ext, const char *fmt, u32 op, int st)
{
	size_t len = strlen(xt.log);

	scnprintf(xt.log + len, sizeof(xt.log) - len, "%s%s:", len ? " " : "",
		  ext->ops->name);
	len = strlen(xt.log);
	scnprintf(xt.log + len, sizeof(xt.log) - len, fmt, xt_step[op], st);
}

static int xt_veto(struct xsw_ext *ext, u32 op)
{
	const struct xt_conf *c = &xt.conf[xt_index(ext)];

	xt_log(ext, "%s", op, 0);
	return c->veto_op == op ? c->veto_ret : 0;
}

static int xt_port_create(struct xsw_ext *ext, struct xsw_port *port,
			  struct netlink_ext_ack *extack)
{
	return xt_veto(ext, XSWITCH_OP_PORT_CREATE);
}

static int xt_nic_create(struct xsw_ext *ext, struct xsw_nic *nic,
			 struct netlink_ext_ack *extack)
{
	return xt_veto(ext, XSWITCH_OP_NIC_CREATE);
}

static int xt_port_prop_add(struct xsw_ext *ext, struct xsw_port *port,
			    const struct xsw_property *prop, struct netlink_ext_ack *extack)
{
	return xt_veto(ext, XSWITCH_OP_PORT_PROP_ADD);
}

static int xt_port_prop_update(struct xsw_ext *ext, struct xsw_port *port,
			       const struct xsw_property *prop, struct netlink_ext_ack *extack)
{
	return xt_veto(ext, XSWITCH_OP_PORT_PROP_UPDATE);
}

static int xt_port_prop_delete(struct xsw_ext *ext, struct xsw_port *port,
			       const struct xsw_property *prop, struct netlink_ext_ack *extack)
{
	return xt_veto(ext, XSWITCH_OP_PORT_PROP_DELETE);
}

static int xt_switch_prop_add(struct xsw_ext *ext, const struct xsw_property *prop,
			      struct netlink_ext_ack *extack)
{
	return xt_veto(ext, XSWITCH_OP_SWITCH_PROP_ADD);
}

static int xt_switch_prop_update(struct xsw_ext *ext, const struct xsw_property *prop,
				 struct netlink_ext_ack *extack)
{
	return xt_veto(ext, XSWITCH_OP_SWITCH_PROP_UPDATE);
}

static int xt_switch_prop_delete(struct xsw_ext *ext, const struct xsw_property *prop,
				 struct netlink_ext_ack *extack)
{
	return xt_veto(ext, XSWITCH_OP_SWITCH_PROP_DELETE);
}

static void xt_complete(struct xsw_ext *ext, const struct xsw_step *step,
			int status)
{
	xt_log(ext, "done(%s,%d)", step->op, status);
}

#define XT_PORT_NOTE(fn, op)						\
static void fn(struct xsw_ext *ext, struct xsw_port *port)		\
{									\
	xt_log(ext, "%s", op, 0);					\
}

XT_PORT_NOTE(xt_port_update, XSWITCH_OP_PORT_UPDATE);

XT_PORT_NOTE(xt_port_teardown, XSWITCH_OP_PORT_TEARDOWN);

XT_PORT_NOTE(xt_port_delete, XSWITCH_OP_PORT_DELETE);

#define XT_NIC_NOTE(fn, op)						\
static void fn(struct xsw_ext *ext, struct xsw_nic *nic)		\
{									\
	xt_log(ext, "%s", op, 0);					\
}

XT_NIC_NOTE(xt_nic_connect, XSWITCH_OP_NIC_CONNECT);

XT_NIC_NOTE(xt_nic_update, XSWITCH_OP_NIC_UPDATE);

XT_NIC_NOTE(xt_nic_disconnect, XSWITCH_OP_NIC_DISCONNECT);

XT_NIC_NOTE(xt_nic_delete, XSWITCH_OP_NIC_DELETE);

/* The forwarding extension owns one feature status, 300 bytes long. */
const uuid_t xt_status_id = UUID_INIT(0x5eb1a9d0, 0x11aa, 0x4c3b, 0x9a, 0x01,
				      0x00, 0x00, 0x00, 0x00, 0x00, 0x01);

static int xt_feature_status(struct xsw_ext *ext, struct xsw_port *port,
			     const uuid_t *id, void *buf, u32 *len)
{
	if (xt_index(ext) != XT_FWD || !uuid_equal(id, &xt_status_id))
		return -EOPNOTSUPP;
	if (*len < 300) {
		*len = 300;
		return -ENOSPC;
	}
	memset(buf, 0xab, 300);
	*len = 300;
	return 0;
}

#define XT_OPS(idx, nm, cls, u)						\
	[idx] = {							\
		.name = nm,						\
		.uuid = UUID_INIT(0x5eb1a9d0, 0x0000, 0x4000, 0x80, 0x00, \
				  0, 0, 0, 0, 0, u),			\
		.class = cls,						\
		.owner = THIS_MODULE,					\
		.port_create = xt_port_create,				\
		.nic_create = xt_nic_create,				\
		.port_prop_add = xt_port_prop_add,			\
		.port_prop_update = xt_port_prop_update,		\
		.port_prop_delete = xt_port_prop_delete,		\
		.switch_prop_add = xt_switch_prop_add,			\
		.switch_prop_update = xt_switch_prop_update,		\
		.switch_prop_delete = xt_switch_prop_delete,		\
		.complete = xt_complete,				\
		.port_update = xt_port_update,				\
		.port_teardown = xt_port_teardown,			\
		.port_delete = xt_port_delete,				\
		.nic_connect = xt_nic_connect,				\
		.nic_update = xt_nic_update,				\
		.nic_disconnect = xt_nic_disconnect,			\
		.nic_delete = xt_nic_delete,				\
		.feature_status = xt_feature_status,			\
	}

const struct xsw_extension_ops xt_ops[XT_NUM] = {
	XT_OPS(XT_CAP, "cap", XSWITCH_EXT_CLASS_CAPTURE, 1),
	XT_OPS(XT_FLT, "flt", XSWITCH_EXT_CLASS_FILTER, 2),
	XT_OPS(XT_FWD, "fwd", XSWITCH_EXT_CLASS_FORWARD, 3),
	XT_OPS(XT_FLT2, "flt2", XSWITCH_EXT_CLASS_FILTER, 4),
	XT_OPS(XT_FWD2, "fwd2", XSWITCH_EXT_CLASS_FORWARD, 5),
};

int xt_register(void)
{
	int i, err;

	for (i = 0; i < XT_NUM; i++) {
		err = xsw_extension_register(&xt_ops[i]);
		if (err)
			goto err_unregister;
	}
	return 0;

err_unregister:
	while (i--)
		xsw_extension_unregister(&xt_ops[i]);
	return err;
}

void xt_unregister(void)
{
	int i;

	for (i = 0; i < XT_NUM; i++)
		xsw_extension_unregister(&xt_ops[i]);
}

void xt_reset(void)
{
	memset(&xt, 0, sizeof(xt));
}

static void xt_switch_destroy(void *sw)
{
	XT_LOCKED((xsw_switch_destroy(sw), 0));
}

struct xsw_switch *xt_switch(struct kunit *test)
{
	static const char *const names[] = { "cap", "flt", "fwd" };
	struct xsw_switch *sw;
	struct xsw_ext *ext;
	int i;

	xsw_lock();
	sw = xsw_switch_create(&init_net, "kunit", NULL);
	for (i = 0; !IS_ERR(sw) && i < ARRAY_SIZE(names); i++) {
		ext = xsw_ext_attach(sw, names[i], NULL);
		if (IS_ERR(ext) || xsw_ext_set(ext, 1, -1, NULL)) {
			xsw_switch_destroy(sw);
			sw = ERR_PTR(-EINVAL);
		}
	}
	xsw_unlock();
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sw);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, xt_switch_destroy, sw));
	xt_reset();
	return sw;
}
