// SPDX-License-Identifier: GPL-2.0
/*
 * sample-acl, a filter extension built on include/net/xswitch.h only
 * (Documentation/samples.rst has every layout): an access control list
 * per port, given as a custom port property ACL_PROP_ID whose payload is
 * a versioned header and an array of fixed-size rules.  Each rule matches
 * on source and destination MAC, IPv4 source and destination prefix, IP
 * protocol and TCP/UDP source and destination port ranges, in either or
 * both directions, and allows or denies; the first rule that matches
 * decides, and a frame no rule matches is allowed.
 *
 * Frames the port sends that the list denies are dropped on ingress
 * (XSWITCH_DROP_REASON_FILTER); destinations on the port that it denies
 * are excluded on egress.  Frames an extension originated (source PortId
 * 0) are trusted: the lists do not apply to them.
 *
 * A malformed rule set is vetoed on any port.  On operational ports the
 * rules also take capacity: at most max_rules (a module parameter) over
 * all of them, else the property is vetoed; a validation port only checks
 * the rule set and reserves nothing (Hyper-V's rule for validation
 * ports).  Each rule counts its hits, answered as feature status
 * ACL_PORT_STATUS of the port, and saved with the port's NIC 0: the
 * restore takes the counts back only into the same rule set.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/xarray.h>
#include <net/ip.h>
#include <net/xswitch.h>

/* 5f0e2c1a-7a4b-4d36-9c1e-3a8b6d2f4e40: the extension (ExtensionId). */
#define ACL_UUID UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, \
			   0x8b, 0x6d, 0x2f, 0x4e, 0x40)
/* ...41: PropertyId of the ACL port property. */
static const uuid_t acl_prop_id =
	UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b, 0x6d,
		  0x2f, 0x4e, 0x41);
/* ...42: feature status of a port (hit counters); ...43: of the switch. */
static const uuid_t acl_port_status =
	UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b, 0x6d,
		  0x2f, 0x4e, 0x42);
static const uuid_t acl_switch_status =
	UUID_INIT(0x5f0e2c1a, 0x7a4b, 0x4d36, 0x9c, 0x1e, 0x3a, 0x8b, 0x6d,
		  0x2f, 0x4e, 0x43);

static unsigned int max_rules = 4096;
module_param(max_rules, uint, 0644);
MODULE_PARM_DESC(max_rules, "Rules all operational ports may hold together (default 4096)");

/* The property's payload: this header, then whole rules. */
struct acl_hdr {
	u8 version;
	u8 reserved[7];
} __packed;

#define ACL_VERSION	1

/* What a rule matches on (struct acl_rule.match). */
#define ACL_M_SRC_MAC	BIT(0)
#define ACL_M_DST_MAC	BIT(1)
#define ACL_M_SRC_IP	BIT(2)
#define ACL_M_DST_IP	BIT(3)
#define ACL_M_PROTO	BIT(4)
#define ACL_M_SRC_PORT	BIT(5)
#define ACL_M_DST_PORT	BIT(6)
/* Directions: frames from the port (in), to it (out); neither is both. */
#define ACL_M_IN	BIT(7)
#define ACL_M_OUT	BIT(8)
#define ACL_M_ALL	(BIT(9) - 1)

enum { ACL_ALLOW, ACL_DENY };

/* One rule, 40 bytes; fields its match flags do not use must be zero. */
struct acl_rule {
	u8 action;
	u8 proto;
	__le16 match;
	u8 src_prefix;
	u8 dst_prefix;
	u8 reserved[2];
	u8 src_mac[ETH_ALEN];
	u8 dst_mac[ETH_ALEN];
	__be32 src_ip;
	__be32 dst_ip;
	__be16 src_port_min;
	__be16 src_port_max;
	__be16 dst_port_min;
	__be16 dst_port_max;
	u8 reserved2[4];
} __packed;

/* A port's feature status: this header, then a __le64 hit count a rule. */
struct acl_port_wire {
	__le32 rules;
	__le32 reserved;
} __packed;

/* The switch's: capacity, for the whole module. */
struct acl_switch_wire {
	__le32 max_rules;
	__le32 in_use;
} __packed;

/*
 * A saved record, version 1: this header, the port's rules as its
 * property gave them (without the property's header), then a __le64 hit
 * count a rule.  A newer version keeps this prefix.
 */
struct acl_saved {
	u8 version;
	u8 reserved[3];
	__le32 rules;
} __packed;

