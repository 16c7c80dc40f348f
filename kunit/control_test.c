// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the control path: the port and NIC state machine, the
 * extension stack (order, veto and rollback at each layer, contract
 * breaches), references, teardown order and extension management.
 */
#include <kunit/test.h>

#include "test_ext.h"

static struct xsw_port *port_new(struct xsw_switch *sw, u32 type,
				 bool validation, struct netlink_ext_ack *extack)
{
	struct xsw_port_params p = {
		.type = type, .validation = validation, .name = "p",
	};

	return XT_LOCKED(xsw_port_create(sw, &p, extack));
}

static struct xsw_port *port_ok(struct kunit *test, struct xsw_switch *sw,
				u32 type)
{
	struct xsw_port *port = port_new(sw, type, false, NULL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, port);
	return port;
}

static struct xsw_nic *nic_new(struct xsw_port *port, u16 index,
			       struct netlink_ext_ack *extack)
{
	struct xsw_nic_params p = { .index = index, .name = "n" };

	return XT_LOCKED(xsw_nic_create(port, &p, extack));
}

static struct xsw_nic *nic_ok(struct kunit *test, struct xsw_port *port,
			      u16 index)
{
	struct xsw_nic *nic = nic_new(port, index, NULL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, nic);
	return nic;
}

/* A formatted string that lives as long as the test case. */
static __printf(2, 3) const char *cat(struct kunit *test, const char *fmt, ...)
{
	char *buf = kunit_kzalloc(test, 512, GFP_KERNEL);
	va_list ap;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	va_start(ap, fmt);
	vsnprintf(buf, 512, fmt, ap);
	va_end(ap);
	return buf;
}

/* What cap, flt and fwd log for never-fail steps, e.g. "nn nu". */
static const char *each(struct kunit *test, const char *steps)
{
	const char *out = "", *sep = "";
	char *list = kunit_kstrdup(test, steps, GFP_KERNEL), *s;

	while ((s = strsep(&list, " "))) {
		out = cat(test, "%s%scap:%s flt:%s fwd:%s", out, sep, s, s, s);
		sep = " ";
	}
	return out;
}

/* What they log for a vetoable step that all of them pass. */
static const char *passed(struct kunit *test, const char *s)
{
	return cat(test, "%s fwd:done(%s,0) flt:done(%s,0) cap:done(%s,0)",
		   each(test, s), s, s, s);
}

/* The log since the last call, which clears it. */
static const char *take_log(struct kunit *test)
{
	char *copy = kunit_kstrdup(test, xt.log, GFP_KERNEL);

	xt.log[0] = 0;
	return copy;
}

static void xsw_stack_order_port_create(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	u32 seq = sw->event_seq;

	port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   passed(test, "pc"));
	KUNIT_EXPECT_EQ(test, sw->event_seq, seq + 1);
}

struct veto_case {
	const char *desc;
	int who;
	int ret;
	int want_err;
	const char *want_log;
};

static const struct veto_case veto_cases[] = {
	{ "filter vetoes", XT_FLT, -EPERM, -EPERM,
	  "cap:pc flt:pc cap:done(pc,-1)" },
	{ "forward vetoes", XT_FWD, -ENOSPC, -ENOSPC,
	  "cap:pc flt:pc fwd:pc flt:done(pc,-28) cap:done(pc,-28)" },
	{ "capture veto is ignored", XT_CAP, -EPERM, 0,
	  "cap:pc flt:pc fwd:pc fwd:done(pc,0) flt:done(pc,0) cap:done(pc,0)" },
	{ "positive return is taken as -EINVAL", XT_FLT, 1, -EINVAL,
	  "cap:pc flt:pc cap:done(pc,-22)" },
	{ "out-of-range return is taken as -EINVAL", XT_FWD, -100000, -EINVAL,
	  "cap:pc flt:pc fwd:pc flt:done(pc,-22) cap:done(pc,-22)" },
};

KUNIT_ARRAY_PARAM_DESC(veto, veto_cases, desc);

