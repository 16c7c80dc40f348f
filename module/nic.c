// SPDX-License-Identifier: GPL-2.0
/*
 * NICs: the network adapter connections on ports, with the Hyper-V state
 * rules and index rules, and the references extensions hold on them.
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
 * Validation ports never take a NIC, nor do ports tearing down.  The NIC
 * is published in its port's slot once its create walk has completed.  A
 * new state (connected, disconnected) becomes visible to lookups only
 * once every extension has seen the step: a NIC is a destination only
 * after all of them saw connect.  Update (friendly name, MTU, MACs) only
 * while connected.  Only a connected NIC takes new references.  Delete
 * never fails once the NIC is not connected: it waits for references, as
 * a port's delete does, and the port cannot be torn down meanwhile.
 */

/**
 * xsw_nic_info - a NIC's parameters
 * @nic: the NIC
 *
 * Return: what Hyper-V's NDIS_SWITCH_NIC_PARAMETERS say of @nic; stable
 * under the control lock (see struct xsw_nic_info).
 */
const struct xsw_nic_info *xsw_nic_info(const struct xsw_nic *nic)
{
	return &nic->info;
}
EXPORT_SYMBOL_GPL(xsw_nic_info);

/**
 * xsw_nic_port - the port a NIC is on
 * @nic: the NIC
 *
 * Return: the port; it outlives the NIC's delete step.
 */
struct xsw_port *xsw_nic_port(const struct xsw_nic *nic)
{
	return nic->port;
}
EXPORT_SYMBOL_GPL(xsw_nic_port);

/**
 * xsw_nic_lookup_rcu - find a port's NIC by index from any context
 * @port: the port, itself valid (found under RCU, or referenced)
 * @index: the NIC index
 *
 * Call under rcu_read_lock() (or with the control lock held).
 *
 * Return: the NIC, valid until rcu_read_unlock(), or NULL if there is none
 * or its create step has not completed.
 */
struct xsw_nic *xsw_nic_lookup_rcu(struct xsw_port *port, u16 index)
{
	if (index > XSWITCH_MAX_NIC_INDEX)
		return NULL;
	return rcu_dereference_check(port->nics[index],
				     lockdep_is_held(&port->sw->xn->lock));
}
EXPORT_SYMBOL_GPL(xsw_nic_lookup_rcu);

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

/**
 * xsw_nic_ref - keep a NIC from being deleted (ReferenceSwitchNic)
 * @ext: the attachment that holds the reference
 * @nic: a NIC of @ext's switch, known valid (see include/net/xswitch.h)
 *
 * Any context.  The NIC's delete, and so its port's teardown, waits until
 * the reference is dropped with xsw_nic_unref().
 *
 * Return: 0; -EBUSY unless @nic is connected and @ext enabled.
 */
