// SPDX-License-Identifier: GPL-2.0
/*
 * sample-count, a capture extension built on include/net/xswitch.h only
 * (Documentation/samples.rst has every layout):
 *
 * - it counts, per port, the frames (and their bytes) the port sends into
 *   the switch (rx, seen first on ingress) and those the switch hands to
 *   it (tx, seen last on egress, once every extension let them through),
 *   in per-CPU counters, and answers them as feature status
 *   COUNT_PORT_STATUS of the port;
 * - with a custom switch property COUNT_MIRROR (two port names) it copies
 *   every frame from or to the source port to the mirror port's NIC 0,
 *   with xsw_dp_originate(); feature status COUNT_SWITCH_STATUS of the
 *   switch counts the copies sent and those that could not be;
 * - a port's counters are the run-time data of its NIC 0: saved with it,
 *   and restored where the NIC goes (another port, another host), so a
 *   VM's counters follow it.
 *
 * As a capture extension it vetoes nothing (the switch would ignore it):
 * a malformed mirror property is stored by the switch, logged here, and
 * mirrors nothing, which the switch's feature status tells.  It never
 * drops a frame.
 */
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/u64_stats_sync.h>
#include <linux/xarray.h>
#include <net/xswitch.h>

/* 5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e30: the extension (ExtensionId). */
#define COUNT_UUID UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, \
			     0x8b, 0x6d, 0x2f, 0x4e, 0x30)
/* ...31: feature status of a port; ...32: of the switch. */
static const uuid_t count_port_status =
	UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b, 0x6d,
		  0x2f, 0x4e, 0x31);
static const uuid_t count_switch_status =
	UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b, 0x6d,
		  0x2f, 0x4e, 0x32);
/* ...33: PropertyId of the mirror switch property. */
static const uuid_t count_mirror_id =
	UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b, 0x6d,
		  0x2f, 0x4e, 0x33);

#define COUNT_MIRROR_VERSION	1
#define COUNT_NAME_LEN		XSWITCH_LONG_NAME_LEN

/*
 * The mirror property's payload, PropertyVersion 1: the source port's and
 * the mirror port's PortName, each NUL-terminated and NUL-padded.
 */
struct count_mirror_prop {
	char source[COUNT_NAME_LEN];
	char mirror[COUNT_NAME_LEN];
} __packed;

/* A port's counters as feature status and in a saved record. */
struct count_wire {
	__le64 rx_packets;
	__le64 rx_bytes;
	__le64 tx_packets;
	__le64 tx_bytes;
} __packed;

/*
 * The switch's feature status: copies sent to the mirror port and copies
 * that could not be (no memory, the mirror port or its NIC 0 absent or
 * not connected), and the mirror's state.
 */
struct count_switch_wire {
	__le64 mirrored;
	__le64 mirror_failed;
	__le32 mirror;
	__le32 reserved;
} __packed;

enum { COUNT_MIRROR_NONE, COUNT_MIRROR_ON, COUNT_MIRROR_MALFORMED };

/*
 * A saved record, version 1: a newer version keeps this prefix.  The
 * record travels with the NIC it is saved from and restored into, which
 * is its key: it holds no PortId.
 */
struct count_saved {
	u8 version;
	u8 reserved[7];
	struct count_wire counts;
} __packed;

#define COUNT_SAVED_VERSION	1

enum {
	COUNT_RX_PACKETS,
	COUNT_RX_BYTES,
	COUNT_TX_PACKETS,
	COUNT_TX_BYTES,
	COUNT_N
};

struct count_cpu {
	u64_stats_t v[COUNT_N];
	struct u64_stats_sync syncp;
};

/* Mirror roles of a port. */
#define COUNT_ROLE_SOURCE	BIT(0)

/**
 * struct count_port - what sample-count keeps for one port
 * @id: its PortId, the key in &count_priv.ports (not saved)
 * @role: COUNT_ROLE_SOURCE when the mirror copies its frames
 * @cpu: the counters
 * @lock: @base and the restore's @restored
 * @base: added to the sum of @cpu (a restore sets the counters with it)
 * @restored: a restored record's counters, taken in when the restore
 *	completes without error, if @has_restored
 * @has_restored: @restored holds a record of the restore in progress
 * @rcu: frees it after the frames that found it
 * @name: its PortName, which the mirror property names
 */
