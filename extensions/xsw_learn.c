// SPDX-License-Identifier: GPL-2.0
/*
 * sample-learn, a forwarding extension built on include/net/xswitch.h only
 * (Documentation/samples.rst has every layout): when enabled it replaces
 * the switch's built-in forwarder with a learning one.
 *
 * - It learns the source MAC of every frame a port sends, in the VLAN
 *   the source port's policy puts it in, as (MAC, VLAN) -> NIC, in a hash
 *   table that frames read under RCU and writers change under a spinlock,
 *   of at most max_entries entries (a module parameter; past it nothing
 *   more is learnt, and the refusals are counted).
 * - An entry not refreshed for age_secs seconds (a module parameter; 0
 *   never ages) is aged out by a delayed work that runs every second or
 *   two; the entries of a NIC go when it disconnects or is deleted.
 * - A unicast frame to a learnt MAC of its VLAN goes to that NIC; one to
 *   an unknown MAC, and every broadcast and multicast frame, is flooded
 *   with xsw_fwd_flood().
 * - It enforces the standard policies as the built-in forwarder does:
 *   xsw_fwd_classify() (the MAC-spoofing guard and the VLAN of the frame)
 *   on ingress, xsw_fwd_may_reach() for a learnt destination.  With the
 *   module parameter vlan=0 it shows what a forwarding extension that
 *   does not enforce VLAN must do (Hyper-V's rule): refuse VLAN port
 *   properties, -EINVAL "sample-learn: does not enforce VLAN", and refuse
 *   to be enabled on a switch whose ports have some.
 * - A NIC's learnt MACs are its run-time data: saved with it, keyed by
 *   MAC and VLAN, and learnt again for the NIC it is restored into.
 *
 * The table is feature status LEARN_STATUS: of the switch, or of a port
 * (that port's entries).
 */
#include <linux/etherdevice.h>
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/xswitch.h>

/* 5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e50: the extension (ExtensionId). */
#define LEARN_UUID UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, \
			     0x8b, 0x6d, 0x2f, 0x4e, 0x50)
/* ...51: feature status, the table. */
static const uuid_t learn_status =
	UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b, 0x6d,
		  0x2f, 0x4e, 0x51);

static unsigned int max_entries = 1024;
module_param(max_entries, uint, 0644);
MODULE_PARM_DESC(max_entries, "Entries a switch's MAC table holds at most (default 1024)");

static unsigned int age_secs = 300;
module_param(age_secs, uint, 0644);
MODULE_PARM_DESC(age_secs, "Seconds an entry lives without a frame from its MAC, 0 for ever (default 300)");

static bool vlan = true;
module_param(vlan, bool, 0444);
MODULE_PARM_DESC(vlan, "Enforce VLAN properties (default); 0 refuses them");

#define LEARN_BITS	8
#define LEARN_BUCKETS	BIT(LEARN_BITS)

/* Feature status: this header, then an entry each (see samples.rst). */
struct learn_status_hdr {
	__le32 entries;
	__le32 refused;
} __packed;

struct learn_status_entry {
	u8 mac[ETH_ALEN];
	__le16 vlan;
	__le32 port_id;
	__le16 nic_index;
	u8 reserved[2];
} __packed;

/*
 * A saved record, version 1: this header, then a struct learn_saved_mac
 * each.  No PortId: the MACs are learnt again for the NIC the record is
 * restored into.  A newer version keeps this prefix.
 */
struct learn_saved {
	u8 version;
	u8 reserved[3];
	__le32 macs;
} __packed;

struct learn_saved_mac {
	u8 mac[ETH_ALEN];
	__le16 vlan;
} __packed;

#define LEARN_SAVED_VERSION	1

/**
 * struct learn_entry - a learnt MAC
 * @node: in its bucket (RCU)
 * @mac: the MAC
 * @vlan: its VLAN, 0 for untagged frames of ports without VLAN policy
 * @port_id: PortId of the NIC it was learnt on (not saved)
 * @nic_index: that NIC's index
 * @seen: jiffies of the last frame from it
 * @rcu: freed after the frames that found it
 */
struct learn_entry {
	struct hlist_node node;
	u8 mac[ETH_ALEN];
	u16 vlan;
	u32 port_id;
	u16 nic_index;
	unsigned long seen;
	struct rcu_head rcu;
};

