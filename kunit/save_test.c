// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for saving and restoring a NIC's run-time data: the save
 * loop's order and its bounds, bigger buffers, failures and
 * SAVE_COMPLETE, restore routing by ExtensionId, unclaimed records,
 * records in pieces, failures and RESTORE_COMPLETE, and the states both
 * need.
 */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/slab.h>

#include "test_ext.h"

/* A new synthetic port of @sw with a connected NIC named @name. */
static struct xsw_nic *named_nic_on(struct kunit *test, struct xsw_switch *sw,
				    const char *name)
{
	struct xsw_port_params pp = { .type = XSWITCH_PORT_TYPE_SYNTHETIC };
	struct xsw_nic_params np = { .name = name };
	struct xsw_port *port;
	struct xsw_nic *nic;

	port = XT_LOCKED(xsw_port_create(sw, &pp, NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, port);
	nic = XT_LOCKED(xsw_nic_create(port, &np, NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, nic);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
	xt.log[0] = 0;
	return nic;
}

static struct xsw_nic *connected_nic_on(struct kunit *test,
					struct xsw_switch *sw)
{
	return named_nic_on(test, sw, "vm-nic");
}

/* The recording stack's switch, with one connected synthetic NIC. */
static struct xsw_nic *connected_nic(struct kunit *test, struct xsw_switch **swp)
{
	*swp = xt_switch(test);
	return connected_nic_on(test, *swp);
}

static const char *log_take(struct kunit *test)
{
	char *copy = kunit_kstrdup(test, xt.log, GFP_KERNEL);

	xt.log[0] = 0;
	return copy;
}

static void set_free(void *set)
{
	xsw_save_set_free(set);
}

static struct xsw_save_set *new_set(struct kunit *test)
{
	struct xsw_save_set *set = kunit_kzalloc(test, sizeof(*set), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, set);
	INIT_LIST_HEAD(&set->records);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, set_free, set));
	return set;
}

static int save(struct xsw_nic *nic, struct xsw_save_set *set,
		struct netlink_ext_ack *extack)
{
	return XT_LOCKED(xsw_nic_save(nic, set, extack));
}

/*
 * Each extension is asked until it passes, top down; one that needs room
 * is asked again with it; SAVE_COMPLETE then goes down the whole stack.
 */
static void xsw_save_order(struct kunit *test)
{
	struct xsw_save_set *set = new_set(test);
	struct xsw_switch *sw;
	struct xsw_nic *nic = connected_nic(test, &sw);
	struct xsw_saved *r;
	static const char *const want[] = { "cap", "cap", "fwd", "fwd" };
	unsigned int i = 0;
	u32 seq = sw->event_seq;

	/* Two extensions with two records each, one needing a bigger buffer. */
	xt.conf[XT_CAP].save_records = 2;
	xt.conf[XT_CAP].save_len = 10;
	xt.conf[XT_FWD].save_records = 2;
	xt.conf[XT_FWD].save_len = 5000;
	KUNIT_ASSERT_EQ(test, save(nic, set, NULL), 0);
	KUNIT_EXPECT_STREQ(test, log_take(test),
			   "cap:save(0) cap:save(1) cap:save flt:save fwd:save(need 5000) fwd:save(0) fwd:save(1) fwd:save cap:savedone(0) flt:savedone(0) fwd:savedone(0)");
	KUNIT_ASSERT_EQ(test, set->count, 4U);
	KUNIT_EXPECT_EQ(test, set->bytes, (size_t)10020);
	list_for_each_entry(r, &set->records, list) {
		const struct xsw_extension_ops *ops = xt_ext(sw, want[i])->ops;

		KUNIT_EXPECT_TRUE(test, uuid_equal(&r->rec.ext_id, &ops->uuid));
		KUNIT_EXPECT_STREQ(test, r->rec.name, want[i]);
		KUNIT_EXPECT_EQ(test, r->rec.len, i < 2 ? 10U : 5000U);
		KUNIT_EXPECT_EQ(test, r->rec.feature_class.b[15], i % 2 + 1);
		KUNIT_EXPECT_EQ(test, ((u8 *)r->rec.data)[3], (u8)(3 + i % 2));
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, 4U);
	/* The save and its completion are published, in that order. */
	KUNIT_EXPECT_EQ(test, sw->event_seq, seq + 2);
}

