// SPDX-License-Identifier: GPL-2.0
/*
 * Extensions: the registry of extension modules, and their attachment to
 * switches (enabled or not, in which order).
 */
#include <kunit/visibility.h>
#include <linux/module.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>

#include "xsw.h"

/**
 * DOC: Extension lifecycle
 *
 * A module registers its ops with xsw_extension_register() and may then be
 * attached to any number of switches, but only once it is fully loaded
 * (MODULE_STATE_LIVE): not while its init still runs, nor once it is
 * going.  Each attachment holds a reference on the module, so it cannot be
 * unloaded while attached; xsw_extension_unregister() takes the extension
 * out of the registry (no new attachment) and then waits for attachments
 * that remain, so an extension that unregisters outside its module exit
 * is still never freed under a switch.
 *
 * An attachment starts disabled, last in its class.  Enabling puts it in
 * the stack for the steps that follow and calls ->activate(), where the
 * extension learns what the switch already holds through the enumeration
 * functions.  At most one forwarding extension is enabled per switch.
 * Disabling calls ->deactivate().  Detaching (also when the switch is
 * deleted, after its ports) calls ->detach() and drops the module
 * reference.  An attachment that holds references to ports or NICs can be
 * neither disabled nor detached: the request is refused with -EBUSY, as
 * only the extension can let them go.
 */

/* Serialises the registry; see "DOC: Locking" in xsw.h. */
static DEFINE_MUTEX(xsw_ext_mutex);
static LIST_HEAD(xsw_extensions);
/* Bumped by every change of the registry, for dumps that resume in it. */
static u32 xsw_extensions_gen;

u32 xsw_extension_gen(void)
{
	return READ_ONCE(xsw_extensions_gen);
}

struct xsw_registered {
	struct list_head list;
	const struct xsw_extension_ops *ops;
	atomic_t attached;
};

static struct xsw_registered *xsw_registered_find(const char *name)
{
	struct xsw_registered *r;

	lockdep_assert_held(&xsw_ext_mutex);
	list_for_each_entry(r, &xsw_extensions, list)
		if (!strcmp(r->ops->name, name))
			return r;
	return NULL;
}

/**
 * xsw_extension_dump - call @fn for each registered extension from @from
 * @from: how many to skip
 * @fn: called with the registry lock held; non-zero stops the walk
 * @arg: for @fn
 *
 * Return: how many @fn accepted.
 */
int xsw_extension_dump(unsigned int from,
		       int (*fn)(const struct xsw_extension_ops *ops,
				 void *arg),
		       void *arg)
{
	struct xsw_registered *r;
	int n = 0;

	mutex_lock(&xsw_ext_mutex);
	list_for_each_entry(r, &xsw_extensions, list) {
		if (from) {
			from--;
			continue;
		}
		if (fn(r->ops, arg))
			break;
		n++;
	}
	mutex_unlock(&xsw_ext_mutex);
	return n;
}

static bool xsw_extension_ops_ok(const struct xsw_extension_ops *ops)
{
	return ops->name && *ops->name &&
	       strlen(ops->name) <= XSW_EXT_NAME_MAX && ops->owner &&
	       ops->class >= XSWITCH_EXT_CLASS_CAPTURE &&
	       ops->class <= XSWITCH_EXT_CLASS_FORWARD &&
	       !uuid_is_null(&ops->uuid);
}

/**
 * xsw_extension_register - make an extension available to switches
 * @ops: the extension; must live until xsw_extension_unregister()
 *
 * Return: 0; -EINVAL if @ops lacks a name (1 to XSW_EXT_NAME_MAX bytes), an
 * owner, a class or a UUID; -EEXIST if its name or UUID is taken.
 */
int xsw_extension_register(const struct xsw_extension_ops *ops)
{
	struct xsw_registered *r;
	int err = -EEXIST;

	if (!xsw_extension_ops_ok(ops))
		return -EINVAL;
	mutex_lock(&xsw_ext_mutex);
	list_for_each_entry(r, &xsw_extensions, list)
		if (!strcmp(r->ops->name, ops->name) ||
		    uuid_equal(&r->ops->uuid, &ops->uuid))
			goto out_unlock;
	err = -ENOMEM;
	r = xsw_kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		goto out_unlock;
	r->ops = ops;
	atomic_set(&r->attached, 0);
	list_add_tail(&r->list, &xsw_extensions);
	WRITE_ONCE(xsw_extensions_gen, xsw_extensions_gen + 1);
	err = 0;
out_unlock:
	mutex_unlock(&xsw_ext_mutex);
	return err;
}
EXPORT_SYMBOL_GPL(xsw_extension_register);

/**
 * xsw_extension_unregister - withdraw an extension
 * @ops: what xsw_extension_register() took
 *
 * No switch can attach it from then on; if some still have it attached
 * (only possible when called outside the module's exit), waits until they
 * detach it, warning every XSW_WAIT_WARN_SECS.  May sleep.
 */
