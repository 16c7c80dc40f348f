// SPDX-License-Identifier: GPL-2.0
/*
 * NICs backed by net_devices: an existing device bound with an rx_handler,
 * as Open vSwitch's vport-netdev does, or the internal port's own device
 * (internal_dev.c).
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "xsw.h"

/**
 * DOC: Device binding
 *
 * A NIC may be bound, at its creation, to a device of the switch's
 * namespace: an Ethernet device nobody else claims (no master, no other
 * rx_handler: not a bridge, bond, Open vSwitch or another switch's port),
 * not a loopback and not an internal port.  The binding is made before
 * the create step, so that a refusal changes nothing; until the step has
 * completed the NIC drops what the device receives (not-ready).  The NIC
 * holds a reference on the device and puts it in promiscuous mode.
 *
 * RTNL nests inside the control lock: binding and unbinding take it under
 * the lock.  The netdev notifier runs under RTNL and must not take the
 * control lock, so when a bound device goes away (unregistered, or moved
 * to another namespace) it detaches it at once, under RTNL, and queues
 * @unbind, which drops the device reference after a grace period and
 * then, under the control lock, disconnects and deletes the NIC in the
 * Hyper-V order, with their events.  The work pins the NIC, its port and
 * its switch; a namespace's exit flushes it before its state goes.
 *
 * The NIC's MTU and, on the external and internal ports, its MACs follow
 * the device: a change of either is applied by the same kind of work, as
 * a NIC update step when the NIC is connected.
 */

static rx_handler_result_t xsw_vport_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct xsw_nic *nic;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	nic = rcu_dereference(skb->dev->rx_handler_data);
	if (unlikely(!nic))
		return RX_HANDLER_PASS;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;
	skb_push_rcsum(skb, ETH_HLEN);
	xsw_dp_input(nic, skb);
	return RX_HANDLER_CONSUMED;
}

static bool xsw_vport_is_ours(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == xsw_vport_rx;
}

static int xsw_vport_check(struct net_device *dev,
			   struct netlink_ext_ack *extack)
{
	struct net_device *master;

	ASSERT_RTNL();
	if (dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG_MOD(extack, "a loopback device cannot back a NIC");
		return -EINVAL;
	}
	if (xsw_idev_is(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "the device is an xswitch internal port");
		return -EINVAL;
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG_MOD(extack, "the device is not an Ethernet device");
		return -EINVAL;
	}
	master = netdev_master_upper_dev_get(dev);
	if (master) {
#ifdef NL_SET_ERR_MSG_FMT_MOD
		NL_SET_ERR_MSG_FMT_MOD(extack, "the device is enslaved to %s",
				       master->name);
#else
		NL_SET_ERR_MSG_MOD(extack, "the device is enslaved to another device");
#endif
		return -EBUSY;
	}
	if (xsw_vport_is_ours(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "the device backs another NIC");
		return -EBUSY;
	}
	if (rtnl_dereference(dev->rx_handler)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the device is in use by a bridge, bond, macvlan, Open vSwitch or another datapath");
		return -EBUSY;
	}
	return 0;
}

/* A VM's NIC keeps the VM's MACs; the host's and the uplink's are the device's. */
static bool xsw_vport_mac_follows(const struct xsw_nic *nic)
{
	return nic->info.type == XSWITCH_NIC_TYPE_EXTERNAL ||
	       nic->info.type == XSWITCH_NIC_TYPE_INTERNAL;
}

/* The fields of a NIC that follow its device, unless the request set them. */
static void xsw_vport_follow(struct xsw_nic *nic, struct net_device *dev,
			     const struct xsw_nic_params *p)
{
	const u8 *perm = is_zero_ether_addr(dev->perm_addr) ? dev->dev_addr :
			 dev->perm_addr;

	ether_addr_copy(nic->dev_mac, dev->dev_addr);
	if (!p->mtu)
		nic->info.mtu = dev->mtu;
	if (!xsw_vport_mac_follows(nic))
		return;
	if (!p->permanent_mac)
		ether_addr_copy(nic->info.permanent_mac, perm);
	if (!p->current_mac)
		ether_addr_copy(nic->info.current_mac, dev->dev_addr);
}

static int xsw_vport_attach(struct xsw_nic *nic, struct net_device *dev,
			    struct netlink_ext_ack *extack)
{
	int err;