/* A veto rolls back every extension above it and leaves no port. */
static void xsw_stack_veto_port_create(struct kunit *test)
{
	const struct veto_case *c = test->param_value;
	struct xsw_switch *sw = xt_switch(test);
	struct netlink_ext_ack extack = {};
	struct xsw_port *port;
	u32 seq = sw->event_seq;

	xt.conf[c->who].veto_op = XSWITCH_OP_PORT_CREATE;
	xt.conf[c->who].veto_ret = c->ret;
	port = port_new(sw, XSWITCH_PORT_TYPE_SYNTHETIC, false, &extack);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(port), c->want_err);
	KUNIT_EXPECT_STREQ(test, take_log(test), c->want_log);
	KUNIT_EXPECT_EQ(test, sw->event_seq, seq + 1);
	if (c->want_err) {
		KUNIT_EXPECT_STREQ(test, extack._msg,
				   "xswitch: vetoed by an extension (see events)");
		KUNIT_EXPECT_TRUE(test, xa_empty(&sw->ports));
	}
}

/* A VLAN property's payload, as the switch takes it. */
static const struct xsw_prop_vlan access10 = {
	.mode = XSWITCH_VLAN_MODE_ACCESS, .access_vlan = 10,
};

/* Property steps go through the same stack; a veto keeps nothing. */
static void xsw_stack_veto_property(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	struct xsw_property prop = { .type = XSWITCH_PROP_TYPE_VLAN,
				     .version = 0x100, .data = &access10,
				     .len = sizeof(access10) };

	take_log(test);
	xt.conf[XT_FWD].veto_op = XSWITCH_OP_PORT_PROP_ADD;
	xt.conf[XT_FWD].veto_ret = -EOPNOTSUPP;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &prop, NULL)),
			-EOPNOTSUPP);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "cap:ppa flt:ppa fwd:ppa flt:done(ppa,-95) cap:done(ppa,-95)");
	KUNIT_EXPECT_TRUE(test, list_empty(&port->props));
	xt.conf[XT_FWD].veto_op = 0;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &prop, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   passed(test, "ppa"));
	xt.conf[XT_FLT].veto_op = XSWITCH_OP_PORT_PROP_DELETE;
	xt.conf[XT_FLT].veto_ret = -EBUSY;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_delete(sw, port, &prop, NULL)),
			-EBUSY);
	KUNIT_EXPECT_FALSE(test, list_empty(&port->props));
}

/* Only index 0 may be vetoed: behind the external port it is ignored. */
static void xsw_stack_veto_nic_index(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port = port_ok(test, sw, XSWITCH_PORT_TYPE_EXTERNAL);

	xt.conf[XT_FLT].veto_op = XSWITCH_OP_NIC_CREATE;
	xt.conf[XT_FLT].veto_ret = -EPERM;
	take_log(test);
	KUNIT_EXPECT_EQ(test, PTR_ERR(nic_new(port, 0, NULL)), -EPERM);
	KUNIT_EXPECT_STREQ(test, take_log(test), "cap:nc flt:nc cap:done(nc,-1)");
	KUNIT_EXPECT_NULL(test, XT_LOCKED(xsw_port_nic(port, 0)));
	nic_ok(test, port, 1);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   passed(test, "nc"));
}

/* Every legal transition, and what the stack sees for each, in order. */
static void xsw_lifecycle_legal(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_nic_params upd = { .mtu = 9000 };
	struct xsw_port *port;
	struct xsw_nic *nic;
	u32 seq;

	port = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_port_update(port, "vm1", NULL)), 0);
	KUNIT_EXPECT_STREQ(test, port->info.friendly_name, "vm1");
	nic = nic_ok(test, port, 0);
	/* created -> deleted without a connect, then a new NIC */
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_delete(nic, false, NULL)), 0);
	nic = nic_ok(test, port, 0);
	take_log(test);
	seq = sw->event_seq;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
	KUNIT_EXPECT_EQ(test, nic->info.state, XSWITCH_NIC_STATE_CONNECTED);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_update(nic, &upd, NULL)), 0);
	KUNIT_EXPECT_EQ(test, nic->info.mtu, 9000U);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_disconnect(nic, NULL)), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_delete(nic, false, NULL)), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_port_teardown(port, NULL)), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_port_delete(port, false, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   each(test, "nn nu nx nd pt pd"));
	KUNIT_EXPECT_EQ(test, sw->event_seq, seq + 6);
	KUNIT_EXPECT_TRUE(test, xa_empty(&sw->ports));
}

