// SPDX-License-Identifier: GPL-2.0
/*
 * Save and restore of a NIC's run-time data through the extension stack
 * (Hyper-V's OID_SWITCH_NIC_SAVE, _SAVE_COMPLETE, _RESTORE and
 * _RESTORE_COMPLETE).
 */
#include <kunit/visibility.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait_bit.h>

#include "xsw.h"

/**
 * DOC: Save and restore
 *
 * A save of one connected NIC asks the enabled extensions, top down, for
 * records: each in turn is asked until it passes (returns 0 without a
 * record); a record it gives is kept and it is asked again, for more.
 * One that needs a bigger buffer says so (xsw_save_need()) and is asked
 * again with it, up to XSW_SAVE_RECORD_MAX.  Since every extension is
 * asked until it passes, the core, not the extension, bounds the loop: a
 * save past max_save_records records or max_save_bytes bytes (module
 * parameters, at most XSW_SAVE_RECORDS_MAX and XSW_SAVE_BYTES_MAX) fails
 * with -E2BIG.  Then SAVE_COMPLETE goes down the whole stack, with
 * the outcome, failed or not.  The
 * result is the ordered list of records; each carries the ExtensionId of
 * the extension that gave it, which the core fills in.
 *
 * A restore of one connected NIC takes records one by one, in the order
 * saved: each goes to the one enabled extension whose ExtensionId it
 * carries; a record nobody claims is counted and published as an event,
 * and the restore goes on.  An extension's error fails the restore at
 * once.  RESTORE_COMPLETE then goes down the stack with the outcome, to
 * every enabled extension, after the last record, after a failure, and
 * when a restore is abandoned: its requester's socket closed, or the NIC
 * is disconnected or removed before the restore was completed.
 *
 * The extension callbacks of both run without the control lock, so that
 * saves and restores of different NICs run at the same time; one NIC has
 * at most one save or restore at a time (@io), and while a callback runs
 * (@io_running) the NIC cannot be disconnected, and the extensions it
 * goes through (held open, like references) cannot be disabled.
 * Abandoning a restore calls RESTORE_COMPLETE with the control lock held,
 * and so does a completion that finds no memory to hold the stack open:
 * RESTORE_COMPLETE never fails to reach the extensions.
 */

/* What one extension's ->nic_save sees. */
struct xsw_save {
	void *buf;
	u32 size;
	u32 need;
	u32 given;
	bool recorded;
	u32 len;
	uuid_t feature_class;
	char name[XSWITCH_LONG_NAME_LEN];
};

/**
 * xsw_save_buf - where ->nic_save writes a record's payload
 * @save: what ->nic_save was given
 * @size: set to the buffer's size
 *
 * Return: the buffer; what it holds on entry is undefined.
 */
void *xsw_save_buf(struct xsw_save *save, u32 *size)
{
	*size = save->size;
	return save->buf;
}
EXPORT_SYMBOL_GPL(xsw_save_buf);

/**
 * xsw_save_given - how many records ->nic_save has given in this save
 * @save: what ->nic_save was given
 *
 * The core counts, per extension and per save, so that an extension
 * knows where it is without keeping a mark of its own (Hyper-V leaves
 * that to each extension, and an extension that forgets loops forever).
 *
 * Return: the records this extension gave so far in this save of this NIC.
 */
u32 xsw_save_given(const struct xsw_save *save)
{
	return save->given;
}
EXPORT_SYMBOL_GPL(xsw_save_given);

/**
 * xsw_save_record - give one record from ->nic_save
 * @save: what ->nic_save was given
 * @feature_class: the FeatureClassId of this part of your data, or NULL
 * @name: a friendly name for the record, or NULL for the extension's name
 * @len: how many bytes of xsw_save_buf() the payload is
 *
 * At most once per call of ->nic_save, which then returns 0 and is asked
 * again for more.
 *
 * Return: 0, or -EINVAL (with a warning) if called twice or @len is past
 * the buffer.
 */