int xsw_nic_ref(struct xsw_ext *ext, struct xsw_nic *nic)
{
	if (WARN_ON_ONCE(xsw_ext_switch(ext) != nic->port->sw))
		return -EINVAL;
	if (!xsw_ext_get_ref(ext))
		return -EBUSY;
	if (READ_ONCE(nic->info.state) != XSWITCH_NIC_STATE_CONNECTED ||
	    !refcount_inc_not_zero(&nic->users)) {
		xsw_ext_put_ref(ext);
		return -EBUSY;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_nic_ref);

void xsw_nic_put(struct xsw_nic *nic)
{
	if (!refcount_dec_and_test(&nic->refs))
		return;
	atomic_dec(&xsw_counts.nics);
	kfree_rcu(nic, rcu);
}

/**
 * xsw_nic_unref - drop what xsw_nic_ref() took
 * @ext: the attachment that holds the reference
 * @nic: the NIC
 *
 * Any context.  If a delete waits for this reference, it completes soon
 * after, in process context; @nic must not be used afterwards.
 */
void xsw_nic_unref(struct xsw_ext *ext, struct xsw_nic *nic)
{
	/* As xsw_port_unref(): nothing may be touched once the work is queued. */
	xsw_ext_put_ref(ext);
	if (refcount_dec_and_test(&nic->users))
		queue_work(xsw_wq, &nic->finish);
}
EXPORT_SYMBOL_GPL(xsw_nic_unref);

static bool xsw_nic_is_vm(const struct xsw_port *port)
{
	return port->info.type == XSWITCH_PORT_TYPE_SYNTHETIC ||
	       port->info.type == XSWITCH_PORT_TYPE_EMULATED;
}

/**
 * xsw_nic_check_params - the field checks of NIC create and NIC update
 * @port: the NIC's port
 * @p: the fields the request sets
 * @create: for a create: also the fields only a create may set
 * @extack: where a refusal is explained
 *
 * Return: 0, or a negative errno with a message naming the field.
 */
int xsw_nic_check_params(struct xsw_port *port, const struct xsw_nic_params *p,
			 bool create, struct netlink_ext_ack *extack)
{
	if (p->mtu > IP_MAX_MTU) {
		NL_SET_ERR_MSG_MOD(extack, "MTU is above 65535");
		return -ERANGE;
	}
	if (!create && (p->ifindex || p->ifname)) {
		NL_SET_ERR_MSG_MOD(extack, "a NIC's device is bound when the NIC is created");
		return -EINVAL;
	}
	if (!create && (p->name || p->vm_name || p->vm_friendly_name)) {
		NL_SET_ERR_MSG_MOD(extack, "NIC name and VM names cannot change");
		return -EINVAL;
	}
	if ((p->vm_name || p->vm_friendly_name || p->vm_mac) &&
	    !xsw_nic_is_vm(port)) {
		NL_SET_ERR_MSG_MOD(extack, "VM names and MAC are for VM NICs only");
		return -EINVAL;
	}
	return 0;
}

static int xsw_nic_check(struct xsw_port *port, const struct xsw_nic_params *p,
			 struct netlink_ext_ack *extack)
{
	struct xsw_nic *old;

	if (port->info.validation) {
		NL_SET_ERR_MSG_MOD(extack, "a validation port never takes a NIC");
		return -EINVAL;
	}
	if (xsw_port_is_busy(port, extack))
		return -EBUSY;
	if (port->info.state != XSWITCH_PORT_STATE_CREATED) {
		NL_SET_ERR_MSG_MOD(extack, "the port is tearing down");
		return -EBUSY;
	}
	if (p->index > XSWITCH_MAX_NIC_INDEX) {
		NL_SET_ERR_MSG_MOD(extack, "NIC index is above 32");
		return -ERANGE;
	}
	if (p->index && port->info.type != XSWITCH_PORT_TYPE_EXTERNAL) {
		NL_SET_ERR_MSG_MOD(extack, "NIC indexes above 0 exist only on the external port");
		return -EINVAL;
	}
	old = xsw_port_nic(port, p->index);
	if (old && old->deleting) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the NIC at that index is being deleted, waiting for references");
		return -EBUSY;
	}
	if (old) {
		NL_SET_ERR_MSG_MOD(extack, "the port already has a NIC at that index");
		return -EEXIST;
	}
	return xsw_nic_check_params(port, p, true, extack) ?:
	       xsw_limit(extack, port->sw->xn->n_nics, 1, nics, "max_nics");
}

/* Copies the updatable fields a request set. */
static void xsw_nic_apply(struct xsw_nic *nic, const struct xsw_nic_params *p)
{
	if (p->friendly_name)
		strscpy(nic->info.friendly_name, p->friendly_name,
			sizeof(nic->info.friendly_name));
	if (p->mtu)
		nic->info.mtu = p->mtu;
	if (p->permanent_mac)
		ether_addr_copy(nic->info.permanent_mac, p->permanent_mac);
	if (p->vm_mac)
		ether_addr_copy(nic->info.vm_mac, p->vm_mac);
	if (p->current_mac)
		ether_addr_copy(nic->info.current_mac, p->current_mac);
}

static void xsw_nic_finish_work(struct work_struct *work);

static struct xsw_nic *xsw_nic_alloc(struct xsw_port *port,
				     const struct xsw_nic_params *p)
{
	struct xsw_nic *nic;

	nic = xsw_kzalloc(sizeof(*nic), GFP_KERNEL_ACCOUNT);
	if (!nic)
		return NULL;
	nic->port = port;
	nic->info.port_id = port->info.id;
	nic->info.index = p->index;
	nic->info.type = xsw_nic_type(port->info.type);
	nic->info.mtu = ETH_DATA_LEN;
	refcount_set(&nic->refs, 1);
	refcount_set(&nic->users, 1);
	INIT_WORK(&nic->finish, xsw_nic_finish_work);
	xsw_vport_init_nic(nic);
	INIT_LIST_HEAD(&nic->dest_node);
	init_completion(&nic->gone);
	strscpy(nic->info.name, p->name ?: "", sizeof(nic->info.name));
	strscpy(nic->info.vm_name, p->vm_name ?: "", sizeof(nic->info.vm_name));
	strscpy(nic->info.vm_friendly_name, p->vm_friendly_name ?: "",
		sizeof(nic->info.vm_friendly_name));
	xsw_nic_apply(nic, p);
	if (!p->current_mac)
		ether_addr_copy(nic->info.current_mac, nic->info.permanent_mac);
	return nic;
}

struct xsw_nic *xsw_nic_create(struct xsw_port *port,
			       const struct xsw_nic_params *p,
			       struct netlink_ext_ack *extack)
{
	struct xsw_step step = { .op = XSWITCH_OP_NIC_CREATE, .port = port };
	struct xsw_nic *nic;
	int err;