static void xsw_lifecycle_illegal(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_nic_params upd = { .mtu = 1400 };
	struct netlink_ext_ack ea = {};
	struct xsw_port *port, *vport;
	struct xsw_nic *nic;

#define EXPECT_REFUSED(call, err, msg) do {				\
	memset(&ea, 0, sizeof(ea));					\
	take_log(test);							\
	KUNIT_EXPECT_EQ(test, (int)(call), err);			\
	KUNIT_EXPECT_STREQ(test, ea._msg, "xswitch: " msg);		\
	KUNIT_EXPECT_STREQ(test, take_log(test), "");			\
} while (0)

	port = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	nic = nic_ok(test, port, 0);
	/* NIC created */
	EXPECT_REFUSED(XT_LOCKED(xsw_nic_update(nic, &upd, &ea)), -EBUSY,
		       "the NIC is created, not connected");
	EXPECT_REFUSED(XT_LOCKED(xsw_nic_disconnect(nic, &ea)), -EBUSY,
		       "the NIC is created, not connected");
	EXPECT_REFUSED(XT_LOCKED(xsw_port_teardown(port, &ea)), -EBUSY,
		       "the port has a NIC; disconnect and delete it first");
	EXPECT_REFUSED(PTR_ERR(nic_new(port, 0, &ea)), -EEXIST,
		       "the port already has a NIC at that index");
	/* NIC connected */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
	EXPECT_REFUSED(XT_LOCKED(xsw_nic_connect(nic, &ea)), -EBUSY,
		       "the NIC is connected; disconnect it first");
	EXPECT_REFUSED(XT_LOCKED(xsw_nic_delete(nic, false, &ea)), -EBUSY,
		       "the NIC is connected; disconnect it first");
	EXPECT_REFUSED(XT_LOCKED(xsw_port_delete(port, false, &ea)), -EBUSY,
		       "the port is not torn down yet");
	/* NIC disconnected */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_disconnect(nic, NULL)), 0);
	EXPECT_REFUSED(XT_LOCKED(xsw_nic_connect(nic, &ea)), -EBUSY, "the NIC is disconnected");
	EXPECT_REFUSED(XT_LOCKED(xsw_nic_update(nic, &upd, &ea)), -EBUSY,
		       "the NIC is disconnected");
	EXPECT_REFUSED(XT_LOCKED(xsw_nic_disconnect(nic, &ea)), -EBUSY,
		       "the NIC is disconnected");
	EXPECT_REFUSED(XT_LOCKED(xsw_port_teardown(port, &ea)), -EBUSY,
		       "the port has a NIC; disconnect and delete it first");
	/* port tearing down */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_delete(nic, false, NULL)), 0);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_port_teardown(port, NULL)), 0);
	EXPECT_REFUSED(XT_LOCKED(xsw_port_teardown(port, &ea)), -EBUSY,
		       "the port is tearing down");
	EXPECT_REFUSED(XT_LOCKED(xsw_port_update(port, "x", &ea)), -EBUSY,
		       "the port is tearing down");
	EXPECT_REFUSED(PTR_ERR(nic_new(port, 0, &ea)), -EBUSY,
		       "the port is tearing down");
	/* index and type rules */
	vport = port_ok(test, sw, XSWITCH_PORT_TYPE_EMULATED);
	EXPECT_REFUSED(PTR_ERR(nic_new(vport, 1, &ea)), -EINVAL,
		       "NIC indexes above 0 exist only on the external port");
	vport = port_new(sw, XSWITCH_PORT_TYPE_SYNTHETIC, true, NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, vport);
	EXPECT_REFUSED(PTR_ERR(nic_new(vport, 0, &ea)), -EINVAL,
		       "a validation port never takes a NIC");
	port_ok(test, sw, XSWITCH_PORT_TYPE_EXTERNAL);
	EXPECT_REFUSED(PTR_ERR(port_new(sw, XSWITCH_PORT_TYPE_EXTERNAL, false, &ea)),
		       -EEXIST, "the switch already has an external port");
	port_ok(test, sw, XSWITCH_PORT_TYPE_INTERNAL);
	EXPECT_REFUSED(PTR_ERR(port_new(sw, XSWITCH_PORT_TYPE_INTERNAL, false, &ea)),
		       -EEXIST, "the switch already has an internal port");
	/* a validation port does not count as the external one */
	KUNIT_EXPECT_FALSE(test, IS_ERR(port_new(sw, XSWITCH_PORT_TYPE_EXTERNAL,
						 true, NULL)));
	EXPECT_REFUSED(PTR_ERR(port_new(sw, 7, false, &ea)), -EINVAL,
		       "unknown port type");