/* The MACs a restore gives a NIC, learnt when it completes. */
struct learn_restore {
	struct list_head list;
	u32 port_id;
	u16 nic_index;
	u32 n;
	struct learn_saved_mac macs[] __counted_by(n);
};

/**
 * struct learn_priv - one attachment's state
 * @lock: writers of @table and @n (readers use RCU)
 * @table: the entries, by a hash of MAC and VLAN
 * @n: how many
 * @refused: learnings refused because the table was full
 * @age: the delayed work that ages entries out
 * @rlock: @restores
 * @restores: struct learn_restore of the restores in progress
 */
struct learn_priv {
	spinlock_t lock;	/* @table's writers, @n */
	struct hlist_head table[LEARN_BUCKETS];
	unsigned int n;
	atomic64_t refused;
	struct delayed_work age;
	struct mutex rlock;	/* @restores */
	struct list_head restores;
};

static u32 learn_hash(const u8 *mac, u16 vid)
{
	return jhash_2words(get_unaligned((const u32 *)mac),
			    get_unaligned((const u16 *)(mac + 4)) |
			    (u32)vid << 16, 0) & (LEARN_BUCKETS - 1);
}

/* Under rcu_read_lock() or @p->lock. */
static struct learn_entry *learn_find(struct learn_priv *p, const u8 *mac,
				      u16 vid)
{
	struct learn_entry *e;

	hlist_for_each_entry_rcu(e, &p->table[learn_hash(mac, vid)], node,
				 lockdep_is_held(&p->lock))
		if (e->vlan == vid && ether_addr_equal(e->mac, mac))
			return e;
	return NULL;
}

static void learn_del(struct learn_priv *p, struct learn_entry *e)
{
	lockdep_assert_held(&p->lock);
	hlist_del_rcu(&e->node);
	p->n--;
	kfree_rcu(e, rcu);
}

/*
 * @mac in VLAN @vid is behind NIC (@port_id, @index) now.  A known entry
 * of the same NIC is only refreshed, without the lock; any other change
 * takes it.  Softirq or process context.
 */
static void learn(struct learn_priv *p, const u8 *mac, u16 vid, u32 port_id,
		  u16 index)
{
	unsigned long now = jiffies;
	struct learn_entry *e, *n;

	rcu_read_lock();
	e = learn_find(p, mac, vid);
	if (e && e->port_id == port_id && e->nic_index == index) {
		/* Written once a jiffy at most: no cache line bouncing. */
		if (READ_ONCE(e->seen) != now)
			WRITE_ONCE(e->seen, now);
		rcu_read_unlock();
		return;
	}
	rcu_read_unlock();
	spin_lock_bh(&p->lock);
	e = learn_find(p, mac, vid);
	if (!e && p->n >= READ_ONCE(max_entries)) {
		atomic64_inc(&p->refused);
		goto out;
	}
	/* A MAC that moved gets a new entry: readers never see half a move. */
	n = kmalloc(sizeof(*n), GFP_ATOMIC);
	if (!n)
		goto out;
	ether_addr_copy(n->mac, mac);
	n->vlan = vid;
	n->port_id = port_id;
	n->nic_index = index;
	n->seen = jiffies;
	if (e) {
		hlist_replace_rcu(&e->node, &n->node);
		kfree_rcu(e, rcu);
	} else {
		hlist_add_head_rcu(&n->node, &p->table[learn_hash(mac, vid)]);
		p->n++;
	}
out:
	spin_unlock_bh(&p->lock);
}

/* Deletes the entries of NIC (@port_id, @index), or all with @all. */
static void learn_flush(struct learn_priv *p, u32 port_id, u16 index,
			bool all)
{
	struct learn_entry *e;
	struct hlist_node *t;
	unsigned int b;

	spin_lock_bh(&p->lock);
	for (b = 0; b < LEARN_BUCKETS; b++)
		hlist_for_each_entry_safe(e, t, &p->table[b], node)
			if (all || (e->port_id == port_id &&
				    e->nic_index == index))
				learn_del(p, e);
	spin_unlock_bh(&p->lock);
}

static unsigned long learn_interval(void)
{
	unsigned int age = READ_ONCE(age_secs);

	/*
	 * Every half age, between one and two seconds: an entry lives at most
	 * two seconds past its age, and a changed age_secs is soon in force.
	 */
	return clamp_t(unsigned long, age * HZ / 2, HZ, 2 * HZ);
}

