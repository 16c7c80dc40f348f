// SPDX-License-Identifier: GPL-2.0
/*
 * The extension stack: how a control step travels through a switch's
 * enabled extensions, like an OID through the Hyper-V switch.
 */
#include <kunit/visibility.h>
#include <linux/err.h>

#include "xsw.h"

/**
 * DOC: Control steps
 *
 * A vetoable step (port create, NIC create, property add/update/delete)
 * runs top-down through the enabled extensions.  The first that returns an
 * errno vetoes it: the step stops there, and every extension above the
 * vetoing one gets ->complete() with that errno, bottom-up, so that it can
 * undo what it did on the way down.  If none vetoes, the switch itself
 * (the miniport edge) completes the step and every enabled extension gets
 * ->complete() with 0, bottom-up.
 *
 * A never-fail step (port update/teardown/delete, NIC connect/update/
 * disconnect/delete) runs top-down; its callbacks return nothing.
 *
 * Each delivered step, with its outcome, is published on the "events"
 * group with the switch's next sequence number.
 *
 * Contract: capture extensions cannot veto, and NIC creation can be vetoed
 * only at index 0; a callback that returns something that is neither 0 nor
 * an errno is treated as -EINVAL.  Breaches are logged and contained (the
 * veto is ignored, or the odd value replaced); they never reach the caller.
 */

static const char *const xsw_op_names[] = {
	[XSWITCH_OP_PORT_CREATE] = "port create",
	[XSWITCH_OP_PORT_UPDATE] = "port update",
	[XSWITCH_OP_PORT_TEARDOWN] = "port teardown",
	[XSWITCH_OP_PORT_DELETE] = "port delete",
	[XSWITCH_OP_NIC_CREATE] = "NIC create",
	[XSWITCH_OP_NIC_CONNECT] = "NIC connect",
	[XSWITCH_OP_NIC_UPDATE] = "NIC update",
	[XSWITCH_OP_NIC_DISCONNECT] = "NIC disconnect",
	[XSWITCH_OP_NIC_DELETE] = "NIC delete",
	[XSWITCH_OP_PORT_PROP_ADD] = "port property add",
	[XSWITCH_OP_PORT_PROP_UPDATE] = "port property update",
	[XSWITCH_OP_PORT_PROP_DELETE] = "port property delete",
	[XSWITCH_OP_SWITCH_PROP_ADD] = "switch property add",
	[XSWITCH_OP_SWITCH_PROP_UPDATE] = "switch property update",
	[XSWITCH_OP_SWITCH_PROP_DELETE] = "switch property delete",
	[XSWITCH_OP_NIC_SAVE] = "NIC save",
	[XSWITCH_OP_NIC_SAVE_COMPLETE] = "NIC save complete",
	[XSWITCH_OP_NIC_RESTORE] = "NIC restore",
	[XSWITCH_OP_NIC_RESTORE_COMPLETE] = "NIC restore complete",
	[XSWITCH_OP_NIC_RESTORE_UNCLAIMED] = "NIC restore unclaimed",
	[XSWITCH_OP_MIGRATION] = "migration outcome",
};

const char *xsw_op_name(u32 op)
{
	if (op < ARRAY_SIZE(xsw_op_names) && xsw_op_names[op])
		return xsw_op_names[op];
	return "unknown step";
}

typedef int (*xsw_port_prop_fn)(struct xsw_ext *ext, struct xsw_port *port,
				const struct xsw_property *prop,
				struct netlink_ext_ack *extack);
typedef int (*xsw_switch_prop_fn)(struct xsw_ext *ext,
				  const struct xsw_property *prop,
				  struct netlink_ext_ack *extack);

static int xsw_ext_veto(struct xsw_ext *ext, const struct xsw_step *step,
			struct netlink_ext_ack *extack)
{
	const struct xsw_extension_ops *ops = ext->ops;
	xsw_switch_prop_fn switch_fn = NULL;
	xsw_port_prop_fn port_fn = NULL;

	switch (step->op) {
	case XSWITCH_OP_PORT_CREATE:
		return ops->port_create ?
		       ops->port_create(ext, step->port, extack) : 0;
	case XSWITCH_OP_NIC_CREATE:
		return ops->nic_create ?
		       ops->nic_create(ext, step->nic, extack) : 0;
	case XSWITCH_OP_PORT_PROP_ADD:
		port_fn = ops->port_prop_add;
		break;
	case XSWITCH_OP_PORT_PROP_UPDATE:
		port_fn = ops->port_prop_update;
		break;
	case XSWITCH_OP_PORT_PROP_DELETE:
		port_fn = ops->port_prop_delete;
		break;
	case XSWITCH_OP_SWITCH_PROP_ADD:
		switch_fn = ops->switch_prop_add;
		break;
	case XSWITCH_OP_SWITCH_PROP_UPDATE:
		switch_fn = ops->switch_prop_update;
		break;
	case XSWITCH_OP_SWITCH_PROP_DELETE:
		switch_fn = ops->switch_prop_delete;
		break;
	}
	if (port_fn)
		return port_fn(ext, step->port, step->prop, extack);
	if (switch_fn)
		return switch_fn(ext, step->prop, extack);
	return 0;
}

