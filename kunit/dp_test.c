// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the datapath: the order of the ingress and egress
 * walks, drops and exclusions, destinations, frames extensions originate,
 * a NIC's announce, and the built-in forwarder's tables and policies,
 * with frames built in the test.  The NICs are not bound to devices, so
 * every delivery ends as a dev-down drop on the destination port, after
 * the egress walk: the capture extension's ->tx is where a test sees a
 * frame leave.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/skbuff.h>

#include "test_ext.h"

enum { DT_CAP, DT_FLT, DT_FWD, DT_NUM };

struct dt_state {
	char log[1024];
	int rx_drop[DT_NUM];	/* what ->rx returns */
	u32 tx_exclude[DT_NUM];	/* PortId whose ->tx returns a drop */
	u32 fwd_to[4];		/* PortIds the forwarder adds, 0 ends */
	int fwd_ret[4];		/* what xsw_fwd_add_dest() said */
	bool fwd_twice;		/* the forwarder adds each twice */
	struct xsw_ext *origin;	/* the extension that originates, for tests */
	u8 seen[ETH_ZLEN];	/* the start of the last frame dcap's ->rx saw */
	unsigned int seen_len;	/* and its length */
};

static struct dt_state dt;

static __printf(2, 3) void dt_note(const struct xsw_ext *ext,
				   const char *fmt, ...)
{
	size_t len = strlen(dt.log);
	va_list ap;

	scnprintf(dt.log + len, sizeof(dt.log) - len, "%s%s:", len ? " " : "",
		  ext->ops->name);
	len = strlen(dt.log);
	va_start(ap, fmt);
	vscnprintf(dt.log + len, sizeof(dt.log) - len, fmt, ap);
	va_end(ap);
}

static const struct xsw_extension_ops dt_ops[DT_NUM];

static int dt_index(const struct xsw_ext *ext)
{
	return ((const struct xsw_ext *)ext)->ops - dt_ops;
}

static int dt_rx(struct xsw_ext *ext, struct sk_buff *skb, struct xsw_fwd *fwd)
{
	int i = dt_index(ext), j;
	struct xsw_port *port;

	dt_note(ext, "rx(%u)", fwd->src_port_id);
	if (i == DT_CAP) {
		dt.seen_len = skb->len;
		skb_copy_bits(skb, 0, dt.seen, min(skb->len, ETH_ZLEN));
	}
	if (i != DT_FWD || dt.rx_drop[i])
		return dt.rx_drop[i];
	for (j = 0; j < ARRAY_SIZE(dt.fwd_to) && dt.fwd_to[j]; j++) {
		port = xsw_port_lookup_rcu(fwd->sw, dt.fwd_to[j]);
		dt.fwd_ret[j] = port ? xsw_fwd_add_dest(fwd,
					xsw_nic_lookup_rcu(port, 0)) : -ENOENT;
		if (dt.fwd_twice && port)
			xsw_fwd_add_dest(fwd, xsw_nic_lookup_rcu(port, 0));
	}
	return 0;
}

static int dt_tx(struct xsw_ext *ext, struct sk_buff *skb,
		 const struct xsw_fwd *fwd, const struct xsw_dest *d)
{
	int i = dt_index(ext);

	if (fwd->vlan)
		dt_note(ext, "tx(%u,v%u)", d->port_id, fwd->vlan);
	else
		dt_note(ext, "tx(%u)", d->port_id);
	return dt.tx_exclude[i] == d->port_id ? XSWITCH_DROP_REASON_FILTER : 0;
}

#define DT_OPS(idx, nm, cls, u)						\
	[idx] = {							\
		.name = nm,						\
		.uuid = UUID_INIT(0x5eb1a9d1, 0x0000, 0x4000, 0x80, 0x00, \
				  0, 0, 0, 0, 0, u),			\
		.class = cls,						\
		.owner = THIS_MODULE,					\
		.rx = dt_rx,						\
		.tx = dt_tx,						\
	}