#define ACL_SAVED_VERSION	1

/* A rule as the data path reads it. */
struct acl_krule {
	u16 match;
	u8 deny;
	u8 proto;
	u8 src_mac[ETH_ALEN];
	u8 dst_mac[ETH_ALEN];
	__be32 src_ip;
	__be32 src_mask;
	__be32 dst_ip;
	__be32 dst_mask;
	u16 src_port_min;
	u16 src_port_max;
	u16 dst_port_min;
	u16 dst_port_max;
};

/**
 * struct acl_set - a port's rules in force
 * @n: how many
 * @hits: @n counters per CPU
 * @base: @n counts added to @hits' sums (a restore sets them so), under
 *	&acl_port.lock
 * @wire: the rules as the property gave them, to save and compare
 * @rcu: freed after the frames that found it
 * @rules: the rules
 */
struct acl_set {
	u32 n;
	u64 __percpu *hits;
	u64 *base;
	struct acl_rule *wire;
	struct rcu_head rcu;
	struct acl_krule rules[] __counted_by(n);
};

/**
 * struct acl_port - what sample-acl keeps for an operational port
 * @id: PortId, the key in &acl_priv.ports (not saved)
 * @set: the rules in force (RCU), NULL for none
 * @has_prop: an ACL property is in force, of @instance_id
 * @instance_id: its PropertyInstanceId
 * @lock: the counts' bases and @restore
 * @restore: a restored record, taken in when its restore completes
 * @rcu: freed after the frames that found it
 */
struct acl_port {
	u32 id;
	struct acl_set __rcu *set;
	bool has_prop;
	uuid_t instance_id;
	spinlock_t lock;	/* set->base, @restore */
	void *restore;
	struct rcu_head rcu;
};

/**
 * struct acl_priv - one attachment's state
 * @ports: struct acl_port by PortId (RCU readers, written under the
 *	control lock)
 * @st_port: the port whose ACL property the step in progress changes
 * @st_set: its new rules (NULL: none, a delete)
 * @st_need: rules reserved for it on top of those of the old set
 * @st_instance: the property's PropertyInstanceId
 */
struct acl_priv {
	struct xarray ports;
	struct acl_port *st_port;
	struct acl_set *st_set;
	u32 st_need;
	uuid_t st_instance;
};

/* Rules reserved by operational ports, of every switch. */
static DEFINE_SPINLOCK(acl_lock);
static unsigned int acl_in_use;

static int acl_reserve(u32 n)
{
	int err = 0;

	spin_lock(&acl_lock);
	if (acl_in_use + n > READ_ONCE(max_rules) || acl_in_use + n < n)
		err = -ENOSPC;
	else
		acl_in_use += n;
	spin_unlock(&acl_lock);
	return err;
}

static void acl_release(u32 n)
{
	spin_lock(&acl_lock);
	acl_in_use -= min(n, acl_in_use);
	spin_unlock(&acl_lock);
}

static void acl_set_free(struct acl_set *set)
{
	if (!set)
		return;
	free_percpu(set->hits);
	kfree(set->base);
	kfree(set->wire);
	kfree(set);
}

static void acl_set_free_rcu(struct rcu_head *head)
{
	acl_set_free(container_of(head, struct acl_set, rcu));
}

/* --- Checking and building a rule set ------------------------------ */

static __be32 acl_mask(u8 prefix)
{
	return prefix ? htonl(~0U << (32 - prefix)) : 0;
}

static bool acl_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