int xsw_save_record(struct xsw_save *save, const uuid_t *feature_class,
		    const char *name, u32 len)
{
	if (WARN_ON_ONCE(save->recorded || len > save->size))
		return -EINVAL;
	save->recorded = true;
	save->len = len;
	uuid_copy(&save->feature_class, feature_class ?: &uuid_null);
	strscpy(save->name, name ?: "", sizeof(save->name));
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_save_record);

/**
 * xsw_save_need - ask for a bigger buffer from ->nic_save
 * @save: what ->nic_save was given
 * @size: the buffer size the record needs, at most XSW_SAVE_RECORD_MAX
 *
 * ->nic_save returns what this returns, and is asked again with a buffer
 * of @size bytes (Hyper-V's NDIS_STATUS_BUFFER_TOO_SHORT).
 *
 * Return: -ENOSPC.
 */
int xsw_save_need(struct xsw_save *save, u32 size)
{
	save->need = size;
	return -ENOSPC;
}
EXPORT_SYMBOL_GPL(xsw_save_need);

static void xsw_saved_free(struct xsw_saved *r)
{
	kvfree(r);
}

/**
 * xsw_save_set_free - drop the records of a save or restore
 * @set: the list; empty afterwards
 */
void xsw_save_set_free(struct xsw_save_set *set)
{
	struct xsw_saved *r, *tmp;

	list_for_each_entry_safe(r, tmp, &set->records, list) {
		list_del(&r->list);
		xsw_saved_free(r);
	}
	set->count = 0;
	set->bytes = 0;
	set->mem = 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_save_set_free);

/**
 * xsw_save_set_add - append a copy of a record to a set, within its bounds
 * @set: the list
 * @rec: the record
 * @extack: where a refusal is explained
 *
 * max_save_bytes bounds the memory the set takes, not only the payload:
 * each record costs its bookkeeping too (about 300 bytes), so that an
 * extension that gives empty records forever is stopped as soon.
 *
 * Return: 0, -E2BIG past the max_save_records or max_save_bytes limit, or
 * -ENOMEM.
 */
int xsw_save_set_add(struct xsw_save_set *set, const struct xsw_record *rec,
		     struct netlink_ext_ack *extack)
{
	u32 records = min(READ_ONCE(xsw_limits.save_records), XSW_SAVE_RECORDS_MAX);
	u32 bytes = min(READ_ONCE(xsw_limits.save_bytes), XSW_SAVE_BYTES_MAX);
	size_t mem = struct_size_t(struct xsw_saved, data, rec->len);
	struct xsw_saved *r;

	if (set->count >= records || set->mem + mem > bytes) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the saved data is larger than max_save_records or max_save_bytes");
		return -E2BIG;
	}
	r = xsw_kvzalloc(mem, GFP_KERNEL_ACCOUNT);
	if (!r)
		return -ENOMEM;
	r->rec = *rec;
	memcpy(r->data, rec->data, rec->len);
	r->rec.data = r->data;
	list_add_tail(&r->list, &set->records);
	set->count++;
	set->bytes += rec->len;
	set->mem += mem;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_save_set_add);

/*
 * The enabled extensions of @sw, in stack order, held open for the time
 * a save or restore runs without the control lock.
 */
struct xsw_stack_hold {
	unsigned int n;
	struct xsw_ext *ext[];
};

static struct xsw_stack_hold *xsw_stack_hold(struct xsw_switch *sw)
{
	struct xsw_stack_hold *h;
	struct xsw_ext *ext;
	unsigned int n = 0;

	xsw_assert_locked(sw);
	list_for_each_entry(ext, &sw->exts, list)
		n += ext->enabled;
	h = xsw_kzalloc(struct_size(h, ext, n), GFP_KERNEL_ACCOUNT);
	if (!h)
		return NULL;
	list_for_each_entry(ext, &sw->exts, list)
		if (ext->enabled && !WARN_ON_ONCE(!xsw_ext_get_ref(ext)))
			h->ext[h->n++] = ext;
	return h;
}

