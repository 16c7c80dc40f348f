// SPDX-License-Identifier: GPL-2.0
/*
 * NICs: the network adapter connections on ports, with the Hyper-V state
 * rules and index rules.
 */
#include <kunit/visibility.h>
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/slab.h>

#include "xsw.h"

/**
 * DOC: NIC lifecycle
 *
 * ::
 *
 *   (none) --create--> CREATED --connect--> CONNECTED --disconnect--> DISCONNECTED
 *                         |                  |  ^                          |
 *                         +--delete--+       update                        |
 *                                    v                                     |
 *                                 (none) <-----------delete----------------+
 *
 * Create is vetoable at index 0 only.  Index 0 is any NIC directly on a
 * port; indexes 1 to 32 are the physical NICs behind the external port.
 * Validation ports never take a NIC, nor do ports tearing down.  Update
 * (friendly name, MTU, MACs) only while connected.  Delete needs no
 * reference but the port's own; an extension's reference makes it fail
 * with -EBUSY.  Only a connected NIC takes new references.
 */

static u32 xsw_nic_type(u32 port_type)
{
	switch (port_type) {
	case XSWITCH_PORT_TYPE_EXTERNAL:
		return XSWITCH_NIC_TYPE_EXTERNAL;
	case XSWITCH_PORT_TYPE_SYNTHETIC:
		return XSWITCH_NIC_TYPE_SYNTHETIC;
	case XSWITCH_PORT_TYPE_EMULATED:
		return XSWITCH_NIC_TYPE_EMULATED;
	}
	return XSWITCH_NIC_TYPE_INTERNAL;
}

int xsw_nic_ref(struct xsw_nic *nic)
{
	if (READ_ONCE(nic->state) != XSWITCH_NIC_STATE_CONNECTED)
		return -EBUSY;
	refcount_inc(&nic->refs);
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_nic_ref);

void xsw_nic_unref(struct xsw_nic *nic)
{
	if (refcount_dec_and_test(&nic->refs))
		kfree(nic);
}
EXPORT_SYMBOL_GPL(xsw_nic_unref);

static int xsw_nic_check(struct xsw_port *port, const struct xsw_nic_params *p,
			 struct netlink_ext_ack *extack)
{
	if (port->validation) {
		NL_SET_ERR_MSG_MOD(extack, "a validation port never takes a NIC");
		return -EINVAL;
	}
	if (port->state != XSWITCH_PORT_STATE_CREATED) {
		NL_SET_ERR_MSG_MOD(extack, "the port is tearing down");
		return -EBUSY;
	}
	if (p->mtu > IP_MAX_MTU) {
		NL_SET_ERR_MSG_MOD(extack, "MTU is above 65535");
		return -ERANGE;
	}
	if (p->index > XSWITCH_MAX_NIC_INDEX) {
		NL_SET_ERR_MSG_MOD(extack, "NIC index is above 32");
		return -ERANGE;
	}
	if (p->index && port->type != XSWITCH_PORT_TYPE_EXTERNAL) {
		NL_SET_ERR_MSG_MOD(extack, "NIC indexes above 0 exist only on the external port");
		return -EINVAL;
	}
	if (port->nics[p->index]) {
		NL_SET_ERR_MSG_MOD(extack, "the port already has a NIC at that index");
		return -EEXIST;
	}
	if ((p->vm_name || p->vm_friendly_name || p->vm_mac) &&
	    port->type != XSWITCH_PORT_TYPE_SYNTHETIC &&
	    port->type != XSWITCH_PORT_TYPE_EMULATED) {
		NL_SET_ERR_MSG_MOD(extack, "VM names and MAC are for VM NICs only");
		return -EINVAL;
	}
	return 0;
}

/* Copies the updatable fields a request set. */
static void xsw_nic_apply(struct xsw_nic *nic, const struct xsw_nic_params *p)
{
	if (p->friendly_name)
		strscpy(nic->friendly_name, p->friendly_name,
			sizeof(nic->friendly_name));
	if (p->mtu)
		nic->mtu = p->mtu;
	if (p->permanent_mac)
		ether_addr_copy(nic->permanent_mac, p->permanent_mac);
	if (p->vm_mac)
		ether_addr_copy(nic->vm_mac, p->vm_mac);
	if (p->current_mac)
		ether_addr_copy(nic->current_mac, p->current_mac);
}

struct xsw_nic *xsw_nic_create(struct xsw_port *port,
			       const struct xsw_nic_params *p,
			       struct netlink_ext_ack *extack)
{
	struct xsw_step step = { .op = XSWITCH_OP_NIC_CREATE, .port = port };
	struct xsw_nic *nic;
	int err;