/* Why @r is malformed, or NULL. */
static const char *acl_rule_bad(const struct acl_rule *r)
{
	u16 m = le16_to_cpu(r->match);

	if (r->action > ACL_DENY)
		return "sample-acl: a rule's action is neither allow (0) nor deny (1)";
	if (m & ~ACL_M_ALL)
		return "sample-acl: a rule has unknown match flags";
	if (!acl_zero(r->reserved, sizeof(r->reserved)) ||
	    !acl_zero(r->reserved2, sizeof(r->reserved2)))
		return "sample-acl: a reserved field of a rule is not zero";
	if (r->src_prefix > 32 || r->dst_prefix > 32)
		return "sample-acl: a rule's prefix is longer than 32";
	if ((!(m & ACL_M_SRC_MAC) && !acl_zero(r->src_mac, ETH_ALEN)) ||
	    (!(m & ACL_M_DST_MAC) && !acl_zero(r->dst_mac, ETH_ALEN)) ||
	    (!(m & ACL_M_SRC_IP) && (r->src_ip || r->src_prefix)) ||
	    (!(m & ACL_M_DST_IP) && (r->dst_ip || r->dst_prefix)) ||
	    (!(m & ACL_M_PROTO) && r->proto) ||
	    (!(m & ACL_M_SRC_PORT) && (r->src_port_min || r->src_port_max)) ||
	    (!(m & ACL_M_DST_PORT) && (r->dst_port_min || r->dst_port_max)))
		return "sample-acl: a rule sets a field its match flags do not use";
	if ((r->src_ip & ~acl_mask(r->src_prefix)) ||
	    (r->dst_ip & ~acl_mask(r->dst_prefix)))
		return "sample-acl: a rule's address has bits set past its prefix";
	if ((m & (ACL_M_SRC_PORT | ACL_M_DST_PORT)) &&
	    (!(m & ACL_M_PROTO) ||
	     (r->proto != IPPROTO_TCP && r->proto != IPPROTO_UDP)))
		return "sample-acl: a rule matches ports but not protocol tcp or udp";
	if (ntohs(r->src_port_min) > ntohs(r->src_port_max) ||
	    ntohs(r->dst_port_min) > ntohs(r->dst_port_max))
		return "sample-acl: a rule's port range ends before it starts";
	return NULL;
}

/* Checks a property's payload; returns how many rules it has, or -EINVAL. */
static int acl_check(const struct xsw_property *prop,
		     struct netlink_ext_ack *extack)
{
	const struct acl_hdr *h = prop->data;
	const struct acl_rule *r;
	const char *bad = NULL;
	u32 n, i;

	if (prop->len < sizeof(*h))
		bad = "sample-acl: the rule set is shorter than its 8-byte header";
	else if (h->version != ACL_VERSION)
		bad = "sample-acl: the rule set's version is not 1";
	else if (!acl_zero(h->reserved, sizeof(h->reserved)))
		bad = "sample-acl: a reserved field of the rule set's header is not zero";
	else if ((prop->len - sizeof(*h)) % sizeof(*r))
		bad = "sample-acl: the rule set is not a whole number of 40-byte rules";
	if (bad)
		goto veto;
	n = (prop->len - sizeof(*h)) / sizeof(*r);
	r = (const void *)(h + 1);
	for (i = 0; i < n && !bad; i++)
		bad = acl_rule_bad(&r[i]);
	if (!bad)
		return n;
veto:
	/* What NL_SET_ERR_MSG() does, for a message chosen above. */
	if (extack)
		extack->_msg = bad;
	return -EINVAL;
}

/* The rules of a checked payload of @n rules, ready to be put in force. */
static struct acl_set *acl_set_build(const struct xsw_property *prop, u32 n)
{
	const struct acl_rule *r = (const void *)((const u8 *)prop->data +
						  sizeof(struct acl_hdr));
	struct acl_set *set;
	u32 i;

	set = kzalloc(struct_size(set, rules, n), GFP_KERNEL);
	if (!set)
		return NULL;
	set->n = n;
	set->hits = __alloc_percpu(max_t(size_t, n, 1) * sizeof(u64),
				   sizeof(u64));
	set->base = kcalloc(max_t(u32, n, 1), sizeof(u64), GFP_KERNEL);
	/* No rules: nothing past the header to copy. */
	set->wire = kcalloc(max_t(u32, n, 1), sizeof(*r), GFP_KERNEL);
	if (!set->hits || !set->base || !set->wire) {
		acl_set_free(set);
		return NULL;
	}
	memcpy(set->wire, r, n * sizeof(*r));
	for (i = 0; i < n; i++) {
		struct acl_krule *k = &set->rules[i];

		k->match = le16_to_cpu(r[i].match);
		k->deny = r[i].action == ACL_DENY;
		k->proto = r[i].proto;
		ether_addr_copy(k->src_mac, r[i].src_mac);
		ether_addr_copy(k->dst_mac, r[i].dst_mac);
		k->src_ip = r[i].src_ip;
		k->src_mask = acl_mask(r[i].src_prefix);
		k->dst_ip = r[i].dst_ip;
		k->dst_mask = acl_mask(r[i].dst_prefix);
		k->src_port_min = ntohs(r[i].src_port_min);
		k->src_port_max = ntohs(r[i].src_port_max);
		k->dst_port_min = ntohs(r[i].dst_port_min);
		k->dst_port_max = ntohs(r[i].dst_port_max);
	}
	return set;
}