static void xsw_stack_release(struct xsw_stack_hold *h)
{
	unsigned int i;

	for (i = 0; h && i < h->n; i++)
		xsw_ext_put_ref(h->ext[i]);
	kfree(h);
}

/* Refuses a save or restore unless @nic is connected and idle. */
static int xsw_nic_io_check(struct xsw_nic *nic, struct netlink_ext_ack *extack)
{
	if (nic->deleting) {
		NL_SET_ERR_MSG_MOD(extack, "the NIC is being deleted, waiting for references");
		return -EBUSY;
	}
	if (nic->info.state == XSWITCH_NIC_STATE_CREATED) {
		NL_SET_ERR_MSG_MOD(extack, "the NIC is created, not connected");
		return -EBUSY;
	}
	if (nic->info.state != XSWITCH_NIC_STATE_CONNECTED) {
		NL_SET_ERR_MSG_MOD(extack, "the NIC is disconnected");
		return -EBUSY;
	}
	if (nic->io) {
		NL_SET_ERR_MSG_MOD(extack, "a save or restore of the NIC is in progress");
		return -EBUSY;
	}
	return 0;
}

/* Marks @nic's callbacks running and drops the lock; see the DOC above. */
static void xsw_nic_io_begin(struct xsw_nic *nic)
{
	xsw_assert_locked(nic->port->sw);
	WRITE_ONCE(nic->io_running, true);
	refcount_inc(&nic->refs);
	mutex_unlock(&nic->port->sw->xn->lock);
}

static void xsw_nic_io_end(struct xsw_nic *nic)
{
	mutex_lock(&nic->port->sw->xn->lock);
	WRITE_ONCE(nic->io_running, false);
	wake_up_var(&nic->io_running);
	xsw_nic_put(nic);
}

/*
 * The verdict of a save or restore callback: 0 or a negative errno.  A
 * request that ends in -EINTR gets no answer from netlink at all (it is
 * how a dump's start skips its ack), and the restart codes are the
 * kernel's own: both would leave the caller waiting, so they are taken
 * as -EAGAIN.
 */
static int xsw_io_verdict(struct xsw_ext *ext, const char *what, int ret)
{
	if (ret > 0 || ret < -MAX_ERRNO) {
		pr_warn("extension %s returned %d from %s, not an errno; taken as -EINVAL\n",
			ext->ops->name, ret, what);
		return -EINVAL;
	}
	if (ret == -EINTR ||
	    (ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK))
		return -EAGAIN;
	return ret;
}

/* One ask of @ext; the buffer grows once when it needs more. */
static int xsw_save_ask(struct xsw_ext *ext, struct xsw_nic *nic,
			struct xsw_save *s, struct netlink_ext_ack *extack)
{
	void *buf;
	int err;

	s->recorded = false;
	s->need = 0;
	err = ext->ops->nic_save(ext, nic, s, extack);
	if (err == -ENOSPC && s->need <= s->size && extack && !extack->_msg)
		NL_SET_ERR_MSG_MOD(extack,
				   "an extension ran out of room without asking for a bigger buffer");
	if (err != -ENOSPC || s->need <= s->size)
		return xsw_io_verdict(ext, "save", err);
	if (s->need > XSW_SAVE_RECORD_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "an extension's record is larger than 1 MiB");
		return -EMSGSIZE;
	}
	buf = xsw_kvzalloc(s->need, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return -ENOMEM;
	kvfree(s->buf);
	s->buf = buf;
	s->size = s->need;
	s->recorded = false;
	s->need = 0;
	err = ext->ops->nic_save(ext, nic, s, extack);
	if (err == -ENOSPC) {
		pr_warn("extension %s still needs more room after it was given %u bytes\n",
			ext->ops->name, s->size);
		NL_SET_ERR_MSG_MOD(extack,
				   "an extension still needs a bigger buffer after it was given one");
	}
	return xsw_io_verdict(ext, "save", err);
}

