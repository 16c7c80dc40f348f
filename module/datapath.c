// SPDX-License-Identifier: GPL-2.0
/*
 * The datapath: a frame's walk through the extension stack, its delivery,
 * and the per-port counters.
 */
#include <kunit/visibility.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <net/dropreason.h>

#include "xsw.h"

/**
 * DOC: Datapath
 *
 * A frame enters from a NIC's device (its rx_handler, or the internal
 * port's ndo_start_xmit) or from an extension (xsw_dp_originate()), with
 * skb->data at its Ethernet header.  Ingress walks the enabled extensions
 * in stack order, ->rx of capture, filter, then the forwarding extension,
 * or the built-in forwarder (forward.c) when none is enabled; it commits
 * the destinations.  Then, for each destination, egress walks the stack
 * bottom up, ->tx of forwarding, filter, capture, and the frame (a clone
 * for all but the last) leaves through the destination's device.
 *
 * Everything runs under rcu_read_lock() with bottom halves disabled; the
 * stack is an RCU-published array rebuilt under the control lock, so a
 * frame sees the stack as it was when it entered.  An extension disabled
 * is unpublished and a grace period passes before its ->deactivate, so no
 * frame is inside it then.  Only NICs with @dp_on are destinations: it is
 * set after the connect step and cleared before the disconnect step, and
 * a grace period separates the clearing from the disconnect's walk, so a
 * disconnected NIC receives nothing (delivery checks @dp_on again).
 *
 * A NIC connected gated (a migration's destination NIC, pre-provisioned
 * while its VM still runs on the source) is in the MAC table and the
 * switch's list but not a destination, and its frames are dropped, until
 * its gate opens: by nic-gate, or at its first frame when the gate is
 * first-frame (OVN's activation-strategy=rarp: the VM's announce opens
 * it, in the datapath, without a word from the control path).  The frame
 * that opens it sets @dp_on after winning the gate by cmpxchg; a
 * disconnect shuts the gate and waits out a grace period first, so that
 * no opening under way sets @dp_on after the disconnect cleared it.
 *
 * A drop is counted on the port where it was decided (the source port on
 * ingress, the destination port on egress) and freed with
 * kfree_skb_reason(), so that the kernel's drop monitor sees it.
 */

/* How deep frames originated while another frame is in the switch nest. */
#define XSW_DP_MAX_DEPTH	4

static DEFINE_PER_CPU(unsigned int, xsw_dp_depth);

static enum skb_drop_reason xsw_kernel_reason(int reason)
{
	switch (reason) {
	case XSWITCH_DROP_REASON_NO_DEST:
#ifdef XSW_HAVE_DROP_NO_TX_TARGET
		return SKB_DROP_REASON_NO_TX_TARGET;
#else
		return SKB_DROP_REASON_NOT_SPECIFIED;
#endif
	case XSWITCH_DROP_REASON_MAC_SPOOF:
#ifdef XSW_HAVE_DROP_MAC_INVALID_SOURCE
		return SKB_DROP_REASON_MAC_INVALID_SOURCE;
#else
		return SKB_DROP_REASON_NOT_SPECIFIED;
#endif
	case XSWITCH_DROP_REASON_DEV_DOWN:
	case XSWITCH_DROP_REASON_NOT_READY:
		return SKB_DROP_REASON_DEV_READY;
	case XSWITCH_DROP_REASON_NOMEM:
		return SKB_DROP_REASON_NOMEM;
	case XSWITCH_DROP_REASON_MTU:
		return SKB_DROP_REASON_PKT_TOO_BIG;
	default:
		return SKB_DROP_REASON_NOT_SPECIFIED;
	}
}

static void xsw_count_drop(struct xsw_port *port, int reason)
{
	struct xsw_port_stats *st;

	if (!port || reason <= 0 || reason > XSWITCH_DROP_REASON_MAX)
		return;
	st = this_cpu_ptr(port->stats);
	u64_stats_update_begin(&st->syncp);
	u64_stats_inc(&st->drops[reason]);
	u64_stats_update_end(&st->syncp);
}

