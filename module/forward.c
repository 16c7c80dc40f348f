// SPDX-License-Identifier: GPL-2.0
/*
 * The built-in forwarder: what the switch does at the forwarding
 * extension's place when none is enabled.  Its MAC tables, the standard
 * port policies it enforces, flooding.
 */
#include <kunit/visibility.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/moduleparam.h>
#include <linux/rhashtable.h>
#include <linux/skbuff.h>

#include "xsw.h"

/**
 * DOC: Built-in forwarder
 *
 * Two tables, both rhashtables read under RCU from any CPU:
 *
 * - the NICs' own MACs: every connected NIC whose current MAC is set is
 *   found by it, whatever the frame's VLAN (the NIC's VLAN policy then
 *   decides); entries are the NICs themselves, added after the connect
 *   step and removed before the disconnect step;
 * - MACs learned behind the external port, keyed by MAC and VLAN: a
 *   frame from an external NIC that is a destination teaches where its
 *   source MAC is, in softirq, without a lock (rhashtable's own bucket
 *   locks), at most max_learned per switch.  An entry not refreshed for
 *   fdb_age_secs is removed by the switch's aging work; a NIC's entries go
 *   with its disconnect, after a grace period, so none learned by a frame
 *   still in flight is left behind.
 *
 * A unicast frame goes to the NIC its destination MAC names (the NICs'
 * table first), if the frame's VLAN may reach it; a broadcast, multicast or
 * unknown unicast frame floods to every connected NIC it may reach, but
 * never back to its own port.
 */

unsigned int xsw_fdb_age_secs = 300;
module_param_named(fdb_age_secs, xsw_fdb_age_secs, uint, 0644);
MODULE_PARM_DESC(fdb_age_secs,
		 "seconds a MAC learned behind the external port is kept without traffic (1-86400)");

unsigned int xsw_max_learned = 4096;
module_param_named(max_learned, xsw_max_learned, uint, 0644);
MODULE_PARM_DESC(max_learned, "MACs one switch learns at most");

struct xsw_fdb_key {
	u8 mac[ETH_ALEN];
	u16 vlan;
};

struct xsw_fdb_entry {
	struct rhash_head node;
	struct xsw_fdb_key key;
	struct xsw_nic *nic;
	unsigned long updated;
	struct rcu_head rcu;
};

struct xsw_fdb {
	struct xsw_switch *sw;
	struct rhashtable macs;
	struct rhashtable learned;
	atomic_t n_learned;
	struct delayed_work age;
};

static const struct rhashtable_params xsw_macs_params = {
	.head_offset = offsetof(struct xsw_nic, mac_node),
	.key_offset = offsetof(struct xsw_nic, fdb_mac),
	.key_len = ETH_ALEN,
	.automatic_shrinking = true,
};

static const struct rhashtable_params xsw_learned_params = {
	.head_offset = offsetof(struct xsw_fdb_entry, node),
	.key_offset = offsetof(struct xsw_fdb_entry, key),
	.key_len = sizeof(struct xsw_fdb_key),
	.automatic_shrinking = true,
};

static unsigned long xsw_fdb_age(void)
{
	return clamp(READ_ONCE(xsw_fdb_age_secs), 1U, 86400U) * HZ;
}

/**
 * xsw_nic_by_mac_rcu - the connected NIC whose current MAC is @mac
 * @sw: the switch
 * @mac: the MAC
 *
 * Under rcu_read_lock().
 *
 * Return: the NIC, or NULL.
 */
struct xsw_nic *xsw_nic_by_mac_rcu(struct xsw_switch *sw, const u8 *mac)
{
	return rhashtable_lookup(&sw->fdb->macs, mac, xsw_macs_params);
}
EXPORT_SYMBOL_GPL(xsw_nic_by_mac_rcu);

static struct xsw_nic *xsw_fdb_lookup(struct xsw_fdb *fdb, const u8 *mac,
				      u16 vlan)
{
	struct xsw_fdb_key key = { .vlan = vlan };
	struct xsw_fdb_entry *e;

	ether_addr_copy(key.mac, mac);
	e = rhashtable_lookup(&fdb->learned, &key, xsw_learned_params);
	return e ? READ_ONCE(e->nic) : NULL;
}

static void xsw_fdb_learn(struct xsw_fdb *fdb, const u8 *mac, u16 vlan,
			  struct xsw_nic *nic)
{
	struct xsw_fdb_key key = { .vlan = vlan };
	struct xsw_fdb_entry *e, *old;
	unsigned long now = jiffies;