	err = xsw_vport_check(dev, extack);
	if (err)
		return err;
	err = dev_set_promiscuity(dev, 1);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "the device refused promiscuous mode");
		return err;
	}
	err = netdev_rx_handler_register(dev, xsw_vport_rx, nic);
	if (err) {
		dev_set_promiscuity(dev, -1);
		NL_SET_ERR_MSG_MOD(extack, "the device's receive handler is taken");
		return err;
	}
	netdev_hold(dev, &nic->dev_tracker, GFP_KERNEL);
	nic->bound = dev;
	rcu_assign_pointer(nic->dev, dev);
	return 0;
}

/**
 * xsw_vport_bind - back a NIC being created by a device
 * @nic: the NIC, before its create step
 * @p: the request: @p->ifindex names a device to bind, @p->ifname the
 *	internal port's device to make
 * @extack: where a refusal is explained
 *
 * Control lock; takes RTNL.
 *
 * Return: 0 (also when nothing is to be bound) or a negative errno, with
 * nothing bound.
 */
int xsw_vport_bind(struct xsw_nic *nic, const struct xsw_nic_params *p,
		   struct netlink_ext_ack *extack)
{
	bool internal = nic->info.type == XSWITCH_NIC_TYPE_INTERNAL;
	struct net *net = nic->port->sw->xn->net;
	struct net_device *dev;
	int err;

	xsw_assert_locked(nic->port->sw);
	if (internal && p->ifindex) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the internal port makes its own device: give ifname, not ifindex");
		return -EINVAL;
	}
	if (!internal && p->ifname) {
		NL_SET_ERR_MSG_MOD(extack,
				   "ifname names the internal port's device; bind other NICs with ifindex");
		return -EINVAL;
	}
	if (!internal && !p->ifindex)
		return 0;

	rtnl_lock();
	if (internal) {
		err = xsw_idev_create(nic, p->ifname,
				      p->current_mac ?: p->permanent_mac, extack);
		dev = nic->bound;
	} else {
		dev = __dev_get_by_index(net, p->ifindex);
		err = dev ? xsw_vport_attach(nic, dev, extack) : -ENODEV;
		if (!dev)
			NL_SET_ERR_MSG_MOD(extack,
					   "no device with that ifindex in the switch's namespace");
	}
	if (!err)
		xsw_vport_follow(nic, dev, p);
	rtnl_unlock();
	return err;
}

/* Stops the datapath's use of the device.  RTNL; idempotent. */
static void xsw_vport_detach(struct xsw_nic *nic)
{
	struct net_device *dev = nic->bound;

	ASSERT_RTNL();
	if (!dev || !rcu_access_pointer(nic->dev))
		return;
	RCU_INIT_POINTER(nic->dev, NULL);
	if (nic->internal) {
		xsw_idev_detach(nic);
		return;
	}
	netdev_rx_handler_unregister(dev);
	dev_set_promiscuity(dev, -1);
}

/**
 * xsw_vport_unbind - release a NIC's device
 * @nic: the NIC
 *
 * Control lock; takes RTNL.  After it the NIC has no device, and the
 * datapath delivers nothing to it nor takes anything from it.
 */
void xsw_vport_unbind(struct xsw_nic *nic)
{
	struct net_device *dev;

	xsw_assert_locked(nic->port->sw);
	rtnl_lock();
	dev = nic->bound;
	xsw_vport_detach(nic);
	nic->bound = NULL;
	if (dev && nic->internal) {
		unregister_netdevice(dev);
		dev = NULL;
	}
	rtnl_unlock();
	/*
	 * No frame is on its way in or out through the device: the rx_handler's
	 * unregistration waited for a grace period after nic->dev was cleared.
	 */
	if (dev)
		netdev_put(dev, &nic->dev_tracker);
}

static int xsw_vport_set_mac(struct net_device *dev, const u8 *mac,
			     struct netlink_ext_ack *extack)
{
	struct sockaddr sa = { .sa_family = dev->type };
	int err;

	if (ether_addr_equal(dev->dev_addr, mac))
		return 0;
	memcpy(sa.sa_data, mac, ETH_ALEN);
	err = dev_set_mac_address(dev, &sa, extack);
	if (err && !(extack && extack->_msg))
		NL_SET_ERR_MSG_MOD(extack, "the device refused the current MAC");
	return err;
}

/**
 * xsw_vport_update - a NIC update sets what a bound NIC's device follows
 * @nic: the NIC
 * @p: the update: its MTU, and on the external and internal ports its
 *	current MAC, go to the device
 * @extack: where a refusal is explained
 *
 * Control lock; takes RTNL.  On a refusal the device is as it was.
 *
 * Return: 0 (also when the NIC is unbound), or the device's refusal.
 */
