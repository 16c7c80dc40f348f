// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for live migration (Documentation/migration.rst): the two
 * hosts are two switches of one namespace, "src" and "dst", driven
 * through the kernel calls that xswctl migrate (the source) and xswctl
 * agent (the destination) make over netlink, in their order.  The test
 * extensions of both share one log, marked with the switch at each change
 * of host, so that one assertion gives the exact cross-host order of a
 * whole migration; then one case for each failure point, with the
 * rollback the table of migration.rst gives it.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "test_ext.h"

/* The netlink port ids of the agent's session (the holder) and the source. */
#define MIG_AGENT	(XT_HOLDER + 100)
#define MIG_SOURCE	(XT_HOLDER + 200)

/* Where a case makes something happen: the steps of migration.rst. */
enum mig_point {
	MIG_VALIDATION = 1,	/* 1: port create, validation */
	MIG_VALIDATION_PROPS,	/* 2: its policies added */
	MIG_VALIDATION_OFF,	/* 3: its teardown and delete */
	MIG_PORT,		/* 4: port create, operational */
	MIG_PROPS,		/* 5: its policies added; PREPARED */
	MIG_SAVE,		/* 6: NIC save */
	MIG_TAKE_OFF,		/* 7-10: the source's NIC and port go */
	MIG_NIC_CREATE,		/* 11 */
	MIG_NIC_CONNECT,	/* 12 */
	MIG_RESTORE,		/* 13: the records */
	MIG_RESTORE_DONE,	/* 13: restore complete */
	MIG_ANNOUNCE,		/* the RARP, not a step of the reference */
	MIG_KEEP,		/* the ports kept: no longer provisional */
};

enum mig_event { MIG_VETO = 1, MIG_SAVE_FAILS, MIG_RESTORE_FAILS, MIG_KILLED };

/* Where the VM's port ends. */
enum mig_end { MIG_ON_SRC, MIG_BACK_ON_SRC, MIG_ON_DST };

/*
 * One failure point: at @at, extension @who vetoes step @op, fails the
 * save or the restore with @ret, or (MIG_KILLED) the agent's session is
 * killed just before @at.  @want is the whole log, in mig_expand()'s
 * words.
 */
struct mig_case {
	const char *desc;
	u32 at;
	u32 event;
	int who;
	u32 op;
	int ret;
	u32 ends;
	const char *want;
};

/* One migration of the VM's port from src to dst. */
struct mig {
	struct kunit *test;
	const struct mig_case *c;
	struct xsw_switch *src, *dst;
	struct xsw_port *port;		/* the VM's port on src */
	struct xsw_nic *nic;		/* and its NIC */
	struct xsw_port *val, *op;	/* dst's validation and operational ports */
	struct xsw_nic *dnic;		/* dst's NIC */
	struct xsw_save_set set;	/* what src saved */
	u32 restored, unclaimed;	/* the last restore complete's counts */
	bool gone;			/* the agent's session has ended */
};

static const struct xsw_prop_vlan mig_vlan = {
	.mode = XSWITCH_VLAN_MODE_ACCESS, .access_vlan = 10,
};

/* The VM's policies: a standard one and a custom one. */
static const struct xsw_property mig_props[] = {
	{ .type = XSWITCH_PROP_TYPE_VLAN, .version = 0x100,
	  .data = &mig_vlan, .len = sizeof(mig_vlan) },
	{ .type = XSWITCH_PROP_TYPE_CUSTOM, .version = 0x100,
	  .id = UUID_INIT(0x6d1a0000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
	  .data = "gold", .len = 4 },
};

static const u8 mig_mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 0x11 };

static const struct xsw_nic_params mig_nic_params = {
	.name = "vm1-nic", .vm_name = "vm1", .vm_mac = mig_mac,
};

/* What the stack logs for the save, and the restore, of the VM's NIC. */
#define MIG_SAVE_CAP_FLT "cap:save(0) cap:save(1) cap:save flt:save"
#define MIG_SAVED MIG_SAVE_CAP_FLT " fwd:save(0) fwd:save savedone(0)"
#define MIG_RESTORES "cap:restore(fc1,10) cap:restore(fc2,10) fwd:restore(fc1,20)"
#define MIG_RESTORED MIG_RESTORES " restoredone(0)"
/* Steps 1-5, 6-10 and the source's put-back from the saved data. */
#define MIG_PREPARE "@dst PC PPA PPA PT PD PC PPA PPA"
#define MIG_LEAVE "@src " MIG_SAVED " NX ND PT PD"
#define MIG_BACK "PC PPA PPA NC NN " MIG_RESTORED

