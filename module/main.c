// SPDX-License-Identifier: GPL-2.0
/*
 * xswitch: the Hyper-V Extensible Switch on an Open vSwitch-style datapath.
 *
 * This file only wires the pieces together: the per-namespace state and
 * the generic netlink family.
 */
#include <kunit/visibility.h>
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/netns/generic.h>

#include "xsw.h"

/* Serialises every control request; see "DOC: Locking" in xsw.h. */
static DEFINE_MUTEX(xsw_mutex);

void xsw_lock(void)
{
	mutex_lock(&xsw_mutex);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_lock);

void xsw_unlock(void)
{
	mutex_unlock(&xsw_mutex);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_unlock);

void xsw_assert_locked(void)
{
	lockdep_assert_held(&xsw_mutex);
}

static unsigned int xsw_net_id __read_mostly;

struct xsw_net *xsw_net(const struct net *net)
{
	return net_generic(net, xsw_net_id);
}

static int __net_init xsw_net_init(struct net *net)
{
	xa_init_flags(&xsw_net(net)->switches, XA_FLAGS_ALLOC1);
	return 0;
}

static void __net_exit xsw_net_exit(struct net *net)
{
	xsw_lock();
	xsw_net_destroy_switches(net);
	xsw_unlock();
	xa_destroy(&xsw_net(net)->switches);
}

/* A device subsystem, not a plain one: switches will own net_devices, and
 * those must be gone before the core dismantles the namespace's devices.
 */
static struct pernet_operations xsw_net_ops = {
	.init = xsw_net_init,
	.exit = xsw_net_exit,
	.id = &xsw_net_id,
	.size = sizeof(struct xsw_net),
};

static int __init xsw_init(void)
{
	int err;

	err = register_pernet_device(&xsw_net_ops);
	if (err)
		return err;

	/* Last: once the family is registered requests arrive at once. */
	err = xsw_netlink_init();
	if (err)
		goto err_unregister_pernet;
	return 0;

err_unregister_pernet:
	unregister_pernet_device(&xsw_net_ops);
	return err;
}

static void __exit xsw_exit(void)
{
	xsw_netlink_exit();
	unregister_pernet_device(&xsw_net_ops);
}

module_init(xsw_init);
module_exit(xsw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hyper-V Extensible Switch emulation on an OVS-style datapath");
MODULE_ALIAS_GENL_FAMILY(XSWITCH_FAMILY_NAME);