/* --- Ports and the property steps ---------------------------------- */

static bool acl_prop(const struct xsw_property *prop)
{
	return prop->type == XSWITCH_PROP_TYPE_CUSTOM &&
	       uuid_equal(&prop->id, &acl_prop_id);
}

static struct acl_port *acl_port_of(struct acl_priv *p, struct xsw_port *port)
{
	return xa_load(&p->ports, xsw_port_info(port)->id);
}

static void acl_port_free_rcu(struct rcu_head *head)
{
	struct acl_port *ap = container_of(head, struct acl_port, rcu);

	kfree(ap->restore);
	kfree(ap);
}

static int acl_port_add(struct acl_priv *p, struct xsw_port *port)
{
	const struct xsw_port_info *info = xsw_port_info(port);
	struct acl_port *ap;
	int err;

	if (info->validation)
		return 0;
	ap = kzalloc(sizeof(*ap), GFP_KERNEL);
	if (!ap)
		return -ENOMEM;
	ap->id = info->id;
	spin_lock_init(&ap->lock);
	err = xa_insert(&p->ports, ap->id, ap, GFP_KERNEL);
	if (err)
		kfree(ap);
	return err;
}

/* Forgets a port, its rules and their reservation. */
static void acl_port_remove(struct acl_priv *p, u32 id)
{
	struct acl_port *ap = xa_erase(&p->ports, id);
	struct acl_set *set;

	if (!ap)
		return;
	set = rcu_replace_pointer(ap->set, NULL, true);
	if (set) {
		acl_release(set->n);
		call_rcu(&set->rcu, acl_set_free_rcu);
	}
	call_rcu(&ap->rcu, acl_port_free_rcu);
}

static int acl_port_create(struct xsw_ext *ext, struct xsw_port *port,
			   struct netlink_ext_ack *extack)
{
	int err = acl_port_add(xsw_ext_priv(ext), port);

	if (err)
		NL_SET_ERR_MSG(extack, "sample-acl: out of memory");
	return err;
}

static void acl_port_delete(struct xsw_ext *ext, struct xsw_port *port)
{
	acl_port_remove(xsw_ext_priv(ext), xsw_port_info(port)->id);
}

/* An ACL property of the port other than @arg's instance: 1. */
static int acl_other(const struct xsw_property *prop, void *arg)
{
	const struct xsw_property *new = arg;

	return acl_prop(prop) && !uuid_equal(&prop->instance_id,
					     &new->instance_id);
}

/*
 * Stages an ACL property's add or update (@add) on @port: checked on
 * every port; on an operational one its rules are reserved and built, to
 * be put in force when the step completes.
 */
static int acl_stage(struct acl_priv *p, struct xsw_port *port,
		     const struct xsw_property *prop, bool add,
		     struct netlink_ext_ack *extack)
{
	struct acl_port *ap;
	struct acl_set *old;
	u32 have;
	int n;

	if (!acl_prop(prop))
		return 0;
	n = acl_check(prop, extack);
	if (n < 0)
		return n;
	/* One list a port: a second would conflict, on any port. */
	if (add && xsw_port_walk_props(port, acl_other, (void *)prop)) {
		NL_SET_ERR_MSG(extack, "sample-acl: the port already has an ACL property");
		return -EEXIST;
	}
	ap = acl_port_of(p, port);
	if (!ap)	/* a validation port: checked, nothing reserved */
		return 0;
	old = rcu_dereference_protected(ap->set, true);
	have = old ? old->n : 0;
	p->st_need = n > have ? n - have : 0;
	if (acl_reserve(p->st_need)) {
		NL_SET_ERR_MSG(extack, "sample-acl: over max_rules on operational ports");
		return -ENOSPC;
	}
	p->st_set = acl_set_build(prop, n);
	if (!p->st_set) {
		acl_release(p->st_need);
		NL_SET_ERR_MSG(extack, "sample-acl: out of memory");
		return -ENOMEM;
	}
	p->st_port = ap;
	p->st_instance = prop->instance_id;
	return 0;
}

static int acl_prop_add(struct xsw_ext *ext, struct xsw_port *port,
			const struct xsw_property *prop,
			struct netlink_ext_ack *extack)
{
	return acl_stage(xsw_ext_priv(ext), port, prop, true, extack);
}