struct count_port {
	u32 id;
	u8 role;
	struct count_cpu __percpu *cpu;
	spinlock_t lock;	/* @base, @restored, @has_restored */
	u64 base[COUNT_N];
	u64 restored[COUNT_N];
	bool has_restored;
	struct rcu_head rcu;
	char name[COUNT_NAME_LEN];
};

/**
 * struct count_mirror - the mirror property in force
 * @instance_id: PropertyInstanceId of the property
 * @bad: it is malformed, and mirrors nothing
 * @prop: its payload
 * @rcu: freed after a grace period
 */
struct count_mirror {
	uuid_t instance_id;
	bool bad;
	struct count_mirror_prop prop;
	struct rcu_head rcu;
};

/**
 * struct count_priv - one attachment's state
 * @ports: struct count_port by PortId (RCU readers; written under the
 *	control lock)
 * @mirror: the mirror property in force (RCU), or NULL
 * @pending: a mirror property added or updated, until its step completes
 * @deleting: the mirror property's delete step runs
 * @mirror_port: PortId of the mirror port when it exists, else 0
 * @mirrored: copies sent
 * @mirror_failed: copies that could not be made or sent
 */
struct count_priv {
	struct xarray ports;
	struct count_mirror __rcu *mirror;
	struct count_mirror *pending;
	bool deleting;
	u32 mirror_port;
	atomic64_t mirrored;
	atomic64_t mirror_failed;
};

static void count_port_free_rcu(struct rcu_head *head)
{
	struct count_port *cp = container_of(head, struct count_port, rcu);

	free_percpu(cp->cpu);
	kfree(cp);
}

/* The counters of @cp: @base plus the per-CPU sums. */
static void count_read(struct count_port *cp, u64 *v)
{
	unsigned int start, i;
	int cpu;

	spin_lock(&cp->lock);
	memcpy(v, cp->base, sizeof(cp->base));
	spin_unlock(&cp->lock);
	for_each_possible_cpu(cpu) {
		const struct count_cpu *c = per_cpu_ptr(cp->cpu, cpu);
		u64 s[COUNT_N];

		do {
			start = u64_stats_fetch_begin(&c->syncp);
			for (i = 0; i < COUNT_N; i++)
				s[i] = u64_stats_read(&c->v[i]);
		} while (u64_stats_fetch_retry(&c->syncp, start));
		for (i = 0; i < COUNT_N; i++)
			v[i] += s[i];
	}
}

/* Makes the counters of @cp read @v from now on. */
static void count_set(struct count_port *cp, const u64 *v)
{
	u64 now[COUNT_N];
	unsigned int i;

	count_read(cp, now);
	spin_lock(&cp->lock);
	for (i = 0; i < COUNT_N; i++)
		cp->base[i] += v[i] - now[i];
	spin_unlock(&cp->lock);
}

static bool count_is(const char *name, const char *want)
{
	return want[0] && !strcmp(name, want);
}

/*
 * Gives every port its mirror role, and the mirror port's id, from the
 * mirror in force.  Control lock.
 */
static void count_resolve(struct count_priv *p)
{
	struct count_mirror *m = rcu_dereference_protected(p->mirror, true);
	struct count_port *cp;
	unsigned long id;
	u32 mirror_port = 0;

	if (m && m->bad)
		m = NULL;
	xa_for_each(&p->ports, id, cp) {
		u8 role = 0;

		if (m && count_is(cp->name, m->prop.source))
			role = COUNT_ROLE_SOURCE;
		if (m && count_is(cp->name, m->prop.mirror))
			mirror_port = cp->id;
		WRITE_ONCE(cp->role, role);
	}
	WRITE_ONCE(p->mirror_port, mirror_port);
}

static int count_port_add(struct count_priv *p, struct xsw_port *port)
{
	const struct xsw_port_info *info = xsw_port_info(port);
	struct count_port *cp;
	int err, cpu;

	/* A validation port never carries a frame: nothing to reserve. */
	if (info->validation)
		return 0;
	cp = kzalloc(sizeof(*cp), GFP_KERNEL);
	if (!cp)
		return -ENOMEM;
	cp->cpu = alloc_percpu(struct count_cpu);
	if (!cp->cpu) {
		kfree(cp);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(cp->cpu, cpu)->syncp);
	cp->id = info->id;
	spin_lock_init(&cp->lock);
	strscpy(cp->name, info->name, sizeof(cp->name));
	err = xa_insert(&p->ports, cp->id, cp, GFP_KERNEL);
	if (err) {
		free_percpu(cp->cpu);
		kfree(cp);
		return err;
	}
	count_resolve(p);
	return 0;
}