static const struct xsw_extension_ops dt_ops[DT_NUM] = {
	DT_OPS(DT_CAP, "dcap", XSWITCH_EXT_CLASS_CAPTURE, 1),
	DT_OPS(DT_FLT, "dflt", XSWITCH_EXT_CLASS_FILTER, 2),
	DT_OPS(DT_FWD, "dfwd", XSWITCH_EXT_CLASS_FORWARD, 3),
};

static const char *take_log(struct kunit *test)
{
	char *s = kunit_kstrdup(test, dt.log, GFP_KERNEL);

	dt.log[0] = 0;
	return s;
}

static void dt_switch_destroy(void *sw)
{
	XT_LOCKED((xsw_switch_destroy(sw), 0));
}

/* A switch with the given test extensions enabled, in stack order. */
static struct xsw_switch *dt_switch(struct kunit *test, bool with_fwd)
{
	struct xsw_switch *sw;
	struct xsw_ext *ext;
	int i;

	memset(&dt, 0, sizeof(dt));
	xsw_lock(&init_net);
	sw = xsw_switch_create(&init_net, "kunit-dp", NULL);
	for (i = 0; !IS_ERR(sw) && i < DT_NUM; i++) {
		if (i == DT_FWD && !with_fwd)
			continue;
		ext = xsw_ext_attach(sw, dt_ops[i].name, NULL);
		if (IS_ERR(ext) || xsw_ext_set(ext, 1, -1, NULL)) {
			xsw_switch_destroy(sw);
			sw = ERR_PTR(-EINVAL);
		}
		if (i == DT_CAP && !IS_ERR(sw))
			dt.origin = ext;
	}
	xsw_unlock(&init_net);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sw);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, dt_switch_destroy, sw));
	return sw;
}

/* Port @n (PortIds count from 1) with a NIC of MAC 02:00:00:00:00:n. */
static struct xsw_nic *dt_nic(struct kunit *test, struct xsw_switch *sw,
			      u32 type, bool connect)
{
	struct xsw_port_params pp = { .type = type, .name = "p" };
	u8 mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 0 };
	struct xsw_nic_params np = { .name = "n", .current_mac = mac };
	struct xsw_port *port;
	struct xsw_nic *nic;

	port = XT_LOCKED(xsw_port_create(sw, &pp, NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, port);
	mac[5] = port->info.id;
	nic = XT_LOCKED(xsw_nic_create(port, &np, NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, nic);
	if (connect)
		KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
	return nic;
}

static const u8 *dt_mac(u8 n)
{
	static u8 macs[16][ETH_ALEN];

	macs[n][0] = 2;
	macs[n][5] = n;
	return macs[n];
}

/* A frame from @src to @dst, tagged with @vid unless 0. */
static struct sk_buff *dt_frame(struct kunit *test, const u8 *dst,
				const u8 *src, u16 vid)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN + 64, GFP_KERNEL);
	struct ethhdr *eth;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	eth = skb_put_zero(skb, ETH_HLEN + 46);
	ether_addr_copy(eth->h_dest, dst);
	ether_addr_copy(eth->h_source, src);
	eth->h_proto = htons(ETH_P_IP);
	skb_reset_mac_header(skb);
	if (vid)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), vid);
	return skb;
}

static void dt_send(struct xsw_nic *nic, struct sk_buff *skb)
{
	local_bh_disable();
	rcu_read_lock();
	xsw_dp_input(nic, skb);
	rcu_read_unlock();
	local_bh_enable();
}

static int dt_originate(struct xsw_ext *ext, struct sk_buff *skb,
			struct xsw_nic *dst)
{
	int r;

	local_bh_disable();
	rcu_read_lock();
	r = xsw_dp_originate(ext, skb, dst);
	rcu_read_unlock();
	local_bh_enable();
	return r;
}

static u64 dt_drops(struct xsw_nic *nic, int reason)
{
	struct xsw_port_totals t;

	xsw_port_totals(nic->port, &t);
	return t.drops[reason];
}

