// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: create, update, teardown, delete, with the Hyper-V state rules,
 * and the references extensions hold on them.
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
 *                       |  ^                              |
 *                       update (friendly name only)      (waits for references)
 *
 * Create is vetoable.  While its walk runs the port has state 0: it is not
 * published, and no reference can be taken, so a veto frees a port nobody
 * holds.  It is published, and takes references, once every extension and
 * the switch accepted it.
 *
 * Teardown needs the port to have no NIC left (they are disconnected and
 * deleted first); the state changes to TEARDOWN once every extension saw
 * the step, and no new reference is taken from then on.  Delete needs
 * TEARDOWN.  It never fails: if extensions still hold references it waits
 * for them (see "DOC: Locking"), and the port, marked deleting, refuses
 * every other step meanwhile.  Properties may change in CREATED and
 * TEARDOWN.  A switch holds at most one operational external port and one
 * operational internal port.
 */

/**
 * xsw_port_info - a port's parameters
 * @port: the port
 *
 * Return: what Hyper-V's NDIS_SWITCH_PORT_PARAMETERS say of @port; stable
 * under the control lock (see struct xsw_port_info).
 */
const struct xsw_port_info *xsw_port_info(const struct xsw_port *port)
{
	return &port->info;
}
EXPORT_SYMBOL_GPL(xsw_port_info);

/**
 * xsw_port_switch - the switch a port is on
 * @port: the port
 *
 * Return: the switch; it outlives the port.
 */
struct xsw_switch *xsw_port_switch(const struct xsw_port *port)
{
	return port->sw;
}
EXPORT_SYMBOL_GPL(xsw_port_switch);

struct xsw_port *xsw_port_find(struct xsw_switch *sw, u32 id)
{
	xsw_assert_locked(sw);
	return xa_load(&sw->ports, id);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_find);

/**
 * xsw_port_lookup_rcu - find a port by PortId from any context
 * @sw: the switch
 * @id: the PortId
 *
 * Call under rcu_read_lock() (or with the control lock held).
 *
 * Return: the port, valid until rcu_read_unlock(), or NULL if there is none
 * or its create step has not completed.
 */
struct xsw_port *xsw_port_lookup_rcu(struct xsw_switch *sw, u32 id)
{
	RCU_LOCKDEP_WARN(!rcu_read_lock_held() &&
			 !lockdep_is_held(&sw->xn->lock),
			 "a port lookup needs rcu_read_lock() or the control lock");
	return xa_load(&sw->ports, id);
}
EXPORT_SYMBOL_GPL(xsw_port_lookup_rcu);

struct xsw_nic *xsw_port_nic(struct xsw_port *port, u16 index)
{
	if (index > XSWITCH_MAX_NIC_INDEX)
		return NULL;
	return rcu_dereference_protected(port->nics[index],
					 lockdep_is_held(&port->sw->xn->lock));
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_nic);

/**
 * xsw_port_ref - keep a port from being deleted (ReferenceSwitchPort)
 * @ext: the attachment that holds the reference
 * @port: a port of @ext's switch, known valid (see include/net/xswitch.h)
 *
 * Any context.  The port's delete waits until the reference is dropped
 * with xsw_port_unref(), and @ext can be neither disabled nor detached
 * meanwhile.
 *
 * Return: 0; -EBUSY if @port is still being created, or tearing down,
 * or @ext is not enabled.
 */