static void count_port_remove(struct count_priv *p, u32 id)
{
	struct count_port *cp = xa_erase(&p->ports, id);

	if (!cp)
		return;
	count_resolve(p);
	call_rcu(&cp->rcu, count_port_free_rcu);
}

static void count_remove_all(struct count_priv *p)
{
	struct count_mirror *m;
	struct count_port *cp;
	unsigned long id;

	xa_for_each(&p->ports, id, cp) {
		xa_erase(&p->ports, id);
		call_rcu(&cp->rcu, count_port_free_rcu);
	}
	m = rcu_replace_pointer(p->mirror, NULL, true);
	if (m)
		kfree_rcu(m, rcu);
	kfree(p->pending);
	p->pending = NULL;
	p->mirror_port = 0;
}

/* --- The mirror property ------------------------------------------- */

static bool count_mirror_prop(const struct xsw_property *prop)
{
	return prop->type == XSWITCH_PROP_TYPE_CUSTOM &&
	       uuid_equal(&prop->id, &count_mirror_id);
}

/* A port name of the payload: 1 to 255 bytes, NUL-padded. */
static bool count_name_ok(const char *name)
{
	size_t len = strnlen(name, COUNT_NAME_LEN);

	return len && len < COUNT_NAME_LEN &&
	       !memchr_inv(name + len, 0, COUNT_NAME_LEN - len);
}

/* Why the mirror property @prop cannot be put in force, or NULL. */
static const char *count_mirror_bad(const struct xsw_property *prop)
{
	const struct count_mirror_prop *m = prop->data;

	if (prop->version != COUNT_MIRROR_VERSION)
		return "its version is not 1";
	if (prop->len != sizeof(*m))
		return "it is not 512 bytes, two port names of 256";
	if (!count_name_ok(m->source) || !count_name_ok(m->mirror))
		return "a port name is empty, unterminated or not NUL-padded";
	if (!strcmp(m->source, m->mirror))
		return "the mirror port is the source port";
	return NULL;
}

/*
 * The mirror @prop asks for; a malformed one mirrors nothing.  A capture
 * extension cannot veto (the switch ignores it), so a malformed property
 * is stored by the switch and only logged here, and the switch's feature
 * status says it is not in force.
 */
static struct count_mirror *count_mirror_new(struct xsw_ext *ext,
					     const struct xsw_property *prop)
{
	const char *sw = xsw_switch_name(xsw_ext_switch(ext));
	const char *bad = count_mirror_bad(prop);
	struct count_mirror *m;

	/* Without memory the mirror stays as it was (kmalloc said why). */
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	m->instance_id = prop->instance_id;
	if (bad) {
		pr_warn("sample-count: switch %s: the mirror property is not in force: %s\n",
			sw, bad);
		m->bad = true;
	} else {
		memcpy(&m->prop, prop->data, sizeof(m->prop));
	}
	return m;
}

/* Whether @prop is another instance than the mirror in force. */
static bool count_mirror_other(struct xsw_ext *ext,
			       const struct xsw_property *prop)
{
	struct count_priv *p = xsw_ext_priv(ext);
	struct count_mirror *cur = rcu_dereference_protected(p->mirror, true);

	if (!cur || uuid_equal(&cur->instance_id, &prop->instance_id))
		return false;
	pr_warn("sample-count: switch %s: a second mirror property is ignored\n",
		xsw_switch_name(xsw_ext_switch(ext)));
	return true;
}

/* Stages the mirror of @prop, put in force when its step completes. */
static int count_switch_prop_add(struct xsw_ext *ext,
				 const struct xsw_property *prop,
				 struct netlink_ext_ack *extack)
{
	struct count_priv *p = xsw_ext_priv(ext);

	if (!count_mirror_prop(prop) || count_mirror_other(ext, prop))
		return 0;
	kfree(p->pending);
	p->pending = count_mirror_new(ext, prop);
	return 0;
}