/* A formatted string that lives as long as the test case. */
static __printf(2, 3) const char *fmt(struct kunit *test, const char *f, ...)
{
	va_list ap;
	char *buf;
	int len;

	va_start(ap, f);
	len = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	buf = kunit_kzalloc(test, len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	va_start(ap, f);
	vsnprintf(buf, len + 1, f, ap);
	va_end(ap);
	return buf;
}

/*
 * The words of an expected log: an entry as it is ("@switch", "ext:step"),
 * a step all of cap, flt and fwd pass (PC, NN ...), or, in lower case,
 * what each of them logs ("savedone(-5)").
 */
static const struct {
	const char *word;
	const char *step;
	bool vetoable;		/* then each completes, bottom up */
} mig_words[] = {
	{ "PC", "pc", true }, { "PPA", "ppa", true }, { "NC", "nc", true },
	{ "NN", "nn" }, { "NX", "nx" }, { "ND", "nd" }, { "PT", "pt" },
	{ "PD", "pd" },
};

static const char *mig_word(struct kunit *test, const char *word)
{
	const char *s = word;
	bool vetoable = false;
	unsigned int i;

	if (*word == '@' || strchr(word, ':'))
		return word;
	for (i = 0; i < ARRAY_SIZE(mig_words); i++) {
		if (!strcmp(word, mig_words[i].word)) {
			s = mig_words[i].step;
			vetoable = mig_words[i].vetoable;
		}
	}
	if (!vetoable)
		return fmt(test, "cap:%s flt:%s fwd:%s", s, s, s);
	return fmt(test, "cap:%s flt:%s fwd:%s fwd:done(%s,0) flt:done(%s,0) cap:done(%s,0)",
		   s, s, s, s, s, s);
}

/* @want with each word of mig_words[] replaced by what it logs. */
static const char *mig_expand(struct kunit *test, const char *want)
{
	char *list = kunit_kstrdup(test, want, GFP_KERNEL), *word;
	const char *out = "", *sep = "";

	KUNIT_ASSERT_NOT_NULL(test, list);
	while ((word = strsep(&list, " "))) {
		out = fmt(test, "%s%s%s", out, sep, mig_word(test, word));
		sep = " ";
	}
	return out;
}

/* The log since the last call, which clears it. */
static const char *take_log(struct kunit *test)
{
	char *copy = kunit_kstrdup(test, xt.log, GFP_KERNEL);

	xt.log[0] = 0;
	return copy;
}

/* A port of the VM's parameters, as vm_new_port() asks for one. */
static struct xsw_port *mig_port(struct xsw_switch *sw, bool validation,
				 bool restoring, u32 holder)
{
	struct xsw_port_params p = {
		.type = XSWITCH_PORT_TYPE_SYNTHETIC, .name = "vm1-port",
		.friendly_name = "vm1", .validation = validation,
		.restoring = restoring, .holder = holder,
	};

	return XT_LOCKED(xsw_port_create(sw, &p, NULL));
}

/* The VM's policies onto @port, in order, as vm_add_props(). */
static int mig_add_props(struct xsw_switch *sw, struct xsw_port *port)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(mig_props); i++) {
		err = XT_LOCKED(xsw_prop_add(sw, port, &mig_props[i], NULL));
		if (err)
			return err;
	}
	return 0;
}

/*
 * vm_take_off(): the NIC disconnected and deleted, the port torn down and
 * deleted; @quiet (a rollback) tries each and does not mind a refusal.
 */
static int mig_take_off(struct xsw_port *port, bool quiet)
{
	struct xsw_nic *nic;
	int err = 0;

	xsw_lock(&init_net);
	nic = xsw_port_nic(port, 0);
	if (nic && (quiet || nic->info.state == XSWITCH_NIC_STATE_CONNECTED))
		err = xsw_nic_disconnect(nic, NULL);
	if (nic)
		err = xsw_nic_delete(nic, true, NULL) ?: err;
	err = xsw_port_teardown(port, NULL) ?: err;
	err = xsw_port_delete(port, true, NULL) ?: err;
	xsw_unlock(&init_net);
	return quiet ? 0 : err;
}