/* Counts a drop on @port (none for an originated frame) and frees @skb. */
void xsw_dp_drop(struct xsw_port *port, struct sk_buff *skb, int reason)
{
	xsw_count_drop(port, reason);
	kfree_skb_reason(skb, xsw_kernel_reason(reason));
}

static void xsw_count(struct xsw_port *port, bool tx, unsigned int len)
{
	struct xsw_port_stats *st = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&st->syncp);
	if (tx) {
		u64_stats_inc(&st->tx_packets);
		u64_stats_add(&st->tx_bytes, len);
	} else {
		u64_stats_inc(&st->rx_packets);
		u64_stats_add(&st->rx_bytes, len);
	}
	u64_stats_update_end(&st->syncp);
}

void xsw_port_totals(const struct xsw_port *port, struct xsw_port_totals *t)
{
	unsigned int start, i;
	int cpu;

	memset(t, 0, sizeof(*t));
	for_each_possible_cpu(cpu) {
		const struct xsw_port_stats *st = per_cpu_ptr(port->stats, cpu);
		struct xsw_port_totals c;

		do {
			start = u64_stats_fetch_begin(&st->syncp);
			c.rx_packets = u64_stats_read(&st->rx_packets);
			c.rx_bytes = u64_stats_read(&st->rx_bytes);
			c.tx_packets = u64_stats_read(&st->tx_packets);
			c.tx_bytes = u64_stats_read(&st->tx_bytes);
			for (i = 0; i < ARRAY_SIZE(c.drops); i++)
				c.drops[i] = u64_stats_read(&st->drops[i]);
		} while (u64_stats_fetch_retry(&st->syncp, start));
		t->rx_packets += c.rx_packets;
		t->rx_bytes += c.rx_bytes;
		t->tx_packets += c.tx_packets;
		t->tx_bytes += c.tx_bytes;
		for (i = 0; i < ARRAY_SIZE(c.drops); i++)
			t->drops[i] += c.drops[i];
	}
}
EXPORT_SYMBOL_IF_KUNIT(xsw_port_totals);

/**
 * xsw_dp_restack - publish the enabled extensions to the datapath
 * @sw: the switch, after a change of its enabled set or their order
 *
 * Control lock.  The old array is freed after a grace period; a caller
 * that disables an extension waits for one (synchronize_rcu()) before its
 * ->deactivate.
 *
 * The array is small, and the datapath must never see a detached
 * extension: the allocation does not fail.
 */
void xsw_dp_restack(struct xsw_switch *sw)
{
	struct xsw_dp_stack *st, *old;
	struct xsw_ext *ext;
	unsigned int n = 0;

	xsw_assert_locked(sw);
	list_for_each_entry(ext, &sw->exts, list)
		n += ext->enabled;
	st = kzalloc(struct_size(st, ext, n), GFP_KERNEL | __GFP_NOFAIL);
	list_for_each_entry(ext, &sw->exts, list)
		if (ext->enabled)
			st->ext[st->n++] = ext;
	old = rcu_replace_pointer(sw->stack, st, lockdep_is_held(&sw->xn->lock));
	if (old)
		kfree_rcu(old, rcu);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_dp_restack);

/* The destination array grows past its inline room only when flooding. */
static int xsw_fwd_grow(struct xsw_fwd *fwd)
{
	u32 max = fwd->max_dest * 2;
	struct xsw_dest *d;

	d = kmalloc_array(max, sizeof(*d), GFP_ATOMIC);
	if (!d)
		return -ENOMEM;
	memcpy(d, fwd->dest, fwd->n_dest * sizeof(*d));
	if (fwd->dest != fwd->inline_dest)
		kfree(fwd->dest);
	fwd->dest = d;
	fwd->max_dest = max;
	return 0;
}