	xsw_assert_locked(port->sw);
	err = xsw_nic_check(port, p, extack);
	if (err)
		return ERR_PTR(err);
	nic = xsw_nic_alloc(port, p);
	if (!nic)
		return ERR_PTR(-ENOMEM);
	atomic_inc(&xsw_counts.nics);
	/* Before the step: extensions see the device's MTU and MAC. */
	err = xsw_vport_bind(nic, p, extack);
	if (err)
		goto err_free;

	step.nic = nic;
	err = xsw_stack_veto(port->sw, &step, extack);
	if (err)
		goto err_unbind;
	nic->info.state = XSWITCH_NIC_STATE_CREATED;
	rcu_assign_pointer(port->nics[nic->info.index], nic);
	list_add_tail(&nic->list, &port->nic_list);
	port->sw->xn->n_nics++;
	return nic;

err_unbind:
	xsw_vport_unbind(nic);
err_free:
	/* The device's notifier may have queued work that holds a reference. */
	xsw_nic_put(nic);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_create);

/* Refuses a step unless the NIC is in state @want, naming the state. */
static int xsw_nic_in(struct xsw_nic *nic, u32 want,
		      struct netlink_ext_ack *extack)
{
	if (nic->deleting) {
		NL_SET_ERR_MSG_MOD(extack, "the NIC is being deleted, waiting for references");
		return -EBUSY;
	}
	if (nic->info.state == want)
		return 0;
	switch (nic->info.state) {
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

/* The walk first, then the state lookups see. */
static void xsw_nic_step(struct xsw_nic *nic, u32 op, u32 state)
{
	struct xsw_step step = { .op = op, .port = nic->port, .nic = nic };

	xsw_stack_notify(nic->port->sw, &step);
	WRITE_ONCE(nic->info.state, state);
}

/* An update of a connected NIC: the step, and the MAC table follows. */
static void xsw_nic_changed(struct xsw_nic *nic, const struct xsw_nic_params *p)
{
	xsw_nic_apply(nic, p);
	if (nic->dp_listed &&
	    !ether_addr_equal(nic->fdb_mac, nic->info.current_mac)) {
		xsw_fdb_del_nic(nic);
		xsw_fdb_add_nic(nic);
	}
	xsw_nic_step(nic, XSWITCH_OP_NIC_UPDATE, XSWITCH_NIC_STATE_CONNECTED);
}

/**
 * xsw_nic_follow - a NIC's device changed its MTU or MAC
 * @nic: the NIC
 * @p: the device's MTU, and its MAC for NICs whose MAC follows it
 *
 * Control lock.  A connected NIC takes it as a NIC update step (unless a
 * save or restore runs: then the fields change without a step, as before
 * the connect); nothing happens if nothing differs.
 */
void xsw_nic_follow(struct xsw_nic *nic, const struct xsw_nic_params *p)
{
	const struct xsw_nic_info *ni = &nic->info;

	xsw_assert_locked(nic->port->sw);
	if (nic->deleting)
		return;
	if (p->mtu == ni->mtu &&
	    (!p->current_mac || ether_addr_equal(p->current_mac, ni->current_mac)) &&
	    (!p->permanent_mac || ether_addr_equal(p->permanent_mac, ni->permanent_mac)))
		return;
	if (ni->state == XSWITCH_NIC_STATE_CONNECTED && !nic->io_running)
		xsw_nic_changed(nic, p);
	else
		xsw_nic_apply(nic, p);
}

int xsw_nic_connect(struct xsw_nic *nic, struct netlink_ext_ack *extack)
{
	int err;

	xsw_assert_locked(nic->port->sw);
	err = xsw_nic_in(nic, XSWITCH_NIC_STATE_CREATED, extack);
	if (err)
		return err;
	xsw_nic_step(nic, XSWITCH_OP_NIC_CONNECT, XSWITCH_NIC_STATE_CONNECTED);
	/* A destination once every extension saw the connect. */
	xsw_dp_connect(nic);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_connect);

int xsw_nic_update(struct xsw_nic *nic, const struct xsw_nic_params *p,
		   struct netlink_ext_ack *extack)
{
	int err;

	xsw_assert_locked(nic->port->sw);
	err = xsw_nic_in(nic, XSWITCH_NIC_STATE_CONNECTED, extack) ?:
	      xsw_nic_check_params(nic->port, p, false, extack);
	if (err)
		return err;
	/* A save or restore callback reads the NIC's fields without the lock. */
	if (nic->io_running) {
		NL_SET_ERR_MSG_MOD(extack, "a save or restore of the NIC is running");
		return -EBUSY;
	}
	err = xsw_vport_update(nic, p, extack);
	if (err)
		return err;
	xsw_nic_changed(nic, p);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_update);

int xsw_nic_disconnect(struct xsw_nic *nic, struct netlink_ext_ack *extack)
{
	int err;

	xsw_assert_locked(nic->port->sw);
	err = xsw_nic_in(nic, XSWITCH_NIC_STATE_CONNECTED, extack);
	if (err)
		return err;
	if (nic->io_running) {
		NL_SET_ERR_MSG_MOD(extack, "a save or restore of the NIC is running");
		return -EBUSY;
	}
	/* RESTORE_COMPLETE comes before the disconnect it cannot follow. */
	xsw_nic_restore_abandon(nic, -ECONNABORTED);
	/* No frame reaches it once extensions hear of the disconnect. */
	xsw_dp_disconnect(nic);
	xsw_nic_step(nic, XSWITCH_OP_NIC_DISCONNECT,
		     XSWITCH_NIC_STATE_DISCONNECTED);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_disconnect);

/* The delete step, once no reference is left. */
static void xsw_nic_finish(struct xsw_nic *nic)
{
	struct xsw_step step = {
		.op = XSWITCH_OP_NIC_DELETE, .port = nic->port, .nic = nic,
	};
	struct xsw_port *port = nic->port;

	xsw_assert_locked(port->sw);
	xsw_dp_disconnect(nic);
	xsw_vport_unbind(nic);
	xsw_stack_notify(port->sw, &step);
	RCU_INIT_POINTER(port->nics[nic->info.index], NULL);
	list_del(&nic->list);
	port->sw->xn->n_nics--;
}

static void xsw_nic_finish_work(struct work_struct *work)
{
	struct xsw_nic *nic = container_of(work, struct xsw_nic, finish);
	struct mutex *lock = &nic->port->sw->xn->lock;

	mutex_lock(lock);
	xsw_nic_finish(nic);
	mutex_unlock(lock);
	atomic_dec(&xsw_counts.pending);
	complete_all(&nic->gone);
	xsw_nic_put(nic);
}

/**
 * xsw_nic_delete - the NIC_DELETE step
 * @nic: a NIC that is created or disconnected
 * @wait: wait for a pending delete (the control lock is dropped meanwhile)
 *	rather than return at once
 * @extack: where a refusal is explained
 *
 * Return: 0 once the delete completed or, without @wait, is pending;
 * -EBUSY if the NIC is connected or its delete is pending already.
 */
int xsw_nic_delete(struct xsw_nic *nic, bool wait,
		   struct netlink_ext_ack *extack)
{
	struct xsw_switch *sw = nic->port->sw;

	xsw_assert_locked(sw);
	if (nic->info.state == XSWITCH_NIC_STATE_CONNECTED || nic->deleting)
		return xsw_nic_in(nic, XSWITCH_NIC_STATE_DISCONNECTED, extack);
	nic->deleting = true;
	if (refcount_dec_and_test(&nic->users)) {
		xsw_nic_finish(nic);
		complete_all(&nic->gone);
		xsw_nic_put(nic);
		return 0;
	}
	atomic_inc(&xsw_counts.pending);
	if (wait) {
		refcount_inc(&nic->refs);
		xsw_wait_gone(sw, &nic->gone, "NIC", nic->info.port_id,
			      nic->info.index, true);
		xsw_nic_put(nic);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_delete);

/* Disconnects (if connected) and deletes, waiting uninterruptibly. */
void xsw_nic_destroy(struct xsw_nic *nic)
{
	struct xsw_switch *sw = nic->port->sw;

	xsw_assert_locked(sw);
	refcount_inc(&nic->refs);
	xsw_nic_io_drain(nic);
	if (!nic->deleting) {
		if (nic->info.state == XSWITCH_NIC_STATE_CONNECTED)
			xsw_nic_disconnect(nic, NULL);
		xsw_nic_delete(nic, false, NULL);
	}
	if (!completion_done(&nic->gone))
		xsw_wait_gone(sw, &nic->gone, "NIC", nic->info.port_id,
			      nic->info.index, false);
	xsw_nic_put(nic);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_destroy);

/**
 * xsw_port_walk_nics - call @fn for each NIC of a port
 * @port: the port
 * @fn: called for each created NIC, in creation order, until it returns
 *	non-zero; NICs whose delete has begun are skipped
 * @arg: for @fn
 *
 * Control lock (from an extension's callback).
 *
 * Return: 0, or what @fn returned that stopped the walk.
 */
int xsw_port_walk_nics(struct xsw_port *port, xsw_nic_visit_t fn, void *arg)
{
	struct xsw_nic *nic;
	int err;

	xsw_assert_locked(port->sw);
	list_for_each_entry(nic, &port->nic_list, list) {
		if (nic->deleting)
			continue;
		err = fn(nic, arg);
		if (err)
			return err;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_port_walk_nics);