/* Asks @ext until it passes, keeping what it gives in @set. */
static int xsw_save_ext(struct xsw_ext *ext, struct xsw_nic *nic,
			struct xsw_save *s, struct xsw_save_set *set,
			struct netlink_ext_ack *extack)
{
	struct xsw_record rec;
	int err;

	for (s->given = 0;; s->given++) {
		cond_resched();
		if (fatal_signal_pending(current))
			return -EINTR;
		err = xsw_save_ask(ext, nic, s, extack);
		if (err || !s->recorded)
			return err;
		rec.ext_id = ext->ops->uuid;
		rec.feature_class = s->feature_class;
		strscpy(rec.name, *s->name ? s->name : ext->ops->name,
			sizeof(rec.name));
		rec.len = s->len;
		rec.data = s->buf;
		err = xsw_save_set_add(set, &rec, extack);
		if (err)
			return err;
	}
}

/* The save loop and SAVE_COMPLETE, without the control lock. */
static int xsw_save_walk(struct xsw_stack_hold *h, struct xsw_nic *nic,
			 struct xsw_save_set *set, struct xsw_ext **failed,
			 struct netlink_ext_ack *extack)
{
	struct xsw_save s = { .size = XSW_SAVE_BUF_FIRST };
	unsigned int i;
	int err = 0;

	s.buf = xsw_kvzalloc(s.size, GFP_KERNEL_ACCOUNT);
	if (!s.buf)
		err = -ENOMEM;
	for (i = 0; i < h->n && !err; i++) {
		if (!h->ext[i]->ops->nic_save)
			continue;
		/* No extension reads what the one before it wrote. */
		memset(s.buf, 0, s.size);
		err = xsw_save_ext(h->ext[i], nic, &s, set, extack);
		if (err)
			*failed = h->ext[i];
	}
	kvfree(s.buf);
	/* Like SAVE_COMPLETE's own OID, down the whole stack. */
	for (i = 0; i < h->n; i++)
		if (h->ext[i]->ops->nic_save_complete)
			h->ext[i]->ops->nic_save_complete(h->ext[i], nic, err);
	return err;
}

/**
 * xsw_nic_save - save a connected NIC's run-time data
 * @nic: the NIC
 * @set: an empty list, which gets the records in the order saved
 * @extack: where a failure is explained
 *
 * Called with the control lock held; drops it while the extensions save.
 *
 * Return: 0, or the errno that failed the save (@set is then empty).
 */
int xsw_nic_save(struct xsw_nic *nic, struct xsw_save_set *set,
		 struct netlink_ext_ack *extack)
{
	struct xsw_switch *sw = nic->port->sw;
	struct xsw_step step = { .port = nic->port, .nic = nic };
	struct xsw_event_extra extra = {};
	struct xsw_ext *failed = NULL;
	struct xsw_stack_hold *h;
	int err;

	xsw_assert_locked(sw);
	err = xsw_nic_io_check(nic, extack);
	if (err)
		return err;
	h = xsw_stack_hold(sw);
	if (!h)
		return -ENOMEM;
	nic->io = XSW_IO_SAVE;
	xsw_nic_io_begin(nic);
	err = xsw_save_walk(h, nic, set, &failed, extack);
	xsw_stack_release(h);
	xsw_nic_io_end(nic);
	nic->io = XSW_IO_NONE;
	if (err)
		xsw_save_set_free(set);
	step.op = XSWITCH_OP_NIC_SAVE;
	extra.records = set->count;
	extra.has_records = true;
	xsw_nl_event_extra(sw, &step, err, failed, &extra);
	step.op = XSWITCH_OP_NIC_SAVE_COMPLETE;
	xsw_nl_event(sw, &step, err, NULL);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_save);

/**
 * struct xsw_restore - a restore in progress on one NIC
 * @portid: the netlink socket that began it, which alone may go on
 * @next: index of the record expected next
 * @restored: records an extension took
 * @unclaimed: records no enabled extension claimed
 * @bytes: payload received so far
 * @rec: the record being received
 * @buf: its payload, @rec.len bytes, @have of them received
 * @have: bytes of @buf received
 * @list: in the namespace's restores, to abandon those of a closed socket
 * @nic: the NIC
 * @hold: the extensions enabled when it began, held open until it ends:
 *	they alone take its records, and each gets RESTORE_COMPLETE
 */