/* The saved records, one piece each, then the restore's completion. */
static int mig_restore(struct xsw_nic *nic, u32 portid,
		       const struct xsw_save_set *set)
{
	struct xsw_restore_chunk c = {};
	struct xsw_saved *r;
	int err;

	list_for_each_entry(r, &set->records, list) {
		c.rec = r->rec;
		c.size = r->rec.len;
		c.len = r->rec.len;
		c.data = r->rec.data;
		err = XT_LOCKED(xsw_nic_restore(nic, portid, &c, NULL));
		if (err)
			return err;
		c.index++;
	}
	return 0;
}

static int mig_restore_done(struct mig *m, struct xsw_nic *nic, u32 portid)
{
	/* No record, no restore (restore_nic_records()). */
	if (!m->set.count)
		return 0;
	return XT_LOCKED(xsw_nic_restore_complete(nic, portid, 0, &m->restored,
						  &m->unclaimed, NULL));
}

/* The agent's session ends, or is killed: its netlink socket closes. */
static void agent_close(struct mig *m)
{
	if (m->gone)
		return;
	m->gone = true;
	/* The notifiers of NETLINK_URELEASE, in their order (main.c). */
	xsw_release_holder(&init_net, MIG_AGENT);
	XT_LOCKED((xsw_restores_abandon(m->dst->xn, MIG_AGENT), 0));
}

/* Makes the case's extension refuse or fail, or stop doing so. */
static void mig_arm(struct mig *m, bool on)
{
	const struct mig_case *c = m->c;
	struct xt_conf *x;
	int ret = on ? c->ret : 0;

	x = &xt.conf[c->who];
	switch (c->event) {
	case MIG_VETO:
		x->veto_op = on ? c->op : 0;
		x->veto_ret = ret;
		break;
	case MIG_SAVE_FAILS:
		x->save_ret = ret;
		break;
	case MIG_RESTORE_FAILS:
		x->restore_ret = ret;
		break;
	}
}

/* Step @at, by the agent (which is gone once killed) or the source. */
static int mig_step(struct mig *m, u32 at, bool agent,
		    int (*fn)(struct mig *m))
{
	bool here = m->c && m->c->at == at;
	int err;

	if (here && m->c->event == MIG_KILLED)
		agent_close(m);
	if (agent && m->gone)
		return -ECONNRESET;
	if (here)
		mig_arm(m, true);
	err = fn(m);
	if (here)
		mig_arm(m, false);
	return err;
}

static int val_port(struct mig *m)
{
	struct xsw_port *port = mig_port(m->dst, true, false, MIG_AGENT);

	if (IS_ERR(port))
		return PTR_ERR(port);
	m->val = port;
	return 0;
}

static int val_props(struct mig *m)
{
	return mig_add_props(m->dst, m->val);
}

static int val_off(struct mig *m)
{
	/* It has no NIC; vm_validate() does not mind a refusal here. */
	mig_take_off(m->val, true);
	m->val = NULL;
	return 0;
}

static int op_port(struct mig *m)
{
	struct xsw_port *port = mig_port(m->dst, false, true, MIG_AGENT);

	if (IS_ERR(port))
		return PTR_ERR(port);
	KUNIT_EXPECT_EQ(m->test, port->holder, (u32)MIG_AGENT);
	m->op = port;
	return 0;
}

static int op_props(struct mig *m)
{
	return mig_add_props(m->dst, m->op);
}

/* agent_undo(): what this migration made here, taken off quietly. */
static void agent_undo(struct mig *m)
{
	if (m->gone || !m->op)
		return;
	mig_take_off(m->op, true);
	m->op = NULL;
}

/* Steps 1-5 (agent_prepare()): 0, or dst as it was. */
static int agent_prepare(struct mig *m)
{
	int err;

	err = mig_step(m, MIG_VALIDATION, true, val_port);
	if (err)
		return err;
	err = mig_step(m, MIG_VALIDATION_PROPS, true, val_props);
	mig_step(m, MIG_VALIDATION_OFF, true, val_off);
	if (err)
		return err;
	err = mig_step(m, MIG_PORT, true, op_port) ?:
	      mig_step(m, MIG_PROPS, true, op_props);
	if (err)
		agent_undo(m);
	return err;
}

static int src_save(struct mig *m)
{
	return XT_LOCKED(xsw_nic_save(m->nic, &m->set, NULL));
}

static int src_take_off(struct mig *m)
{
	KUNIT_EXPECT_EQ(m->test, mig_take_off(m->port, false), 0);
	m->port = NULL;
	m->nic = NULL;
	return 0;
}