static void xsw_ext_notify(struct xsw_ext *ext, const struct xsw_step *step)
{
	const struct xsw_extension_ops *ops = ext->ops;
	void (*port_fn)(struct xsw_ext *ext, struct xsw_port *port) = NULL;
	void (*nic_fn)(struct xsw_ext *ext, struct xsw_nic *nic) = NULL;

	switch (step->op) {
	case XSWITCH_OP_PORT_UPDATE:
		port_fn = ops->port_update;
		break;
	case XSWITCH_OP_PORT_TEARDOWN:
		port_fn = ops->port_teardown;
		break;
	case XSWITCH_OP_PORT_DELETE:
		port_fn = ops->port_delete;
		break;
	case XSWITCH_OP_NIC_CONNECT:
		nic_fn = ops->nic_connect;
		break;
	case XSWITCH_OP_NIC_UPDATE:
		nic_fn = ops->nic_update;
		break;
	case XSWITCH_OP_NIC_DISCONNECT:
		nic_fn = ops->nic_disconnect;
		break;
	case XSWITCH_OP_NIC_DELETE:
		nic_fn = ops->nic_delete;
		break;
	}
	if (port_fn)
		port_fn(ext, step->port);
	if (nic_fn)
		nic_fn(ext, step->nic);
}

/* Applies the contract to what an extension returned: 0 to pass on. */
static int xsw_ext_verdict(struct xsw_ext *ext, const struct xsw_step *step,
			   int ret)
{
	const char *name = ext->ops->name, *op = xsw_op_name(step->op);

	if (!ret)
		return 0;
	if (ret > 0 || ret < -MAX_ERRNO) {
		pr_warn("extension %s returned %d from %s, not an errno; taken as -EINVAL\n",
			name, ret, op);
		ret = -EINVAL;
	}
	if (ext->ops->class == XSWITCH_EXT_CLASS_CAPTURE) {
		pr_warn("capture extension %s vetoed %s (%d); ignored: capture extensions cannot veto\n",
			name, op, ret);
		return 0;
	}
	if (step->op == XSWITCH_OP_NIC_CREATE && step->nic->info.index) {
		pr_warn("extension %s vetoed %s at index %u (%d); ignored: only index 0 can be vetoed\n",
			name, op, step->nic->info.index, ret);
		return 0;
	}
	return ret;
}

/* Default text for a veto that came without one. */
static void xsw_veto_msg(struct netlink_ext_ack *extack)
{
	if (extack && !extack->_msg)
		NL_SET_ERR_MSG_MOD(extack, "vetoed by an extension (see events)");
}

/*
 * What an extension's callback left in the extack, kept only with a veto:
 * an ignored veto's message (or one written by an extension that passed)
 * must not reach a successful reply, nor a later veto's error.
 */
struct xsw_extack_mark {
	const char *msg;
	const struct nlattr *bad_attr;
};

static void xsw_extack_mark(struct netlink_ext_ack *extack,
			    struct xsw_extack_mark *m)
{
	m->msg = extack ? extack->_msg : NULL;
	m->bad_attr = extack ? extack->bad_attr : NULL;
}

static void xsw_extack_reset(struct netlink_ext_ack *extack,
			     const struct xsw_extack_mark *m)
{
	if (!extack)
		return;
	extack->_msg = m->msg;
	extack->bad_attr = m->bad_attr;
}

static int xsw_ext_ask(struct xsw_ext *ext, const struct xsw_step *step,
		       struct netlink_ext_ack *extack)
{
	struct xsw_extack_mark mark;
	int err;

	xsw_extack_mark(extack, &mark);
	err = xsw_ext_verdict(ext, step, xsw_ext_veto(ext, step, extack));
	if (!err)
		xsw_extack_reset(extack, &mark);
	return err;
}

int xsw_stack_veto(struct xsw_switch *sw, const struct xsw_step *step,
		   struct netlink_ext_ack *extack)
{
	struct xsw_ext *ext, *vetoer = NULL;
	int err = 0;

	xsw_assert_locked(sw);
	list_for_each_entry(ext, &sw->exts, list) {
		if (!ext->enabled)
			continue;
		err = xsw_ext_ask(ext, step, extack);
		if (err) {
			vetoer = ext;
			xsw_veto_msg(extack);
			break;
		}
	}
	/* Completion goes up from just above the vetoer, or from the bottom. */
	if (!vetoer)
		ext = list_entry(&sw->exts, struct xsw_ext, list);
	list_for_each_entry_continue_reverse(ext, &sw->exts, list)
		if (ext->enabled && ext->ops->complete)
			ext->ops->complete(ext, step, err);
	xsw_nl_event(sw, step, err, vetoer);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_stack_veto);

void xsw_stack_notify(struct xsw_switch *sw, const struct xsw_step *step)
{
	struct xsw_ext *ext;

	xsw_assert_locked(sw);
	list_for_each_entry(ext, &sw->exts, list)
		if (ext->enabled)
			xsw_ext_notify(ext, step);
	xsw_nl_event(sw, step, 0, NULL);
}