static int count_switch_prop_delete(struct xsw_ext *ext,
				    const struct xsw_property *prop,
				    struct netlink_ext_ack *extack)
{
	struct count_priv *p = xsw_ext_priv(ext);

	p->deleting = count_mirror_prop(prop) &&
		      rcu_access_pointer(p->mirror) &&
		      !count_mirror_other(ext, prop);
	return 0;
}

/* Puts @m (or no mirror) in force. */
static void count_mirror_set(struct count_priv *p, struct count_mirror *m)
{
	struct count_mirror *old;

	old = rcu_replace_pointer(p->mirror, m, true);
	if (old)
		kfree_rcu(old, rcu);
	count_resolve(p);
}

/*
 * A step that passed us is over: a port we counted from its create is
 * published or undone, a mirror property we staged takes effect or not.
 */
static void count_complete(struct xsw_ext *ext, const struct xsw_step *step,
			   int status)
{
	struct count_priv *p = xsw_ext_priv(ext);

	switch (step->op) {
	case XSWITCH_OP_PORT_CREATE:
		if (status)
			count_port_remove(p, xsw_port_info(step->port)->id);
		break;
	case XSWITCH_OP_SWITCH_PROP_ADD:
	case XSWITCH_OP_SWITCH_PROP_UPDATE:
		if (!p->pending)
			break;
		if (!status)
			count_mirror_set(p, p->pending);
		else
			kfree(p->pending);
		p->pending = NULL;
		break;
	case XSWITCH_OP_SWITCH_PROP_DELETE:
		if (p->deleting && !status)
			count_mirror_set(p, NULL);
		p->deleting = false;
		break;
	}
}

/* --- Ports ---------------------------------------------------------- */

static int count_port_create(struct xsw_ext *ext, struct xsw_port *port,
			     struct netlink_ext_ack *extack)
{
	/* A capture extension cannot veto: without memory, it does not count. */
	if (count_port_add(xsw_ext_priv(ext), port))
		pr_warn("sample-count: switch %s: port %u is not counted: out of memory\n",
			xsw_switch_name(xsw_port_switch(port)),
			xsw_port_info(port)->id);
	return 0;
}

static void count_port_delete(struct xsw_ext *ext, struct xsw_port *port)
{
	count_port_remove(xsw_ext_priv(ext), xsw_port_info(port)->id);
}

static int count_learn_port(struct xsw_port *port, void *arg)
{
	return count_port_add(arg, port);
}

static int count_learn_prop(const struct xsw_property *prop, void *arg)
{
	struct xsw_ext *ext = arg;
	struct count_priv *p = xsw_ext_priv(ext);
	struct count_mirror *m;

	if (!count_mirror_prop(prop) || count_mirror_other(ext, prop))
		return 0;
	m = count_mirror_new(ext, prop);
	if (!m)
		return -ENOMEM;
	count_mirror_set(p, m);
	return 0;
}

static int count_attach(struct xsw_ext *ext)
{
	struct count_priv *p = xsw_ext_priv(ext);

	xa_init(&p->ports);
	return 0;
}

static void count_detach(struct xsw_ext *ext)
{
	xa_destroy(&((struct count_priv *)xsw_ext_priv(ext))->ports);
}

/* Learns the ports and the mirror property the switch already has. */
static int count_activate(struct xsw_ext *ext, struct netlink_ext_ack *extack)
{
	struct count_priv *p = xsw_ext_priv(ext);
	struct xsw_switch *sw = xsw_ext_switch(ext);
	int err;

	atomic64_set(&p->mirrored, 0);
	atomic64_set(&p->mirror_failed, 0);
	err = xsw_switch_walk_ports(sw, count_learn_port, p);
	if (!err)
		err = xsw_switch_walk_props(sw, count_learn_prop, ext);
	if (err) {
		count_remove_all(p);
		NL_SET_ERR_MSG(extack, "sample-count: out of memory");
	}
	return err;
}

static void count_deactivate(struct xsw_ext *ext)
{
	count_remove_all(xsw_ext_priv(ext));
}

/* --- Frames --------------------------------------------------------- */

static void count_add(struct count_port *cp, bool tx, unsigned int len)
{
	struct count_cpu *c = this_cpu_ptr(cp->cpu);

	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->v[tx ? COUNT_TX_PACKETS : COUNT_RX_PACKETS]);
	u64_stats_add(&c->v[tx ? COUNT_TX_BYTES : COUNT_RX_BYTES], len);
	u64_stats_update_end(&c->syncp);
}