int xsw_port_ref(struct xsw_ext *ext, struct xsw_port *port)
{
	if (WARN_ON_ONCE(xsw_ext_switch(ext) != port->sw))
		return -EINVAL;
	if (!xsw_ext_get_ref(ext))
		return -EBUSY;
	if (READ_ONCE(port->info.state) != XSWITCH_PORT_STATE_CREATED ||
	    !refcount_inc_not_zero(&port->users)) {
		xsw_ext_put_ref(ext);
		return -EBUSY;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_port_ref);

static void xsw_port_free_rcu(struct rcu_head *head)
{
	struct xsw_port *port = container_of(head, struct xsw_port, rcu);

	free_percpu(port->stats);
	kfree(port);
}

void xsw_port_put(struct xsw_port *port)
{
	if (!refcount_dec_and_test(&port->refs))
		return;
	atomic_dec(&xsw_counts.ports);
	call_rcu(&port->rcu, xsw_port_free_rcu);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_put);

/**
 * xsw_port_unref - drop what xsw_port_ref() took
 * @ext: the attachment that holds the reference
 * @port: the port
 *
 * Any context.  If a delete waits for this reference, it completes soon
 * after, in process context; @port must not be used afterwards.
 */
void xsw_port_unref(struct xsw_ext *ext, struct xsw_port *port)
{
	/* The attachment's count first: once the work is queued, the port,
	 * then its switch with its attachments, may be gone.  The last one
	 * can only follow a delete: finish it, in process context.
	 */
	xsw_ext_put_ref(ext);
	if (refcount_dec_and_test(&port->users))
		queue_work(xsw_wq, &port->finish);
}
EXPORT_SYMBOL_GPL(xsw_port_unref);

static bool xsw_port_type_taken(struct xsw_switch *sw, u32 type)
{
	struct xsw_port *port;

	list_for_each_entry(port, &sw->port_list, list)
		if (port->info.type == type && !port->info.validation)
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
	if (p->validation && p->restoring) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a validation port cannot be restoring: it never takes a NIC");
		return -EINVAL;
	}
	if (!p->validation && p->type == XSWITCH_PORT_TYPE_EXTERNAL &&
	    xsw_port_type_taken(sw, p->type)) {
		NL_SET_ERR_MSG_MOD(extack, "the switch already has an external port");
		return -EEXIST;
	}
	if (!p->validation && p->type == XSWITCH_PORT_TYPE_INTERNAL &&
	    xsw_port_type_taken(sw, p->type)) {
		NL_SET_ERR_MSG_MOD(extack, "the switch already has an internal port");
		return -EEXIST;
	}
	return xsw_limit(extack, sw->n_ports, 1, ports, "max_ports") ?:
	       xsw_limit(extack, sw->xn->n_ports, 1, ns_ports, "max_ns_ports");
}

/* Reserves the port's id: taken, but not found by lookups yet. */
static int xsw_port_reserve(struct xsw_switch *sw, struct xsw_port *port,
			    u32 id, struct netlink_ext_ack *extack)
{
	int err;

	if (xsw_should_fail())
		return -ENOMEM;
	if (id) {
		err = xa_insert(&sw->ports, id, NULL, GFP_KERNEL_ACCOUNT);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG_MOD(extack, "a port with that id exists");
			return -EEXIST;
		}
		port->info.id = id;
		return err;
	}
	err = xa_alloc_cyclic(&sw->ports, &port->info.id, NULL, xa_limit_32b,
			      &sw->next_port_id, GFP_KERNEL_ACCOUNT);
	if (err == -EBUSY)
		NL_SET_ERR_MSG_MOD(extack, "no free port id");
	return err < 0 ? err : 0;
}

static void xsw_port_finish_work(struct work_struct *work);

static struct xsw_port *xsw_port_alloc(struct xsw_switch *sw,
				       const struct xsw_port_params *p)
{
	struct xsw_port *port;

	port = xsw_kzalloc(sizeof(*port), GFP_KERNEL_ACCOUNT);
	if (!port)
		return NULL;
	if (!xsw_should_fail())
		port->stats = __netdev_alloc_pcpu_stats(struct xsw_port_stats,
							GFP_KERNEL_ACCOUNT);
	if (!port->stats) {
		kfree(port);
		return NULL;
	}
	port->sw = sw;
	port->info.type = p->type;
	port->info.validation = p->validation;
	port->info.restoring = p->restoring;
	refcount_set(&port->refs, 1);
	refcount_set(&port->users, 1);
	INIT_LIST_HEAD(&port->nic_list);
	INIT_LIST_HEAD(&port->props);
	INIT_WORK(&port->finish, xsw_port_finish_work);
	init_completion(&port->gone);
	strscpy(port->info.name, p->name ?: "", sizeof(port->info.name));
	strscpy(port->info.friendly_name, p->friendly_name ?: "",
		sizeof(port->info.friendly_name));
	return port;
}