/**
 * xsw_fwd_add_dest - commit a destination of a frame
 * @fwd: the frame's context
 * @nic: a connected NIC of the same switch
 *
 * Under rcu_read_lock() (->rx of a forwarding extension).
 *
 * Return: 0 (also if @nic was committed already), -EINVAL if @nic is not a
 * destination, -ENOMEM if the frame cannot take more.
 */
int xsw_fwd_add_dest(struct xsw_fwd *fwd, struct xsw_nic *nic)
{
	struct xsw_dest *d;
	u32 i;

	if (!nic || !READ_ONCE(nic->dp_on) || nic->port->sw != fwd->sw)
		return -EINVAL;
	for (i = 0; i < fwd->n_dest; i++)
		if (fwd->dest[i].nic == nic)
			return 0;
	if (fwd->n_dest == fwd->max_dest && xsw_fwd_grow(fwd))
		return -ENOMEM;
	d = &fwd->dest[fwd->n_dest++];
	d->nic = nic;
	d->port_id = nic->info.port_id;
	d->nic_index = nic->info.index;
	d->excluded = false;
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_fwd_add_dest);

/**
 * xsw_fwd_flood - commit every NIC the frame may reach
 * @fwd: the frame's context
 *
 * Every connected NIC of the switch but the source's, of the ports
 * xsw_fwd_may_reach() lets the frame reach.  Under rcu_read_lock().
 *
 * Return: 0, or -ENOMEM when the frame could not take them all.
 */
int xsw_fwd_flood(struct xsw_fwd *fwd)
{
	struct xsw_nic *nic;
	int err;

	list_for_each_entry_rcu(nic, &fwd->sw->dests, dest_node) {
		if (nic == fwd->src_nic || !xsw_fwd_may_reach(fwd, nic->port))
			continue;
		err = xsw_fwd_add_dest(fwd, nic);
		if (err == -ENOMEM)
			return err;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(xsw_fwd_flood);

static void xsw_fwd_init(struct xsw_fwd *fwd, struct xsw_switch *sw,
			 struct xsw_nic *src)
{
	fwd->sw = sw;
	fwd->src_nic = src;
	fwd->src_port = src ? src->port : NULL;
	fwd->src_port_id = src ? src->info.port_id : 0;
	fwd->src_nic_index = src ? src->info.index : 0;
	fwd->vlan = 0;
	fwd->n_dest = 0;
	fwd->max_dest = XSW_FWD_INLINE;
	fwd->dest = fwd->inline_dest;
}

static void xsw_fwd_release(struct xsw_fwd *fwd)
{
	if (fwd->dest != fwd->inline_dest)
		kfree(fwd->dest);
}

/*
 * Ingress from stack position @from on: 0 once destinations are committed,
 * else the drop reason.
 */
static int xsw_dp_ingress(struct xsw_fwd *fwd, struct sk_buff *skb,
			  const struct xsw_dp_stack *st, unsigned int from)
{
	bool forwarded = false;
	unsigned int i;
	int r;

	for (i = from; i < st->n; i++) {
		struct xsw_ext *ext = st->ext[i];
		u32 class = ext->ops->class;

		if (class == XSWITCH_EXT_CLASS_FORWARD)
			forwarded = true;
		if (!ext->ops->rx)
			continue;
		r = ext->ops->rx(ext, skb, fwd);
		if (r > 0 && r <= XSWITCH_DROP_REASON_MAX &&
		    class != XSWITCH_EXT_CLASS_CAPTURE)
			return r;
	}
	if (!forwarded) {
		r = xsw_builtin_forward(fwd, skb);
		if (r)
			return r;
	}
	return fwd->n_dest ? 0 : XSWITCH_DROP_REASON_NO_DEST;
}

/* Egress of one destination, bottom up: 0 to deliver, or the reason. */
static int xsw_dp_egress(const struct xsw_fwd *fwd, struct sk_buff *skb,
			 const struct xsw_dp_stack *st,
			 const struct xsw_dest *d)
{
	unsigned int i = st->n;
	int r;

	while (i--) {
		struct xsw_ext *ext = st->ext[i];

		if (!ext->ops->tx)
			continue;
		r = ext->ops->tx(ext, skb, fwd, d);
		if (r > 0 && r <= XSWITCH_DROP_REASON_MAX &&
		    ext->ops->class != XSWITCH_EXT_CLASS_CAPTURE)
			return r;
	}
	return 0;
}

/* The tag a frame of @vlan leaves @port with; the priority bits stay. */
static void xsw_dp_tag(const struct xsw_fwd *fwd, struct xsw_port *port,
		       struct sk_buff *skb)
{
	const struct xsw_prop_vlan *v = rcu_dereference(port->vlan);
	u16 prio = skb_vlan_tag_present(skb) ?
		   skb_vlan_tag_get(skb) & VLAN_PRIO_MASK : 0;
	bool untagged;

	if (!v)
		untagged = !fwd->vlan;
	else if (v->mode == XSWITCH_VLAN_MODE_ACCESS)
		untagged = true;
	else
		untagged = fwd->vlan == v->native_vlan;
	if (untagged && !prio)
		__vlan_hwaccel_clear_tag(skb);
	else
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q),
				       prio | (untagged ? 0 : fwd->vlan));
}

