// SPDX-License-Identifier: GPL-2.0
/*
 * Port and switch properties (Hyper-V policies) and feature-status
 * queries.
 */
#include <kunit/visibility.h>
#include <linux/slab.h>

#include "xsw.h"

/**
 * DOC: Properties
 *
 * A property's identity is its port (none for a switch property), type,
 * id (custom properties only) and instance id.  Add needs a new identity
 * (-EEXIST otherwise); update and delete need an existing one, and update
 * also the same version (-ENOENT otherwise).  Switch properties are custom
 * only.  All three are vetoable; the stored property changes only once the
 * stack has accepted the step.  Port properties are accepted while the
 * port is created or tearing down.  Security and VLAN properties have a
 * layout the switch checks first (see "DOC: Standard properties"), and a
 * port has at most one of each.
 *
 * Entries are freed after an RCU grace period: the datapath reads the
 * payload of a port's standard properties under RCU.
 */

struct xsw_prop_entry *xsw_prop_find(struct list_head *props,
				     const struct xsw_property *key)
{
	struct xsw_prop_entry *e;

	list_for_each_entry(e, props, list)
		if (e->prop.type == key->type &&
		    uuid_equal(&e->prop.id, &key->id) &&
		    uuid_equal(&e->prop.instance_id, &key->instance_id))
			return e;
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_prop_find);

static void xsw_prop_free(struct xsw_switch *sw, struct xsw_prop_entry *e)
{
	sw->xn->n_props--;
	sw->xn->prop_bytes -= e->prop.len;
	atomic_dec(&xsw_counts.props);
	kfree_rcu(e, rcu);
}

void xsw_props_free(struct xsw_switch *sw, struct list_head *props)
{
	struct xsw_prop_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, props, list) {
		list_del(&e->list);
		xsw_prop_free(sw, e);
	}
	sw->gen++;
}

/* A port's properties, once it is unpublished: none is enforced after. */
void xsw_port_props_free(struct xsw_port *port)
{
	xsw_stdprop_publish(port, XSWITCH_PROP_TYPE_SECURITY, NULL);
	xsw_stdprop_publish(port, XSWITCH_PROP_TYPE_VLAN, NULL);
	xsw_props_free(port->sw, &port->props);
}

static int xsw_prop_check(struct xsw_port *port,
			  const struct xsw_property *prop,
			  struct netlink_ext_ack *extack)
{
	if (prop->type < XSWITCH_PROP_TYPE_CUSTOM ||
	    prop->type > XSWITCH_PROP_TYPE_ROUTING_DOMAIN) {
		NL_SET_ERR_MSG_MOD(extack, "unknown property type");
		return -EINVAL;
	}
	if (!port && prop->type != XSWITCH_PROP_TYPE_CUSTOM) {
		NL_SET_ERR_MSG_MOD(extack, "switch properties are custom only");
		return -EINVAL;
	}
	if (prop->type == XSWITCH_PROP_TYPE_CUSTOM && uuid_is_null(&prop->id)) {
		NL_SET_ERR_MSG_MOD(extack, "a custom property needs a property id");
		return -EINVAL;
	}
	if (prop->type != XSWITCH_PROP_TYPE_CUSTOM && !uuid_is_null(&prop->id)) {
		NL_SET_ERR_MSG_MOD(extack, "only custom properties have a property id");
		return -EINVAL;
	}
	if (prop->len > XSWITCH_MAX_PROP_DATA) {
		NL_SET_ERR_MSG_MOD(extack, "property data is longer than 16384 bytes");
		return -EMSGSIZE;
	}
	return 0;
}

/* Another property of a standard type on the port than @prop's identity. */
static int xsw_prop_std_taken(struct list_head *list,
			      const struct xsw_property *prop,
			      struct netlink_ext_ack *extack)
{
	struct xsw_prop_entry *e;

	if (!xsw_prop_is_std(prop->type))
		return 0;
	list_for_each_entry(e, list, list) {
		if (e->prop.type != prop->type)
			continue;
		if (prop->type == XSWITCH_PROP_TYPE_VLAN)
			NL_SET_ERR_MSG_MOD(extack, "the port already has a vlan property");
		else
			NL_SET_ERR_MSG_MOD(extack, "the port already has a security property");
		return -EEXIST;
	}
	return 0;
}

/*
 * A stored copy of @prop, counted against the namespace's limits; @old is
 * the one it replaces (NULL for an add).
 */
static struct xsw_prop_entry *xsw_prop_copy(struct xsw_switch *sw,
					    const struct xsw_property *prop,
					    const struct xsw_prop_entry *old,
					    struct netlink_ext_ack *extack)
{
	struct xsw_net *xn = sw->xn;
	unsigned int bytes = xn->prop_bytes - (old ? old->prop.len : 0);
	struct xsw_prop_entry *e;
	int err;