static int dst_nic_create(struct mig *m)
{
	struct xsw_nic *nic;

	nic = XT_LOCKED(xsw_nic_create(m->op, &mig_nic_params, NULL));
	if (IS_ERR(nic))
		return PTR_ERR(nic);
	m->dnic = nic;
	return 0;
}

static int dst_nic_connect(struct mig *m)
{
	return XT_LOCKED(xsw_nic_connect(m->dnic, NULL));
}

static int dst_restore(struct mig *m)
{
	return mig_restore(m->dnic, MIG_AGENT, &m->set);
}

static int dst_restore_done(struct mig *m)
{
	return mig_restore_done(m, m->dnic, MIG_AGENT);
}

static int dst_announce(struct mig *m)
{
	/* The agent counts what left; a refusal is not a failure. */
	KUNIT_EXPECT_EQ(m->test, XT_LOCKED(xsw_dp_announce(m->dnic, NULL)), 0);
	return 0;
}

static int dst_keep(struct mig *m)
{
	return XT_LOCKED(xsw_port_keep(m->op, MIG_AGENT, NULL));
}

/* Steps 11-13, the announce and the keep (agent_commit()). */
static int agent_commit(struct mig *m)
{
	int err;

	err = mig_step(m, MIG_NIC_CREATE, true, dst_nic_create) ?:
	      mig_step(m, MIG_NIC_CONNECT, true, dst_nic_connect) ?:
	      mig_step(m, MIG_RESTORE, true, dst_restore) ?:
	      mig_step(m, MIG_RESTORE_DONE, true, dst_restore_done) ?:
	      mig_step(m, MIG_ANNOUNCE, true, dst_announce) ?:
	      mig_step(m, MIG_KEEP, true, dst_keep);
	if (err)
		agent_undo(m);
	return err;
}

/* mig_put_back(): the VM's port back on src from the saved data. */
static void src_put_back(struct mig *m)
{
	struct kunit *test = m->test;
	struct xsw_port *port;
	struct xsw_nic *nic;

	port = mig_port(m->src, false, true, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, port);
	KUNIT_ASSERT_EQ(test, mig_add_props(m->src, port), 0);
	nic = XT_LOCKED(xsw_nic_create(port, &mig_nic_params, NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, nic);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
	KUNIT_ASSERT_EQ(test, mig_restore(nic, MIG_SOURCE, &m->set), 0);
	KUNIT_ASSERT_EQ(test, mig_restore_done(m, nic, MIG_SOURCE), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_dp_announce(nic, NULL)), 0);
}

/* The source's side (mig_source()), with the agent's in its turns. */
static void migrate(struct mig *m)
{
	if (agent_prepare(m)) {
		/* FAIL, or no PREPARED: the port stays, untouched. */
		agent_close(m);
		return;
	}
	if (mig_step(m, MIG_SAVE, false, src_save)) {
		/* ABORT: the destination takes off its ports. */
		agent_undo(m);
		agent_close(m);
		return;
	}
	mig_step(m, MIG_TAKE_OFF, false, src_take_off);
	/* A destination gone before the commit, or failing it: back here. */
	if (m->gone || agent_commit(m)) {
		agent_close(m);
		src_put_back(m);
		return;
	}
	/* DONE; the session ends, and its kept port stays. */
	agent_close(m);
}

static void mig_set_free(void *set)
{
	xsw_save_set_free(set);
}

/*
 * The two hosts, and on src the VM's port with its policies and its NIC,
 * connected; cap saves two records of 10 bytes and fwd one of 20.
 */
static struct mig *mig_setup(struct kunit *test, const struct mig_case *c)
{
	struct mig *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	m->test = test;
	m->c = c;
	m->src = xt_switch_named(test, "src");
	m->dst = xt_switch_named(test, "dst");
	INIT_LIST_HEAD(&m->set.records);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mig_set_free,
							   &m->set));
	m->port = mig_port(m->src, false, false, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m->port);
	KUNIT_ASSERT_EQ(test, mig_add_props(m->src, m->port), 0);
	m->nic = XT_LOCKED(xsw_nic_create(m->port, &mig_nic_params, NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m->nic);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(m->nic, NULL)), 0);
	xt.conf[XT_CAP].save_records = 2;
	xt.conf[XT_CAP].save_len = 10;
	xt.conf[XT_FWD].save_records = 1;
	xt.conf[XT_FWD].save_len = 20;
	xt.log[0] = 0;
	xt.hosts = true;
	return m;
}

