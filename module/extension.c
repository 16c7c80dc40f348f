// SPDX-License-Identifier: GPL-2.0
/*
 * Extensions: the registry of extension modules, and their attachment to
 * switches (enabled or not, in which order).
 */
#include <kunit/visibility.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "xsw.h"

/**
 * DOC: Extension lifecycle
 *
 * A module registers its ops with xsw_extension_register() and may then be
 * attached to any number of switches.  Each attachment holds a reference
 * on the module, so it cannot be unloaded while attached, and starts
 * disabled, last in its class.  Enabling puts it in the stack for the
 * steps that follow; it does not replay the switch's past.  At most one
 * forwarding extension is enabled per switch.  Detaching (also when the
 * switch is deleted, after its ports) calls ->detach() and drops the
 * module reference.
 */

static LIST_HEAD(xsw_extensions);

struct xsw_registered {
	struct list_head list;
	const struct xsw_extension_ops *ops;
};

static const struct xsw_extension_ops *xsw_extension_find(const char *name)
{
	struct xsw_registered *r;

	list_for_each_entry(r, &xsw_extensions, list)
		if (!strcmp(r->ops->name, name))
			return r->ops;
	return NULL;
}

const struct xsw_extension_ops *xsw_extension_at(unsigned int i)
{
	struct xsw_registered *r;

	xsw_assert_locked();
	list_for_each_entry(r, &xsw_extensions, list)
		if (!i--)
			return r->ops;
	return NULL;
}

int xsw_extension_register(const struct xsw_extension_ops *ops)
{
	struct xsw_registered *r;
	int err = -EEXIST;

	if (!ops->name || strlen(ops->name) > 31 || !ops->owner ||
	    ops->class < XSWITCH_EXT_CLASS_CAPTURE ||
	    ops->class > XSWITCH_EXT_CLASS_FORWARD)
		return -EINVAL;
	xsw_lock();
	list_for_each_entry(r, &xsw_extensions, list)
		if (!strcmp(r->ops->name, ops->name) ||
		    uuid_equal(&r->ops->uuid, &ops->uuid))
			goto out_unlock;
	err = -ENOMEM;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		goto out_unlock;
	r->ops = ops;
	list_add_tail(&r->list, &xsw_extensions);
	err = 0;
out_unlock:
	xsw_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(xsw_extension_register);

void xsw_extension_unregister(const struct xsw_extension_ops *ops)
{
	struct xsw_registered *r;

	xsw_lock();
	list_for_each_entry(r, &xsw_extensions, list) {
		if (r->ops == ops) {
			list_del(&r->list);
			kfree(r);
			break;
		}
	}
	xsw_unlock();
}
EXPORT_SYMBOL_GPL(xsw_extension_unregister);

void *xsw_ext_priv(const struct xsw_ext *ext)
{
	return (void *)ext->priv;
}
EXPORT_SYMBOL_GPL(xsw_ext_priv);

struct xsw_switch *xsw_ext_switch(const struct xsw_ext *ext)
{
	return ext->sw;
}
EXPORT_SYMBOL_GPL(xsw_ext_switch);

struct xsw_ext *xsw_ext_find(struct xsw_switch *sw, const char *name)
{
	struct xsw_ext *ext;

	xsw_assert_locked();
	list_for_each_entry(ext, &sw->exts, list)
		if (!strcmp(ext->ops->name, name))
			return ext;
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_ext_find);

/* The first extension of a class below @class, to insert before. */
static struct list_head *xsw_class_end(struct xsw_switch *sw, u32 class)
{
	struct xsw_ext *ext;

	list_for_each_entry(ext, &sw->exts, list)
		if (ext->ops->class > class)
			return &ext->list;
	return &sw->exts;
}

struct xsw_ext *xsw_ext_attach(struct xsw_switch *sw, const char *name,
			       struct netlink_ext_ack *extack)
{
	const struct xsw_extension_ops *ops;
	struct xsw_ext *ext;
	int err;

	xsw_assert_locked();
	ops = xsw_extension_find(name);
	if (!ops) {
		NL_SET_ERR_MSG_MOD(extack, "no extension of that name is registered");
		return ERR_PTR(-ENOENT);
	}
	if (xsw_ext_find(sw, name)) {
		NL_SET_ERR_MSG_MOD(extack, "the extension is already attached to this switch");
		return ERR_PTR(-EEXIST);
	}
	if (!try_module_get(ops->owner)) {
		NL_SET_ERR_MSG_MOD(extack, "the extension's module is going away");
		return ERR_PTR(-ENOENT);
	}
	err = -ENOMEM;
	ext = kzalloc(struct_size(ext, priv, ops->priv_size), GFP_KERNEL);
	if (!ext)
		goto err_put;
	ext->ops = ops;
	ext->sw = sw;
	if (ops->attach) {
		err = ops->attach(ext);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "the extension refused to attach");
			goto err_free;
		}
	}
	list_add_tail(&ext->list, xsw_class_end(sw, ops->class));
	return ext;

err_free:
	kfree(ext);
err_put:
	module_put(ops->owner);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_ext_attach);

void xsw_ext_detach(struct xsw_ext *ext)
{
	struct module *owner = ext->ops->owner;

	xsw_assert_locked();
	list_del(&ext->list);
	if (ext->ops->detach)
		ext->ops->detach(ext);
	kfree(ext);
	module_put(owner);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_ext_detach);

unsigned int xsw_ext_position(const struct xsw_ext *ext)
{
	struct xsw_ext *e;
	unsigned int pos = 0;

	list_for_each_entry(e, &ext->sw->exts, list) {
		if (e == ext)
			break;
		pos += e->ops->class == ext->ops->class;
	}
	return pos;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_ext_position);

static void xsw_ext_move(struct xsw_ext *ext, unsigned int position)
{
	struct list_head *at = xsw_class_end(ext->sw, ext->ops->class);
	struct xsw_ext *e;

	list_del(&ext->list);
	list_for_each_entry(e, &ext->sw->exts, list) {
		if (e->ops->class == ext->ops->class && !position--) {
			at = &e->list;
			break;
		}
	}
	list_add_tail(&ext->list, at);
}

static bool xsw_forward_enabled(struct xsw_switch *sw)
{
	struct xsw_ext *e;

	list_for_each_entry(e, &sw->exts, list)
		if (e->enabled && e->ops->class == XSWITCH_EXT_CLASS_FORWARD)
			return true;
	return false;
}

/* @enabled and @position are -1 when not to be changed. */
int xsw_ext_set(struct xsw_ext *ext, int enabled, int position,
		struct netlink_ext_ack *extack)
{
	xsw_assert_locked();
	if (enabled > 0 && !ext->enabled &&
	    ext->ops->class == XSWITCH_EXT_CLASS_FORWARD &&
	    xsw_forward_enabled(ext->sw)) {
		NL_SET_ERR_MSG_MOD(extack, "another forwarding extension is enabled");
		return -EBUSY;
	}
	if (position >= 0)
		xsw_ext_move(ext, position);
	if (enabled >= 0)
		ext->enabled = enabled;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_ext_set);