/* A failure ends the save, empties it, and still completes everyone. */
static void xsw_save_failure(struct kunit *test)
{
	struct xsw_save_set *set = new_set(test);
	struct netlink_ext_ack ea = {};
	struct xsw_switch *sw;
	struct xsw_nic *nic = connected_nic(test, &sw);

	xt.conf[XT_CAP].save_records = 1;
	xt.conf[XT_CAP].save_len = 4;
	xt.conf[XT_FLT].save_ret = -EIO;
	KUNIT_EXPECT_EQ(test, save(nic, set, &ea), -EIO);
	KUNIT_EXPECT_STREQ(test, log_take(test),
			   "cap:save(0) cap:save flt:save cap:savedone(-5) flt:savedone(-5) fwd:savedone(-5)");
	KUNIT_EXPECT_EQ(test, set->count, 0U);
	KUNIT_EXPECT_TRUE(test, list_empty(&set->records));
	KUNIT_EXPECT_EQ(test, xsw_nic_info(nic)->state,
			(u32)XSWITCH_NIC_STATE_CONNECTED);
	/* The NIC is idle again: the next save runs. */
	xt.conf[XT_FLT].save_ret = 0;
	KUNIT_EXPECT_EQ(test, save(nic, set, NULL), 0);
	KUNIT_EXPECT_EQ(test, set->count, 1U);
}

/* The core bounds the loop: records, bytes, and a record's size. */
static void xsw_save_bounds(struct kunit *test)
{
	struct xsw_save_set *set = new_set(test);
	struct netlink_ext_ack ea = {};
	struct xsw_switch *sw;
	struct xsw_nic *nic = connected_nic(test, &sw);

	/* An extension that gives records forever is stopped by the core. */
	xsw_limits.save_records = 1000;
	xt.conf[XT_FWD].save_records = U32_MAX;
	KUNIT_EXPECT_EQ(test, save(nic, set, &ea), -E2BIG);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: the saved data is larger than max_save_records or max_save_bytes");
	KUNIT_EXPECT_EQ(test, set->count, 0U);
	xsw_limits.save_records = XSW_SAVE_RECORDS_MAX;
	xt.conf[XT_FWD].save_records = 1;
	xt.conf[XT_FWD].save_len = XSW_SAVE_RECORD_MAX + 1;
	KUNIT_EXPECT_EQ(test, save(nic, set, &ea), -EMSGSIZE);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: an extension's record is larger than 1 MiB");
	xt.conf[XT_FWD].save_len = XSW_SAVE_RECORD_MAX;
	KUNIT_EXPECT_EQ(test, save(nic, set, NULL), 0);
	KUNIT_EXPECT_EQ(test, set->bytes, (size_t)XSW_SAVE_RECORD_MAX);
}

struct held_save {
	struct xsw_nic *nic;
	struct xsw_save_set set;
	int err;
	struct completion done;
};

static int held_save_fn(void *data)
{
	struct held_save *h = data;

	h->err = XT_LOCKED(xsw_nic_save(h->nic, &h->set, NULL));
	complete(&h->done);
	return 0;
}

/*
 * While one NIC's save waits in an extension, without the control lock,
 * another NIC saves and the namespace's requests go on; a second save of
 * the waiting NIC is refused, and so is its disconnect.
 */