static u64 dt_rx_packets(struct xsw_nic *nic)
{
	struct xsw_port_totals t;

	xsw_port_totals(nic->port, &t);
	return t.rx_packets;
}

static void xsw_dp_walk_order(struct kunit *test)
{
	struct xsw_switch *sw = dt_switch(test, true);
	struct xsw_nic *n1 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n2 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n3 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);

	dt.fwd_to[0] = 2;
	dt.fwd_to[1] = 3;
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dfwd:rx(1) dfwd:tx(2) dflt:tx(2) dcap:tx(2) dfwd:tx(3) dflt:tx(3) dcap:tx(3)");
	KUNIT_EXPECT_EQ(test, dt_rx_packets(n1), 1);
	KUNIT_EXPECT_EQ(test, dt_drops(n2, XSWITCH_DROP_REASON_DEV_DOWN), 1);
	KUNIT_EXPECT_EQ(test, dt_drops(n3, XSWITCH_DROP_REASON_DEV_DOWN), 1);
	KUNIT_EXPECT_EQ(test, dt_drops(n1, XSWITCH_DROP_REASON_DEV_DOWN), 0);

	/* A disabled extension is out of both walks. */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_ext_set(xsw_ext_find(sw, "dflt"),
						    0, -1, NULL)), 0);
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dfwd:rx(1) dfwd:tx(2) dcap:tx(2) dfwd:tx(3) dcap:tx(3)");
}

static void xsw_dp_drop_exclude(struct kunit *test)
{
	struct xsw_switch *sw = dt_switch(test, true);
	struct xsw_nic *n1 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n2 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n3 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);

	dt.fwd_to[0] = 2;
	dt.fwd_to[1] = 3;
	/* A filter's drop on ingress ends the walk; the source counts it. */
	dt.rx_drop[DT_FLT] = XSWITCH_DROP_REASON_FILTER;
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test), "dcap:rx(1) dflt:rx(1)");
	KUNIT_EXPECT_EQ(test, dt_drops(n1, XSWITCH_DROP_REASON_FILTER), 1);

	/* A capture extension's drop is ignored. */
	dt.rx_drop[DT_FLT] = 0;
	dt.rx_drop[DT_CAP] = XSWITCH_DROP_REASON_FILTER;
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dfwd:rx(1) dfwd:tx(2) dflt:tx(2) dcap:tx(2) dfwd:tx(3) dflt:tx(3) dcap:tx(3)");
	dt.rx_drop[DT_CAP] = 0;

	/* An exclusion on egress: the extensions above never see it. */
	dt.tx_exclude[DT_FLT] = 2;
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dfwd:rx(1) dfwd:tx(2) dflt:tx(2) dfwd:tx(3) dflt:tx(3) dcap:tx(3)");
	KUNIT_EXPECT_EQ(test, dt_drops(n2, XSWITCH_DROP_REASON_EXCLUDED), 1);
	KUNIT_EXPECT_EQ(test, dt_drops(n3, XSWITCH_DROP_REASON_EXCLUDED), 0);

	/* A capture extension cannot exclude. */
	dt.tx_exclude[DT_FLT] = 0;
	dt.tx_exclude[DT_CAP] = 3;
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	take_log(test);
	KUNIT_EXPECT_EQ(test, dt_drops(n3, XSWITCH_DROP_REASON_EXCLUDED), 0);
	KUNIT_EXPECT_EQ(test, dt_drops(n3, XSWITCH_DROP_REASON_DEV_DOWN), 3);

	/* The forwarder choosing nothing is a no-dest drop. */
	dt.fwd_to[0] = 0;
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dfwd:rx(1)");
	KUNIT_EXPECT_EQ(test, dt_drops(n1, XSWITCH_DROP_REASON_NO_DEST), 1);
}