static void learn_age(struct work_struct *work)
{
	struct learn_priv *p = container_of(to_delayed_work(work),
					    struct learn_priv, age);
	unsigned long max_age = READ_ONCE(age_secs) * HZ;
	struct learn_entry *e;
	struct hlist_node *t;
	unsigned int b;

	if (max_age) {
		spin_lock_bh(&p->lock);
		for (b = 0; b < LEARN_BUCKETS; b++)
			hlist_for_each_entry_safe(e, t, &p->table[b], node)
				if (time_after(jiffies,
					       READ_ONCE(e->seen) + max_age))
					learn_del(p, e);
		spin_unlock_bh(&p->lock);
	}
	schedule_delayed_work(&p->age, learn_interval());
}

/* --- Control steps -------------------------------------------------- */

static int learn_attach(struct xsw_ext *ext)
{
	struct learn_priv *p = xsw_ext_priv(ext);

	spin_lock_init(&p->lock);
	mutex_init(&p->rlock);
	INIT_LIST_HEAD(&p->restores);
	INIT_DELAYED_WORK(&p->age, learn_age);
	return 0;
}

static void learn_detach(struct xsw_ext *ext)
{
	struct learn_priv *p = xsw_ext_priv(ext);
	struct learn_restore *r, *t;

	/* Every restore completed before: this is only in case. */
	list_for_each_entry_safe(r, t, &p->restores, list)
		kfree(r);
	mutex_destroy(&p->rlock);
}

static int learn_vlan_prop(const struct xsw_property *prop, void *arg)
{
	return prop->type == XSWITCH_PROP_TYPE_VLAN ? -EINVAL : 0;
}

static int learn_vlan_port(struct xsw_port *port, void *arg)
{
	return xsw_port_walk_props(port, learn_vlan_prop, NULL);
}

static int learn_activate(struct xsw_ext *ext, struct netlink_ext_ack *extack)
{
	struct learn_priv *p = xsw_ext_priv(ext);

	if (!vlan &&
	    xsw_switch_walk_ports(xsw_ext_switch(ext), learn_vlan_port, NULL)) {
		NL_SET_ERR_MSG(extack, "sample-learn: does not enforce VLAN; a port has one");
		return -EINVAL;
	}
	atomic64_set(&p->refused, 0);
	schedule_delayed_work(&p->age, learn_interval());
	return 0;
}

static void learn_deactivate(struct xsw_ext *ext)
{
	struct learn_priv *p = xsw_ext_priv(ext);

	cancel_delayed_work_sync(&p->age);
	learn_flush(p, 0, 0, true);
}

/* Hyper-V: a forwarding extension that does not enforce VLAN refuses it. */
static int learn_prop(struct xsw_ext *ext, struct xsw_port *port,
		      const struct xsw_property *prop,
		      struct netlink_ext_ack *extack)
{
	if (vlan || prop->type != XSWITCH_PROP_TYPE_VLAN)
		return 0;
	NL_SET_ERR_MSG(extack, "sample-learn: does not enforce VLAN");
	return -EINVAL;
}

static void learn_nic_gone(struct xsw_ext *ext, struct xsw_nic *nic)
{
	const struct xsw_nic_info *info = xsw_nic_info(nic);

	learn_flush(xsw_ext_priv(ext), info->port_id, info->index, false);
}

/* --- Frames --------------------------------------------------------- */

static int learn_flood(struct xsw_fwd *fwd)
{
	int err = xsw_fwd_flood(fwd);

	return err == -ENOMEM && !fwd->n_dest ? XSWITCH_DROP_REASON_NOMEM : 0;
}

/* The connected NIC of entry @e, if there is one. */
static struct xsw_nic *learn_nic(struct xsw_switch *sw,
				 const struct learn_entry *e)
{
	struct xsw_port *port = xsw_port_lookup_rcu(sw, e->port_id);
	struct xsw_nic *nic;

	nic = port ? xsw_nic_lookup_rcu(port, e->nic_index) : NULL;
	if (!nic ||
	    READ_ONCE(xsw_nic_info(nic)->state) != XSWITCH_NIC_STATE_CONNECTED)
		return NULL;
	return nic;
}

static int learn_rx(struct xsw_ext *ext, struct sk_buff *skb,
		    struct xsw_fwd *fwd)
{
	struct learn_priv *p = xsw_ext_priv(ext);
	const struct ethhdr *eth = eth_hdr(skb);
	struct learn_entry *e;
	struct xsw_nic *nic;
	int r;