#undef EXPECT_REFUSED
}

/*
 * References: none outside the allowed states; a delete they hold up is
 * pending (the object refuses every other step) and completes, with its
 * step through the stack, when the last one is dropped.  They are counted
 * per attachment, which can be neither disabled nor detached meanwhile.
 */
static void xsw_references(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	struct xsw_nic *nic = nic_ok(test, port, 0);
	struct xsw_ext *flt = xt_ext(sw, "flt");
	struct netlink_ext_ack ea = {};
	struct xsw_property prop = { .type = XSWITCH_PROP_TYPE_VLAN };
	int pending = atomic_read(&xsw_counts.pending);

	KUNIT_EXPECT_EQ(test, xsw_nic_ref(flt, nic), -EBUSY);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
	KUNIT_ASSERT_EQ(test, xsw_nic_ref(flt, nic), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_ext_set(flt, 0, -1, &ea)), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: the extension is in use: it holds references, or a save or restore runs through it");
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_ext_detach(flt, &ea)), -EBUSY);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_disconnect(nic, NULL)), 0);
	KUNIT_EXPECT_EQ(test, xsw_nic_ref(flt, nic), -EBUSY);
	take_log(test);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_delete(nic, false, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, take_log(test), "");
	KUNIT_EXPECT_EQ(test, atomic_read(&xsw_counts.pending), pending + 1);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_delete(nic, false, &ea)), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: the NIC is being deleted, waiting for references");
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_port_teardown(port, &ea)), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: a NIC of the port is being deleted, waiting for references");
	xsw_nic_unref(flt, nic);
	flush_workqueue(xsw_wq);
	KUNIT_EXPECT_STREQ(test, take_log(test), each(test, "nd"));
	KUNIT_EXPECT_NULL(test, XT_LOCKED(xsw_port_nic(port, 0)));
	KUNIT_EXPECT_EQ(test, atomic_read(&xsw_counts.pending), pending);

	KUNIT_ASSERT_EQ(test, xsw_port_ref(flt, port), 0);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_port_teardown(port, NULL)), 0);
	KUNIT_EXPECT_EQ(test, xsw_port_ref(flt, port), -EBUSY);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_port_delete(port, false, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, take_log(test), each(test, "pt"));
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &prop, &ea)), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: the port is being deleted, waiting for references");
	KUNIT_EXPECT_PTR_EQ(test, XT_LOCKED(xsw_port_find(sw, port->info.id)), port);
	xsw_port_unref(flt, port);
	flush_workqueue(xsw_wq);
	KUNIT_EXPECT_STREQ(test, take_log(test), each(test, "pd"));
	KUNIT_EXPECT_TRUE(test, xa_empty(&sw->ports));
	/* Closed once disabled: no reference slips in after the check. */
	port = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_ext_set(flt, 0, -1, NULL)), 0);
	KUNIT_EXPECT_EQ(test, xsw_port_ref(flt, port), -EBUSY);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_ext_set(flt, 1, -1, NULL)), 0);
	KUNIT_ASSERT_EQ(test, xsw_port_ref(flt, port), 0);
	xsw_port_unref(flt, port);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_ext_detach(flt, NULL)), 0);
}

struct xt_unref_later {
	struct delayed_work work;
	struct xsw_ext *ext;
	struct xsw_nic *nic;
	bool done;
};

static void xt_unref_fn(struct work_struct *work)
{
	struct xt_unref_later *u = container_of(to_delayed_work(work),
						struct xt_unref_later, work);

	WRITE_ONCE(u->done, true);
	xsw_nic_unref(u->ext, u->nic);
}

/*
 * A delete asked to wait returns only once the reference is dropped, from
 * another context, without holding the control lock meanwhile.
 */