static void xsw_dp_destinations(struct kunit *test)
{
	struct xsw_switch *sw = dt_switch(test, true);
	struct xsw_nic *n1 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n2 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, false);
	struct xsw_nic *n3 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);

	/* Only connected NICs are destinations; a created one may send. */
	dt.fwd_to[0] = 2;
	dt.fwd_to[1] = 3;
	dt_send(n1, dt_frame(test, dt_mac(3), dt_mac(1), 0));
	KUNIT_EXPECT_EQ(test, dt.fwd_ret[0], -EINVAL);
	KUNIT_EXPECT_EQ(test, dt.fwd_ret[1], 0);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dfwd:rx(1) dfwd:tx(3) dflt:tx(3) dcap:tx(3)");
	dt.fwd_to[0] = 1;
	dt_send(n2, dt_frame(test, dt_mac(1), dt_mac(2), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(2) dflt:rx(2) dfwd:rx(2) dfwd:tx(1) dflt:tx(1) dcap:tx(1) dfwd:tx(3) dflt:tx(3) dcap:tx(3)");

	/* A destination committed twice is one destination. */
	dt.fwd_twice = true;
	dt.fwd_to[0] = 3;
	dt.fwd_to[1] = 0;
	dt_send(n1, dt_frame(test, dt_mac(3), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dfwd:rx(1) dfwd:tx(3) dflt:tx(3) dcap:tx(3)");

	/* A disconnected NIC receives nothing, and may not send. */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_disconnect(n3, NULL)), 0);
	dt_send(n1, dt_frame(test, dt_mac(3), dt_mac(1), 0));
	KUNIT_EXPECT_EQ(test, dt.fwd_ret[0], -EINVAL);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dfwd:rx(1)");
	dt_send(n3, dt_frame(test, dt_mac(1), dt_mac(3), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test), "");
	KUNIT_EXPECT_EQ(test, dt_drops(n3, XSWITCH_DROP_REASON_NOT_READY), 1);
}

static void xsw_dp_originated(struct kunit *test)
{
	struct xsw_switch *sw = dt_switch(test, true);
	struct xsw_nic *n1 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n2 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, false);

	/*
	 * From the capture extension: the walk goes on below it, source 0.
	 * Unbound, the NIC takes nothing: dev-down is what they return.
	 */
	dt.fwd_to[0] = 1;
	KUNIT_EXPECT_EQ(test, dt_originate(dt.origin,
					   dt_frame(test, dt_mac(1), dt_mac(9), 0),
					   NULL), XSWITCH_DROP_REASON_DEV_DOWN);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dflt:rx(0) dfwd:rx(0) dfwd:tx(1) dflt:tx(1) dcap:tx(1)");
	/* To a NIC: the egress walk only. */
	KUNIT_EXPECT_EQ(test, dt_originate(dt.origin,
					   dt_frame(test, dt_mac(1), dt_mac(9), 0),
					   n1), XSWITCH_DROP_REASON_DEV_DOWN);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dfwd:tx(1) dflt:tx(1) dcap:tx(1)");
	/* Never to a NIC that is not a destination. */
	KUNIT_EXPECT_EQ(test, dt_originate(dt.origin,
					   dt_frame(test, dt_mac(2), dt_mac(9), 0),
					   n2), XSWITCH_DROP_REASON_NO_DEST);
	KUNIT_EXPECT_STREQ(test, take_log(test), "");
}