	/* An originated frame is trusted: no policy, nothing to learn. */
	if (fwd->src_port) {
		r = xsw_fwd_classify(fwd, skb);
		if (r)
			return r;
		if (is_valid_ether_addr(eth->h_source))
			learn(p, eth->h_source, fwd->vlan, fwd->src_port_id,
			      fwd->src_nic_index);
	}
	if (is_multicast_ether_addr(eth->h_dest))
		return learn_flood(fwd);
	e = learn_find(p, eth->h_dest, fwd->vlan);
	nic = e ? learn_nic(fwd->sw, e) : NULL;
	if (!nic)
		return learn_flood(fwd);
	/* Back where it came from: no destination, the switch drops it. */
	if (nic == fwd->src_nic)
		return 0;
	if (!xsw_fwd_may_reach(fwd, xsw_nic_port(nic)))
		return XSWITCH_DROP_REASON_VLAN;
	return xsw_fwd_add_dest(fwd, nic) == -ENOMEM ?
	       XSWITCH_DROP_REASON_NOMEM : 0;
}

/* --- Feature status ------------------------------------------------- */

static bool learn_of(const struct learn_entry *e, const struct xsw_port *port)
{
	return !port || e->port_id == xsw_port_info(port)->id;
}

/*
 * The entries (of @port, or all), as many as fit in XSW_FEATURE_STATUS_MAX
 * bytes; the header counts them all.
 */
static int learn_feature_status(struct xsw_ext *ext, struct xsw_port *port,
				const uuid_t *id, void *buf, u32 *len)
{
	const u32 room = (XSW_FEATURE_STATUS_MAX - sizeof(struct learn_status_hdr)) /
			 sizeof(struct learn_status_entry);
	struct learn_priv *p = xsw_ext_priv(ext);
	struct learn_status_entry *w;
	struct learn_status_hdr *h = buf;
	struct learn_entry *e;
	u32 n = 0, size, b;

	if (!uuid_equal(id, &learn_status))
		return -EOPNOTSUPP;
	rcu_read_lock();
	for (b = 0; b < LEARN_BUCKETS; b++)
		hlist_for_each_entry_rcu(e, &p->table[b], node)
			n += learn_of(e, port);
	size = sizeof(*h) + min(n, room) * sizeof(*w);
	if (size <= *len) {
		w = (void *)(h + 1);
		n = 0;
		for (b = 0; b < LEARN_BUCKETS; b++) {
			hlist_for_each_entry_rcu(e, &p->table[b], node) {
				if (!learn_of(e, port))
					continue;
				if ((u8 *)(w + 1) <= (u8 *)buf + size) {
					memset(w, 0, sizeof(*w));
					ether_addr_copy(w->mac, e->mac);
					w->vlan = cpu_to_le16(e->vlan);
					w->port_id = cpu_to_le32(e->port_id);
					w->nic_index = cpu_to_le16(e->nic_index);
					w++;
				}
				n++;
			}
		}
		/* Entries learnt meanwhile do not fit: the list is what fit. */
		size = (u8 *)w - (u8 *)buf;
		h->entries = cpu_to_le32(n);
		h->refused = cpu_to_le32(min_t(u64, atomic64_read(&p->refused),
					       U32_MAX));
	}
	rcu_read_unlock();
	if (size > *len) {
		*len = size;
		return -ENOSPC;
	}
	*len = size;
	return 0;
}

/* --- Run-time data -------------------------------------------------- */

static bool learn_on(const struct learn_entry *e,
		     const struct xsw_nic_info *info)
{
	return e->port_id == info->port_id &&
	       e->nic_index == info->index;
}

/* One record: the MACs learnt on @nic (with their VLANs). */
static int learn_nic_save(struct xsw_ext *ext, struct xsw_nic *nic,
			  struct xsw_save *save, struct netlink_ext_ack *extack)
{
	const struct xsw_nic_info *info = xsw_nic_info(nic);
	struct learn_priv *p = xsw_ext_priv(ext);
	struct learn_saved_mac *m;
	struct learn_saved *s;
	struct learn_entry *e;
	u32 size, need, n = 0, b;