	err = xsw_limit(extack, xn->n_props, old ? 0 : 1, props, "max_props") ?:
	      xsw_limit(extack, bytes, prop->len, prop_bytes, "max_prop_bytes");
	if (err)
		return ERR_PTR(err);
	e = xsw_kzalloc(struct_size(e, data, prop->len), GFP_KERNEL_ACCOUNT);
	if (!e)
		return ERR_PTR(-ENOMEM);
	e->prop = *prop;
	memcpy(e->data, prop->data, prop->len);
	e->prop.data = e->data;
	return e;
}

/* Counts a copy the stack accepted. */
static void xsw_prop_stored(struct xsw_switch *sw, struct xsw_prop_entry *e)
{
	sw->xn->n_props++;
	sw->xn->prop_bytes += e->prop.len;
	atomic_inc(&xsw_counts.props);
	sw->gen++;
}

/* Checks common to every step, and the port's or switch's list. */
static struct list_head *xsw_prop_list(struct xsw_switch *sw,
				       struct xsw_port *port,
				       const struct xsw_property *prop,
				       struct xsw_step *step, u32 port_op,
				       u32 switch_op,
				       struct netlink_ext_ack *extack)
{
	int err;

	xsw_assert_locked(sw);
	if (port && xsw_port_is_busy(port, extack))
		return ERR_PTR(-EBUSY);
	err = xsw_prop_check(port, prop, extack);
	if (err)
		return ERR_PTR(err);
	step->op = port ? port_op : switch_op;
	step->port = port;
	step->prop = prop;
	return port ? &port->props : &sw->props;
}

int xsw_prop_add(struct xsw_switch *sw, struct xsw_port *port,
		 const struct xsw_property *prop,
		 struct netlink_ext_ack *extack)
{
	struct xsw_prop_entry *e;
	struct list_head *list;
	struct xsw_step step;
	int err;

	list = xsw_prop_list(sw, port, prop, &step, XSWITCH_OP_PORT_PROP_ADD,
			     XSWITCH_OP_SWITCH_PROP_ADD, extack);
	if (IS_ERR(list))
		return PTR_ERR(list);
	err = xsw_stdprop_check(prop, extack);
	if (err)
		return err;
	if (xsw_prop_find(list, prop)) {
		NL_SET_ERR_MSG_MOD(extack, "a property with that type, id and instance id exists");
		return -EEXIST;
	}
	err = xsw_prop_std_taken(list, prop, extack);
	if (err)
		return err;
	e = xsw_prop_copy(sw, prop, NULL, extack);
	if (IS_ERR(e))
		return PTR_ERR(e);
	err = xsw_stack_veto(sw, &step, extack);
	if (err) {
		kfree(e);
		return err;
	}
	list_add_tail(&e->list, list);
	xsw_prop_stored(sw, e);
	if (port)
		xsw_stdprop_publish(port, prop->type, e);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_prop_add);

int xsw_prop_update(struct xsw_switch *sw, struct xsw_port *port,
		    const struct xsw_property *prop,
		    struct netlink_ext_ack *extack)
{
	struct xsw_prop_entry *old, *e;
	struct list_head *list;
	struct xsw_step step;
	int err;

	list = xsw_prop_list(sw, port, prop, &step,
			     XSWITCH_OP_PORT_PROP_UPDATE,
			     XSWITCH_OP_SWITCH_PROP_UPDATE, extack);
	if (IS_ERR(list))
		return PTR_ERR(list);
	err = xsw_stdprop_check(prop, extack);
	if (err)
		return err;
	old = xsw_prop_find(list, prop);
	if (!old || old->prop.version != prop->version) {
		NL_SET_ERR_MSG_MOD(extack, "no property of that identity and version");
		return -ENOENT;
	}
	e = xsw_prop_copy(sw, prop, old, extack);
	if (IS_ERR(e))
		return PTR_ERR(e);
	err = xsw_stack_veto(sw, &step, extack);
	if (err) {
		kfree(e);
		return err;
	}
	list_replace(&old->list, &e->list);
	xsw_prop_stored(sw, e);
	/* Readers see the old payload or the new, whole; the old is freed
	 * after they are done with it.
	 */
	if (port)
		xsw_stdprop_publish(port, prop->type, e);
	xsw_prop_free(sw, old);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_prop_update);

int xsw_prop_delete(struct xsw_switch *sw, struct xsw_port *port,
		    const struct xsw_property *prop,
		    struct netlink_ext_ack *extack)
{
	struct xsw_prop_entry *old;
	struct list_head *list;
	struct xsw_step step;
	int err;

	list = xsw_prop_list(sw, port, prop, &step,
			     XSWITCH_OP_PORT_PROP_DELETE,
			     XSWITCH_OP_SWITCH_PROP_DELETE, extack);
	if (IS_ERR(list))
		return PTR_ERR(list);
	old = xsw_prop_find(list, prop);
	if (!old) {
		NL_SET_ERR_MSG_MOD(extack, "no property with that type, id and instance id");
		return -ENOENT;
	}
	/* Extensions see the stored property, with its version and data. */
	step.prop = &old->prop;
	err = xsw_stack_veto(sw, &step, extack);
	if (err)
		return err;
	list_del(&old->list);
	if (port)
		xsw_stdprop_publish(port, old->prop.type, NULL);
	xsw_prop_free(sw, old);
	sw->gen++;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_prop_delete);