static int acl_prop_update(struct xsw_ext *ext, struct xsw_port *port,
			   const struct xsw_property *prop,
			   struct netlink_ext_ack *extack)
{
	return acl_stage(xsw_ext_priv(ext), port, prop, false, extack);
}

static int acl_prop_delete(struct xsw_ext *ext, struct xsw_port *port,
			   const struct xsw_property *prop,
			   struct netlink_ext_ack *extack)
{
	struct acl_priv *p = xsw_ext_priv(ext);
	struct acl_port *ap = acl_port_of(p, port);

	if (acl_prop(prop) && ap && ap->has_prop) {
		p->st_port = ap;
		p->st_set = NULL;
		p->st_need = 0;
	}
	return 0;
}

/* Puts the staged rules (none, for a delete) in force on the port. */
static void acl_commit(struct acl_priv *p)
{
	struct acl_port *ap = p->st_port;
	struct acl_set *old;

	old = rcu_replace_pointer(ap->set, p->st_set, true);
	ap->has_prop = p->st_set;
	ap->instance_id = p->st_instance;
	/* Keeps what the new set holds: the old one's rules, plus what we added. */
	acl_release((old ? old->n : 0) + p->st_need -
		    (p->st_set ? p->st_set->n : 0));
	if (old)
		call_rcu(&old->rcu, acl_set_free_rcu);
}

static void acl_complete(struct xsw_ext *ext, const struct xsw_step *step,
			 int status)
{
	struct acl_priv *p = xsw_ext_priv(ext);

	switch (step->op) {
	case XSWITCH_OP_PORT_CREATE:
		if (status)
			acl_port_remove(p, xsw_port_info(step->port)->id);
		return;
	case XSWITCH_OP_PORT_PROP_ADD:
	case XSWITCH_OP_PORT_PROP_UPDATE:
	case XSWITCH_OP_PORT_PROP_DELETE:
		break;
	default:
		return;
	}
	if (!p->st_port)
		return;
	if (!status) {
		acl_commit(p);
	} else {
		acl_release(p->st_need);
		acl_set_free(p->st_set);
	}
	p->st_port = NULL;
	p->st_set = NULL;
	p->st_need = 0;
}

/* What ->activate's walks carry. */
struct acl_walk {
	struct acl_priv *p;
	struct xsw_port *port;
	struct netlink_ext_ack *extack;
};

/* An ACL property a port already had: checked and put in force. */
static int acl_learn_prop(const struct xsw_property *prop, void *arg)
{
	struct acl_walk *w = arg;
	int err;

	err = acl_stage(w->p, w->port, prop, true, w->extack);
	if (!err && w->p->st_port)
		acl_commit(w->p);
	w->p->st_port = NULL;
	w->p->st_set = NULL;
	return err;
}

static int acl_learn_port(struct xsw_port *port, void *arg)
{
	struct acl_walk *w = arg;
	int err;

	err = acl_port_add(w->p, port);
	if (err) {
		NL_SET_ERR_MSG(w->extack, "sample-acl: out of memory");
		return err;
	}
	w->port = port;
	return xsw_port_walk_props(port, acl_learn_prop, w);
}

static void acl_remove_all(struct acl_priv *p)
{
	struct acl_port *ap;
	unsigned long id;

	xa_for_each(&p->ports, id, ap)
		acl_port_remove(p, id);
}

static int acl_attach(struct xsw_ext *ext)
{
	xa_init(&((struct acl_priv *)xsw_ext_priv(ext))->ports);
	return 0;
}

static void acl_detach(struct xsw_ext *ext)
{
	xa_destroy(&((struct acl_priv *)xsw_ext_priv(ext))->ports);
}

static void acl_deactivate(struct xsw_ext *ext)
{
	acl_remove_all(xsw_ext_priv(ext));
}

/*
 * Learns the ports and their ACL properties; a malformed one, or rules
 * past max_rules, refuse the activation with the property's message.
 */
static int acl_activate(struct xsw_ext *ext, struct netlink_ext_ack *extack)
{
	struct acl_walk w = { .p = xsw_ext_priv(ext), .extack = extack };
	int err;

	err = xsw_switch_walk_ports(xsw_ext_switch(ext), acl_learn_port, &w);
	if (err)
		acl_remove_all(w.p);
	return err;
}

/* --- Frames --------------------------------------------------------- */

