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

/* Appends "<name>:<text>" to the log. */
static __printf(2, 3) void xt_note(const struct xsw_ext *ext,
				   const char *fmt, ...)
{
	size_t len = strlen(xt.log);
	va_list ap;

	if (READ_ONCE(xt.quiet))
		return;
	if (xt.hosts && (!len || strcmp(xt.host, ext->sw->name))) {
		strscpy(xt.host, ext->sw->name, sizeof(xt.host));
		scnprintf(xt.log + len, sizeof(xt.log) - len, "%s@%s",
			  len ? " " : "", xt.host);
		len = strlen(xt.log);
	}
	scnprintf(xt.log + len, sizeof(xt.log) - len, "%s%s:", len ? " " : "",
		  ext->ops->name);
	len = strlen(xt.log);
	va_start(ap, fmt);
	vscnprintf(xt.log + len, sizeof(xt.log) - len, fmt, ap);
	va_end(ap);
}

static int xt_veto_msg(struct xsw_ext *ext, u32 op,
		       struct netlink_ext_ack *extack)
{
	const struct xt_conf *c = &xt.conf[xt_index(ext)];

	xt_note(ext, "%s", xt_step[op]);
	if (c->veto_op != op)
		return 0;
	if (c->veto_msg)
		extack->_msg = c->veto_msg;
	return c->veto_ret;
}

#define xt_veto(ext, op) xt_veto_msg(ext, op, extack)

static int xt_port_create(struct xsw_ext *ext, struct xsw_port *port,
			  struct netlink_ext_ack *extack)
{
	if (xt.conf[xt_index(ext)].probe) {
		xt.probe.port_ref = xsw_port_ref(ext, port);
		if (!xt.probe.port_ref)
			xsw_port_unref(ext, port);
		rcu_read_lock();
		xt.probe.port_found = xsw_port_lookup_rcu(xsw_ext_switch(ext),
							  xsw_port_info(port)->id);
		rcu_read_unlock();
	}
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
	xt_note(ext, "done(%s,%d)", xt_step[step->op], status);
}

#define XT_PORT_NOTE(fn, op)						\
static void fn(struct xsw_ext *ext, struct xsw_port *port)		\
{									\
	xt_note(ext, "%s", xt_step[op]);				\
}

XT_PORT_NOTE(xt_port_update, XSWITCH_OP_PORT_UPDATE);

XT_PORT_NOTE(xt_port_teardown, XSWITCH_OP_PORT_TEARDOWN);

XT_PORT_NOTE(xt_port_delete, XSWITCH_OP_PORT_DELETE);

#define XT_NIC_NOTE(fn, op)						\
static void fn(struct xsw_ext *ext, struct xsw_nic *nic)		\
{									\
	xt_note(ext, "%s", xt_step[op]);				\
}

static void xt_nic_connect(struct xsw_ext *ext, struct xsw_nic *nic)
{
	if (xt.conf[xt_index(ext)].probe)
		xt.probe.nic_state = READ_ONCE(xsw_nic_info(nic)->state);
	xt_note(ext, "%s", xt_step[XSWITCH_OP_NIC_CONNECT]);
}

XT_NIC_NOTE(xt_nic_update, XSWITCH_OP_NIC_UPDATE);

XT_NIC_NOTE(xt_nic_disconnect, XSWITCH_OP_NIC_DISCONNECT);

XT_NIC_NOTE(xt_nic_delete, XSWITCH_OP_NIC_DELETE);

/* The forwarding extension owns one feature status, 300 bytes long. */
const uuid_t xt_status_id = UUID_INIT(0x5eb1a9d0, 0x11aa, 0x4c3b, 0x9a, 0x01,
				      0x00, 0x00, 0x00, 0x00, 0x00, 0x01);

static int xt_feature_status(struct xsw_ext *ext, struct xsw_port *port,
			     const uuid_t *id, void *buf, u32 *len)
{
	u32 want = xt.conf[xt_index(ext)].status_len ?: 300;

	if (xt_index(ext) != XT_FWD || !uuid_equal(id, &xt_status_id))
		return -EOPNOTSUPP;
	if (*len < want) {
		*len = want;
		return -ENOSPC;
	}
	memset(buf, 0xab, want);
	*len = want;
	return 0;
}

/*
 * Saving: save_records records of save_len bytes, byte i of record n
 * being n + i, with FeatureClassId n + 1; each ask gives one.  The
 * records given so far are counted per attachment, in the log's order.
 */
struct xt_saving {
	u32 given[XT_NUM];
};

static struct xt_saving xt_saving;