void xsw_extension_unregister(const struct xsw_extension_ops *ops)
{
	struct xsw_registered *r, *found = NULL;
	unsigned int waited = 0;

	mutex_lock(&xsw_ext_mutex);
	list_for_each_entry(r, &xsw_extensions, list) {
		if (r->ops == ops) {
			list_del(&r->list);
			WRITE_ONCE(xsw_extensions_gen, xsw_extensions_gen + 1);
			found = r;
			break;
		}
	}
	mutex_unlock(&xsw_ext_mutex);
	if (WARN_ON_ONCE(!found))
		return;
	while (!wait_var_event_timeout(&found->attached,
				       !atomic_read(&found->attached),
				       XSW_WAIT_WARN_SECS * HZ)) {
		waited += XSW_WAIT_WARN_SECS;
		pr_warn("extension %s: unregister waits for %d switches to detach it (%us)\n",
			ops->name, atomic_read(&found->attached), waited);
	}
	kfree(found);
}
EXPORT_SYMBOL_GPL(xsw_extension_unregister);

/**
 * xsw_ext_priv - an attachment's private area
 * @ext: the attachment
 *
 * Return: ops->priv_size bytes, zeroed at attach, freed at detach.
 */
void *xsw_ext_priv(const struct xsw_ext *ext)
{
	return (void *)ext->priv;
}
EXPORT_SYMBOL_GPL(xsw_ext_priv);

/**
 * xsw_ext_switch - the switch an extension is attached to
 * @ext: the attachment
 *
 * Return: the switch; it outlives the attachment.
 */
struct xsw_switch *xsw_ext_switch(const struct xsw_ext *ext)
{
	return ext->sw;
}
EXPORT_SYMBOL_GPL(xsw_ext_switch);

struct xsw_ext *xsw_ext_find(struct xsw_switch *sw, const char *name)
{
	struct xsw_ext *ext;

	xsw_assert_locked(sw);
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

/*
 * The registration of @name with a new attachment counted, and its
 * module pinned; only a module that finished loading can be pinned.
 */
static struct xsw_registered *xsw_extension_get(const char *name,
						struct netlink_ext_ack *extack)
{
	struct xsw_registered *r;
	struct module *owner;

	mutex_lock(&xsw_ext_mutex);
	r = xsw_registered_find(name);
	if (!r) {
		NL_SET_ERR_MSG_MOD(extack, "no extension of that name is registered");
		r = ERR_PTR(-ENOENT);
		goto out_unlock;
	}
	owner = r->ops->owner;
	if (READ_ONCE(owner->state) != MODULE_STATE_LIVE ||
	    !try_module_get(owner)) {
		NL_SET_ERR_MSG_MOD(extack, "the extension's module is loading or going away");
		r = ERR_PTR(-EAGAIN);
		goto out_unlock;
	}
	atomic_inc(&r->attached);
out_unlock:
	mutex_unlock(&xsw_ext_mutex);
	return r;
}

static void xsw_extension_put(struct xsw_registered *r)
{
	struct module *owner = r->ops->owner;

	/* @r may be freed by a waiting unregister once the count drops. */
	if (atomic_dec_and_test(&r->attached))
		wake_up_var(&r->attached);
	module_put(owner);
}

struct xsw_ext *xsw_ext_attach(struct xsw_switch *sw, const char *name,
			       struct netlink_ext_ack *extack)
{
	const struct xsw_extension_ops *ops;
	struct xsw_registered *r;
	struct xsw_ext *ext;
	int err;

	xsw_assert_locked(sw);
	if (xsw_ext_find(sw, name)) {
		NL_SET_ERR_MSG_MOD(extack, "the extension is already attached to this switch");
		return ERR_PTR(-EEXIST);
	}
	r = xsw_extension_get(name, extack);
	if (IS_ERR(r))
		return ERR_CAST(r);
	ops = r->ops;
	err = -ENOMEM;
	ext = xsw_kzalloc(struct_size(ext, priv, ops->priv_size),
			  GFP_KERNEL_ACCOUNT);
	if (!ext)
		goto err_put;
	ext->ops = ops;
	ext->sw = sw;
	ext->reg = r;
	atomic_set(&ext->refs, 0);
	if (ops->attach) {
		err = ops->attach(ext);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "the extension refused to attach");
			goto err_free;
		}
	}
	list_add_tail(&ext->list, xsw_class_end(sw, ops->class));
	sw->gen++;
	atomic_inc(&xsw_counts.exts);
	return ext;

err_free:
	kfree(ext);
err_put:
	xsw_extension_put(r);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_ext_attach);

/*
 * An attachment takes references only while open (enabled): its count is
 * then 1 plus the references it holds, and 0 once closed, so that closing
 * it (disable, detach) is one compare-and-exchange that no xsw_*_ref()
 * from another context can slip past.
 */
bool xsw_ext_get_ref(struct xsw_ext *ext)
{
	return atomic_inc_not_zero(&ext->refs);
}