struct xsw_port *xsw_port_create(struct xsw_switch *sw,
				 const struct xsw_port_params *p,
				 struct netlink_ext_ack *extack)
{
	struct xsw_step step = { .op = XSWITCH_OP_PORT_CREATE };
	struct xsw_port *port;
	int err;

	xsw_assert_locked(sw);
	err = xsw_port_check(sw, p, extack);
	if (err)
		return ERR_PTR(err);
	port = xsw_port_alloc(sw, p);
	if (!port)
		return ERR_PTR(-ENOMEM);
	err = xsw_port_reserve(sw, port, p->id, extack);
	if (err)
		goto err_free;

	step.port = port;
	err = xsw_stack_veto(sw, &step, extack);
	if (err)
		goto err_release;

	/* Storing into a reserved slot allocates nothing and cannot fail. */
	port->info.state = XSWITCH_PORT_STATE_CREATED;
	WARN_ON(xa_err(xa_store(&sw->ports, port->info.id, port, GFP_KERNEL)));
	list_add_tail(&port->list, &sw->port_list);
	xsw_port_hold(port, p->holder);
	sw->n_ports++;
	sw->xn->n_ports++;
	atomic_inc(&xsw_counts.ports);
	return port;

err_release:
	xa_erase(&sw->ports, port->info.id);
err_free:
	free_percpu(port->stats);
	kfree(port);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_create);

/**
 * xsw_port_is_busy - refuse a step on a port whose delete is pending
 * @port: the port
 * @extack: where the refusal is explained
 *
 * Return: true (with a message) if @port is being deleted.
 */
bool xsw_port_is_busy(struct xsw_port *port, struct netlink_ext_ack *extack)
{
	if (!port->deleting)
		return false;
	NL_SET_ERR_MSG_MOD(extack, "the port is being deleted, waiting for references");
	return true;
}

static int xsw_port_created(struct xsw_port *port,
			    struct netlink_ext_ack *extack)
{
	if (xsw_port_is_busy(port, extack))
		return -EBUSY;
	if (port->info.state == XSWITCH_PORT_STATE_CREATED)
		return 0;
	NL_SET_ERR_MSG_MOD(extack, "the port is tearing down");
	return -EBUSY;
}

int xsw_port_update(struct xsw_port *port, const char *friendly_name,
		    struct netlink_ext_ack *extack)
{
	struct xsw_step step = { .op = XSWITCH_OP_PORT_UPDATE, .port = port };
	int err;

	xsw_assert_locked(port->sw);
	err = xsw_port_created(port, extack);
	if (err)
		return err;
	strscpy(port->info.friendly_name, friendly_name,
		sizeof(port->info.friendly_name));
	xsw_stack_notify(port->sw, &step);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_update);

static int xsw_port_nics_gone(struct xsw_port *port,
			      struct netlink_ext_ack *extack)
{
	struct xsw_nic *nic;
	int i;

	for (i = 0; i <= XSWITCH_MAX_NIC_INDEX; i++) {
		nic = xsw_port_nic(port, i);
		if (!nic)
			continue;
		if (nic->deleting)
			NL_SET_ERR_MSG_MOD(extack,
					   "a NIC of the port is being deleted, waiting for references");
		else
			NL_SET_ERR_MSG_MOD(extack,
					   "the port has a NIC; disconnect and delete it first");
		return -EBUSY;
	}
	return 0;
}

int xsw_port_teardown(struct xsw_port *port, struct netlink_ext_ack *extack)
{
	struct xsw_step step = { .op = XSWITCH_OP_PORT_TEARDOWN, .port = port };
	int err;

	xsw_assert_locked(port->sw);
	err = xsw_port_created(port, extack) ?: xsw_port_nics_gone(port, extack);
	if (err)
		return err;
	xsw_stack_notify(port->sw, &step);
	/* No new reference from here: every extension has seen teardown. */
	WRITE_ONCE(port->info.state, XSWITCH_PORT_STATE_TEARDOWN);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_teardown);