	if (xsw_save_given(save))
		return 0;
	s = xsw_save_buf(save, &size);
	m = (void *)(s + 1);
	rcu_read_lock();
	for (b = 0; b < LEARN_BUCKETS; b++) {
		hlist_for_each_entry_rcu(e, &p->table[b], node) {
			if (!learn_on(e, info))
				continue;
			if (sizeof(*s) + (n + 1) * sizeof(*m) <= size) {
				ether_addr_copy(m[n].mac, e->mac);
				m[n].vlan = cpu_to_le16(e->vlan);
			}
			n++;
		}
	}
	rcu_read_unlock();
	if (!n)
		return 0;
	need = sizeof(*s) + n * sizeof(*m);
	if (need > size)
		return xsw_save_need(save, need);
	memset(s, 0, sizeof(*s));
	s->version = LEARN_SAVED_VERSION;
	s->macs = cpu_to_le32(n);
	return xsw_save_record(save, NULL, "sample-learn MACs", need);
}

/* The restore's MACs are kept until it completes. */
static int learn_nic_restore(struct xsw_ext *ext, struct xsw_nic *nic,
			     const struct xsw_record *rec,
			     struct netlink_ext_ack *extack)
{
	const struct xsw_nic_info *info = xsw_nic_info(nic);
	struct learn_priv *p = xsw_ext_priv(ext);
	const struct learn_saved *s = rec->data;
	struct learn_restore *r;
	u64 n = 0;

	if (rec->len >= sizeof(*s))
		n = le32_to_cpu(s->macs);
	if (rec->len < sizeof(*s) || s->version < LEARN_SAVED_VERSION ||
	    rec->len < sizeof(*s) + n * sizeof(struct learn_saved_mac)) {
		pr_warn("sample-learn: a saved record of %u bytes is not one this module reads; dropped\n",
			rec->len);
		return 0;
	}
	r = kzalloc(struct_size(r, macs, n), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->port_id = info->port_id;
	r->nic_index = info->index;
	r->n = n;
	memcpy(r->macs, s + 1, n * sizeof(r->macs[0]));
	mutex_lock(&p->rlock);
	list_add_tail(&r->list, &p->restores);
	mutex_unlock(&p->rlock);
	return 0;
}

/*
 * Once the whole restore succeeded its MACs are learnt for the NIC (valid
 * unicast MACs of VLAN 0 to 4094 only), as fresh entries; otherwise they
 * are dropped.
 */
static void learn_nic_restore_complete(struct xsw_ext *ext,
				       struct xsw_nic *nic, int status)
{
	const struct xsw_nic_info *info = xsw_nic_info(nic);
	struct learn_priv *p = xsw_ext_priv(ext);
	struct learn_restore *r, *t;
	LIST_HEAD(mine);
	u32 i;

	mutex_lock(&p->rlock);
	list_for_each_entry_safe(r, t, &p->restores, list)
		if (r->port_id == info->port_id &&
		    r->nic_index == info->index)
			list_move_tail(&r->list, &mine);
	mutex_unlock(&p->rlock);
	list_for_each_entry_safe(r, t, &mine, list) {
		for (i = 0; i < r->n && !status; i++) {
			u16 vid = le16_to_cpu(r->macs[i].vlan);

			if (is_valid_ether_addr(r->macs[i].mac) &&
			    vid <= XSW_VLAN_ID_MAX)
				learn(p, r->macs[i].mac, vid, info->port_id,
				      info->index);
		}
		list_del(&r->list);
		kfree(r);
	}
}

static const struct xsw_extension_ops learn_ops = {
	.name = "sample-learn",
	.uuid = LEARN_UUID,
	.class = XSWITCH_EXT_CLASS_FORWARD,
	.owner = THIS_MODULE,
	.priv_size = sizeof(struct learn_priv),
	.attach = learn_attach,
	.detach = learn_detach,
	.activate = learn_activate,
	.deactivate = learn_deactivate,
	.port_prop_add = learn_prop,
	.port_prop_update = learn_prop,
	.nic_disconnect = learn_nic_gone,
	.nic_delete = learn_nic_gone,
	.feature_status = learn_feature_status,
	.nic_save = learn_nic_save,
	.nic_restore = learn_nic_restore,
	.nic_restore_complete = learn_nic_restore_complete,
	.rx = learn_rx,
};

static int __init learn_init(void)
{
	return xsw_extension_register(&learn_ops);
}

static void __exit learn_exit(void)
{
	xsw_extension_unregister(&learn_ops);
	rcu_barrier();
}

module_init(learn_init);
module_exit(learn_exit);
MODULE_DESCRIPTION("xswitch sample extension sample-learn: a learning forwarder");
MODULE_LICENSE("GPL");
