// SPDX-License-Identifier: GPL-2.0
/*
 * xswitch: the Hyper-V Extensible Switch on an Open vSwitch-style datapath.
 *
 * This file only wires the pieces together: the per-namespace state and
 * its limits, the work queue pending deletes complete on, and the order in
 * which the module comes and goes.
 */
#include <kunit/visibility.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>
#include <net/genetlink.h>
#include <net/netns/generic.h>

#include "xsw.h"

/**
 * DOC: Limits
 *
 * Every object is charged to the memory cgroup of the task that created it
 * (GFP_KERNEL_ACCOUNT), and each network namespace may hold at most
 * max_switches switches, max_ports ports per switch and max_ns_ports ports
 * in all, max_nics NICs, max_props properties and max_prop_bytes bytes of
 * property payload: with the defaults, some 30 MiB of kernel memory.  A
 * request that would pass a limit is refused with -ENOSPC and a message
 * naming the limit.  The limits are module parameters, writable at run
 * time by root; lowering one below what a namespace holds refuses only new
 * objects.  An unprivileged user who owns a user and network namespace can
 * thus hold at most that much, charged to its own cgroup.
 */
struct xsw_limits xsw_limits = {
	.switches = 64,
	.ports = 16384,
	.ns_ports = 16384,
	.nics = 16384,
	.props = 65536,
	.prop_bytes = 64 << 20,
	.save_records = XSW_SAVE_RECORDS_MAX,
	.save_bytes = XSW_SAVE_BYTES_MAX,
};
EXPORT_SYMBOL_IF_KUNIT(xsw_limits);

module_param_named(max_switches, xsw_limits.switches, uint, 0644);
MODULE_PARM_DESC(max_switches, "switches per network namespace (default 64)");
module_param_named(max_ports, xsw_limits.ports, uint, 0644);
MODULE_PARM_DESC(max_ports, "ports per switch (default 16384)");
module_param_named(max_ns_ports, xsw_limits.ns_ports, uint, 0644);
MODULE_PARM_DESC(max_ns_ports, "ports per network namespace (default 16384)");
module_param_named(max_nics, xsw_limits.nics, uint, 0644);
MODULE_PARM_DESC(max_nics, "NICs per network namespace (default 16384)");
module_param_named(max_props, xsw_limits.props, uint, 0644);
MODULE_PARM_DESC(max_props, "properties per network namespace (default 65536)");
module_param_named(max_prop_bytes, xsw_limits.prop_bytes, uint, 0644);
MODULE_PARM_DESC(max_prop_bytes,
		 "property payload bytes per network namespace (default 64 MiB)");
module_param_named(max_save_records, xsw_limits.save_records, uint, 0644);
MODULE_PARM_DESC(max_save_records,
		 "records of one NIC's save or restore (default and most 1048576)");
module_param_named(max_save_bytes, xsw_limits.save_bytes, uint, 0644);
MODULE_PARM_DESC(max_save_bytes,
		 "memory of one NIC's save, payload of its restore (default and most 64 MiB)");

struct xsw_counts xsw_counts;
EXPORT_SYMBOL_IF_KUNIT(xsw_counts);

struct workqueue_struct *xsw_wq;
EXPORT_SYMBOL_IF_KUNIT(xsw_wq);
bool xsw_going;

static unsigned int xsw_net_id __read_mostly;

struct xsw_net *xsw_net(const struct net *net)
{
	return net_generic(net, xsw_net_id);
}

struct mutex *xsw_net_lock(const struct net *net)
{
	return &xsw_net(net)->lock;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_net_lock);

void xsw_lock(struct net *net)
{
	mutex_lock(&xsw_net(net)->lock);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_lock);

void xsw_unlock(struct net *net)
{
	mutex_unlock(&xsw_net(net)->lock);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_unlock);

/**
 * xsw_wait_gone - wait for a pending delete, without the control lock
 * @sw: the switch of the object; its lock is held and is dropped meanwhile
 * @gone: the object's completion
 * @what: "port" or "NIC", for the warning
 * @port_id: the port, for the warning
 * @index: the NIC's index, or -1 for a port
 * @killable: a netlink request: a fatal signal ends the wait, and the
 *	delete completes on its own when the references are dropped
 *
 * The caller holds a memory reference to the object, so that @gone stays.
 */