/* Hands @skb, with its MAC header at data, to @nic's device. */
static int xsw_dp_xmit(struct xsw_nic *nic, struct sk_buff *skb)
{
	struct net_device *dev = rcu_dereference(nic->dev);
	unsigned int len = skb->len;

	if (!dev || !(dev->flags & IFF_UP) || !netif_carrier_ok(dev))
		return XSWITCH_DROP_REASON_DEV_DOWN;
	if (!is_skb_forwardable(dev, skb))
		return XSWITCH_DROP_REASON_MTU;
	skb->dev = dev;
	if (nic->internal) {
		/* It enters the host's stack afresh, as OVS's internal_dev_recv. */
		skb_scrub_packet(skb, false);
		skb->pkt_type = PACKET_HOST;
		skb->protocol = eth_type_trans(skb, dev);
		skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
		xsw_count(nic->port, true, len);
		netif_rx(skb);
		return 0;
	}
	xsw_count(nic->port, true, len);
	dev_queue_xmit(skb);
	return 0;
}

/* One destination: its egress walk, then out.  Consumes @skb. */
static int xsw_dp_deliver(const struct xsw_fwd *fwd, struct sk_buff *skb,
			  const struct xsw_dp_stack *st, struct xsw_dest *d)
{
	struct xsw_port *port = d->nic->port;
	int r;

	r = READ_ONCE(d->nic->dp_on) ? 0 : XSWITCH_DROP_REASON_DEV_DOWN;
	if (!r) {
		r = xsw_dp_egress(fwd, skb, st, d);
		if (r) {
			d->excluded = true;
			r = XSWITCH_DROP_REASON_EXCLUDED;
		}
	}
	if (!r) {
		xsw_dp_tag(fwd, port, skb);
		r = xsw_dp_xmit(d->nic, skb);
	}
	if (r)
		xsw_dp_drop(port, skb, r);
	return r;
}

/*
 * Egress to every destination; consumes @skb.  0 if any took it, else the
 * reason the last one did not.
 */
static int xsw_dp_output(struct xsw_fwd *fwd, struct sk_buff *skb,
			 const struct xsw_dp_stack *st)
{
	int r = XSWITCH_DROP_REASON_NO_DEST;
	unsigned int sent = 0;
	u32 i;

	for (i = 0; i < fwd->n_dest; i++) {
		struct xsw_dest *d = &fwd->dest[i];
		struct sk_buff *copy = skb;

		if (i + 1 < fwd->n_dest) {
			copy = skb_clone(skb, GFP_ATOMIC);
			if (!copy) {
				r = XSWITCH_DROP_REASON_NOMEM;
				xsw_count_drop(d->nic->port, r);
				continue;
			}
		}
		r = xsw_dp_deliver(fwd, copy, st, d);
		sent += !r;
	}
	if (!fwd->n_dest)
		kfree_skb(skb);
	return sent ? 0 : r;
}

