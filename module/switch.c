// SPDX-License-Identifier: GPL-2.0
/*
 * Switch objects: one network namespace owns each, by id and by name.
 */
#include <kunit/visibility.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "xsw.h"

/**
 * DOC: Switch lifecycle
 *
 * A switch is created by SWITCH_NEW in the namespace of the requesting
 * socket and lives until SWITCH_DEL, until that namespace is dismantled,
 * or until the module is unloaded, whichever comes first.  Its name is
 * unique in the namespace; its id is allocated cyclically, so a deleted
 * switch's id is not reused until the id space wraps.
 *
 * Deleting a switch first unpublishes it (it is no longer found, and its
 * name is free again), then removes its ports one by one, each in the
 * Hyper-V order (NIC disconnect, NIC delete, port teardown, port delete)
 * with every extension told, waiting where a reference holds a delete up;
 * then it drops its properties, detaches its extensions, and is freed
 * after a grace period.
 */

/**
 * xsw_switch_name - a switch's name
 * @sw: the switch
 *
 * Return: the name, unique in the switch's namespace; fixed.
 */
const char *xsw_switch_name(const struct xsw_switch *sw)
{
	return sw->name;
}
EXPORT_SYMBOL_GPL(xsw_switch_name);

/**
 * xsw_switch_net - the network namespace a switch lives in
 * @sw: the switch
 *
 * Return: the namespace; a switch never moves.
 */
struct net *xsw_switch_net(const struct xsw_switch *sw)
{
	return sw->xn->net;
}
EXPORT_SYMBOL_GPL(xsw_switch_net);

struct xsw_switch *xsw_switch_find(struct net *net, const char *name)
{
	struct xsw_net *xn = xsw_net(net);
	struct xsw_switch *sw;
	unsigned long id;

	lockdep_assert_held(&xn->lock);
	xa_for_each(&xn->switches, id, sw)
		if (!strcmp(sw->name, name))
			return sw;
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_switch_find);

static int xsw_switch_check(struct xsw_net *xn, const char *name,
			    struct netlink_ext_ack *extack)
{
	if (READ_ONCE(xsw_going)) {
		NL_SET_ERR_MSG_MOD(extack, "the module is being unloaded");
		return -ENODEV;
	}
	if (!*name) {
		NL_SET_ERR_MSG_MOD(extack, "switch name is empty");
		return -EINVAL;
	}
	if (strlen(name) >= XSWITCH_NAME_LEN) {
		NL_SET_ERR_MSG_MOD(extack, "switch name is longer than 15 bytes");
		return -EINVAL;
	}
	if (xsw_switch_find(xn->net, name)) {
		NL_SET_ERR_MSG_MOD(extack, "a switch of that name already exists");
		return -EEXIST;
	}
	return xsw_limit(extack, xn->n_switches, 1, switches, "max_switches");
}

struct xsw_switch *xsw_switch_create(struct net *net, const char *name,
				     struct netlink_ext_ack *extack)
{
	struct xsw_net *xn = xsw_net(net);
	struct xsw_switch *sw;
	int err;

	lockdep_assert_held(&xn->lock);
	err = xsw_switch_check(xn, name, extack);
	if (err)
		return ERR_PTR(err);

	sw = xsw_kzalloc(sizeof(*sw), GFP_KERNEL_ACCOUNT);
	if (!sw)
		return ERR_PTR(-ENOMEM);
	sw->xn = xn;
	strscpy(sw->name, name, sizeof(sw->name));
	refcount_set(&sw->refs, 1);
	xa_init_flags(&sw->ports, XA_FLAGS_ALLOC1);
	INIT_LIST_HEAD(&sw->port_list);
	INIT_LIST_HEAD(&sw->exts);
	INIT_LIST_HEAD(&sw->props);
	INIT_LIST_HEAD(&sw->dests);
	err = xsw_fdb_create(sw);
	if (err) {
		kfree(sw);
		return ERR_PTR(err);
	}

	err = xsw_should_fail() ? -ENOMEM :
	      xa_alloc_cyclic(&xn->switches, &sw->id, sw, xa_limit_31b,
			      &xn->next_id, GFP_KERNEL_ACCOUNT);
	if (err < 0) {
		if (err == -EBUSY)
			NL_SET_ERR_MSG_MOD(extack, "no free switch id");
		xsw_fdb_destroy(sw);
		kfree(sw);
		return ERR_PTR(err);
	}
	xn->n_switches++;
	atomic_inc(&xsw_counts.switches);
	return sw;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_switch_create);

void xsw_switch_put(struct xsw_switch *sw)
{
	if (!refcount_dec_and_test(&sw->refs))
		return;
	WARN_ON_ONCE(!xa_empty(&sw->ports));
	xa_destroy(&sw->ports);
	atomic_dec(&xsw_counts.switches);
	kfree_rcu(sw, rcu);
}

/*
 * Ports go in creation order.  Each may drop the lock to wait for
 * references, so the walk starts again from the head every time; the
 * switch is unpublished, so nothing but pending deletes, which only take
 * ports out, changes the list meanwhile.
 */
static void xsw_switch_remove_ports(struct xsw_switch *sw)
{
	struct xsw_port *port;

	while ((port = list_first_entry_or_null(&sw->port_list,
						struct xsw_port, list)))
		xsw_port_destroy(port);
}

void xsw_switch_destroy(struct xsw_switch *sw)
{
	struct xsw_net *xn = sw->xn;
	struct xsw_ext *ext, *tmp;

	xsw_assert_locked(sw);
	sw->dying = true;
	xa_erase(&xn->switches, sw->id);
	xn->n_switches--;

	xsw_switch_remove_ports(sw);
	xsw_props_free(sw, &sw->props);
	/* With the ports gone, no attachment holds a reference any more. */
	list_for_each_entry_safe(ext, tmp, &sw->exts, list)
		xsw_ext_remove(ext);
	xsw_fdb_destroy(sw);
	kfree(rcu_dereference_protected(sw->stack, true));
	RCU_INIT_POINTER(sw->stack, NULL);
	xsw_switch_put(sw);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_switch_destroy);

void xsw_net_destroy_switches(struct net *net)
{
	struct xsw_net *xn = xsw_net(net);
	struct xsw_switch *sw;
	unsigned long id = 0;

	/* Not xa_for_each(): a destroy may drop the lock while it waits. */
	lockdep_assert_held(&xn->lock);
	while ((sw = xa_find(&xn->switches, &id, ULONG_MAX, XA_PRESENT)))
		xsw_switch_destroy(sw);
}
