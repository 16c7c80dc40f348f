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
 * port is created or tearing down.
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

void xsw_props_free(struct list_head *props)
{
	struct xsw_prop_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, props, list) {
		list_del(&e->list);
		kfree(e);
	}
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

static struct xsw_prop_entry *xsw_prop_copy(const struct xsw_property *prop)
{
	struct xsw_prop_entry *e;

	e = kzalloc(struct_size(e, data, prop->len), GFP_KERNEL);
	if (!e)
		return NULL;
	e->prop = *prop;
	memcpy(e->data, prop->data, prop->len);
	e->prop.data = e->data;
	return e;
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

	xsw_assert_locked();
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
	if (xsw_prop_find(list, prop)) {
		NL_SET_ERR_MSG_MOD(extack, "a property with that type, id and instance id exists");
		return -EEXIST;
	}
	e = xsw_prop_copy(prop);
	if (!e)
		return -ENOMEM;
	err = xsw_stack_veto(sw, &step, extack);
	if (err) {
		kfree(e);
		return err;
	}
	list_add_tail(&e->list, list);
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
	old = xsw_prop_find(list, prop);
	if (!old || old->prop.version != prop->version) {
		NL_SET_ERR_MSG_MOD(extack, "no property of that identity and version");
		return -ENOENT;
	}
	e = xsw_prop_copy(prop);
	if (!e)
		return -ENOMEM;
	err = xsw_stack_veto(sw, &step, extack);
	if (err) {
		kfree(e);
		return err;
	}
	list_replace(&old->list, &e->list);
	kfree(old);
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
	kfree(old);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_prop_delete);

/* Largest feature-status answer; an extension asking more is refused. */
#define XSW_FEATURE_STATUS_MAX	65536

/*
 * Asks the enabled extensions, top-down, until one owns @id.  An answer
 * that does not fit is asked again with the size the extension needs, as
 * Hyper-V retries on NDIS_STATUS_INVALID_LENGTH.
 */
int xsw_feature_status(struct xsw_switch *sw, struct xsw_port *port,
		       const uuid_t *id, void **buf, u32 *len,
		       const struct xsw_ext **answered,
		       struct netlink_ext_ack *extack)
{
	struct xsw_ext *ext;
	u32 size = 256;
	int err;

	xsw_assert_locked();
	list_for_each_entry(ext, &sw->exts, list) {
		if (!ext->enabled || !ext->ops->feature_status)
			continue;
		do {
			*buf = kzalloc(size, GFP_KERNEL);
			if (!*buf)
				return -ENOMEM;
			*len = size;
			err = ext->ops->feature_status(ext, port, id, *buf, len);
			if (err == -ENOSPC && *len > size &&
			    *len <= XSW_FEATURE_STATUS_MAX) {
				size = *len;
				kfree(*buf);
				continue;
			}
			break;
		} while (1);
		if (err == -EOPNOTSUPP) {
			kfree(*buf);
			continue;
		}
		if (!err && *len > size) {
			pr_warn("extension %s claims a feature status larger than its buffer\n",
				ext->ops->name);
			err = -EINVAL;
		}
		if (err) {
			kfree(*buf);
			NL_SET_ERR_MSG_MOD(extack, "the owning extension failed the query");
			return err;
		}
		*answered = ext;
		return 0;
	}
	*buf = NULL;
	NL_SET_ERR_MSG_MOD(extack, "no enabled extension owns that feature status id");
	return -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_feature_status);