/* What the rules look at in a frame. */
struct acl_frame {
	const u8 *src_mac;
	const u8 *dst_mac;
	bool ip;
	bool ports;
	u8 proto;
	__be32 src_ip;
	__be32 dst_ip;
	u16 src_port;
	u16 dst_port;
};

/* Reads @f from @skb (skb->data at its Ethernet header). */
static void acl_parse(const struct sk_buff *skb, struct acl_frame *f,
		      struct ethhdr *eb, struct iphdr *ib, __be16 *pb)
{
	const struct ethhdr *eth;
	const struct iphdr *iph;
	const __be16 *ports;
	unsigned int off = ETH_HLEN;
	__be16 type, tb;
	const __be16 *t;

	memset(f, 0, sizeof(*f));
	eth = skb_header_pointer(skb, 0, sizeof(*eb), eb);
	if (!eth)
		return;
	f->src_mac = eth->h_source;
	f->dst_mac = eth->h_dest;
	type = eth->h_proto;
	if (eth_type_vlan(type)) {
		/* A tag in the frame (not the accelerated one): its inner type. */
		t = skb_header_pointer(skb, off + 2, sizeof(tb), &tb);
		if (!t)
			return;
		type = *t;
		off += VLAN_HLEN;
	}
	if (type != htons(ETH_P_IP))
		return;
	iph = skb_header_pointer(skb, off, sizeof(*ib), ib);
	if (!iph || iph->version != 4 || iph->ihl < 5)
		return;
	f->ip = true;
	f->proto = iph->protocol;
	f->src_ip = iph->saddr;
	f->dst_ip = iph->daddr;
	if ((iph->protocol != IPPROTO_TCP && iph->protocol != IPPROTO_UDP) ||
	    (iph->frag_off & htons(IP_OFFSET)))
		return;
	ports = skb_header_pointer(skb, off + iph->ihl * 4, 2 * sizeof(*pb),
				   pb);
	if (!ports)
		return;
	f->ports = true;
	f->src_port = ntohs(ports[0]);
	f->dst_port = ntohs(ports[1]);
}

static bool acl_match(const struct acl_krule *k, const struct acl_frame *f,
		      u16 dir)
{
	u16 m = k->match;

	if ((m & (ACL_M_IN | ACL_M_OUT)) && !(m & dir))
		return false;
	if (((m & ACL_M_SRC_MAC) && !ether_addr_equal(f->src_mac, k->src_mac)) ||
	    ((m & ACL_M_DST_MAC) && !ether_addr_equal(f->dst_mac, k->dst_mac)))
		return false;
	if (!(m & (ACL_M_SRC_IP | ACL_M_DST_IP | ACL_M_PROTO |
		   ACL_M_SRC_PORT | ACL_M_DST_PORT)))
		return true;
	if (!f->ip ||
	    ((m & ACL_M_SRC_IP) && (f->src_ip & k->src_mask) != k->src_ip) ||
	    ((m & ACL_M_DST_IP) && (f->dst_ip & k->dst_mask) != k->dst_ip) ||
	    ((m & ACL_M_PROTO) && f->proto != k->proto))
		return false;
	if (!(m & (ACL_M_SRC_PORT | ACL_M_DST_PORT)))
		return true;
	return f->ports &&
	       (!(m & ACL_M_SRC_PORT) || (f->src_port >= k->src_port_min &&
					  f->src_port <= k->src_port_max)) &&
	       (!(m & ACL_M_DST_PORT) || (f->dst_port >= k->dst_port_min &&
					  f->dst_port <= k->dst_port_max));
}

/* Whether the rules of port @id deny @skb in direction @dir; counts the hit. */
static bool acl_denies(struct acl_priv *p, u32 id, struct sk_buff *skb,
		       u16 dir)
{
	struct acl_port *ap = xa_load(&p->ports, id);
	struct acl_frame f;
	struct acl_set *set;
	struct ethhdr eb;
	struct iphdr ib;
	__be16 pb[2];
	u32 i;

	set = ap ? rcu_dereference(ap->set) : NULL;
	if (!set || !set->n)
		return false;
	acl_parse(skb, &f, &eb, &ib, pb);
	if (!f.src_mac)
		return false;
	for (i = 0; i < set->n; i++) {
		if (acl_match(&set->rules[i], &f, dir)) {
			this_cpu_ptr(set->hits)[i]++;
			return set->rules[i].deny;
		}
	}
	return false;
}