/* The port, its policies and its NIC, connected; the caller locks. */
static void mig_expect_port(struct kunit *test, struct xsw_port *port)
{
	struct xsw_prop_entry *e;
	struct xsw_nic *nic;
	unsigned int i;

	KUNIT_EXPECT_STREQ(test, port->info.name, "vm1-port");
	KUNIT_EXPECT_EQ(test, port->holder, 0U);
	for (i = 0; i < ARRAY_SIZE(mig_props); i++) {
		e = xsw_prop_find(&port->props, &mig_props[i]);
		KUNIT_EXPECT_NOT_NULL(test, e);
		if (e)
			KUNIT_EXPECT_MEMEQ(test, e->prop.data, mig_props[i].data,
					   mig_props[i].len);
	}
	nic = xsw_port_nic(port, 0);
	KUNIT_EXPECT_NOT_NULL(test, nic);
	if (nic)
		KUNIT_EXPECT_EQ(test, nic->info.state,
				(u32)XSWITCH_NIC_STATE_CONNECTED);
}

/* The VM's port is on one host only, whole, its records where they were. */
static void mig_expect_end(struct mig *m, u32 ends)
{
	struct xsw_switch *on = ends == MIG_ON_DST ? m->dst : m->src;
	struct xsw_switch *off = ends == MIG_ON_DST ? m->src : m->dst;
	struct kunit *test = m->test;
	struct xsw_port_totals t = {};
	struct xsw_port *port;

	xsw_lock(&init_net);
	KUNIT_EXPECT_EQ(test, off->n_ports, 0U);
	KUNIT_EXPECT_EQ(test, on->n_ports, 1U);
	port = list_first_entry_or_null(&on->port_list, struct xsw_port, list);
	KUNIT_EXPECT_NOT_NULL(test, port);
	if (port) {
		mig_expect_port(test, port);
		xsw_port_totals(port, &t);
	}
	xsw_unlock(&init_net);
	if (!port)
		return;
	if (ends == MIG_ON_SRC) {
		/* Never disconnected: the NIC it had, and no restore. */
		KUNIT_EXPECT_PTR_EQ(test, port, m->port);
		KUNIT_EXPECT_PTR_EQ(test, XT_LOCKED(xsw_port_nic(port, 0)), m->nic);
		KUNIT_EXPECT_EQ(test, t.rx_packets, 0ULL);
		return;
	}
	/* Restored from the saved data, whole, and announced once. */
	KUNIT_EXPECT_EQ(test, m->restored, 3U);
	KUNIT_EXPECT_EQ(test, m->unclaimed, 0U);
	KUNIT_EXPECT_EQ(test, xt.restore_mismatch, 0U);
	KUNIT_EXPECT_EQ(test, t.rx_packets, 1ULL);
}

/*
 * The whole migration, in migration.rst's order across the two hosts:
 * dst validates, then makes its provisional port; src saves and takes
 * its port off; dst connects and restores what src saved, and keeps.
 */
static void xsw_migrate_order(struct kunit *test)
{
	struct mig *m = mig_setup(test, NULL);

	migrate(m);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   mig_expand(test, MIG_PREPARE " " MIG_LEAVE
				      " @dst NC NN " MIG_RESTORED));
	KUNIT_EXPECT_EQ(test, m->set.count, 3U);
	KUNIT_EXPECT_EQ(test, m->set.bytes, (size_t)40);
	mig_expect_end(m, MIG_ON_DST);
}