	if (!is_valid_ether_addr(mac))
		return;
	ether_addr_copy(key.mac, mac);
	e = rhashtable_lookup(&fdb->learned, &key, xsw_learned_params);
	if (e) {
		if (READ_ONCE(e->updated) != now)
			WRITE_ONCE(e->updated, now);
		if (READ_ONCE(e->nic) != nic)
			WRITE_ONCE(e->nic, nic);
		return;
	}
	if (atomic_inc_return(&fdb->n_learned) > READ_ONCE(xsw_max_learned))
		goto full;
	e = kzalloc(sizeof(*e), GFP_ATOMIC);
	if (!e)
		goto full;
	e->key = key;
	e->nic = nic;
	e->updated = now;
	old = rhashtable_lookup_get_insert_fast(&fdb->learned, &e->node,
						xsw_learned_params);
	if (!old)
		return;
	kfree(e);
full:
	atomic_dec(&fdb->n_learned);
}

static void xsw_fdb_remove(struct xsw_fdb *fdb, struct xsw_fdb_entry *e)
{
	if (rhashtable_remove_fast(&fdb->learned, &e->node, xsw_learned_params))
		return;
	atomic_dec(&fdb->n_learned);
	kfree_rcu(e, rcu);
}

/* Removes the learned entries of @nic, or those older than @age (@nic NULL). */
static void xsw_fdb_sweep(struct xsw_fdb *fdb, struct xsw_nic *nic,
			  unsigned long age)
{
	struct rhashtable_iter iter;
	struct xsw_fdb_entry *e;

	rhashtable_walk_enter(&fdb->learned, &iter);
	rhashtable_walk_start(&iter);
	while ((e = rhashtable_walk_next(&iter))) {
		if (IS_ERR(e))
			continue;
		if (nic ? READ_ONCE(e->nic) == nic :
		    time_after(jiffies, READ_ONCE(e->updated) + age))
			xsw_fdb_remove(fdb, e);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

static void xsw_fdb_age_work(struct work_struct *work)
{
	struct xsw_fdb *fdb = container_of(to_delayed_work(work),
					   struct xsw_fdb, age);
	unsigned long age = xsw_fdb_age();

	xsw_fdb_sweep(fdb, NULL, age);
	/* Often enough that a lowered fdb_age_secs takes effect soon. */
	queue_delayed_work(system_power_efficient_wq, &fdb->age,
			   clamp(age / 4, (unsigned long)HZ / 2, (unsigned long)HZ));
}

/* Ages the learned MACs now, as if fdb_age_secs were @age jiffies. */
void xsw_fdb_expire(struct xsw_switch *sw, unsigned long age)
{
	xsw_fdb_sweep(sw->fdb, NULL, age);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_fdb_expire);

unsigned int xsw_fdb_learned(struct xsw_switch *sw)
{
	return atomic_read(&sw->fdb->n_learned);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_fdb_learned);

/**
 * xsw_fdb_add_nic - put a connected NIC's MAC in the table
 * @nic: the NIC
 *
 * Control lock.  A NIC without a current MAC, or whose MAC another NIC
 * has, is not found by MAC (frames to it flood).
 *
 * Return: 0 or -ENOMEM.
 */
int xsw_fdb_add_nic(struct xsw_nic *nic)
{
	struct xsw_fdb *fdb = nic->port->sw->fdb;
	int err;

	xsw_assert_locked(nic->port->sw);
	ether_addr_copy(nic->fdb_mac, nic->info.current_mac);
	nic->in_macs = false;
	if (is_zero_ether_addr(nic->fdb_mac))
		return 0;
	err = rhashtable_lookup_insert_fast(&fdb->macs, &nic->mac_node,
					    xsw_macs_params);
	if (err == -EEXIST) {
		pr_info("switch %s: port %u NIC %u: MAC %pM is another NIC's; frames to it flood\n",
			nic->port->sw->name, nic->info.port_id,
			nic->info.index, nic->fdb_mac);
		return 0;
	}
	nic->in_macs = !err;
	return err;
}

/* Control lock; the caller waits for a grace period, then sweeps. */
void xsw_fdb_del_nic(struct xsw_nic *nic)
{
	struct xsw_fdb *fdb = nic->port->sw->fdb;

	xsw_assert_locked(nic->port->sw);
	if (nic->in_macs)
		rhashtable_remove_fast(&fdb->macs, &nic->mac_node,
				       xsw_macs_params);
	nic->in_macs = false;
}

/* After the grace period that follows xsw_fdb_del_nic(). */
void xsw_fdb_forget_nic(struct xsw_nic *nic)
{
	xsw_fdb_sweep(nic->port->sw->fdb, nic, 0);
}

int xsw_fdb_create(struct xsw_switch *sw)
{
	struct xsw_fdb *fdb;
	int err;

	fdb = xsw_kzalloc(sizeof(*fdb), GFP_KERNEL_ACCOUNT);
	if (!fdb)
		return -ENOMEM;
	fdb->sw = sw;
	atomic_set(&fdb->n_learned, 0);
	err = rhashtable_init(&fdb->macs, &xsw_macs_params);
	if (err)
		goto free;
	err = rhashtable_init(&fdb->learned, &xsw_learned_params);
	if (err)
		goto macs;
	INIT_DELAYED_WORK(&fdb->age, xsw_fdb_age_work);
	queue_delayed_work(system_power_efficient_wq, &fdb->age, HZ);
	sw->fdb = fdb;
	return 0;

macs:
	rhashtable_destroy(&fdb->macs);
free:
	kfree(fdb);
	return err;
}

static void xsw_fdb_free_entry(void *ptr, void *arg)
{
	kfree(ptr);
}

/* No frame is in the switch any more (its NICs and extensions are gone). */
void xsw_fdb_destroy(struct xsw_switch *sw)
{
	struct xsw_fdb *fdb = sw->fdb;

	if (!fdb)
		return;
	cancel_delayed_work_sync(&fdb->age);
	synchronize_rcu();
	rhashtable_free_and_destroy(&fdb->learned, xsw_fdb_free_entry, NULL);
	rhashtable_destroy(&fdb->macs);
	kfree(fdb);
	sw->fdb = NULL;
}

/**
 * xsw_port_security_rcu - a port's security policy, as enforced
 * @port: the port
 *
 * Under rcu_read_lock().
 *
 * Return: its security property's payload, or NULL.
 */
const struct xsw_prop_security *
xsw_port_security_rcu(const struct xsw_port *port)
{
	return rcu_dereference(port->security);
}
EXPORT_SYMBOL_GPL(xsw_port_security_rcu);

/**
 * xsw_port_vlan_rcu - a port's VLAN policy, as enforced
 * @port: the port
 *
 * Under rcu_read_lock().
 *
 * Return: its VLAN property's payload, or NULL.
 */
const struct xsw_prop_vlan *xsw_port_vlan_rcu(const struct xsw_port *port)
{
	return rcu_dereference(port->vlan);
}
EXPORT_SYMBOL_GPL(xsw_port_vlan_rcu);

static bool xsw_nic_is_vm_type(const struct xsw_nic *nic)
{
	return nic->info.type == XSWITCH_NIC_TYPE_SYNTHETIC ||
	       nic->info.type == XSWITCH_NIC_TYPE_EMULATED;
}

/* The frame's VLAN on entry through @v, or -1 when @v refuses it. */
static int xsw_vlan_in(const struct xsw_prop_vlan *v, u16 vid)
{
	if (v->mode == XSWITCH_VLAN_MODE_ACCESS)
		return vid ? -1 : v->access_vlan;
	if (!vid)
		return v->native_vlan;
	if (vid == v->native_vlan || test_bit(vid, v->allowed))
		return vid;
	return -1;
}

/**
 * xsw_fwd_classify - apply the source port's standard policies
 * @fwd: the frame's context; @fwd->vlan is set
 * @skb: the frame; its 802.1p priority may be cleared
 *
 * The MAC-spoofing guard of a VM's NIC and the VLAN policy.  Originated
 * frames are trusted.  Under rcu_read_lock().
 *
 * Return: 0, or the drop reason.
 */
int xsw_fwd_classify(struct xsw_fwd *fwd, struct sk_buff *skb)
{
	const struct xsw_prop_security *sec;
	const struct xsw_prop_vlan *v;
	struct xsw_nic *nic = fwd->src_nic;
	u16 vid = 0;
	int in;

	if (!fwd->src_port)
		return 0;
	sec = rcu_dereference(fwd->src_port->security);
	if (xsw_nic_is_vm_type(nic) && !(sec && sec->allow_mac_spoofing) &&
	    !is_zero_ether_addr(nic->info.current_mac) &&
	    !ether_addr_equal(eth_hdr(skb)->h_source, nic->info.current_mac))
		return XSWITCH_DROP_REASON_MAC_SPOOF;
	if (skb_vlan_tag_present(skb)) {
		if (!(sec && sec->allow_ieee_priority_tag))
			skb->vlan_tci &= ~VLAN_PRIO_MASK;
		vid = skb_vlan_tag_get_id(skb);
		if (!skb->vlan_tci)
			__vlan_hwaccel_clear_tag(skb);
	}
	/*
	 * One C-tag is all a port classifies by: an S-tag, or a tag behind
	 * an untagged or priority-tagged header, would carry the frame onto
	 * a VLAN its port never admitted.
	 */
	if ((skb_vlan_tag_present(skb) &&
	     skb->vlan_proto != htons(ETH_P_8021Q)) ||
	    (!vid && eth_type_vlan(eth_hdr(skb)->h_proto)))
		return XSWITCH_DROP_REASON_VLAN;
	v = rcu_dereference(fwd->src_port->vlan);
	if (v)
		in = xsw_vlan_in(v, vid);
	else if (fwd->src_port->info.type == XSWITCH_PORT_TYPE_EXTERNAL)
		in = vid;
	else
		in = vid ? -1 : 0;
	if (in < 0)
		return XSWITCH_DROP_REASON_VLAN;
	fwd->vlan = in;
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_fwd_classify);

/**
 * xsw_fwd_may_reach - whether the frame may go to a port
 * @fwd: the frame's context, classified
 * @dst: the port
 *
 * Never its own port; never across non-zero virtual subnet ids; then as
 * @dst's VLAN policy says.  Under rcu_read_lock().
 *
 * Return: true if it may.
 */
bool xsw_fwd_may_reach(const struct xsw_fwd *fwd, const struct xsw_port *dst)
{
	const struct xsw_prop_security *ss, *ds;
	const struct xsw_prop_vlan *v;

	if (dst == fwd->src_port)
		return false;
	if (fwd->src_port) {
		ss = rcu_dereference(fwd->src_port->security);
		ds = rcu_dereference(dst->security);
		if (ss && ds && ss->vsid && ds->vsid && ss->vsid != ds->vsid)
			return false;
	}
	v = rcu_dereference(dst->vlan);
	if (!v)
		return !fwd->vlan || dst->info.type == XSWITCH_PORT_TYPE_EXTERNAL;
	if (v->mode == XSWITCH_VLAN_MODE_ACCESS)
		return fwd->vlan == v->access_vlan;
	return fwd->vlan == v->native_vlan || test_bit(fwd->vlan, v->allowed);
}
EXPORT_SYMBOL_GPL(xsw_fwd_may_reach);

static int xsw_flood(struct xsw_fwd *fwd)
{
	return xsw_fwd_flood(fwd) ? XSWITCH_DROP_REASON_NOMEM : 0;
}

/**
 * xsw_builtin_forward - choose a frame's destinations
 * @fwd: the frame's context
 * @skb: the frame, its MAC header set
 *
 * Return: 0 (the destinations are committed; none is a no-dest drop), or
 * the drop reason.
 */
int xsw_builtin_forward(struct xsw_fwd *fwd, struct sk_buff *skb)
{
	const struct ethhdr *eth = eth_hdr(skb);
	struct xsw_fdb *fdb = fwd->sw->fdb;
	struct xsw_nic *src = fwd->src_nic;
	struct xsw_nic *nic;
	int r;

	r = xsw_fwd_classify(fwd, skb);
	if (r)
		return r;
	if (src && src->info.type == XSWITCH_NIC_TYPE_EXTERNAL &&
	    READ_ONCE(src->dp_on))
		xsw_fdb_learn(fdb, eth->h_source, fwd->vlan, src);
	if (is_multicast_ether_addr(eth->h_dest))
		return xsw_flood(fwd);
	nic = xsw_nic_by_mac_rcu(fwd->sw, eth->h_dest) ?:
	      xsw_fdb_lookup(fdb, eth->h_dest, fwd->vlan);
	if (!nic || !READ_ONCE(nic->dp_on))
		return xsw_flood(fwd);
	if (nic->port == fwd->src_port)
		return XSWITCH_DROP_REASON_NO_DEST;
	if (!xsw_fwd_may_reach(fwd, nic->port))
		return XSWITCH_DROP_REASON_VLAN;
	return xsw_fwd_add_dest(fwd, nic) ? XSWITCH_DROP_REASON_NO_DEST : 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_builtin_forward);
