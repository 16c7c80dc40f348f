// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: create, update, teardown, delete, with the Hyper-V state rules.
 */
#include <kunit/visibility.h>
#include <linux/slab.h>

#include "xsw.h"

/**
 * DOC: Port lifecycle
 *
 * ::
 *
 *   (none) --create--> CREATED --teardown--> TEARDOWN --delete--> (none)
 *                       |  ^
 *                       update (friendly name only)
 *
 * Create is vetoable.  Teardown needs the port to have no NIC left (they
 * are disconnected and deleted first); after it no new reference can be
 * taken.  Delete needs TEARDOWN and no reference but the switch's own:
 * while an extension holds one, delete is refused with -EBUSY rather than
 * waited for, because the holder may need the control lock to let go.
 * Properties may change in CREATED and TEARDOWN.  A switch holds at most
 * one operational external port and one operational internal port.
 */

struct xsw_port *xsw_port_find(struct xsw_switch *sw, u32 id)
{
	xsw_assert_locked();
	return xa_load(&sw->ports, id);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_find);

int xsw_port_ref(struct xsw_port *port)
{
	if (READ_ONCE(port->state) != XSWITCH_PORT_STATE_CREATED)
		return -EBUSY;
	refcount_inc(&port->refs);
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_port_ref);

void xsw_port_unref(struct xsw_port *port)
{
	if (refcount_dec_and_test(&port->refs))
		kfree(port);
}
EXPORT_SYMBOL_GPL(xsw_port_unref);

static bool xsw_port_type_taken(struct xsw_switch *sw, u32 type)
{
	struct xsw_port *port;
	unsigned long id;

	xa_for_each(&sw->ports, id, port)
		if (port->type == type && !port->validation)
			return true;
	return false;
}

static int xsw_port_check(struct xsw_switch *sw, const struct xsw_port_params *p,
			  struct netlink_ext_ack *extack)
{
	if (p->type < XSWITCH_PORT_TYPE_EXTERNAL ||
	    p->type > XSWITCH_PORT_TYPE_INTERNAL) {
		NL_SET_ERR_MSG_MOD(extack, "unknown port type");
		return -EINVAL;
	}
	if (p->validation)
		return 0;
	if (p->type == XSWITCH_PORT_TYPE_EXTERNAL &&
	    xsw_port_type_taken(sw, p->type)) {
		NL_SET_ERR_MSG_MOD(extack, "the switch already has an external port");
		return -EEXIST;
	}
	if (p->type == XSWITCH_PORT_TYPE_INTERNAL &&
	    xsw_port_type_taken(sw, p->type)) {
		NL_SET_ERR_MSG_MOD(extack, "the switch already has an internal port");
		return -EEXIST;
	}
	return 0;
}

static int xsw_port_insert(struct xsw_switch *sw, struct xsw_port *port,
			   u32 id, struct netlink_ext_ack *extack)
{
	int err;

	if (id) {
		err = xa_insert(&sw->ports, id, port, GFP_KERNEL);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG_MOD(extack, "a port with that id exists");
			return -EEXIST;
		}
		port->id = id;
		return err;
	}
	err = xa_alloc_cyclic(&sw->ports, &port->id, port, xa_limit_32b,
			      &sw->next_port_id, GFP_KERNEL);
	if (err < 0) {
		NL_SET_ERR_MSG_MOD(extack, "no free port id");
		return err;
	}
	return 0;
}

struct xsw_port *xsw_port_create(struct xsw_switch *sw,
				 const struct xsw_port_params *p,
				 struct netlink_ext_ack *extack)
{
	struct xsw_step step = { .op = XSWITCH_OP_PORT_CREATE };
	struct xsw_port *port;
	int err;