/* The delete step, once no reference is left; the caller drops the
 * published reference after signalling @gone.
 */
static void xsw_port_finish(struct xsw_port *port)
{
	struct xsw_step step = { .op = XSWITCH_OP_PORT_DELETE, .port = port };
	struct xsw_switch *sw = port->sw;

	xsw_assert_locked(sw);
	xsw_stack_notify(sw, &step);
	xa_erase(&sw->ports, port->info.id);
	list_del(&port->list);
	sw->n_ports--;
	sw->xn->n_ports--;
	xsw_port_props_free(port);
}

static void xsw_port_finish_work(struct work_struct *work)
{
	struct xsw_port *port = container_of(work, struct xsw_port, finish);
	struct mutex *lock = &port->sw->xn->lock;

	mutex_lock(lock);
	xsw_port_finish(port);
	mutex_unlock(lock);
	atomic_dec(&xsw_counts.pending);
	complete_all(&port->gone);
	xsw_port_put(port);
}

/**
 * xsw_port_delete - the PORT_DELETE step
 * @port: a port in TEARDOWN
 * @wait: wait for a pending delete (the control lock is dropped meanwhile)
 *	rather than return at once
 * @extack: where a refusal is explained
 *
 * Return: 0 once the delete completed or, without @wait, is pending;
 * -EBUSY if the port is not torn down or its delete is pending already.
 */
int xsw_port_delete(struct xsw_port *port, bool wait,
		    struct netlink_ext_ack *extack)
{
	struct xsw_switch *sw = port->sw;

	xsw_assert_locked(sw);
	if (xsw_port_is_busy(port, extack))
		return -EBUSY;
	if (port->info.state != XSWITCH_PORT_STATE_TEARDOWN) {
		NL_SET_ERR_MSG_MOD(extack, "the port is not torn down yet");
		return -EBUSY;
	}
	port->deleting = true;
	xsw_port_let_go(port);
	if (refcount_dec_and_test(&port->users)) {
		xsw_port_finish(port);
		complete_all(&port->gone);
		xsw_port_put(port);
		return 0;
	}
	atomic_inc(&xsw_counts.pending);
	if (wait) {
		refcount_inc(&port->refs);
		xsw_wait_gone(sw, &port->gone, "port", port->info.id, -1, true);
		xsw_port_put(port);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_delete);

/*
 * Removes a port whatever its state, in the documented order: each NIC
 * disconnected and deleted, then teardown, then delete, waiting for
 * references (uninterruptibly) wherever they hold a delete up.
 */
void xsw_port_destroy(struct xsw_port *port)
{
	struct xsw_switch *sw = port->sw;
	struct xsw_nic *nic;
	int i;

	xsw_assert_locked(sw);
	for (i = 0; i <= XSWITCH_MAX_NIC_INDEX; i++) {
		nic = xsw_port_nic(port, i);
		if (nic)
			xsw_nic_destroy(nic);
	}
	refcount_inc(&port->refs);
	if (!port->deleting) {
		if (port->info.state == XSWITCH_PORT_STATE_CREATED)
			xsw_port_teardown(port, NULL);
		xsw_port_delete(port, false, NULL);
	}
	if (!completion_done(&port->gone))
		xsw_wait_gone(sw, &port->gone, "port", port->info.id, -1,
			      false);
	xsw_port_put(port);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_destroy);

/**
 * xsw_switch_walk_ports - call @fn for each port of a switch
 * @sw: the switch
 * @fn: called for each created port, in creation order, until it returns
 *	non-zero; ports whose delete has begun are skipped
 * @arg: for @fn
 *
 * Control lock (from an extension's callback).
 *
 * Return: 0, or what @fn returned that stopped the walk.
 */
int xsw_switch_walk_ports(struct xsw_switch *sw, xsw_port_visit_t fn,
			  void *arg)
{
	struct xsw_port *port;
	int err;

	xsw_assert_locked(sw);
	list_for_each_entry(port, &sw->port_list, list) {
		if (port->deleting)
			continue;
		err = fn(port, arg);
		if (err)
			return err;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_switch_walk_ports);