static void xsw_save_concurrent(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(held);
	DECLARE_COMPLETION_ONSTACK(release);
	struct xsw_save_set *set = new_set(test);
	struct netlink_ext_ack ea = {};
	struct held_save *h;
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_nic *other = named_nic_on(test, sw, "other");
	struct task_struct *t;

	h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h);
	h->nic = named_nic_on(test, sw, "held");
	INIT_LIST_HEAD(&h->set.records);
	init_completion(&h->done);
	xt.quiet = true;
	xt.conf[XT_FWD].save_records = 1;
	xt.conf[XT_FWD].save_len = 8;
	xt.held = &held;
	xt.release = &release;
	t = kthread_run(held_save_fn, h, "xsw-held-save");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&held);

	KUNIT_EXPECT_EQ(test, save(other, set, NULL), 0);
	KUNIT_EXPECT_EQ(test, set->count, 1U);
	KUNIT_EXPECT_EQ(test, save(h->nic, set, &ea), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: a save or restore of the NIC is in progress");
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_disconnect(h->nic, &ea)), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: a save or restore of the NIC is running");

	complete_all(&release);
	wait_for_completion(&h->done);
	xt.held = NULL;
	xt.quiet = false;
	KUNIT_EXPECT_EQ(test, h->err, 0);
	KUNIT_EXPECT_EQ(test, h->set.count, 1U);
	xsw_save_set_free(&h->set);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_disconnect(h->nic, NULL)), 0);
}

/*
 * A port created to take saved data back says so to the extensions; a
 * validation port, which never takes a NIC, cannot be one.
 */
static void xsw_restoring_port(struct kunit *test)
{
	struct xsw_port_params pp = { .type = XSWITCH_PORT_TYPE_SYNTHETIC,
				      .restoring = true };
	struct xsw_switch *sw = xt_switch(test);
	struct netlink_ext_ack ea = {};
	struct xsw_port *port;

	port = XT_LOCKED(xsw_port_create(sw, &pp, NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, port);
	KUNIT_EXPECT_TRUE(test, xsw_port_info(port)->restoring);
	KUNIT_EXPECT_FALSE(test, xsw_port_info(port)->validation);
	pp.validation = true;
	port = XT_LOCKED(xsw_port_create(sw, &pp, &ea));
	KUNIT_EXPECT_EQ(test, PTR_ERR(port), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: a validation port cannot be restoring: it never takes a NIC");
}

/* Save and restore need a connected NIC. */
static void xsw_save_states(struct kunit *test)
{
	struct xsw_save_set *set = new_set(test);
	struct xsw_restore_chunk c = { .size = 1, .len = 1, .data = "x" };
	struct netlink_ext_ack ea = {};
	struct xsw_switch *sw;
	struct xsw_nic *nic = connected_nic(test, &sw);

	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_disconnect(nic, NULL)), 0);
	log_take(test);
	KUNIT_EXPECT_EQ(test, save(nic, set, &ea), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg, "xswitch: the NIC is disconnected");
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_restore(nic, 1, &c, &ea)), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg, "xswitch: the NIC is disconnected");
	KUNIT_EXPECT_STREQ(test, log_take(test), "");
}

static int restore(struct xsw_nic *nic, u32 index, const struct xsw_extension_ops *ops,
		   u8 fc, u32 size, u32 offset, u32 len,
		   struct netlink_ext_ack *extack)
{
	static u8 data[40000];
	struct xsw_restore_chunk c = {
		.index = index, .offset = offset, .size = size, .len = len,
		.data = data,
	};

	if (ops)
		c.rec.ext_id = ops->uuid;
	else
		c.rec.ext_id.b[0] = 0xee;
	c.rec.feature_class.b[15] = fc;
	return XT_LOCKED(xsw_nic_restore(nic, 7, &c, extack));
}

static int restore_done(struct xsw_nic *nic, int status, u32 *restored,
			u32 *unclaimed)
{
	return XT_LOCKED(xsw_nic_restore_complete(nic, 7, status, restored,
						  unclaimed, NULL));
}

/*
 * Each record goes to its owner only, in order; one nobody claims is
 * counted and the restore goes on; RESTORE_COMPLETE goes to all.
 */