static void xsw_references_wait(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	struct xt_unref_later u = { .ext = xt_ext(sw, "fwd"),
				    .nic = nic_ok(test, port, 0) };

	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(u.nic, NULL)), 0);
	KUNIT_ASSERT_EQ(test, xsw_nic_ref(u.ext, u.nic), 0);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_disconnect(u.nic, NULL)), 0);
	INIT_DELAYED_WORK_ONSTACK(&u.work, xt_unref_fn);
	schedule_delayed_work(&u.work, HZ / 10);
	take_log(test);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_nic_delete(u.nic, true, NULL)), 0);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(u.done));
	KUNIT_EXPECT_STREQ(test, take_log(test), each(test, "nd"));
	/* The lock was free meanwhile: the port is usable at once. */
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_port_teardown(port, NULL)), 0);
	cancel_delayed_work_sync(&u.work);
	destroy_delayed_work_on_stack(&u.work);
}

/*
 * No reference, and no lookup, reaches an object inside its create walk,
 * and a NIC's new state is visible only once every extension saw it.
 */
static void xsw_visible_after_walk(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port;
	struct xsw_nic *nic;

	xt.conf[XT_FWD].probe = true;
	xt.probe.port_ref = 1;
	xt.probe.port_found = true;
	port = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	KUNIT_EXPECT_EQ(test, xt.probe.port_ref, -EBUSY);
	KUNIT_EXPECT_FALSE(test, xt.probe.port_found);
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, xsw_port_lookup_rcu(sw, port->info.id), port);
	rcu_read_unlock();

	nic = nic_ok(test, port, 0);
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, xsw_nic_lookup_rcu(port, 0), nic);
	KUNIT_EXPECT_NULL(test, xsw_nic_lookup_rcu(port, 1));
	rcu_read_unlock();
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
	KUNIT_EXPECT_EQ(test, xt.probe.nic_state, XSWITCH_NIC_STATE_CREATED);
	KUNIT_EXPECT_EQ(test, READ_ONCE(nic->info.state),
			XSWITCH_NIC_STATE_CONNECTED);
}

/*
 * An extension's message reaches the user only with its veto: not from an
 * ignored (capture) veto onto a success, nor onto a later veto's error.
 */
static void xsw_ignored_veto_message(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct netlink_ext_ack ea = {};

	xt.conf[XT_CAP].veto_op = XSWITCH_OP_PORT_CREATE;
	xt.conf[XT_CAP].veto_ret = -EPERM;
	xt.conf[XT_CAP].veto_msg = "cap: no";
	KUNIT_EXPECT_FALSE(test, IS_ERR(port_new(sw, XSWITCH_PORT_TYPE_SYNTHETIC,
						 false, &ea)));
	KUNIT_EXPECT_NULL(test, ea._msg);
	xt.conf[XT_FWD].veto_op = XSWITCH_OP_PORT_CREATE;
	xt.conf[XT_FWD].veto_ret = -EPERM;
	KUNIT_EXPECT_EQ(test, PTR_ERR(port_new(sw, XSWITCH_PORT_TYPE_SYNTHETIC,
					       false, &ea)), -EPERM);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: vetoed by an extension (see events)");
	xt.conf[XT_FWD].veto_msg = "fwd: no";
	KUNIT_EXPECT_EQ(test, PTR_ERR(port_new(sw, XSWITCH_PORT_TYPE_SYNTHETIC,
					       false, &ea)), -EPERM);
	KUNIT_EXPECT_STREQ(test, ea._msg, "fwd: no");
}

/*
 * An extension enabled on a switch that already holds objects learns them
 * on activation, in creation order, as one enabled from the start saw them
 * created; a failed activation leaves it disabled.
 */