struct xsw_restore {
	u32 portid;
	u32 next;
	u32 restored;
	u32 unclaimed;
	size_t bytes;
	struct xsw_record rec;
	u8 *buf;
	u32 have;
	struct list_head list;
	struct xsw_nic *nic;
	struct xsw_stack_hold *hold;
};

static struct xsw_ext *xsw_restore_owner(const struct xsw_restore *r,
					 const uuid_t *id)
{
	unsigned int i;

	for (i = 0; i < r->hold->n; i++)
		if (uuid_equal(&r->hold->ext[i]->ops->uuid, id))
			return r->hold->ext[i];
	return NULL;
}

/* RESTORE_COMPLETE down the stack, and the end of @nic's restore. */
static void xsw_restore_finish(struct xsw_nic *nic, int status, bool unlocked)
{
	struct xsw_switch *sw = nic->port->sw;
	struct xsw_step step = {
		.op = XSWITCH_OP_NIC_RESTORE_COMPLETE, .port = nic->port,
		.nic = nic,
	};
	struct xsw_restore *r = nic->restore;
	struct xsw_event_extra extra = { .records = r->restored,
					  .has_records = true };
	struct xsw_stack_hold *h = r->hold;
	unsigned int i;

	xsw_assert_locked(sw);
	if (unlocked)
		xsw_nic_io_begin(nic);
	for (i = 0; i < h->n; i++)
		if (h->ext[i]->ops->nic_restore_complete)
			h->ext[i]->ops->nic_restore_complete(h->ext[i], nic,
							      status);
	if (unlocked)
		xsw_nic_io_end(nic);
	xsw_stack_release(h);
	list_del(&r->list);
	kvfree(r->buf);
	kfree(r);
	nic->restore = NULL;
	nic->io = XSW_IO_NONE;
	xsw_nl_event_extra(sw, &step, status, NULL, &extra);
}

/**
 * xsw_nic_restore_abandon - end a restore that will not be completed
 * @nic: the NIC, with no restore callback running
 * @status: what RESTORE_COMPLETE reports
 *
 * Control lock held; the extensions' RESTORE_COMPLETE runs under it.
 */
void xsw_nic_restore_abandon(struct xsw_nic *nic, int status)
{
	xsw_assert_locked(nic->port->sw);
	if (nic->restore && !WARN_ON_ONCE(nic->io_running))
		xsw_restore_finish(nic, status, false);
}

static struct xsw_restore *xsw_restore_begin(struct xsw_nic *nic, u32 portid,
					     struct netlink_ext_ack *extack)
{
	struct xsw_restore *r;
	int err;

	err = xsw_nic_io_check(nic, extack);
	if (err)
		return ERR_PTR(err);
	r = xsw_kzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r)
		return ERR_PTR(-ENOMEM);
	r->hold = xsw_stack_hold(nic->port->sw);
	if (!r->hold) {
		kfree(r);
		return ERR_PTR(-ENOMEM);
	}
	r->portid = portid;
	r->nic = nic;
	list_add_tail(&r->list, &nic->port->sw->xn->restores);
	nic->restore = r;
	nic->io = XSW_IO_RESTORE;
	return r;
}

/* Whether @c is the piece expected next by @r (NULL: none begun yet). */
static int xsw_restore_check(const struct xsw_restore *r,
			     const struct xsw_restore_chunk *c,
			     struct netlink_ext_ack *extack)
{
	u32 next = r ? r->next : 0, have = r ? r->have : 0;