static void xsw_dp_builtin_macs(struct kunit *test)
{
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct xsw_switch *sw = dt_switch(test, false);
	struct xsw_nic *n1 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n2 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);

	dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, false);
	/* Unicast to a NIC's own MAC goes there only. */
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dflt:tx(2) dcap:tx(2)");
	/* Broadcast and unknown unicast flood to connected NICs only. */
	dt_send(n1, dt_frame(test, bcast, dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dflt:tx(2) dcap:tx(2) dflt:tx(3) dcap:tx(3)");
	dt_send(n2, dt_frame(test, dt_mac(9), dt_mac(2), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(2) dflt:rx(2) dflt:tx(1) dcap:tx(1) dflt:tx(3) dcap:tx(3)");
	/* Back to the sender's own port: nowhere. */
	dt_send(n1, dt_frame(test, dt_mac(1), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test), "dcap:rx(1) dflt:rx(1)");
	KUNIT_EXPECT_EQ(test, dt_drops(n1, XSWITCH_DROP_REASON_NO_DEST), 1);
	/* The MAC-spoofing guard of a VM NIC. */
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(7), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test), "dcap:rx(1) dflt:rx(1)");
	KUNIT_EXPECT_EQ(test, dt_drops(n1, XSWITCH_DROP_REASON_MAC_SPOOF), 1);
	/* A NIC's MAC changed by an update is found by the new one. */
	{
		u8 mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 12 };
		struct xsw_nic_params p = { .current_mac = mac };

		KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_update(n2, &p, NULL)), 0);
		dt_send(n1, dt_frame(test, dt_mac(12), dt_mac(1), 0));
		KUNIT_EXPECT_STREQ(test, take_log(test),
				   "dcap:rx(1) dflt:rx(1) dflt:tx(2) dcap:tx(2)");
	}
}

static void xsw_dp_builtin_learning(struct kunit *test)
{
	struct xsw_switch *sw = dt_switch(test, false);
	struct xsw_nic *ext = dt_nic(test, sw, XSWITCH_PORT_TYPE_EXTERNAL, true);
	struct xsw_nic *n2 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);

	dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	/* Unknown: flood.  The external NIC's frames are not spoof-checked. */
	dt_send(n2, dt_frame(test, dt_mac(9), dt_mac(2), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(2) dflt:rx(2) dflt:tx(1) dcap:tx(1) dflt:tx(3) dcap:tx(3)");
	dt_send(ext, dt_frame(test, dt_mac(2), dt_mac(9), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dflt:tx(2) dcap:tx(2)");
	KUNIT_EXPECT_EQ(test, xsw_fdb_learned(sw), 1);
	/* Learned behind the external port: unicast, no flood. */
	dt_send(n2, dt_frame(test, dt_mac(9), dt_mac(2), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(2) dflt:rx(2) dflt:tx(1) dcap:tx(1)");
	/* A VM NIC's frames teach nothing. */
	dt_send(n2, dt_frame(test, dt_mac(10), dt_mac(2), 0));
	take_log(test);
	KUNIT_EXPECT_EQ(test, xsw_fdb_learned(sw), 1);
	/* Aged out: flood again. */
	xsw_fdb_expire(sw, 60 * HZ);
	KUNIT_EXPECT_EQ(test, xsw_fdb_learned(sw), 1);
	msleep(20);
	xsw_fdb_expire(sw, 1);
	KUNIT_EXPECT_EQ(test, xsw_fdb_learned(sw), 0);
	dt_send(n2, dt_frame(test, dt_mac(9), dt_mac(2), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(2) dflt:rx(2) dflt:tx(1) dcap:tx(1) dflt:tx(3) dcap:tx(3)");
	/* A disconnect forgets what its NIC taught. */
	dt_send(ext, dt_frame(test, dt_mac(2), dt_mac(9), 0));
	KUNIT_EXPECT_EQ(test, xsw_fdb_learned(sw), 1);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_disconnect(ext, NULL)), 0);
	KUNIT_EXPECT_EQ(test, xsw_fdb_learned(sw), 0);
}

/* A NIC's announce: QEMU's RARP, from the NIC, flooded; or a refusal. */
static void xsw_dp_announced(struct kunit *test)
{
	static const u8 rarp[ETH_ZLEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1,
		0x80, 0x35,		/* ETH_P_RARP */
		0x00, 0x01, 0x08, 0x00,	/* Ethernet, IPv4 */
		6, 4, 0x00, 0x03,	/* reverse request */
		2, 0, 0, 0, 0, 1, 0, 0, 0, 0,
		2, 0, 0, 0, 0, 1, 0, 0, 0, 0,
	};
	struct xsw_switch *sw = dt_switch(test, false);
	struct xsw_nic *n1 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_port_params pp = {
		.type = XSWITCH_PORT_TYPE_SYNTHETIC, .name = "p",
	};
	struct xsw_nic_params np = { .name = "n" };
	struct xsw_nic *n3, *n4;
	struct xsw_port *port;

	dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	n3 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, false);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_dp_announce(n1, NULL)), 0);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dflt:tx(2) dcap:tx(2)");
	KUNIT_EXPECT_EQ(test, dt.seen_len, ETH_ZLEN);
	KUNIT_EXPECT_MEMEQ(test, dt.seen, rarp, ETH_ZLEN);
	KUNIT_EXPECT_EQ(test, dt_rx_packets(n1), 1);

	/* Not connected; connected, but without a MAC: nothing is sent. */
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_dp_announce(n3, NULL)), -EINVAL);
	port = XT_LOCKED(xsw_port_create(sw, &pp, NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, port);
	n4 = XT_LOCKED(xsw_nic_create(port, &np, NULL));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, n4);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(n4, NULL)), 0);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_dp_announce(n4, NULL)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, take_log(test), "");
	KUNIT_EXPECT_EQ(test, dt_rx_packets(n3) + dt_rx_packets(n4), 0);
}

