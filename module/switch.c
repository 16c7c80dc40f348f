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
 * unique in the namespace and its id is never reused while the namespace
 * lives unless the id space wraps.
 *
 * Deleting a switch removes its ports first, each in the Hyper-V order
 * (NIC disconnect, NIC delete, port teardown, port delete) with every
 * extension told, then drops its properties and detaches its extensions.
 */

const char *xsw_switch_name(const struct xsw_switch *sw)
{
	return sw->name;
}
EXPORT_SYMBOL_GPL(xsw_switch_name);

struct xsw_switch *xsw_switch_find(struct net *net, const char *name)
{
	struct xsw_switch *sw;
	unsigned long id;

	xsw_assert_locked();
	xa_for_each(&xsw_net(net)->switches, id, sw)
		if (!strcmp(sw->name, name))
			return sw;
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_switch_find);

struct xsw_switch *xsw_switch_create(struct net *net, const char *name,
				     struct netlink_ext_ack *extack)
{
	struct xsw_net *xn = xsw_net(net);
	struct xsw_switch *sw;
	int err;

	xsw_assert_locked();
	if (!*name) {
		NL_SET_ERR_MSG_MOD(extack, "switch name is empty");
		return ERR_PTR(-EINVAL);
	}
	if (strlen(name) >= XSWITCH_NAME_LEN) {
		NL_SET_ERR_MSG_MOD(extack, "switch name is longer than 15 bytes");
		return ERR_PTR(-EINVAL);
	}
	if (xsw_switch_find(net, name)) {
		NL_SET_ERR_MSG_MOD(extack, "a switch of that name already exists");
		return ERR_PTR(-EEXIST);
	}

	sw = kzalloc(sizeof(*sw), GFP_KERNEL);
	if (!sw)
		return ERR_PTR(-ENOMEM);
	sw->net = net;
	strscpy(sw->name, name, sizeof(sw->name));
	xa_init_flags(&sw->ports, XA_FLAGS_ALLOC1);
	INIT_LIST_HEAD(&sw->exts);
	INIT_LIST_HEAD(&sw->props);

	err = xa_alloc_cyclic(&xn->switches, &sw->id, sw, xa_limit_32b,
			      &xn->next_id, GFP_KERNEL);
	if (err < 0) {
		NL_SET_ERR_MSG_MOD(extack, "no free switch id");
		kfree(sw);
		return ERR_PTR(err);
	}
	return sw;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_switch_create);

void xsw_switch_destroy(struct xsw_switch *sw)
{
	struct xsw_ext *ext, *tmp;
	struct xsw_port *port;
	unsigned long id;

	xsw_assert_locked();
	xa_for_each(&sw->ports, id, port)
		xsw_port_destroy(port);
	xa_destroy(&sw->ports);
	xsw_props_free(&sw->props);
	list_for_each_entry_safe(ext, tmp, &sw->exts, list)
		xsw_ext_detach(ext);
	xa_erase(&xsw_net(sw->net)->switches, sw->id);
	kfree(sw);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_switch_destroy);

void xsw_net_destroy_switches(struct net *net)
{
	struct xsw_switch *sw;
	unsigned long id;

	xsw_assert_locked();
	xa_for_each(&xsw_net(net)->switches, id, sw)
		xsw_switch_destroy(sw);
}