void xsw_ext_put_ref(struct xsw_ext *ext)
{
	atomic_dec(&ext->refs);
}

static void xsw_ext_open(struct xsw_ext *ext)
{
	atomic_set(&ext->refs, 1);
}

/* Closes @ext to new references, unless it holds some. */
static int xsw_ext_close(struct xsw_ext *ext, struct netlink_ext_ack *extack)
{
	if (!atomic_read(&ext->refs) || atomic_cmpxchg(&ext->refs, 1, 0) == 1)
		return 0;
	NL_SET_ERR_MSG_MOD(extack,
			   "the extension is in use: it holds references, or a save or restore runs through it");
	return -EBUSY;
}

static void xsw_ext_deactivate(struct xsw_ext *ext)
{
	ext->enabled = false;
	xsw_dp_restack(ext->sw);
	/* No frame is inside the extension once ->deactivate runs. */
	synchronize_rcu();
	if (ext->ops->deactivate)
		ext->ops->deactivate(ext);
}

/*
 * Closes @ext, which holds no reference any more (its switch's ports are
 * gone): an xsw_*_ref() that another context is trying right now holds
 * the count for a moment, and is waited for.
 */
static void xsw_ext_close_wait(struct xsw_ext *ext)
{
	unsigned int waited = 0;

	while (xsw_ext_close(ext, NULL)) {
		if (++waited % (XSW_WAIT_WARN_SECS * 10000) == 0)
			pr_warn("switch %s: extension %s: detach waits for %d references (%us)\n",
				ext->sw->name, ext->ops->name,
				atomic_read(&ext->refs) - 1,
				waited / 10000);
		usleep_range(100, 200);
	}
}

/* Detaches @ext, which holds no reference: switch delete, or an idle one. */
void xsw_ext_remove(struct xsw_ext *ext)
{
	struct xsw_registered *r = ext->reg;

	xsw_assert_locked(ext->sw);
	xsw_ext_close_wait(ext);
	if (ext->enabled)
		xsw_ext_deactivate(ext);
	list_del(&ext->list);
	ext->sw->gen++;
	if (ext->ops->detach)
		ext->ops->detach(ext);
	/* A lookup under RCU in another context may still hold @ext. */
	kfree_rcu(ext, rcu);
	atomic_dec(&xsw_counts.exts);
	xsw_extension_put(r);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_ext_remove);

int xsw_ext_detach(struct xsw_ext *ext, struct netlink_ext_ack *extack)
{
	int err;

	xsw_assert_locked(ext->sw);
	err = xsw_ext_close(ext, extack);
	if (!err)
		xsw_ext_remove(ext);
	return err;
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
	struct list_head *at;
	struct xsw_ext *e;

	list_del(&ext->list);
	at = xsw_class_end(ext->sw, ext->ops->class);
	list_for_each_entry(e, &ext->sw->exts, list) {
		if (e->ops->class == ext->ops->class && !position--) {
			at = &e->list;
			break;
		}
	}
	list_add_tail(&ext->list, at);
	ext->sw->gen++;
	xsw_dp_restack(ext->sw);
}

static bool xsw_forward_enabled(struct xsw_switch *sw)
{
	struct xsw_ext *e;

	list_for_each_entry(e, &sw->exts, list)
		if (e->enabled && e->ops->class == XSWITCH_EXT_CLASS_FORWARD)
			return true;
	return false;
}

static int xsw_ext_enable(struct xsw_ext *ext, struct netlink_ext_ack *extack)
{
	int err;

	if (ext->ops->class == XSWITCH_EXT_CLASS_FORWARD &&
	    xsw_forward_enabled(ext->sw)) {
		NL_SET_ERR_MSG_MOD(extack, "another forwarding extension is enabled");
		return -EBUSY;
	}
	/* Open first: activation may reference what it learns. */
	xsw_ext_open(ext);
	if (ext->ops->activate) {
		err = ext->ops->activate(ext, extack);
		if (err) {
			if (extack && !extack->_msg)
				NL_SET_ERR_MSG_MOD(extack, "the extension failed to activate");
			WARN_ONCE(xsw_ext_close(ext, NULL),
				  "extension %s failed to activate but kept references\n",
				  ext->ops->name);
			return err;
		}
	}
	ext->enabled = true;
	xsw_dp_restack(ext->sw);
	return 0;
}

/* @enabled and @position are -1 when not to be changed. */
int xsw_ext_set(struct xsw_ext *ext, int enabled, int position,
		struct netlink_ext_ack *extack)
{
	int err = 0;

	xsw_assert_locked(ext->sw);
	if (enabled > 0 && !ext->enabled)
		err = xsw_ext_enable(ext, extack);
	else if (!enabled && ext->enabled)
		err = xsw_ext_close(ext, extack);
	if (err)
		return err;
	if (!enabled && ext->enabled)
		xsw_ext_deactivate(ext);
	if (position >= 0)
		xsw_ext_move(ext, position);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_ext_set);