static const struct xsw_dp_stack xsw_dp_empty;

static const struct xsw_dp_stack *xsw_dp_stack(struct xsw_switch *sw)
{
	return rcu_dereference(sw->stack) ?: &xsw_dp_empty;
}

/* Whether a frame from @nic may enter the switch. */
static bool xsw_dp_may_send(const struct xsw_nic *nic)
{
	u32 state = READ_ONCE(nic->info.state);

	if (READ_ONCE(nic->deleting) ||
	    READ_ONCE(nic->port->info.state) != XSWITCH_PORT_STATE_CREATED)
		return false;
	return state == XSWITCH_NIC_STATE_CREATED ||
	       state == XSWITCH_NIC_STATE_CONNECTED;
}

/* A gated NIC's frame: passes if it opens the gate (first-frame). */
static bool xsw_dp_gate_pass(struct xsw_nic *nic)
{
	u32 was = cmpxchg(&nic->gate, XSWITCH_NIC_GATE_FIRST_FRAME,
			  XSWITCH_NIC_GATE_OPEN);

	if (was != XSWITCH_NIC_GATE_FIRST_FRAME)
		return was == XSWITCH_NIC_GATE_OPEN;
	WRITE_ONCE(nic->dp_on, true);
	return true;
}

/**
 * xsw_dp_input - a frame from a NIC's device enters the switch
 * @nic: the NIC it came from
 * @skb: the frame, skb->data at its MAC header; consumed
 *
 * Under rcu_read_lock(), bottom halves disabled.
 */
void xsw_dp_input(struct xsw_nic *nic, struct sk_buff *skb)
{
	struct xsw_port *port = nic->port;
	const struct xsw_dp_stack *st;
	struct xsw_fwd fwd;
	int r;

	xsw_count(port, false, skb->len);
	if (!xsw_dp_may_send(nic) ||
	    (unlikely(READ_ONCE(nic->gate)) && !xsw_dp_gate_pass(nic))) {
		xsw_dp_drop(port, skb, XSWITCH_DROP_REASON_NOT_READY);
		return;
	}
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		xsw_dp_drop(port, skb, XSWITCH_DROP_REASON_FILTER);
		return;
	}
	skb_reset_mac_header(skb);
	st = xsw_dp_stack(port->sw);
	xsw_fwd_init(&fwd, port->sw, nic);
	/* As it came, for a forwarding extension that does not classify. */
	if (skb_vlan_tag_present(skb))
		fwd.vlan = skb_vlan_tag_get_id(skb);
	r = xsw_dp_ingress(&fwd, skb, st, 0);
	if (r) {
		xsw_dp_drop(port, skb, r);
	} else {
		this_cpu_inc(xsw_dp_depth);
		xsw_dp_output(&fwd, skb, st);
		this_cpu_dec(xsw_dp_depth);
	}
	xsw_fwd_release(&fwd);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_dp_input);

static unsigned int xsw_dp_position(const struct xsw_dp_stack *st,
				    const struct xsw_ext *ext)
{
	unsigned int i;

	for (i = 0; i < st->n; i++)
		if (st->ext[i] == ext)
			return i;
	return st->n;
}

/**
 * xsw_dp_originate - send a frame an extension made
 * @ext: the extension, enabled
 * @skb: the frame, skb->data at its MAC header; always consumed
 * @dst: a connected NIC to deliver it to through the egress walk, or NULL
 *	to run the ingress walk from the extension below @ext
 *
 * The frame's source is PortId 0: trusted.  Under rcu_read_lock(), bottom
 * halves disabled.
 *
 * Return: 0 if a destination took it, else the drop reason.
 */
int xsw_dp_originate(struct xsw_ext *ext, struct sk_buff *skb,
		     struct xsw_nic *dst)
{
	struct xsw_switch *sw = ext->sw;
	const struct xsw_dp_stack *st;
	struct xsw_fwd fwd;
	unsigned int pos;
	int r;