static int acl_rx(struct xsw_ext *ext, struct sk_buff *skb,
		  struct xsw_fwd *fwd)
{
	if (!fwd->src_port)	/* originated by an extension: trusted */
		return 0;
	return acl_denies(xsw_ext_priv(ext), fwd->src_port_id, skb, ACL_M_IN) ?
	       XSWITCH_DROP_REASON_FILTER : 0;
}

static int acl_tx(struct xsw_ext *ext, struct sk_buff *skb,
		  const struct xsw_fwd *fwd, const struct xsw_dest *dest)
{
	if (!fwd->src_port)
		return 0;
	return acl_denies(xsw_ext_priv(ext), dest->port_id, skb, ACL_M_OUT) ?
	       XSWITCH_DROP_REASON_EXCLUDED : 0;
}

/* --- Hit counters: feature status, save and restore ---------------- */

/* The hit count of rule @i of @set, under &acl_port.lock. */
static u64 acl_hit(const struct acl_set *set, u32 i)
{
	u64 v = set->base[i];
	int cpu;

	for_each_possible_cpu(cpu)
		v += READ_ONCE(per_cpu_ptr(set->hits, cpu)[i]);
	return v;
}

/* Writes the hit counts of @set, as many __le64s, to @out. */
static void acl_hits_put(struct acl_port *ap, const struct acl_set *set,
			 void *out)
{
	u32 i;

	spin_lock(&ap->lock);
	for (i = 0; i < set->n; i++)
		put_unaligned_le64(acl_hit(set, i), (u8 *)out + i * sizeof(u64));
	spin_unlock(&ap->lock);
}

static int acl_feature_status(struct xsw_ext *ext, struct xsw_port *port,
			      const uuid_t *id, void *buf, u32 *len)
{
	struct acl_priv *p = xsw_ext_priv(ext);
	struct acl_switch_wire sw;
	struct acl_port_wire *w = buf;
	struct acl_port *ap;
	struct acl_set *set;
	u32 size, n;

	if (!port && uuid_equal(id, &acl_switch_status)) {
		size = sizeof(sw);
		if (*len < size)
			goto need;
		spin_lock(&acl_lock);
		sw.max_rules = cpu_to_le32(READ_ONCE(max_rules));
		sw.in_use = cpu_to_le32(acl_in_use);
		spin_unlock(&acl_lock);
		memcpy(buf, &sw, size);
		*len = size;
		return 0;
	}
	if (!port || !uuid_equal(id, &acl_port_status))
		return -EOPNOTSUPP;
	/* Under the control lock: the set cannot change meanwhile. */
	ap = acl_port_of(p, port);
	set = ap ? rcu_dereference_protected(ap->set, true) : NULL;
	n = set ? set->n : 0;
	size = sizeof(*w) + n * sizeof(__le64);
	if (*len < size)
		goto need;
	memset(w, 0, sizeof(*w));
	w->rules = cpu_to_le32(n);
	if (n)
		acl_hits_put(ap, set, w + 1);
	*len = size;
	return 0;
need:
	*len = size;
	return -ENOSPC;
}

/* The port entry of @nic, if it is the NIC that carries its counts. */
static struct acl_port *acl_nic_port(struct acl_priv *p, struct xsw_nic *nic)
{
	const struct xsw_nic_info *info = xsw_nic_info(nic);

	return info->index ? NULL : xa_load(&p->ports, info->port_id);
}

/*
 * One record from NIC 0 of a port with rules: the rules and their hit
 * counts.  The save runs without the control lock: a property step may
 * replace the set meanwhile, so it is read under RCU and its counts
 * under the port's lock.
 */
static int acl_nic_save(struct xsw_ext *ext, struct xsw_nic *nic,
			struct xsw_save *save, struct netlink_ext_ack *extack)
{
	struct acl_port *ap = acl_nic_port(xsw_ext_priv(ext), nic);
	const size_t rule = sizeof(struct acl_rule);
	struct acl_saved *s;
	struct acl_set *set;
	u32 size, need, n;

	if (!ap || xsw_save_given(save))
		return 0;
	s = xsw_save_buf(save, &size);
	rcu_read_lock();
	set = rcu_dereference(ap->set);
	n = set ? set->n : 0;
	need = sizeof(*s) + n * (rule + sizeof(u64));
	if (n && need <= size) {
		memset(s, 0, sizeof(*s));
		s->version = ACL_SAVED_VERSION;
		s->rules = cpu_to_le32(n);
		memcpy(s + 1, set->wire, n * rule);
		acl_hits_put(ap, set, (u8 *)(s + 1) + n * rule);
	}
	rcu_read_unlock();
	if (!n)
		return 0;
	if (need > size)	/* asked again with room for this many */
		return xsw_save_need(save, need);
	return xsw_save_record(save, NULL, "sample-acl hit counters", need);
}