static void xsw_activation_enumerates(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_property vlan = { .type = XSWITCH_PROP_TYPE_VLAN,
				     .data = &access10, .len = sizeof(access10) };
	struct xsw_property sprop = { .type = XSWITCH_PROP_TYPE_CUSTOM,
				      .id = UUID_INIT(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) };
	struct netlink_ext_ack ea = {};
	struct xsw_port *p1, *p2, *p3;
	struct xsw_ext *flt2;

	p1 = port_ok(test, sw, XSWITCH_PORT_TYPE_EXTERNAL);
	p2 = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	p3 = port_new(sw, XSWITCH_PORT_TYPE_SYNTHETIC, false, NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p3);
	nic_ok(test, p1, 2);
	nic_ok(test, p1, 0);
	nic_ok(test, p2, 0);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_prop_add(sw, p2, &vlan, NULL)), 0);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_prop_add(sw, NULL, &sprop, NULL)), 0);
	/* a deleted port is not learnt */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_port_teardown(p3, NULL)), 0);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_port_delete(p3, false, NULL)), 0);

	flt2 = XT_LOCKED(xsw_ext_attach(sw, "flt2", NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, flt2);
	xt.conf[XT_FLT2].activate_ret = -EAGAIN;
	take_log(test);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_ext_set(flt2, 1, -1, &ea)), -EAGAIN);
	KUNIT_EXPECT_STREQ(test, ea._msg, "xt: not now");
	KUNIT_EXPECT_FALSE(test, flt2->enabled);
	xt.conf[XT_FLT2].activate_ret = 0;
	take_log(test);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_ext_set(flt2, 1, -1, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   cat(test, "flt2:act flt2:prop1 %s %s",
			       cat(test, "flt2:port%u flt2:nic%u/2 flt2:nic%u/0",
				   p1->info.id, p1->info.id, p1->info.id),
			       cat(test, "flt2:port%u flt2:nic%u/0 flt2:prop3",
				   p2->info.id, p2->info.id)));
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_ext_set(flt2, 0, -1, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, take_log(test), "flt2:deact");
}

/* Each namespace limit refuses with its name and changes nothing. */
static void xsw_namespace_limits(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_limits saved = xsw_limits;
	struct xsw_property p = { .type = XSWITCH_PROP_TYPE_PROFILE, .len = 8,
				  .data = "12345678" };
	struct netlink_ext_ack ea = {};
	struct xsw_port *port;

	port = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	xsw_limits.ports = 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(port_new(sw, XSWITCH_PORT_TYPE_SYNTHETIC,
					       false, &ea)), -ENOSPC);
	KUNIT_EXPECT_STREQ(test, ea._msg, "xswitch: over the limit max_ports=1");
	xsw_limits.ports = saved.ports;
	xsw_limits.ns_ports = sw->xn->n_ports;
	KUNIT_EXPECT_EQ(test, PTR_ERR(port_new(sw, XSWITCH_PORT_TYPE_SYNTHETIC,
					       false, &ea)), -ENOSPC);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   cat(test, "xswitch: over the limit max_ns_ports=%u",
			       xsw_limits.ns_ports));
	xsw_limits.ns_ports = saved.ns_ports;
	xsw_limits.prop_bytes = sw->xn->prop_bytes + 7;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &p, &ea)), -ENOSPC);
	KUNIT_EXPECT_TRUE(test, list_empty(&port->props));
	p.len = 7;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &p, NULL)), 0);
	xsw_limits.props = sw->xn->n_props;
	p.instance_id.b[0] = 1;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &p, &ea)), -ENOSPC);
	xsw_limits.nics = sw->xn->n_nics;
	KUNIT_EXPECT_EQ(test, PTR_ERR(nic_new(port, 0, &ea)), -ENOSPC);
	KUNIT_EXPECT_STREQ(test, ea._msg, cat(test, "xswitch: over the limit max_nics=%u",
					      xsw_limits.nics));
	xsw_limits.switches = sw->xn->n_switches;
	KUNIT_EXPECT_EQ(test, PTR_ERR(XT_LOCKED(xsw_switch_create(&init_net, "kunit2",
								  &ea))), -ENOSPC);
	xsw_limits = saved;
	nic_ok(test, port, 0);
}