/* A copy of @skb to the mirror port's NIC 0, if it is connected. */
static void count_mirror(struct xsw_ext *ext, struct count_priv *p,
			 struct sk_buff *skb)
{
	u32 id = READ_ONCE(p->mirror_port);
	struct xsw_port *port;
	struct xsw_nic *nic = NULL;
	struct sk_buff *copy;

	port = id ? xsw_port_lookup_rcu(xsw_ext_switch(ext), id) : NULL;
	if (port)
		nic = xsw_nic_lookup_rcu(port, 0);
	if (!nic ||
	    READ_ONCE(xsw_nic_info(nic)->state) != XSWITCH_NIC_STATE_CONNECTED)
		goto failed;
	copy = skb_clone(skb, GFP_ATOMIC);
	if (!copy)
		goto failed;
	if (xsw_dp_originate(ext, copy, nic))
		goto failed;
	atomic64_inc(&p->mirrored);
	return;
failed:
	atomic64_inc(&p->mirror_failed);
}

static int count_rx(struct xsw_ext *ext, struct sk_buff *skb,
		    struct xsw_fwd *fwd)
{
	struct count_priv *p = xsw_ext_priv(ext);
	struct count_port *cp;

	if (!fwd->src_port)
		return 0;
	cp = xa_load(&p->ports, fwd->src_port_id);
	if (!cp)
		return 0;
	count_add(cp, false, skb->len);
	if (READ_ONCE(cp->role) & COUNT_ROLE_SOURCE)
		count_mirror(ext, p, skb);
	return 0;
}

static int count_tx(struct xsw_ext *ext, struct sk_buff *skb,
		    const struct xsw_fwd *fwd, const struct xsw_dest *dest)
{
	struct count_priv *p = xsw_ext_priv(ext);
	struct count_port *cp = xa_load(&p->ports, dest->port_id);

	if (!cp)
		return 0;
	count_add(cp, true, skb->len);
	if (READ_ONCE(cp->role) & COUNT_ROLE_SOURCE)
		count_mirror(ext, p, skb);
	return 0;
}

/* --- Feature status ------------------------------------------------- */

static int count_answer(const void *val, u32 size, void *buf, u32 *len)
{
	if (*len < size) {
		*len = size;
		return -ENOSPC;
	}
	memcpy(buf, val, size);
	*len = size;
	return 0;
}

static void count_to_wire(const u64 *v, struct count_wire *w)
{
	w->rx_packets = cpu_to_le64(v[COUNT_RX_PACKETS]);
	w->rx_bytes = cpu_to_le64(v[COUNT_RX_BYTES]);
	w->tx_packets = cpu_to_le64(v[COUNT_TX_PACKETS]);
	w->tx_bytes = cpu_to_le64(v[COUNT_TX_BYTES]);
}

static void count_from_wire(const struct count_wire *w, u64 *v)
{
	v[COUNT_RX_PACKETS] = le64_to_cpu(w->rx_packets);
	v[COUNT_RX_BYTES] = le64_to_cpu(w->rx_bytes);
	v[COUNT_TX_PACKETS] = le64_to_cpu(w->tx_packets);
	v[COUNT_TX_BYTES] = le64_to_cpu(w->tx_bytes);
}

static int count_feature_status(struct xsw_ext *ext, struct xsw_port *port,
				const uuid_t *id, void *buf, u32 *len)
{
	struct count_priv *p = xsw_ext_priv(ext);
	struct count_switch_wire sw = {};
	struct count_mirror *m;
	struct count_port *cp;
	struct count_wire w;
	u64 v[COUNT_N] = {};

	if (!port && uuid_equal(id, &count_switch_status)) {
		sw.mirrored = cpu_to_le64(atomic64_read(&p->mirrored));
		sw.mirror_failed = cpu_to_le64(atomic64_read(&p->mirror_failed));
		m = rcu_dereference_protected(p->mirror, true);
		sw.mirror = cpu_to_le32(!m ? COUNT_MIRROR_NONE :
					m->bad ? COUNT_MIRROR_MALFORMED :
					COUNT_MIRROR_ON);
		return count_answer(&sw, sizeof(sw), buf, len);
	}
	if (!port || !uuid_equal(id, &count_port_status))
		return -EOPNOTSUPP;
	cp = xa_load(&p->ports, xsw_port_info(port)->id);
	if (cp)
		count_read(cp, v);
	count_to_wire(v, &w);
	return count_answer(&w, sizeof(w), buf, len);
}