	st = xsw_dp_stack(sw);
	pos = xsw_dp_position(st, ext);
	if (pos == st->n) {
		kfree_skb(skb);
		return XSWITCH_DROP_REASON_NOT_READY;
	}
	if (__this_cpu_read(xsw_dp_depth) >= XSW_DP_MAX_DEPTH) {
		xsw_dp_drop(NULL, skb, XSWITCH_DROP_REASON_LOOP);
		return XSWITCH_DROP_REASON_LOOP;
	}
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		kfree_skb(skb);
		return XSWITCH_DROP_REASON_FILTER;
	}
	skb_reset_mac_header(skb);
	xsw_fwd_init(&fwd, sw, NULL);
	if (skb_vlan_tag_present(skb))
		fwd.vlan = skb_vlan_tag_get_id(skb);
	r = dst ? xsw_fwd_add_dest(&fwd, dst) : xsw_dp_ingress(&fwd, skb, st,
							       pos + 1);
	if (r) {
		r = r < 0 ? XSWITCH_DROP_REASON_NO_DEST : r;
		xsw_dp_drop(NULL, skb, r);
	} else {
		this_cpu_inc(xsw_dp_depth);
		r = xsw_dp_output(&fwd, skb, st);
		this_cpu_dec(xsw_dp_depth);
	}
	xsw_fwd_release(&fwd);
	return r;
}
EXPORT_SYMBOL_GPL(xsw_dp_originate);

/* The RARP of @mac, as QEMU's announce_self_create() makes it. */
static struct sk_buff *xsw_dp_rarp(const u8 *mac)
{
	struct sk_buff *skb;
	struct arphdr *arp;
	struct ethhdr *eth;
	u8 *p;

	skb = alloc_skb(NET_IP_ALIGN + ETH_ZLEN, GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, NET_IP_ALIGN);
	eth = skb_put(skb, ETH_HLEN);
	eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, mac);
	eth->h_proto = htons(ETH_P_RARP);
	arp = skb_put(skb, sizeof(*arp));
	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons(ARPOP_RREQUEST);
	/* Sender and target: the MAC, no IPv4 address; padded to 60 bytes. */
	p = skb_put_zero(skb, ETH_ZLEN - ETH_HLEN - sizeof(*arp));
	ether_addr_copy(p, mac);
	ether_addr_copy(p + ETH_ALEN + 4, mac);
	skb_reset_mac_header(skb);
	/* As a device's driver would have set it, for the devices it leaves by. */
	skb->protocol = htons(ETH_P_RARP);
	return skb;
}

/**
 * xsw_dp_announce - a connected NIC's MAC, announced into the switch
 * @nic: the NIC
 * @extack: why not
 *
 * After a migration the MAC tables upstream still send the VM's frames
 * to the host it left; QEMU's announce-self sends a RARP from each of the
 * VM's MACs so that they learn where it is.  This sends that frame from
 * @nic, as the VM would: counted on its port, through the whole ingress
 * walk (an extension may drop it) and flooded as a broadcast.  The MAC is
 * the NIC's current one, else its VM MAC.
 *
 * Control lock.
 *
 * Return: 0, -EINVAL when the NIC is not connected or has no MAC, or
 * -ENOMEM.
 */
int xsw_dp_announce(struct xsw_nic *nic, struct netlink_ext_ack *extack)
{
	const u8 *mac = nic->info.current_mac;
	struct sk_buff *skb;

	xsw_assert_locked(nic->port->sw);
	if (nic->info.state != XSWITCH_NIC_STATE_CONNECTED) {
		NL_SET_ERR_MSG_MOD(extack, "only a connected NIC announces its MAC");
		return -EINVAL;
	}
	/* As the VM's own RARP, it opens a first-frame gate; a shut one drops it. */
	if (READ_ONCE(nic->gate) == XSWITCH_NIC_GATE_SHUT) {
		NL_SET_ERR_MSG_MOD(extack, "the NIC's gate is shut: nothing it sends passes");
		return -EINVAL;
	}
	if (is_zero_ether_addr(mac))
		mac = nic->info.vm_mac;
	if (!is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG_MOD(extack, "the NIC has no MAC to announce (current-mac, vm-mac)");
		return -EINVAL;
	}
	skb = xsw_dp_rarp(mac);
	if (!skb)
		return -ENOMEM;
	rcu_read_lock();
	local_bh_disable();
	xsw_dp_input(nic, skb);
	local_bh_enable();
	rcu_read_unlock();
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_dp_announce);