/* NIC @nic connected gated (@gate), as nic-connect does it. */
static void dt_connect_gated(struct kunit *test, struct xsw_nic *nic, u32 gate)
{
	WRITE_ONCE(nic->gate, gate);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_connect(nic, NULL)), 0);
}

/*
 * A NIC connected gated: shut, nothing reaches it and nothing it sends
 * passes; first-frame, its own first frame opens it and passes; or
 * opened by the control path.  Only a disconnect shuts it again.
 */
static void xsw_dp_gated(struct kunit *test)
{
	struct xsw_switch *sw = dt_switch(test, false);
	struct xsw_nic *n1 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n2 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, false);
	struct xsw_nic *n3 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, false);

	dt_connect_gated(test, n2, XSWITCH_NIC_GATE_SHUT);
	dt_connect_gated(test, n3, XSWITCH_NIC_GATE_SHUT);
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test), "dcap:rx(1) dflt:rx(1)");
	dt_send(n2, dt_frame(test, dt_mac(1), dt_mac(2), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test), "");
	KUNIT_EXPECT_EQ(test, dt_drops(n2, XSWITCH_DROP_REASON_NOT_READY), 1);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_dp_announce(n2, NULL)), -EINVAL);
	/* First-frame: shut to frames for it until its own comes. */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_dp_gate(n2, XSWITCH_NIC_GATE_FIRST_FRAME,
						    NULL)), 0);
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test), "dcap:rx(1) dflt:rx(1)");
	dt_send(n2, dt_frame(test, dt_mac(1), dt_mac(2), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(2) dflt:rx(2) dflt:tx(1) dcap:tx(1)");
	KUNIT_EXPECT_EQ(test, READ_ONCE(n2->gate), XSWITCH_NIC_GATE_OPEN);
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dflt:tx(2) dcap:tx(2)");
	/* Open stays open; only a disconnect shuts it. */
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_dp_gate(n2, XSWITCH_NIC_GATE_FIRST_FRAME,
						    NULL)), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(n2->gate), XSWITCH_NIC_GATE_OPEN);
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_dp_gate(n2, XSWITCH_NIC_GATE_SHUT,
						    NULL)), -EINVAL);
	/* Opened by the control path; a NIC not connected gated refuses. */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_dp_gate(n3, XSWITCH_NIC_GATE_OPEN,
						    NULL)), 0);
	dt_send(n1, dt_frame(test, dt_mac(3), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dflt:tx(3) dcap:tx(3)");
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_dp_gate(n1, XSWITCH_NIC_GATE_OPEN,
						    NULL)), -EINVAL);
	/* After a disconnect: shut, and no destination. */
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_nic_disconnect(n2, NULL)), 0);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(n2->dp_on));
	KUNIT_EXPECT_FALSE(test, n2->gated);
	KUNIT_EXPECT_EQ(test, READ_ONCE(n2->gate), XSWITCH_NIC_GATE_SHUT);
	dt_send(n1, dt_frame(test, dt_mac(2), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dflt:tx(3) dcap:tx(3)");
}

static const struct xsw_prop_vlan *dt_vlan(struct kunit *test, u32 mode,
					   u16 vid, const u16 *allowed)
{
	struct xsw_prop_vlan *v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, v);
	v->mode = mode;
	if (mode == XSWITCH_VLAN_MODE_ACCESS)
		v->access_vlan = vid;
	else
		v->native_vlan = vid;
	while (allowed && *allowed)
		set_bit(*allowed++, v->allowed);
	return v;
}