static const struct mig_case mig_cases[] = {
	{ "validation port vetoed (1)", MIG_VALIDATION, MIG_VETO, XT_FLT,
	  XSWITCH_OP_PORT_CREATE, -EPERM, MIG_ON_SRC,
	  "@dst cap:pc flt:pc cap:done(pc,-1)" },
	{ "validation policy vetoed (2)", MIG_VALIDATION_PROPS, MIG_VETO, XT_FWD,
	  XSWITCH_OP_PORT_PROP_ADD, -EINVAL, MIG_ON_SRC,
	  "@dst PC cap:ppa flt:ppa fwd:ppa flt:done(ppa,-22) cap:done(ppa,-22) PT PD" },
	{ "agent killed with its validation port (3)", MIG_VALIDATION_OFF,
	  MIG_KILLED, 0, 0, 0, MIG_ON_SRC, "@dst PC PPA PPA PT PD" },
	{ "operational port refused (4)", MIG_PORT, MIG_VETO, XT_FWD,
	  XSWITCH_OP_PORT_CREATE, -ENOSPC, MIG_ON_SRC,
	  "@dst PC PPA PPA PT PD cap:pc flt:pc fwd:pc flt:done(pc,-28) cap:done(pc,-28)" },
	{ "operational policy refused (5)", MIG_PROPS, MIG_VETO, XT_FLT,
	  XSWITCH_OP_PORT_PROP_ADD, -ENOSPC, MIG_ON_SRC,
	  "@dst PC PPA PPA PT PD PC cap:ppa flt:ppa cap:done(ppa,-28) PT PD" },
	{ "agent killed before PREPARED (5)", MIG_PROPS, MIG_KILLED, 0, 0, 0,
	  MIG_ON_SRC, "@dst PC PPA PPA PT PD PC PT PD" },
	{ "save fails (6)", MIG_SAVE, MIG_SAVE_FAILS, XT_FLT, 0, -EIO, MIG_ON_SRC,
	  MIG_PREPARE " @src " MIG_SAVE_CAP_FLT " savedone(-5) @dst PT PD" },
	{ "agent killed before the commit (6-10)", MIG_SAVE, MIG_KILLED, 0, 0, 0,
	  MIG_BACK_ON_SRC, MIG_PREPARE " PT PD " MIG_LEAVE " " MIG_BACK },
	{ "NIC create vetoed (11)", MIG_NIC_CREATE, MIG_VETO, XT_FLT,
	  XSWITCH_OP_NIC_CREATE, -EPERM, MIG_BACK_ON_SRC,
	  MIG_PREPARE " " MIG_LEAVE " @dst cap:nc flt:nc cap:done(nc,-1) PT PD @src "
	  MIG_BACK },
	{ "agent killed before NIC connect (12)", MIG_NIC_CONNECT, MIG_KILLED,
	  0, 0, 0, MIG_BACK_ON_SRC,
	  MIG_PREPARE " " MIG_LEAVE " @dst NC ND PT PD @src " MIG_BACK },
	{ "restore fails (13)", MIG_RESTORE, MIG_RESTORE_FAILS, XT_FWD, 0,
	  -ENOMEM, MIG_BACK_ON_SRC,
	  MIG_PREPARE " " MIG_LEAVE " @dst NC NN " MIG_RESTORES
	  " restoredone(-12) NX ND PT PD @src " MIG_BACK },
	{ "agent killed before restore complete (13)", MIG_RESTORE_DONE,
	  MIG_KILLED, 0, 0, 0, MIG_BACK_ON_SRC,
	  MIG_PREPARE " " MIG_LEAVE " @dst NC NN " MIG_RESTORES
	  " restoredone(-103) NX ND PT PD @src " MIG_BACK },
	{ "agent killed before the keep", MIG_KEEP, MIG_KILLED, 0, 0, 0,
	  MIG_BACK_ON_SRC,
	  MIG_PREPARE " " MIG_LEAVE " @dst NC NN " MIG_RESTORED
	  " NX ND PT PD @src " MIG_BACK },
};

KUNIT_ARRAY_PARAM_DESC(mig, mig_cases, desc);

/*
 * Each failure point rolls back as migration.rst's table says: the log
 * of the whole attempt, and the port on one host, working, with its
 * records.
 */
static void xsw_migrate_rollback(struct kunit *test)
{
	const struct mig_case *c = test->param_value;
	struct mig *m = mig_setup(test, c);

	migrate(m);
	KUNIT_EXPECT_STREQ(test, take_log(test), mig_expand(test, c->want));
	mig_expect_end(m, c->ends);
}

static int xsw_migrate_suite_init(struct kunit_suite *suite)
{
	return xt_register();
}

static void xsw_migrate_suite_exit(struct kunit_suite *suite)
{
	xt_unregister();
}

static struct kunit_case xsw_migrate_cases[] = {
	KUNIT_CASE(xsw_migrate_order),
	KUNIT_CASE_PARAM(xsw_migrate_rollback, mig_gen_params),
	{}
};

static struct kunit_suite xsw_migrate_suite = {
	.name = "xsw_migrate",
	.suite_init = xsw_migrate_suite_init,
	.suite_exit = xsw_migrate_suite_exit,
	.test_cases = xsw_migrate_cases,
};

kunit_test_suite(xsw_migrate_suite);