/* Deleting a switch walks each port through the documented order. */
static void xsw_switch_teardown_order(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port = port_ok(test, sw, XSWITCH_PORT_TYPE_EXTERNAL);
	struct xsw_nic *nic = nic_ok(test, port, 0);

	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
	nic_ok(test, port, 2);
	take_log(test);
	XT_LOCKED((xsw_port_destroy(port), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   cat(test, "%s %s", each(test, "nx nd"), each(test, "nd pt pd")));
}

static void xsw_property_identity(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port = port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	struct xsw_property p = { .type = XSWITCH_PROP_TYPE_CUSTOM,
				  .id = UUID_INIT(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
				  .version = 0x100, .data = "ab", .len = 2 };
	struct xsw_prop_security security = { .vsid = 1 };
	struct xsw_property other = p;
	struct netlink_ext_ack ea = {};

	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &p, NULL)), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &p, &ea)), -EEXIST);
	/* another instance of the same property is another identity */
	other.instance_id.b[0] = 1;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &other, NULL)), 0);
	/* update must match the version */
	other.version = 0x101;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_update(sw, port, &other, &ea)),
			-ENOENT);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: no property of that identity and version");
	other.version = 0x100;
	other.data = "xyz";
	other.len = 3;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_update(sw, port, &other, NULL)), 0);
	KUNIT_EXPECT_EQ(test, xsw_prop_find(&port->props, &other)->prop.len, 3U);
	KUNIT_EXPECT_MEMEQ(test, xsw_prop_find(&port->props, &other)->prop.data,
			   "xyz", 3);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_delete(sw, port, &other, NULL)), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_delete(sw, port, &other, &ea)),
			-ENOENT);
	/* the same identity on the switch is a different property */
	take_log(test);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, NULL, &p, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   passed(test, "spa"));

	/* shape rules */
	p.id = uuid_null;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &p, &ea)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ea._msg, "xswitch: a custom property needs a property id");
	p.type = XSWITCH_PROP_TYPE_SECURITY;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, NULL, &p, &ea)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ea._msg, "xswitch: switch properties are custom only");
	p.id.b[0] = 1;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &p, &ea)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: only custom properties have a property id");
	/* a port tearing down still takes properties */
	p.id = uuid_null;
	p.data = &security;
	p.len = sizeof(security);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_port_teardown(port, NULL)), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &p, NULL)), 0);
}

static void xsw_feature_status_query(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	const struct xsw_ext *who = NULL;
	struct netlink_ext_ack ea = {};
	uuid_t unknown = UUID_INIT(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9);
	void *buf;
	u32 len;

	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_feature_status(sw, NULL, &xt_status_id,
							   &buf, &len, &who, NULL)), 0);
	KUNIT_EXPECT_EQ(test, len, 300U);
	KUNIT_EXPECT_STREQ(test, who->ops->name, "fwd");
	KUNIT_EXPECT_EQ(test, ((u8 *)buf)[299], 0xab);
	kfree(buf);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_feature_status(sw, NULL, &unknown, &buf,
							   &len, &who, &ea)), -ENOENT);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: no enabled extension owns that feature status id");

	/* The largest legal answer, and one byte more. */
	xt.conf[XT_FWD].status_len = XSW_FEATURE_STATUS_MAX;
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_feature_status(sw, NULL, &xt_status_id,
							   &buf, &len, &who, NULL)), 0);
	KUNIT_EXPECT_EQ(test, len, XSW_FEATURE_STATUS_MAX);
	kfree(buf);
	xt.conf[XT_FWD].status_len = XSW_FEATURE_STATUS_MAX + 1;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_feature_status(sw, NULL, &xt_status_id,
							   &buf, &len, &who, &ea)), -EMSGSIZE);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: the owning extension's answer is larger than 65536 bytes");
	KUNIT_EXPECT_NULL(test, buf);
}

/* One forwarding extension enabled at most; order within a class. */
static void xsw_extension_management(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct netlink_ext_ack ea = {};
	struct xsw_ext *fwd2, *flt2;

	fwd2 = XT_LOCKED(xsw_ext_attach(sw, "fwd2", NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fwd2);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_ext_set(fwd2, 1, -1, &ea)), -EBUSY);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: another forwarding extension is enabled");
	KUNIT_EXPECT_EQ(test, PTR_ERR(XT_LOCKED(xsw_ext_attach(sw, "fwd2", &ea))),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(XT_LOCKED(xsw_ext_attach(sw, "nosuch", &ea))),
			-ENOENT);

	/* a second filter goes last in its class; move it to the top */
	flt2 = XT_LOCKED(xsw_ext_attach(sw, "flt2", NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, flt2);
	KUNIT_EXPECT_EQ(test, xsw_ext_position(flt2), 1U);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_ext_set(flt2, 1, 0, NULL)), 0);
	KUNIT_EXPECT_EQ(test, xsw_ext_position(flt2), 0U);
	take_log(test);
	port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   cat(test, "%s %s", "cap:pc flt2:pc flt:pc fwd:pc",
			       "fwd:done(pc,0) flt:done(pc,0) flt2:done(pc,0) cap:done(pc,0)"));
	/* a disabled extension is skipped */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_ext_set(flt2, 0, -1, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, take_log(test), "flt2:deact");
	port_ok(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   passed(test, "pc"));
}