int xsw_vport_update(struct xsw_nic *nic, const struct xsw_nic_params *p,
		     struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	u32 old_mtu;
	int err = 0;

	xsw_assert_locked(nic->port->sw);
	rtnl_lock();
	dev = nic->bound;
	if (!dev)
		goto out;
	old_mtu = dev->mtu;
	if (p->mtu && dev->mtu != p->mtu) {
		err = dev_set_mtu(dev, p->mtu);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "the device refused the MTU");
			goto out;
		}
	}
	if (p->current_mac && xsw_vport_mac_follows(nic)) {
		err = xsw_vport_set_mac(dev, p->current_mac, extack);
		if (err && dev->mtu != old_mtu)
			dev_set_mtu(dev, old_mtu);
	}
out:
	rtnl_unlock();
	return err;
}

static void xsw_vport_gone_work(struct work_struct *work)
{
	struct xsw_nic *nic = container_of(work, struct xsw_nic, unbind);
	struct xsw_port *port = nic->port;
	struct xsw_switch *sw = port->sw;

	mutex_lock(&sw->xn->lock);
	xsw_vport_unbind(nic);
	/* State 0: the NIC's create failed; it was never on the switch. */
	if (nic->info.state && !nic->deleting && !sw->dying) {
		pr_info("switch %s: port %u NIC %u: its device went away; deleting the NIC\n",
			sw->name, nic->info.port_id, nic->info.index);
		xsw_nic_io_drain(nic);
		if (nic->info.state == XSWITCH_NIC_STATE_CONNECTED)
			xsw_nic_disconnect(nic, NULL);
		if (!nic->deleting)
			xsw_nic_delete(nic, false, NULL);
	}
	mutex_unlock(&sw->xn->lock);
	xsw_nic_put(nic);
	xsw_port_put(port);
	xsw_switch_put(sw);
}

static void xsw_vport_sync_work(struct work_struct *work)
{
	struct xsw_nic *nic = container_of(work, struct xsw_nic, sync);
	struct xsw_port *port = nic->port;
	struct xsw_switch *sw = port->sw;
	struct xsw_nic_params p = { .index = nic->info.index };
	u8 mac[ETH_ALEN];

	bool mac_moved = false;

	mutex_lock(&sw->xn->lock);
	rtnl_lock();
	if (nic->bound && nic->info.state && !nic->deleting) {
		p.mtu = nic->bound->mtu;
		ether_addr_copy(mac, nic->bound->dev_addr);
		/* Only a change of the device's MAC overrides the NIC's. */
		mac_moved = !ether_addr_equal(mac, nic->dev_mac);
		ether_addr_copy(nic->dev_mac, mac);
	}
	rtnl_unlock();
	if (p.mtu && mac_moved && xsw_vport_mac_follows(nic))
		p.current_mac = mac;
	if (p.mtu)
		xsw_nic_follow(nic, &p);
	mutex_unlock(&sw->xn->lock);
	xsw_nic_put(nic);
	xsw_port_put(port);
	xsw_switch_put(sw);
}

/* Pins what @work needs, and queues it unless it is queued already. */
static void xsw_vport_queue(struct xsw_nic *nic, struct work_struct *work)
{
	refcount_inc(&nic->refs);
	refcount_inc(&nic->port->refs);
	refcount_inc(&nic->port->sw->refs);
	if (queue_work(xsw_wq, work))
		return;
	xsw_nic_put(nic);
	xsw_port_put(nic->port);
	xsw_switch_put(nic->port->sw);
}

static int xsw_vport_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct xsw_nic *nic;

	if (xsw_idev_is(dev))
		nic = xsw_idev_nic(dev);
	else if (xsw_vport_is_ours(dev))
		nic = rtnl_dereference(dev->rx_handler_data);
	else
		return NOTIFY_DONE;
	if (!nic || nic->bound != dev)
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_UNREGISTER:
		xsw_vport_detach(nic);
		if (nic->internal)
			nic->bound = NULL;
		xsw_vport_queue(nic, &nic->unbind);
		break;
	case NETDEV_CHANGEMTU:
	case NETDEV_CHANGEADDR:
		xsw_vport_queue(nic, &nic->sync);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block xsw_vport_notifier = {
	.notifier_call = xsw_vport_event,
};

void xsw_vport_init_nic(struct xsw_nic *nic)
{
	INIT_WORK(&nic->unbind, xsw_vport_gone_work);
	INIT_WORK(&nic->sync, xsw_vport_sync_work);
}

int xsw_vport_init(void)
{
	return register_netdevice_notifier(&xsw_vport_notifier);
}

void xsw_vport_exit(void)
{
	unregister_netdevice_notifier(&xsw_vport_notifier);
}