void xsw_wait_gone(struct xsw_switch *sw, struct completion *gone,
		   const char *what, u32 port_id, int index, bool killable)
	__must_hold(&sw->xn->lock)
{
	struct mutex *lock = &sw->xn->lock;
	unsigned long warn = XSW_WAIT_WARN_SECS * HZ;
	char name[XSWITCH_NAME_LEN];
	unsigned int waited = 0;
	long left;

	/* Once the lock is dropped the switch may go with its last port. */
	xsw_assert_locked(sw);
	strscpy(name, sw->name, sizeof(name));
	mutex_unlock(lock);
	for (;;) {
		if (killable)
			left = wait_for_completion_killable_timeout(gone, warn);
		else
			left = wait_for_completion_timeout(gone, warn);
		if (left)
			break;
		waited += XSW_WAIT_WARN_SECS;
		if (index < 0)
			pr_warn("switch %s: %s %u: delete waits for references held by extensions (%us)\n",
				name, what, port_id, waited);
		else
			pr_warn("switch %s: %s %u/%d: delete waits for references held by extensions (%us)\n",
				name, what, port_id, index, waited);
	}
	mutex_lock(lock);
}

static int __net_init xsw_net_init(struct net *net)
{
	struct xsw_net *xn = xsw_net(net);

	mutex_init(&xn->lock);
	xn->net = net;
	xa_init_flags(&xn->switches, XA_FLAGS_ALLOC1);
	INIT_LIST_HEAD(&xn->restores);
	return 0;
}

static void __net_exit xsw_net_exit(struct net *net)
{
	struct xsw_net *xn = xsw_net(net);

	/* A device that went away may have queued work on a NIC here. */
	flush_workqueue(xsw_wq);
	xsw_lock(net);
	xsw_net_destroy_switches(net);
	xsw_unlock(net);
	flush_workqueue(xsw_wq);
	WARN_ON_ONCE(!xa_empty(&xn->switches));
	xa_destroy(&xn->switches);
	mutex_destroy(&xn->lock);
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

/*
 * Unloading: every switch of every namespace goes first, while the family
 * is still registered, so that listeners see the teardown steps; new
 * switches are refused from then on (xsw_going, read under each
 * namespace's lock).  Then the family goes, which waits for requests in
 * flight, and only then the per-namespace state they use.
 */
static void xsw_destroy_all(void)
{
	struct net *net;

	down_read(&net_rwsem);
	for_each_net(net) {
		xsw_lock(net);
		xsw_net_destroy_switches(net);
		xsw_unlock(net);
	}
	up_read(&net_rwsem);
}

static int __init xsw_init(void)
{
	int err;

	xsw_wq = alloc_workqueue("xswitch", WQ_UNBOUND, 0);
	if (!xsw_wq)
		return -ENOMEM;
	err = register_pernet_device(&xsw_net_ops);
	if (err)
		goto err_destroy_wq;
	err = xsw_vport_init();
	if (err)
		goto err_unregister_pernet_only;
	xsw_debugfs_init();

	err = xsw_holder_init();
	if (err)
		goto err_debugfs;
	/* Last: once the family is registered requests arrive at once. */
	err = xsw_netlink_init();
	if (err)
		goto err_holder;
	return 0;

err_holder:
	xsw_holder_exit();
err_debugfs:
	xsw_debugfs_exit();
	xsw_vport_exit();
err_unregister_pernet_only:
	unregister_pernet_device(&xsw_net_ops);
err_destroy_wq:
	destroy_workqueue(xsw_wq);
	return err;
}

static void __exit xsw_exit(void)
{
	WRITE_ONCE(xsw_going, true);
	xsw_destroy_all();
	xsw_netlink_exit();
	xsw_holder_exit();
	xsw_debugfs_exit();
	xsw_vport_exit();
	unregister_pernet_device(&xsw_net_ops);
	/* Pending deletes are complete; their work items may still return. */
	destroy_workqueue(xsw_wq);
	/* A port is freed by a callback in this module's text. */
	rcu_barrier();
}

module_init(xsw_init);
module_exit(xsw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hyper-V Extensible Switch emulation on an OVS-style datapath");
MODULE_ALIAS_GENL_FAMILY(XSWITCH_FAMILY_NAME);