/* --- Run-time data -------------------------------------------------- */

/* The port entry of @nic, if it is the NIC that carries its counters. */
static struct count_port *count_nic_port(struct count_priv *p,
					 struct xsw_nic *nic)
{
	const struct xsw_nic_info *info = xsw_nic_info(nic);

	if (info->index)
		return NULL;
	return xa_load(&p->ports, info->port_id);
}

/* One record, from NIC 0 only: its port's counters. */
static int count_nic_save(struct xsw_ext *ext, struct xsw_nic *nic,
			  struct xsw_save *save, struct netlink_ext_ack *extack)
{
	struct count_port *cp;
	struct count_saved *s;
	u64 v[COUNT_N];
	u32 size;

	if (xsw_save_given(save))
		return 0;
	/*
	 * The NIC is connected for the whole save, so its port, and the
	 * entry, stay.
	 */
	cp = count_nic_port(xsw_ext_priv(ext), nic);
	if (!cp)
		return 0;
	count_read(cp, v);
	s = xsw_save_buf(save, &size);
	memset(s, 0, sizeof(*s));
	s->version = COUNT_SAVED_VERSION;
	count_to_wire(v, &s->counts);
	return xsw_save_record(save, NULL, "sample-count counters", sizeof(*s));
}

/*
 * The saved counters become the port's once the whole restore succeeded;
 * a record this module cannot read is dropped (with a warning), not fatal.
 */
static int count_nic_restore(struct xsw_ext *ext, struct xsw_nic *nic,
			     const struct xsw_record *rec,
			     struct netlink_ext_ack *extack)
{
	const struct count_saved *s = rec->data;
	struct count_port *cp;

	if (rec->len < sizeof(*s) || s->version < COUNT_SAVED_VERSION) {
		pr_warn("sample-count: a saved record of %u bytes is not one this module reads; dropped\n",
			rec->len);
		return 0;
	}
	cp = count_nic_port(xsw_ext_priv(ext), nic);
	if (!cp)
		return 0;
	spin_lock(&cp->lock);
	count_from_wire(&s->counts, cp->restored);
	cp->has_restored = true;
	spin_unlock(&cp->lock);
	return 0;
}

static void count_nic_restore_complete(struct xsw_ext *ext,
				       struct xsw_nic *nic, int status)
{
	struct count_port *cp = count_nic_port(xsw_ext_priv(ext), nic);
	u64 v[COUNT_N];
	bool take;

	if (!cp)
		return;
	spin_lock(&cp->lock);
	take = cp->has_restored && !status;
	memcpy(v, cp->restored, sizeof(v));
	cp->has_restored = false;
	spin_unlock(&cp->lock);
	if (take)
		count_set(cp, v);
}

static const struct xsw_extension_ops count_ops = {
	.name = "sample-count",
	.uuid = COUNT_UUID,
	.class = XSWITCH_EXT_CLASS_CAPTURE,
	.owner = THIS_MODULE,
	.priv_size = sizeof(struct count_priv),
	.attach = count_attach,
	.detach = count_detach,
	.activate = count_activate,
	.deactivate = count_deactivate,
	.port_create = count_port_create,
	.port_delete = count_port_delete,
	.switch_prop_add = count_switch_prop_add,
	.switch_prop_update = count_switch_prop_add,
	.switch_prop_delete = count_switch_prop_delete,
	.complete = count_complete,
	.feature_status = count_feature_status,
	.nic_save = count_nic_save,
	.nic_restore = count_nic_restore,
	.nic_restore_complete = count_nic_restore_complete,
	.rx = count_rx,
	.tx = count_tx,
};

static int __init count_init(void)
{
	return xsw_extension_register(&count_ops);
}

static void __exit count_exit(void)
{
	xsw_extension_unregister(&count_ops);
	/* The frees queued by port deletes and deactivations. */
	rcu_barrier();
}

module_init(count_init);
module_exit(count_exit);
MODULE_DESCRIPTION("xswitch sample extension sample-count: per-port counters and a port mirror");
MODULE_LICENSE("GPL");