static void xsw_restore_routing(struct kunit *test)
{
	struct xsw_switch *sw;
	struct xsw_nic *nic = connected_nic(test, &sw);
	const struct xsw_extension_ops *cap = xt_ext(sw, "cap")->ops;
	const struct xsw_extension_ops *fwd = xt_ext(sw, "fwd")->ops;
	struct netlink_ext_ack ea = {};
	u32 restored, unclaimed;

	KUNIT_ASSERT_EQ(test, restore(nic, 0, fwd, 1, 3, 0, 3, NULL), 0);
	KUNIT_ASSERT_EQ(test, restore(nic, 1, NULL, 1, 2, 0, 2, NULL), 0);
	KUNIT_ASSERT_EQ(test, restore(nic, 2, cap, 2, 0, 0, 0, NULL), 0);
	/* One begun from another socket, or again from record 0, waits. */
	KUNIT_EXPECT_EQ(test, restore(nic, 0, cap, 1, 1, 0, 1, &ea), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: the record or its offset is not the one expected next");
	KUNIT_ASSERT_EQ(test, restore_done(nic, 0, &restored, &unclaimed), 0);
	KUNIT_EXPECT_EQ(test, restored, 2U);
	KUNIT_EXPECT_EQ(test, unclaimed, 1U);
	KUNIT_EXPECT_STREQ(test, log_take(test),
			   "fwd:restore(fc1,3) cap:restore(fc2,0) cap:restoredone(0) flt:restoredone(0) fwd:restoredone(0)");
	KUNIT_EXPECT_EQ(test, restore_done(nic, 0, &restored, &unclaimed), -EINVAL);
}

/* A record may come in pieces; a piece out of place changes nothing. */
static void xsw_restore_pieces(struct kunit *test)
{
	struct xsw_switch *sw;
	struct xsw_nic *nic = connected_nic(test, &sw);
	const struct xsw_extension_ops *flt = xt_ext(sw, "flt")->ops;
	struct netlink_ext_ack ea = {};
	u32 restored, unclaimed;

	KUNIT_EXPECT_EQ(test, restore(nic, 1, flt, 1, 10, 0, 10, &ea), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: no restore of the NIC is in progress: it begins at record 0");
	KUNIT_ASSERT_EQ(test, restore(nic, 0, flt, 1, 40000, 0, 16384, NULL), 0);
	KUNIT_EXPECT_EQ(test, restore(nic, 0, flt, 1, 40000, 100, 16384, &ea), -EINVAL);
	KUNIT_EXPECT_EQ(test, restore(nic, 0, flt, 1, 40000, 16384, 30000, &ea), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ea._msg, "xswitch: the data goes past the record's size");
	KUNIT_ASSERT_EQ(test, restore(nic, 0, flt, 1, 40000, 16384, 16384, NULL), 0);
	KUNIT_EXPECT_STREQ(test, log_take(test), "");
	KUNIT_ASSERT_EQ(test, restore(nic, 0, flt, 1, 40000, 32768, 7232, NULL), 0);
	KUNIT_EXPECT_STREQ(test, log_take(test), "flt:restore(fc1,40000)");
	KUNIT_EXPECT_EQ(test, restore(nic, 1, flt, 1, XSW_SAVE_RECORD_MAX + 1, 0, 0, &ea),
			-E2BIG);
	KUNIT_ASSERT_EQ(test, restore_done(nic, 0, &restored, &unclaimed), 0);
	KUNIT_EXPECT_EQ(test, restored, 1U);
}

/*
 * Every piece moves its record on; the extensions enabled when a restore
 * began take it to its end, and cannot be disabled before.
 */
static void xsw_restore_held(struct kunit *test)
{
	struct xsw_switch *sw;
	struct xsw_nic *nic = connected_nic(test, &sw);
	struct xsw_ext *flt = xt_ext(sw, "flt");
	struct netlink_ext_ack ea = {};
	u32 restored, unclaimed;

	KUNIT_EXPECT_EQ(test, restore(nic, 0, flt->ops, 1, 10, 0, 0, &ea), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: a piece of a non-empty record carries no data");
	KUNIT_EXPECT_NULL(test, nic->restore);
	KUNIT_ASSERT_EQ(test, restore(nic, 0, flt->ops, 1, 10, 0, 5, NULL), 0);
	KUNIT_EXPECT_EQ(test, restore(nic, 0, flt->ops, 1, 10, 5, 0, &ea), -EINVAL);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_ext_set(flt, 0, -1, &ea)), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: the extension is in use: it holds references, or a save or restore runs through it");
	KUNIT_ASSERT_EQ(test, restore(nic, 0, flt->ops, 1, 10, 5, 5, NULL), 0);
	KUNIT_ASSERT_EQ(test, restore_done(nic, 0, &restored, &unclaimed), 0);
	KUNIT_EXPECT_EQ(test, restored, 1U);
	KUNIT_EXPECT_STREQ(test, log_take(test),
			   "flt:restore(fc1,10) cap:restoredone(0) flt:restoredone(0) fwd:restoredone(0)");
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_ext_set(flt, 0, -1, NULL)), 0);
}