static int xt_nic_save(struct xsw_ext *ext, struct xsw_nic *nic,
		       struct xsw_save *save, struct netlink_ext_ack *extack)
{
	const struct xt_conf *c = &xt.conf[xt_index(ext)];
	u32 *given = &xt_saving.given[xt_index(ext)];
	uuid_t fc = UUID_INIT(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	u32 size, i;
	u8 *buf;

	if (xt.held && !strcmp(xsw_nic_info(nic)->name, "held")) {
		complete(xt.held);
		wait_for_completion(xt.release);
	}
	/* The core's count and the extension's own agree. */
	if (xsw_save_given(save) != *given)
		xt_note(ext, "given(%u!=%u)", xsw_save_given(save), *given);
	if (*given >= c->save_records) {
		xt_note(ext, "save");
		return c->save_ret;
	}
	buf = xsw_save_buf(save, &size);
	if (size < c->save_len) {
		xt_note(ext, "save(need %u)", c->save_len);
		return xsw_save_need(save, c->save_len);
	}
	for (i = 0; i < c->save_len; i++)
		buf[i] = *given + i;
	fc.b[15] = *given + 1;
	xt_note(ext, "save(%u)", *given);
	++*given;
	return xsw_save_record(save, &fc, NULL, c->save_len);
}

static void xt_nic_save_complete(struct xsw_ext *ext, struct xsw_nic *nic,
				 int status)
{
	xt_saving.given[xt_index(ext)] = 0;
	xt_note(ext, "savedone(%d)", status);
}

static int xt_nic_restore(struct xsw_ext *ext, struct xsw_nic *nic,
			  const struct xsw_record *rec,
			  struct netlink_ext_ack *extack)
{
	const u8 *data = rec->data;
	u32 i;

	/* Byte i of what ->nic_save gave with FeatureClassId n + 1 is n + i. */
	for (i = 0; i < rec->len; i++)
		if (data[i] != (u8)(rec->feature_class.b[15] - 1 + i)) {
			xt.restore_mismatch++;
			break;
		}
	xt_note(ext, "restore(fc%u,%u)", rec->feature_class.b[15], rec->len);
	return xt.conf[xt_index(ext)].restore_ret;
}

static void xt_nic_restore_complete(struct xsw_ext *ext, struct xsw_nic *nic,
				    int status)
{
	xt_note(ext, "restoredone(%d)", status);
}

/* Logs what the switch holds, as an extension learns it on activation. */
static int xt_learn_prop(const struct xsw_property *prop, void *arg)
{
	xt_note(arg, "prop%u", prop->type);
	return 0;
}

static int xt_learn_nic(struct xsw_nic *nic, void *arg)
{
	const struct xsw_nic_info *ni = xsw_nic_info(nic);

	xt_note(arg, "nic%u/%u", ni->port_id, ni->index);
	return 0;
}

static int xt_learn_port(struct xsw_port *port, void *arg)
{
	xt_note(arg, "port%u", xsw_port_info(port)->id);
	return xsw_port_walk_nics(port, xt_learn_nic, arg) ?:
	       xsw_port_walk_props(port, xt_learn_prop, arg);
}

static int xt_activate(struct xsw_ext *ext, struct netlink_ext_ack *extack)
{
	int ret = xt.conf[xt_index(ext)].activate_ret;

	xt_note(ext, "act");
	if (ret) {
		extack->_msg = "xt: not now";
		return ret;
	}
	return xsw_switch_walk_props(xsw_ext_switch(ext), xt_learn_prop, ext) ?:
	       xsw_switch_walk_ports(xsw_ext_switch(ext), xt_learn_port, ext);
}

static void xt_deactivate(struct xsw_ext *ext)
{
	xt_note(ext, "deact");
}

#define XT_OPS(idx, nm, cls, u)						\
	[idx] = {							\
		.name = nm,						\
		.uuid = UUID_INIT(0x5eb1a9d0, 0x0000, 0x4000, 0x80, 0x00, \
				  0, 0, 0, 0, 0, u),			\
		.class = cls,						\
		.owner = THIS_MODULE,					\
		.activate = xt_activate,				\
		.deactivate = xt_deactivate,				\
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
		.nic_save = xt_nic_save,				\
		.nic_save_complete = xt_nic_save_complete,		\
		.nic_restore = xt_nic_restore,				\
		.nic_restore_complete = xt_nic_restore_complete,	\
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
	memset(&xt_saving, 0, sizeof(xt_saving));
}

static void xt_switch_destroy(void *sw)
{
	XT_LOCKED((xsw_switch_destroy(sw), 0));
}

struct xsw_ext *xt_ext(struct xsw_switch *sw, const char *name)
{
	return XT_LOCKED(xsw_ext_find(sw, name));
}

struct xsw_switch *xt_switch_named(struct kunit *test, const char *name)
{
	static const char *const names[] = { "cap", "flt", "fwd" };
	struct xsw_switch *sw;
	struct xsw_ext *ext;
	int i;

	xsw_lock(&init_net);
	sw = xsw_switch_create(&init_net, name, NULL);
	for (i = 0; !IS_ERR(sw) && i < ARRAY_SIZE(names); i++) {
		ext = xsw_ext_attach(sw, names[i], NULL);
		if (IS_ERR(ext) || xsw_ext_set(ext, 1, -1, NULL)) {
			xsw_switch_destroy(sw);
			sw = ERR_PTR(-EINVAL);
		}
	}
	xsw_unlock(&init_net);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sw);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, xt_switch_destroy, sw));
	xt_reset();
	return sw;
}

struct xsw_switch *xt_switch(struct kunit *test)
{
	return xt_switch_named(test, "kunit");
}