/* What an extension is asked for first; it may ask for more. */
#define XSW_FEATURE_STATUS_FIRST	256

static int xsw_feature_call(struct xsw_ext *ext, struct xsw_port *port,
			    const uuid_t *id, void **buf, u32 size, u32 *len)
{
	kfree(*buf);
	*buf = xsw_kzalloc(size, GFP_KERNEL_ACCOUNT);
	if (!*buf)
		return -ENOMEM;
	*len = size;
	return ext->ops->feature_status(ext, port, id, *buf, len);
}

/*
 * One extension's answer: asked with a first buffer, then once more with
 * the size it says it needs, as Hyper-V retries on
 * NDIS_STATUS_INVALID_LENGTH.  -EOPNOTSUPP: not this extension's id.
 */
static int xsw_feature_ask(struct xsw_ext *ext, struct xsw_port *port,
			   const uuid_t *id, void **buf, u32 *len,
			   struct netlink_ext_ack *extack)
{
	u32 size = XSW_FEATURE_STATUS_FIRST;
	int err;

	err = xsw_feature_call(ext, port, id, buf, size, len);
	if (err == -ENOSPC && *len > size && *len <= XSW_FEATURE_STATUS_MAX) {
		size = *len;
		err = xsw_feature_call(ext, port, id, buf, size, len);
	}
	if (!err && *len <= size)
		return 0;
	kfree(*buf);
	*buf = NULL;
	if (err == -EOPNOTSUPP || err == -ENOMEM)
		return err;
	if (err == -ENOSPC && *len > XSW_FEATURE_STATUS_MAX) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the owning extension's answer is larger than 65536 bytes");
		return -EMSGSIZE;
	}
	if (!err || err == -ENOSPC) {
		pr_warn("extension %s: feature status length %u does not fit its buffer of %u bytes\n",
			ext->ops->name, *len, size);
		err = -EINVAL;
	}
	NL_SET_ERR_MSG_MOD(extack, "the owning extension failed the query");
	return err;
}

/*
 * Asks the enabled extensions, top-down, until one owns @id; *@buf is the
 * answer (the caller frees it) of *@len bytes, at most
 * XSW_FEATURE_STATUS_MAX.
 */
int xsw_feature_status(struct xsw_switch *sw, struct xsw_port *port,
		       const uuid_t *id, void **buf, u32 *len,
		       const struct xsw_ext **answered,
		       struct netlink_ext_ack *extack)
{
	struct xsw_ext *ext;
	int err;

	xsw_assert_locked(sw);
	*buf = NULL;
	list_for_each_entry(ext, &sw->exts, list) {
		if (!ext->enabled || !ext->ops->feature_status)
			continue;
		err = xsw_feature_ask(ext, port, id, buf, len, extack);
		if (err == -EOPNOTSUPP)
			continue;
		if (!err)
			*answered = ext;
		return err;
	}
	NL_SET_ERR_MSG_MOD(extack, "no enabled extension owns that feature status id");
	return -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_feature_status);

static int xsw_props_walk(struct list_head *props, xsw_prop_visit_t fn,
			  void *arg)
{
	struct xsw_prop_entry *e;
	int err;

	list_for_each_entry(e, props, list) {
		err = fn(&e->prop, arg);
		if (err)
			return err;
	}
	return 0;
}

/**
 * xsw_port_walk_props - call @fn for each property of a port
 * @port: the port
 * @fn: called for each stored property, in the order added, until it
 *	returns non-zero
 * @arg: for @fn
 *
 * Control lock (from an extension's callback).
 *
 * Return: 0, or what @fn returned that stopped the walk.
 */
int xsw_port_walk_props(struct xsw_port *port, xsw_prop_visit_t fn,
			void *arg)
{
	xsw_assert_locked(port->sw);
	return xsw_props_walk(&port->props, fn, arg);
}
EXPORT_SYMBOL_GPL(xsw_port_walk_props);

/**
 * xsw_switch_walk_props - call @fn for each property of a switch
 * @sw: the switch
 * @fn: called for each stored switch property, in the order added, until
 *	it returns non-zero
 * @arg: for @fn
 *
 * Control lock (from an extension's callback).
 *
 * Return: 0, or what @fn returned that stopped the walk.
 */
int xsw_switch_walk_props(struct xsw_switch *sw, xsw_prop_visit_t fn,
			  void *arg)
{
	xsw_assert_locked(sw);
	return xsw_props_walk(&sw->props, fn, arg);
}
EXPORT_SYMBOL_GPL(xsw_switch_walk_props);