/* An extension's failure ends the restore at once, completing everyone. */
static void xsw_restore_failure(struct kunit *test)
{
	struct xsw_switch *sw;
	struct xsw_nic *nic = connected_nic(test, &sw);
	const struct xsw_extension_ops *fwd = xt_ext(sw, "fwd")->ops;
	struct netlink_ext_ack ea = {};

	xt.conf[XT_FWD].restore_ret = -ENOMEM;
	KUNIT_EXPECT_EQ(test, restore(nic, 0, fwd, 1, 1, 0, 1, &ea), -ENOMEM);
	KUNIT_EXPECT_STREQ(test, log_take(test),
			   "fwd:restore(fc1,1) cap:restoredone(-12) flt:restoredone(-12) fwd:restoredone(-12)");
	/* It is over: the next record 1 has no restore to go to. */
	KUNIT_EXPECT_EQ(test, restore(nic, 1, fwd, 1, 1, 0, 1, &ea), -EINVAL);
}

/*
 * A restore left open is abandoned, with RESTORE_COMPLETE, before the
 * NIC's disconnect; the socket that began it closing does the same.
 */
static void xsw_restore_abandoned(struct kunit *test)
{
	struct xsw_switch *sw;
	struct xsw_nic *nic = connected_nic(test, &sw);
	const struct xsw_extension_ops *cap = xt_ext(sw, "cap")->ops;

	KUNIT_ASSERT_EQ(test, restore(nic, 0, cap, 1, 1, 0, 1, NULL), 0);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_disconnect(nic, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, log_take(test),
			   "cap:restore(fc1,1) cap:restoredone(-103) flt:restoredone(-103) fwd:restoredone(-103) cap:nx flt:nx fwd:nx");
	nic = connected_nic_on(test, sw);
	KUNIT_ASSERT_EQ(test, restore(nic, 0, cap, 1, 1, 0, 1, NULL), 0);
	log_take(test);
	XT_LOCKED((xsw_restores_abandon(sw->xn, 8), 0));
	KUNIT_EXPECT_STREQ(test, log_take(test), "");
	XT_LOCKED((xsw_restores_abandon(sw->xn, 7), 0));
	KUNIT_EXPECT_STREQ(test, log_take(test),
			   "cap:restoredone(-103) flt:restoredone(-103) fwd:restoredone(-103)");
}

static int xsw_save_suite_init(struct kunit_suite *suite)
{
	return xt_register();
}

static void xsw_save_suite_exit(struct kunit_suite *suite)
{
	xt_unregister();
}

static struct kunit_case xsw_save_cases[] = {
	KUNIT_CASE(xsw_save_order),
	KUNIT_CASE(xsw_save_failure),
	KUNIT_CASE(xsw_save_bounds),
	KUNIT_CASE(xsw_save_states),
	KUNIT_CASE(xsw_restoring_port),
	KUNIT_CASE(xsw_save_concurrent),
	KUNIT_CASE(xsw_restore_routing),
	KUNIT_CASE(xsw_restore_pieces),
	KUNIT_CASE(xsw_restore_held),
	KUNIT_CASE(xsw_restore_failure),
	KUNIT_CASE(xsw_restore_abandoned),
	{}
};

static struct kunit_suite xsw_save_suite = {
	.name = "xsw_save",
	.suite_init = xsw_save_suite_init,
	.suite_exit = xsw_save_suite_exit,
	.test_cases = xsw_save_cases,
};

kunit_test_suite(xsw_save_suite);
