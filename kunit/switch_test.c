// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for switch objects: creation, naming rules, ids, deletion.
 */
#include <kunit/test.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>

#include "../module/xsw.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/*
 * The functions under test want the control lock, as netlink handlers hold it.
 * Each call takes it alone: a failed assertion ends the case's thread,
 * and must not do so with the lock held.
 */
static struct xsw_switch *create(const char *name,
				 struct netlink_ext_ack *extack)
{
	struct xsw_switch *sw;

	xsw_lock(&init_net);
	sw = xsw_switch_create(&init_net, name, extack);
	xsw_unlock(&init_net);
	return sw;
}

static struct xsw_switch *find(const char *name)
{
	struct xsw_switch *sw;

	xsw_lock(&init_net);
	sw = xsw_switch_find(&init_net, name);
	xsw_unlock(&init_net);
	return sw;
}

static void destroy(struct xsw_switch *sw)
{
	xsw_lock(&init_net);
	xsw_switch_destroy(sw);
	xsw_unlock(&init_net);
}

static struct xsw_switch *xsw_test_create(struct kunit *test, const char *name)
{
	struct netlink_ext_ack extack = {};
	struct xsw_switch *sw;

	sw = create(name, &extack);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sw);
	KUNIT_EXPECT_NULL(test, extack._msg);
	return sw;
}

static void xsw_switch_create_find(struct kunit *test)
{
	struct xsw_switch *sw = xsw_test_create(test, "kunit-sw0");

	KUNIT_EXPECT_GT(test, sw->id, 0U);
	KUNIT_EXPECT_STREQ(test, sw->name, "kunit-sw0");
	KUNIT_EXPECT_PTR_EQ(test, find("kunit-sw0"), sw);
	KUNIT_EXPECT_NULL(test, find("kunit-sw1"));
	destroy(sw);
	KUNIT_EXPECT_NULL(test, find("kunit-sw0"));
}

static void xsw_switch_duplicate_name(struct kunit *test)
{
	struct xsw_switch *sw = xsw_test_create(test, "kunit-dup");
	struct netlink_ext_ack extack = {};
	struct xsw_switch *dup;

	dup = create("kunit-dup", &extack);
	KUNIT_EXPECT_EQ(test, PTR_ERR(dup), -EEXIST);
	KUNIT_EXPECT_STREQ(test, extack._msg,
			   "xswitch: a switch of that name already exists");
	destroy(sw);
}

static void xsw_switch_bad_names(struct kunit *test)
{
	struct netlink_ext_ack extack = {};

	KUNIT_EXPECT_EQ(test, PTR_ERR(create("", &extack)),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "xswitch: switch name is empty");
	KUNIT_EXPECT_EQ(test,
			PTR_ERR(create("0123456789abcdef", &extack)),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg,
			   "xswitch: switch name is longer than 15 bytes");
}

/* A deleted switch's id must not come back at once: a tool that still
 * holds it would act on the wrong switch.
 */
static void xsw_switch_id_not_reused(struct kunit *test)
{
	struct xsw_switch *sw = xsw_test_create(test, "kunit-a");
	u32 old = sw->id;

	destroy(sw);
	sw = xsw_test_create(test, "kunit-b");
	KUNIT_EXPECT_NE(test, sw->id, old);
	destroy(sw);
}

/*
 * xswitch's own injection points ("DOC: Fault injection"): the N-th point
 * the armed task passes fails, once; a create that fails leaves nothing
 * behind and blames nothing but memory.
 */
static void xsw_switch_create_fails(struct kunit *test)
{
	int switches = atomic_read(&xsw_counts.switches);
	struct netlink_ext_ack extack = {};
	struct xsw_switch *sw;
	unsigned int n;

	/* The switch, its MAC tables, then its id. */
	for (n = 1; n <= 3; n++) {
		xsw_fail_arm(current, n);
		sw = create("kunit-fail", &extack);
		KUNIT_EXPECT_EQ(test, PTR_ERR(sw), -ENOMEM);
		KUNIT_EXPECT_NULL(test, extack._msg);
		KUNIT_EXPECT_NULL(test, READ_ONCE(xsw_fail_task));
		KUNIT_EXPECT_NULL(test, find("kunit-fail"));
		KUNIT_EXPECT_EQ(test, atomic_read(&xsw_counts.switches),
				switches);
	}
	/* A count the create does not reach stays armed until disarmed. */
	xsw_fail_arm(current, 4);
	sw = xsw_test_create(test, "kunit-fail");
	KUNIT_EXPECT_PTR_EQ(test, READ_ONCE(xsw_fail_task), current);
	xsw_fail_arm(NULL, 0);
	destroy(sw);
}

static struct kunit_case xsw_switch_cases[] = {
	KUNIT_CASE(xsw_switch_create_find),
	KUNIT_CASE(xsw_switch_duplicate_name),
	KUNIT_CASE(xsw_switch_bad_names),
	KUNIT_CASE(xsw_switch_id_not_reused),
	KUNIT_CASE(xsw_switch_create_fails),
	{}
};

static struct kunit_suite xsw_switch_suite = {
	.name = "xsw_switch",
	.test_cases = xsw_switch_cases,
};

kunit_test_suite(xsw_switch_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites for xswitch");