/**
 * xsw_dp_connect - make a NIC that just connected a destination
 * @nic: the NIC, after its connect step
 *
 * Control lock.
 *
 * Return: 0, or the MAC table's error (the NIC is a destination anyway).
 */
int xsw_dp_connect(struct xsw_nic *nic)
{
	int err;

	xsw_assert_locked(nic->port->sw);
	/* Out of the MAC table, the NIC still gets its frames by flooding. */
	err = xsw_fdb_add_nic(nic);
	if (err)
		pr_warn("switch %s: port %u NIC %u: not in the MAC table (%d); frames to it flood\n",
			nic->port->sw->name, nic->info.port_id,
			nic->info.index, err);
	list_add_tail_rcu(&nic->dest_node, &nic->port->sw->dests);
	nic->dp_listed = true;
	nic->gated = READ_ONCE(nic->gate) != XSWITCH_NIC_GATE_OPEN;
	if (!nic->gated)
		WRITE_ONCE(nic->dp_on, true);
	return 0;
}

/**
 * xsw_dp_gate - open a gated NIC's gate, or let its first frame open it
 * @nic: the NIC, connected gated
 * @gate: XSWITCH_NIC_GATE_OPEN or XSWITCH_NIC_GATE_FIRST_FRAME
 * @extack: for the refusal
 *
 * Control lock.  A gate open stays open (first-frame changes only a shut
 * one); only a disconnect shuts it again.
 *
 * Return: 0, or -EINVAL for a NIC not connected gated or a gate to shut.
 */
int xsw_dp_gate(struct xsw_nic *nic, u32 gate, struct netlink_ext_ack *extack)
{
	xsw_assert_locked(nic->port->sw);
	if (!nic->gated) {
		NL_SET_ERR_MSG_MOD(extack, "gate: the NIC was not connected gated");
		return -EINVAL;
	}
	if (gate == XSWITCH_NIC_GATE_OPEN) {
		WRITE_ONCE(nic->gate, gate);
		WRITE_ONCE(nic->dp_on, true);
		return 0;
	}
	if (gate == XSWITCH_NIC_GATE_FIRST_FRAME) {
		cmpxchg(&nic->gate, XSWITCH_NIC_GATE_SHUT, gate);
		return 0;
	}
	NL_SET_ERR_MSG_MOD(extack, "gate: only a disconnect shuts a gate");
	return -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_dp_gate);

/**
 * xsw_dp_disconnect - stop delivering to a NIC, before its disconnect step
 * @nic: the NIC
 *
 * Control lock.  Returns once no frame can reach it any more.
 */
void xsw_dp_disconnect(struct xsw_nic *nic)
{
	xsw_assert_locked(nic->port->sw);
	if (!nic->dp_listed)
		return;
	if (nic->gated) {
		/* No opening after this; one under way ends within the wait. */
		WRITE_ONCE(nic->gate, XSWITCH_NIC_GATE_SHUT);
		synchronize_rcu();
		nic->gated = false;
	}
	nic->dp_listed = false;
	WRITE_ONCE(nic->dp_on, false);
	list_del_rcu(&nic->dest_node);
	xsw_fdb_del_nic(nic);
	/*
	 * A frame that committed the NIC may still be in the egress walk,
	 * in ->tx of extensions, bound or not: they see the NIC no more
	 * once its disconnect step runs.
	 */
	synchronize_rcu();
	xsw_fdb_forget_nic(nic);
}