	if (!r && (c->index || c->offset)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "no restore of the NIC is in progress: it begins at record 0");
		return -EINVAL;
	}
	if (c->index != next || c->offset != have ||
	    (c->offset && c->size != r->rec.len)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the record or its offset is not the one expected next");
		return -EINVAL;
	}
	if (c->len > c->size - c->offset) {
		NL_SET_ERR_MSG_MOD(extack, "the data goes past the record's size");
		return -EINVAL;
	}
	if (!c->offset &&
	    (c->size > XSW_SAVE_RECORD_MAX ||
	     next >= min(READ_ONCE(xsw_limits.save_records), XSW_SAVE_RECORDS_MAX) ||
	     (r ? r->bytes : 0) + c->size >
	     min(READ_ONCE(xsw_limits.save_bytes), XSW_SAVE_BYTES_MAX))) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the restored data is larger than 1 MiB a record, max_save_records or max_save_bytes");
		return -E2BIG;
	}
	/* Each piece moves the record on, or a restore would never end. */
	if (c->size && !c->len) {
		NL_SET_ERR_MSG_MOD(extack, "a piece of a non-empty record carries no data");
		return -EINVAL;
	}
	return 0;
}

/* The restore @portid goes on with, or begins with record 0. */
static struct xsw_restore *xsw_restore_get(struct xsw_nic *nic, u32 portid,
					   const struct xsw_restore_chunk *c,
					   struct netlink_ext_ack *extack)
{
	struct xsw_restore *r = nic->restore;
	int err;

	if (r && (r->portid != portid || nic->io_running)) {
		NL_SET_ERR_MSG_MOD(extack, "another restore of the NIC is in progress");
		return ERR_PTR(-EBUSY);
	}
	if (!r && nic->io) {
		NL_SET_ERR_MSG_MOD(extack, "a save or restore of the NIC is in progress");
		return ERR_PTR(-EBUSY);
	}
	err = xsw_restore_check(r, c, extack);
	if (err)
		return ERR_PTR(err);
	return r ?: xsw_restore_begin(nic, portid, extack);
}

/* Takes the bytes of @c, which xsw_restore_check() accepted. */
static int xsw_restore_take(struct xsw_restore *r,
			    const struct xsw_restore_chunk *c)
{
	if (!c->offset) {
		r->buf = xsw_kvzalloc(max(c->size, 1U), GFP_KERNEL_ACCOUNT);
		if (!r->buf)
			return -ENOMEM;
		r->rec = c->rec;
		r->rec.len = c->size;
		r->rec.data = r->buf;
	}
	memcpy(r->buf + r->have, c->data, c->len);
	r->have += c->len;
	r->bytes += c->len;
	return 0;
}

/* Hands the complete record of @r to its owner; unlocked meanwhile. */
static int xsw_restore_dispatch(struct xsw_nic *nic, struct xsw_restore *r,
				struct netlink_ext_ack *extack)
{
	struct xsw_switch *sw = nic->port->sw;
	struct xsw_step step = { .port = nic->port, .nic = nic };
	struct xsw_event_extra extra = { .ext_id = &r->rec.ext_id };
	struct xsw_ext *ext;
	int err = 0;

	ext = xsw_restore_owner(r, &r->rec.ext_id);
	if (!ext || !ext->ops->nic_restore) {
		r->unclaimed++;
		step.op = XSWITCH_OP_NIC_RESTORE_UNCLAIMED;
		xsw_nl_event_extra(sw, &step, 0, NULL, &extra);
	} else {
		xsw_nic_io_begin(nic);
		err = xsw_io_verdict(ext, "restore",
				     ext->ops->nic_restore(ext, nic, &r->rec,
							   extack));
		xsw_nic_io_end(nic);
		r->restored += !err;
		step.op = XSWITCH_OP_NIC_RESTORE;
		xsw_nl_event_extra(sw, &step, err, err ? ext : NULL, &extra);
	}
	kvfree(r->buf);
	r->buf = NULL;
	r->have = 0;
	r->next++;
	return err;
}