	xsw_assert_locked();
	err = xsw_port_check(sw, p, extack);
	if (err)
		return ERR_PTR(err);
	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return ERR_PTR(-ENOMEM);
	port->sw = sw;
	port->type = p->type;
	port->validation = p->validation;
	port->state = XSWITCH_PORT_STATE_CREATED;
	refcount_set(&port->refs, 1);
	INIT_LIST_HEAD(&port->props);
	strscpy(port->name, p->name ?: "", sizeof(port->name));
	strscpy(port->friendly_name, p->friendly_name ?: "",
		sizeof(port->friendly_name));
	err = xsw_port_insert(sw, port, p->id, extack);
	if (err)
		goto err_free;

	step.port = port;
	err = xsw_stack_veto(sw, &step, extack);
	if (err)
		goto err_erase;
	return port;

err_erase:
	xa_erase(&sw->ports, port->id);
err_free:
	kfree(port);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_create);

static int xsw_port_created(struct xsw_port *port,
			    struct netlink_ext_ack *extack)
{
	if (port->state == XSWITCH_PORT_STATE_CREATED)
		return 0;
	NL_SET_ERR_MSG_MOD(extack, "the port is tearing down");
	return -EBUSY;
}

int xsw_port_update(struct xsw_port *port, const char *friendly_name,
		    struct netlink_ext_ack *extack)
{
	struct xsw_step step = { .op = XSWITCH_OP_PORT_UPDATE, .port = port };
	int err;

	xsw_assert_locked();
	err = xsw_port_created(port, extack);
	if (err)
		return err;
	strscpy(port->friendly_name, friendly_name, sizeof(port->friendly_name));
	xsw_stack_notify(port->sw, &step);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_update);

static bool xsw_port_has_nic(const struct xsw_port *port)
{
	int i;

	for (i = 0; i <= XSWITCH_MAX_NIC_INDEX; i++)
		if (port->nics[i])
			return true;
	return false;
}

int xsw_port_teardown(struct xsw_port *port, struct netlink_ext_ack *extack)
{
	struct xsw_step step = { .op = XSWITCH_OP_PORT_TEARDOWN, .port = port };
	int err;

	xsw_assert_locked();
	err = xsw_port_created(port, extack);
	if (err)
		return err;
	if (xsw_port_has_nic(port)) {
		NL_SET_ERR_MSG_MOD(extack, "the port has a NIC; disconnect and delete it first");
		return -EBUSY;
	}
	WRITE_ONCE(port->state, XSWITCH_PORT_STATE_TEARDOWN);
	xsw_stack_notify(port->sw, &step);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_teardown);

/* The delete step and the end of the switch's hold on the port. */
static void xsw_port_remove(struct xsw_port *port)
{
	struct xsw_step step = { .op = XSWITCH_OP_PORT_DELETE, .port = port };

	xsw_stack_notify(port->sw, &step);
	xa_erase(&port->sw->ports, port->id);
	xsw_props_free(&port->props);
	xsw_port_unref(port);
}

int xsw_port_delete(struct xsw_port *port, struct netlink_ext_ack *extack)
{
	xsw_assert_locked();
	if (port->state != XSWITCH_PORT_STATE_TEARDOWN) {
		NL_SET_ERR_MSG_MOD(extack, "the port is not torn down yet");
		return -EBUSY;
	}
	if (refcount_read(&port->refs) > 1) {
		NL_SET_ERR_MSG_MOD(extack, "the port is still referenced by an extension");
		return -EBUSY;
	}
	xsw_port_remove(port);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_delete);

/*
 * Removes a port whatever its state, in the documented order: each NIC
 * disconnected and deleted, then teardown, then delete.  A reference an
 * extension still holds keeps the memory alive but is a breach: logged.
 */
void xsw_port_destroy(struct xsw_port *port)
{
	int i;

	xsw_assert_locked();
	for (i = 0; i <= XSWITCH_MAX_NIC_INDEX; i++)
		if (port->nics[i])
			xsw_nic_destroy(port->nics[i]);
	if (port->state == XSWITCH_PORT_STATE_CREATED)
		xsw_port_teardown(port, NULL);
	if (refcount_read(&port->refs) > 1)
		pr_warn("switch %s: port %u deleted while an extension holds a reference\n",
			port->sw->name, port->id);
	xsw_port_remove(port);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_destroy);