	xsw_assert_locked();
	err = xsw_nic_check(port, p, extack);
	if (err)
		return ERR_PTR(err);
	nic = kzalloc(sizeof(*nic), GFP_KERNEL);
	if (!nic)
		return ERR_PTR(-ENOMEM);
	nic->port = port;
	nic->index = p->index;
	nic->type = xsw_nic_type(port->type);
	nic->state = XSWITCH_NIC_STATE_CREATED;
	nic->mtu = ETH_DATA_LEN;
	refcount_set(&nic->refs, 1);
	strscpy(nic->name, p->name ?: "", sizeof(nic->name));
	strscpy(nic->vm_name, p->vm_name ?: "", sizeof(nic->vm_name));
	strscpy(nic->vm_friendly_name, p->vm_friendly_name ?: "",
		sizeof(nic->vm_friendly_name));
	xsw_nic_apply(nic, p);
	if (!p->current_mac)
		ether_addr_copy(nic->current_mac, nic->permanent_mac);

	/* Extensions see the NIC in its slot; a veto takes it out again. */
	port->nics[nic->index] = nic;
	step.nic = nic;
	err = xsw_stack_veto(port->sw, &step, extack);
	if (err) {
		port->nics[nic->index] = NULL;
		kfree(nic);
		return ERR_PTR(err);
	}
	return nic;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_create);

/* Refuses a step unless the NIC is in state @want, naming the state. */
static int xsw_nic_in(struct xsw_nic *nic, u32 want,
		      struct netlink_ext_ack *extack)
{
	if (nic->state == want)
		return 0;
	switch (nic->state) {
	case XSWITCH_NIC_STATE_CREATED:
		NL_SET_ERR_MSG_MOD(extack, "the NIC is created, not connected");
		break;
	case XSWITCH_NIC_STATE_CONNECTED:
		NL_SET_ERR_MSG_MOD(extack, "the NIC is connected; disconnect it first");
		break;
	default:
		NL_SET_ERR_MSG_MOD(extack, "the NIC is disconnected");
		break;
	}
	return -EBUSY;
}

static void xsw_nic_step(struct xsw_nic *nic, u32 op, u32 state)
{
	struct xsw_step step = { .op = op, .port = nic->port, .nic = nic };

	WRITE_ONCE(nic->state, state);
	xsw_stack_notify(nic->port->sw, &step);
}

int xsw_nic_connect(struct xsw_nic *nic, struct netlink_ext_ack *extack)
{
	int err;

	xsw_assert_locked();
	err = xsw_nic_in(nic, XSWITCH_NIC_STATE_CREATED, extack);
	if (!err)
		xsw_nic_step(nic, XSWITCH_OP_NIC_CONNECT,
			     XSWITCH_NIC_STATE_CONNECTED);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_connect);

int xsw_nic_update(struct xsw_nic *nic, const struct xsw_nic_params *p,
		   struct netlink_ext_ack *extack)
{
	int err;

	xsw_assert_locked();
	err = xsw_nic_in(nic, XSWITCH_NIC_STATE_CONNECTED, extack);
	if (err)
		return err;
	if (p->mtu > IP_MAX_MTU) {
		NL_SET_ERR_MSG_MOD(extack, "MTU is above 65535");
		return -ERANGE;
	}
	if (p->name || p->vm_name || p->vm_friendly_name) {
		NL_SET_ERR_MSG_MOD(extack, "NIC name and VM names cannot change");
		return -EINVAL;
	}
	xsw_nic_apply(nic, p);
	xsw_nic_step(nic, XSWITCH_OP_NIC_UPDATE, XSWITCH_NIC_STATE_CONNECTED);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_update);

int xsw_nic_disconnect(struct xsw_nic *nic, struct netlink_ext_ack *extack)
{
	int err;

	xsw_assert_locked();
	err = xsw_nic_in(nic, XSWITCH_NIC_STATE_CONNECTED, extack);
	if (!err)
		xsw_nic_step(nic, XSWITCH_OP_NIC_DISCONNECT,
			     XSWITCH_NIC_STATE_DISCONNECTED);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_disconnect);

static void xsw_nic_remove(struct xsw_nic *nic)
{
	struct xsw_step step = {
		.op = XSWITCH_OP_NIC_DELETE, .port = nic->port, .nic = nic,
	};

	xsw_stack_notify(nic->port->sw, &step);
	nic->port->nics[nic->index] = NULL;
	xsw_nic_unref(nic);
}

int xsw_nic_delete(struct xsw_nic *nic, struct netlink_ext_ack *extack)
{
	xsw_assert_locked();
	if (nic->state == XSWITCH_NIC_STATE_CONNECTED)
		return xsw_nic_in(nic, XSWITCH_NIC_STATE_DISCONNECTED, extack);
	if (refcount_read(&nic->refs) > 1) {
		NL_SET_ERR_MSG_MOD(extack, "the NIC is still referenced by an extension");
		return -EBUSY;
	}
	xsw_nic_remove(nic);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_delete);

void xsw_nic_destroy(struct xsw_nic *nic)
{
	xsw_assert_locked();
	if (nic->state == XSWITCH_NIC_STATE_CONNECTED)
		xsw_nic_disconnect(nic, NULL);
	if (refcount_read(&nic->refs) > 1)
		pr_warn("switch %s: NIC %u/%u deleted while an extension holds a reference\n",
			nic->port->sw->name, nic->port->id, nic->index);
	xsw_nic_remove(nic);
}
