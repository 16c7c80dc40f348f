// SPDX-License-Identifier: GPL-2.0
/*
 * Provisional ports: held by a netlink socket, taken off when it closes.
 */
#include <linux/netlink.h>
#include <kunit/visibility.h>
#include <net/net_namespace.h>

#include "xsw.h"

/**
 * DOC: Provisional ports
 *
 * A migration's destination makes the VM's ports before the source has
 * let go of them, and a process can be killed at any step.  So that a
 * killed process leaves nothing half made, a port created with the
 * provisional flag is held by the netlink socket that asked for it
 * (nl80211's socket owner, for ports): when that socket closes before it
 * keeps the port (port-set keep), the kernel takes the port off in the
 * documented order (each NIC disconnected and deleted, then teardown and
 * delete), as the switch's extensions would see an orderly removal.
 *
 * A socket closes when its process ends however it ends; the netlink
 * core calls the NETLINK_URELEASE notifiers from the closing task, in
 * process context, so the ports are gone before close() returns (and
 * before a killed process's other sockets, opened earlier, are closed:
 * the exiting task releases its files newest first).
 *
 * @holder is read and written under the control lock; xsw_held counts
 * the held ports of every namespace, so that the close of the many
 * generic netlink sockets that never held a port takes no lock.
 */
static atomic_t xsw_held = ATOMIC_INIT(0);

void xsw_port_hold(struct xsw_port *port, u32 holder)
{
	xsw_assert_locked(port->sw);
	if (!holder || port->holder)
		return;
	port->holder = holder;
	atomic_inc(&xsw_held);
}

/* The port is no longer provisional: kept, or on its way out. */
void xsw_port_let_go(struct xsw_port *port)
{
	xsw_assert_locked(port->sw);
	if (!port->holder)
		return;
	port->holder = 0;
	atomic_dec(&xsw_held);
}

/**
 * xsw_port_keep - let a provisional port outlive its holder
 * @port: the port
 * @holder: the netlink port id of the socket that asks
 * @extack: where a refusal is explained
 *
 * Return: 0; -EINVAL if @port is not provisional, -EPERM if another
 * socket holds it.
 */
int xsw_port_keep(struct xsw_port *port, u32 holder,
		  struct netlink_ext_ack *extack)
{
	xsw_assert_locked(port->sw);
	if (xsw_port_is_busy(port, extack))
		return -EBUSY;
	if (!port->holder) {
		NL_SET_ERR_MSG_MOD(extack, "keep: the port is not provisional");
		return -EINVAL;
	}
	if (port->holder != holder) {
		NL_SET_ERR_MSG_MOD(extack, "keep: another socket holds the port");
		return -EPERM;
	}
	xsw_port_let_go(port);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_keep);

static struct xsw_port *xsw_held_by(struct xsw_net *xn, u32 holder)
{
	struct xsw_switch *sw;
	struct xsw_port *port;
	unsigned long id;

	xa_for_each(&xn->switches, id, sw)
		list_for_each_entry(port, &sw->port_list, list)
			if (port->holder == holder && !port->deleting)
				return port;
	return NULL;
}

/**
 * xsw_release_holder - take off the ports a closed socket held
 * @net: the socket's namespace
 * @holder: its netlink port id
 *
 * Takes the control lock of @net.
 */
void xsw_release_holder(struct net *net, u32 holder)
{
	struct xsw_net *xn = xsw_net(net);
	struct xsw_port *port;

	if (!atomic_read(&xsw_held))
		return;
	xsw_lock(net);
	/* A destroy may drop the lock: each search starts over. */
	while ((port = xsw_held_by(xn, holder))) {
		pr_info("switch %s: port %u: its holder closed before keeping it; taken off\n",
			port->sw->name, port->info.id);
		/* Said first: the destroy may drop the lock, and the switch go. */
		xsw_migration_event(port->sw, port->info.id,
				    XSWITCH_OUTCOME_RELEASED, 0);
		xsw_port_let_go(port);
		xsw_port_destroy(port);
	}
	xsw_unlock(net);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_release_holder);

static int xsw_holder_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    n->portid)
		xsw_release_holder(n->net, n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block xsw_holder_nb = {
	.notifier_call = xsw_holder_event,
};

int __init xsw_holder_init(void)
{
	return netlink_register_notifier(&xsw_holder_nb);
}

void xsw_holder_exit(void)
{
	netlink_unregister_notifier(&xsw_holder_nb);
}