/* The policies are set by hand: the property code is tested on its own. */
static void dt_policies_clear(void *arg)
{
	struct xsw_port *port = arg;

	RCU_INIT_POINTER(port->vlan, NULL);
	RCU_INIT_POINTER(port->security, NULL);
	synchronize_rcu();
}

static void dt_set_vlan(struct kunit *test, struct xsw_nic *nic,
			const struct xsw_prop_vlan *v)
{
	rcu_assign_pointer(nic->port->vlan, v);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, dt_policies_clear,
							   nic->port));
}

static void xsw_dp_builtin_vlan(struct kunit *test)
{
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const u16 ten[] = { 10, 0 };
	struct xsw_switch *sw = dt_switch(test, false);
	struct xsw_nic *n1 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n2 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n3 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_nic *n4 = dt_nic(test, sw, XSWITCH_PORT_TYPE_EXTERNAL, true);
	struct xsw_nic *n5 = dt_nic(test, sw, XSWITCH_PORT_TYPE_SYNTHETIC, true);
	struct xsw_prop_security allow = { .allow_mac_spoofing = true };
	struct sk_buff *skb;

	dt_set_vlan(test, n1, dt_vlan(test, XSWITCH_VLAN_MODE_ACCESS, 10, NULL));
	dt_set_vlan(test, n2, dt_vlan(test, XSWITCH_VLAN_MODE_ACCESS, 10, NULL));
	dt_set_vlan(test, n3, dt_vlan(test, XSWITCH_VLAN_MODE_ACCESS, 20, NULL));
	dt_set_vlan(test, n4, dt_vlan(test, XSWITCH_VLAN_MODE_TRUNK, 0, ten));
	/* n5 has no VLAN policy: untagged frames only. */

	/* Access 10 floods to access 10 and to the trunk (tagged), no further. */
	dt_send(n1, dt_frame(test, bcast, dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dflt:tx(2,v10) dcap:tx(2,v10) dflt:tx(4,v10) dcap:tx(4,v10)");
	/* Unicast across VLANs is refused. */
	dt_send(n1, dt_frame(test, dt_mac(3), dt_mac(1), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test), "dcap:rx(1) dflt:rx(1)");
	KUNIT_EXPECT_EQ(test, dt_drops(n1, XSWITCH_DROP_REASON_VLAN), 1);
	/* An access port does not take tagged frames. */
	dt_send(n1, dt_frame(test, bcast, dt_mac(1), 10));
	KUNIT_EXPECT_EQ(test, dt_drops(n1, XSWITCH_DROP_REASON_VLAN), 2);
	take_log(test);
	/* The trunk: allowed VLAN 10 reaches access 10; 20 is refused. */
	dt_send(n4, dt_frame(test, bcast, dt_mac(8), 10));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(4) dflt:rx(4) dflt:tx(1,v10) dcap:tx(1,v10) dflt:tx(2,v10) dcap:tx(2,v10)");
	dt_send(n4, dt_frame(test, bcast, dt_mac(8), 20));
	KUNIT_EXPECT_EQ(test, dt_drops(n4, XSWITCH_DROP_REASON_VLAN), 1);
	take_log(test);
	/* Untagged on the trunk (native 0) is the untagged network. */
	dt_send(n4, dt_frame(test, bcast, dt_mac(8), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(4) dflt:rx(4) dflt:tx(5) dcap:tx(5)");
	/* An S-tag is no VLAN a port admits; the same C-tag is (above). */
	skb = dt_frame(test, bcast, dt_mac(8), 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021AD), 10);
	dt_send(n4, skb);
	KUNIT_EXPECT_EQ(test, dt_drops(n4, XSWITCH_DROP_REASON_VLAN), 2);
	take_log(test);
	/* Behind a priority tag, a tag of VLAN 20 does not leave access 10. */
	skb = dt_frame(test, dt_mac(4), dt_mac(1), 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 0);
	dt_send(n1, skb);
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(1) dflt:rx(1) dflt:tx(4,v10) dcap:tx(4,v10)");
	skb = dt_frame(test, dt_mac(4), dt_mac(1), 0);
	eth_hdr(skb)->h_proto = htons(ETH_P_8021Q);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 0);
	dt_send(n1, skb);
	KUNIT_EXPECT_STREQ(test, take_log(test), "dcap:rx(1) dflt:rx(1)");
	KUNIT_EXPECT_EQ(test, dt_drops(n1, XSWITCH_DROP_REASON_VLAN), 3);
	/* A port without a policy sends no tagged frame. */
	dt_send(n5, dt_frame(test, bcast, dt_mac(5), 10));
	KUNIT_EXPECT_EQ(test, dt_drops(n5, XSWITCH_DROP_REASON_VLAN), 1);
	/* The security policy lets a NIC spoof its source. */
	dt_send(n5, dt_frame(test, dt_mac(4), dt_mac(6), 0));
	KUNIT_EXPECT_EQ(test, dt_drops(n5, XSWITCH_DROP_REASON_MAC_SPOOF), 1);
	rcu_assign_pointer(n5->port->security, &allow);
	take_log(test);
	dt_send(n5, dt_frame(test, dt_mac(4), dt_mac(6), 0));
	KUNIT_EXPECT_STREQ(test, take_log(test),
			   "dcap:rx(5) dflt:rx(5) dflt:tx(4) dcap:tx(4)");
	RCU_INIT_POINTER(n5->port->security, NULL);
	synchronize_rcu();
}

static int xsw_dp_suite_init(struct kunit_suite *suite)
{
	int i, err;

	for (i = 0; i < DT_NUM; i++) {
		err = xsw_extension_register(&dt_ops[i]);
		if (err) {
			while (i--)
				xsw_extension_unregister(&dt_ops[i]);
			return err;
		}
	}
	return 0;
}

static void xsw_dp_suite_exit(struct kunit_suite *suite)
{
	int i;

	for (i = 0; i < DT_NUM; i++)
		xsw_extension_unregister(&dt_ops[i]);
}

static struct kunit_case xsw_dp_cases[] = {
	KUNIT_CASE(xsw_dp_walk_order),
	KUNIT_CASE(xsw_dp_drop_exclude),
	KUNIT_CASE(xsw_dp_destinations),
	KUNIT_CASE(xsw_dp_originated),
	KUNIT_CASE(xsw_dp_builtin_macs),
	KUNIT_CASE(xsw_dp_builtin_learning),
	KUNIT_CASE(xsw_dp_builtin_vlan),
	KUNIT_CASE(xsw_dp_announced),
	KUNIT_CASE(xsw_dp_gated),
	{}
};

static struct kunit_suite xsw_dp_suite = {
	.name = "xsw_datapath",
	.suite_init = xsw_dp_suite_init,
	.suite_exit = xsw_dp_suite_exit,
	.test_cases = xsw_dp_cases,
};

kunit_test_suite(xsw_dp_suite);