static struct xsw_port *port_held(struct kunit *test, struct xsw_switch *sw,
				  u32 holder)
{
	struct xsw_port_params p = {
		.type = XSWITCH_PORT_TYPE_SYNTHETIC, .name = "p",
		.holder = holder,
	};
	struct xsw_port *port = XT_LOCKED(xsw_port_create(sw, &p, NULL));

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, port);
	return port;
}

static bool port_there(struct xsw_switch *sw, u32 id)
{
	return !!XT_LOCKED(xsw_port_find(sw, id));
}

/*
 * A closed socket's provisional ports go, in order, and only those: not
 * another socket's, not one kept, not one never held.  Only the holder
 * keeps a port, and only a provisional one.
 */
static void xsw_holder_release(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	const u32 me = XT_HOLDER + 100, them = XT_HOLDER + 101;
	struct xsw_port *held = port_held(test, sw, me);
	struct xsw_port *kept = port_held(test, sw, me);
	struct xsw_port *other = port_held(test, sw, them);
	struct xsw_port *plain = port_held(test, sw, 0);
	struct xsw_nic *nic = nic_ok(test, held, 0);
	u32 id = held->info.id, other_id = other->info.id;

	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_port_keep(kept, them, NULL)), -EPERM);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_port_keep(plain, me, NULL)), -EINVAL);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_port_keep(kept, me, NULL)), 0);
	KUNIT_EXPECT_EQ(test, kept->holder, 0U);
	take_log(test);
	xsw_release_holder(&init_net, me);
	KUNIT_EXPECT_STREQ(test, take_log(test), each(test, "nx nd pt pd"));
	KUNIT_EXPECT_FALSE(test, port_there(sw, id));
	KUNIT_EXPECT_TRUE(test, port_there(sw, kept->info.id));
	KUNIT_EXPECT_TRUE(test, port_there(sw, other_id));
	KUNIT_EXPECT_TRUE(test, port_there(sw, plain->info.id));
	/* Released again, or another holder's close: nothing more goes. */
	xsw_release_holder(&init_net, me);
	xsw_release_holder(&init_net, XT_HOLDER + 102);
	KUNIT_EXPECT_STREQ(test, take_log(test), "");
	xsw_release_holder(&init_net, them);
	KUNIT_EXPECT_STREQ(test, take_log(test), each(test, "pt pd"));
	KUNIT_EXPECT_FALSE(test, port_there(sw, other_id));
}

static int xsw_control_suite_init(struct kunit_suite *suite)
{
	return xt_register();
}

static void xsw_control_suite_exit(struct kunit_suite *suite)
{
	xt_unregister();
}

static struct kunit_case xsw_control_cases[] = {
	KUNIT_CASE(xsw_stack_order_port_create),
	KUNIT_CASE_PARAM(xsw_stack_veto_port_create, veto_gen_params),
	KUNIT_CASE(xsw_stack_veto_property),
	KUNIT_CASE(xsw_stack_veto_nic_index),
	KUNIT_CASE(xsw_lifecycle_legal),
	KUNIT_CASE(xsw_lifecycle_illegal),
	KUNIT_CASE(xsw_references),
	KUNIT_CASE(xsw_references_wait),
	KUNIT_CASE(xsw_visible_after_walk),
	KUNIT_CASE(xsw_ignored_veto_message),
	KUNIT_CASE(xsw_activation_enumerates),
	KUNIT_CASE(xsw_namespace_limits),
	KUNIT_CASE(xsw_switch_teardown_order),
	KUNIT_CASE(xsw_property_identity),
	KUNIT_CASE(xsw_feature_status_query),
	KUNIT_CASE(xsw_extension_management),
	KUNIT_CASE(xsw_holder_release),
	{}
};

static struct kunit_suite xsw_control_suite = {
	.name = "xsw_control",
	.suite_init = xsw_control_suite_init,
	.suite_exit = xsw_control_suite_exit,
	.test_cases = xsw_control_cases,
};

kunit_test_suite(xsw_control_suite);