/**
 * xsw_nic_restore - take a piece of a record of a NIC's restore
 * @nic: the NIC, connected
 * @portid: the requester's socket, which owns the restore it begins
 * @c: the piece: record index, offset, size and the data
 * @extack: where a refusal or failure is explained
 *
 * Record 0 at offset 0 begins a restore; a piece that is not the one
 * expected next is refused and changes nothing, and no restore begins.
 * The record is handed to its extension once its last byte arrived.
 * Control lock held; dropped while an extension restores.  Once begun, a
 * restore that fails (an extension's error, no memory) ends at once with
 * RESTORE_COMPLETE.
 *
 * Return: 0, or why the piece was refused or the restore failed.
 */
int xsw_nic_restore(struct xsw_nic *nic, u32 portid,
		    const struct xsw_restore_chunk *c,
		    struct netlink_ext_ack *extack)
{
	struct xsw_restore *r;
	int err;

	xsw_assert_locked(nic->port->sw);
	r = xsw_restore_get(nic, portid, c, extack);
	if (IS_ERR(r))
		return PTR_ERR(r);
	/* Once begun, a restore that fails ends with RESTORE_COMPLETE. */
	err = xsw_restore_take(r, c);
	if (!err && r->have == r->rec.len)
		err = xsw_restore_dispatch(nic, r, extack);
	if (err)
		xsw_restore_finish(nic, err, true);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_restore);

/**
 * xsw_nic_restore_complete - end a NIC's restore
 * @nic: the NIC
 * @portid: the requester's socket, which must own the restore
 * @status: 0, or the errno the requester ends it with
 * @restored: how many records an extension took
 * @unclaimed: how many no extension claimed
 * @extack: where a refusal is explained
 *
 * Ends the restore with RESTORE_COMPLETE(@status), or (-EINVAL) if a
 * record is still incomplete.
 *
 * Return: 0 once ended as asked; -EINVAL when no restore of the NIC is in
 * progress for @portid (nothing changes), or a record was incomplete.
 */
int xsw_nic_restore_complete(struct xsw_nic *nic, u32 portid, int status,
			     u32 *restored, u32 *unclaimed,
			     struct netlink_ext_ack *extack)
{
	struct xsw_restore *r = nic->restore;
	int err = 0;

	xsw_assert_locked(nic->port->sw);
	if (!r || r->portid != portid) {
		NL_SET_ERR_MSG_MOD(extack, "no restore of the NIC is in progress from this socket");
		return -EINVAL;
	}
	if (nic->io_running) {
		NL_SET_ERR_MSG_MOD(extack, "a save or restore of the NIC is running");
		return -EBUSY;
	}
	if (r->buf) {
		NL_SET_ERR_MSG_MOD(extack, "the last record is incomplete");
		err = -EINVAL;
		status = err;
	}
	*restored = r->restored;
	*unclaimed = r->unclaimed;
	xsw_restore_finish(nic, status, true);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_nic_restore_complete);

/* A socket closed: the restores it had begun are abandoned. */
void xsw_restores_abandon(struct xsw_net *xn, u32 portid)
{
	struct xsw_restore *r, *tmp;

	lockdep_assert_held(&xn->lock);
	list_for_each_entry_safe(r, tmp, &xn->restores, list)
		if (r->portid == portid && !r->nic->io_running)
			xsw_restore_finish(r->nic, -ECONNABORTED, false);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_restores_abandon);

/*
 * Before a NIC is removed: a save or a restore callback running on it is
 * waited for (without the lock), and a restore left open is abandoned.
 */
void xsw_nic_io_drain(struct xsw_nic *nic)
{
	struct mutex *lock = &nic->port->sw->xn->lock;
	unsigned int waited = 0;

	lockdep_assert_held(lock);
	while (nic->io_running) {
		mutex_unlock(lock);
		if (!wait_var_event_timeout(&nic->io_running,
					    !READ_ONCE(nic->io_running),
					    XSW_WAIT_WARN_SECS * HZ)) {
			waited += XSW_WAIT_WARN_SECS;
			pr_warn("port %u nic %u: its removal waits for an extension's save or restore callback (%us)\n",
				nic->info.port_id, nic->info.index, waited);
		}
		mutex_lock(lock);
	}
	xsw_nic_restore_abandon(nic, -ECONNABORTED);
}