/* A restored record is kept whole until its restore completes. */
static int acl_nic_restore(struct xsw_ext *ext, struct xsw_nic *nic,
			   const struct xsw_record *rec,
			   struct netlink_ext_ack *extack)
{
	struct acl_port *ap = acl_nic_port(xsw_ext_priv(ext), nic);
	const struct acl_saved *s = rec->data;
	void *copy, *old;
	u64 n = 0;

	if (rec->len >= sizeof(*s))
		n = le32_to_cpu(s->rules);
	if (rec->len < sizeof(*s) || s->version < ACL_SAVED_VERSION ||
	    rec->len < sizeof(*s) + n * (sizeof(struct acl_rule) + sizeof(u64))) {
		pr_warn("sample-acl: a saved record of %u bytes is not one this module reads; dropped\n",
			rec->len);
		return 0;
	}
	if (!ap)
		return 0;
	copy = kmemdup(rec->data, rec->len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	spin_lock(&ap->lock);
	old = ap->restore;
	ap->restore = copy;
	spin_unlock(&ap->lock);
	kfree(old);
	return 0;
}

/*
 * The restored counts become the port's only if its rules in force are
 * the very rules they were counted for (same number, byte for byte): a
 * count belongs to a rule by its place in the list, and another list
 * would give it to another rule.  Otherwise they are dropped, with a
 * line in the kernel log, and the counts stay what they are.
 */
static void acl_nic_restore_complete(struct xsw_ext *ext,
				     struct xsw_nic *nic, int status)
{
	struct acl_port *ap = acl_nic_port(xsw_ext_priv(ext), nic);
	const size_t rule = sizeof(struct acl_rule);
	const struct acl_saved *s;
	struct acl_set *set;
	bool taken = false;
	const u8 *hits;
	u32 n, i;

	if (!ap)
		return;
	spin_lock(&ap->lock);
	s = ap->restore;
	ap->restore = NULL;
	spin_unlock(&ap->lock);
	if (!s || status)
		goto out;
	n = le32_to_cpu(s->rules);
	hits = (const u8 *)(s + 1) + n * rule;
	rcu_read_lock();
	set = rcu_dereference(ap->set);
	if (set && set->n == n && !memcmp(set->wire, s + 1, n * rule)) {
		spin_lock(&ap->lock);
		for (i = 0; i < n; i++)
			set->base[i] += get_unaligned_le64(hits + i * sizeof(u64)) -
					acl_hit(set, i);
		spin_unlock(&ap->lock);
		taken = true;
	}
	rcu_read_unlock();
	if (!taken)
		pr_info("sample-acl: switch %s: port %u: the restored hit counts are of other rules; dropped\n",
			xsw_switch_name(xsw_ext_switch(ext)), ap->id);
out:
	kfree(s);
}

static const struct xsw_extension_ops acl_ops = {
	.name = "sample-acl",
	.uuid = ACL_UUID,
	.class = XSWITCH_EXT_CLASS_FILTER,
	.owner = THIS_MODULE,
	.priv_size = sizeof(struct acl_priv),
	.attach = acl_attach,
	.detach = acl_detach,
	.activate = acl_activate,
	.deactivate = acl_deactivate,
	.port_create = acl_port_create,
	.port_delete = acl_port_delete,
	.port_prop_add = acl_prop_add,
	.port_prop_update = acl_prop_update,
	.port_prop_delete = acl_prop_delete,
	.complete = acl_complete,
	.feature_status = acl_feature_status,
	.nic_save = acl_nic_save,
	.nic_restore = acl_nic_restore,
	.nic_restore_complete = acl_nic_restore_complete,
	.rx = acl_rx,
	.tx = acl_tx,
};

static int __init acl_init(void)
{
	return xsw_extension_register(&acl_ops);
}

static void __exit acl_exit(void)
{
	xsw_extension_unregister(&acl_ops);
	rcu_barrier();
}

module_init(acl_init);
module_exit(acl_exit);
MODULE_DESCRIPTION("xswitch sample extension sample-acl: per-port access control lists");
MODULE_LICENSE("GPL");
