// SPDX-License-Identifier: GPL-2.0
/*
 * The internal port's net_device, as Open vSwitch's internal ports have:
 * what the host sends on it enters the switch from the internal NIC, and
 * what the switch delivers to that NIC the host receives on it.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "xsw.h"

struct xsw_idev {
	struct xsw_nic __rcu *nic;
};

static netdev_tx_t xsw_idev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xsw_idev *priv = netdev_priv(dev);
	struct xsw_nic *nic;

	rcu_read_lock();
	nic = rcu_dereference(priv->nic);
	if (likely(nic))
		xsw_dp_input(nic, skb);
	else
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

/*
 * The port's counters seen from the host: what the switch delivered to
 * the port the device received, and the reverse.
 */
static void xsw_idev_stats(struct net_device *dev,
			   struct rtnl_link_stats64 *stats)
{
	struct xsw_idev *priv = netdev_priv(dev);
	struct xsw_port_totals t;
	struct xsw_nic *nic;
	unsigned int i;
	u64 drops = 0;

	rcu_read_lock();
	nic = rcu_dereference(priv->nic);
	if (nic) {
		xsw_port_totals(nic->port, &t);
		for (i = 0; i < ARRAY_SIZE(t.drops); i++)
			drops += t.drops[i];
		stats->rx_packets = t.tx_packets;
		stats->rx_bytes = t.tx_bytes;
		stats->tx_packets = t.rx_packets;
		stats->tx_bytes = t.rx_bytes;
		stats->tx_dropped = drops;
	}
	rcu_read_unlock();
}

static const struct net_device_ops xsw_idev_ops = {
	.ndo_start_xmit = xsw_idev_xmit,
	.ndo_get_stats64 = xsw_idev_stats,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

bool xsw_idev_is(const struct net_device *dev)
{
	return dev->netdev_ops == &xsw_idev_ops;
}

/* RTNL. */
struct xsw_nic *xsw_idev_nic(struct net_device *dev)
{
	struct xsw_idev *priv = netdev_priv(dev);

	return rtnl_dereference(priv->nic);
}

static void xsw_idev_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &xsw_idev_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags |= IFF_NO_QUEUE | IFF_LIVE_ADDR_CHANGE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->features = NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HW_CSUM |
			NETIF_F_HIGHDMA | NETIF_F_GSO_SOFTWARE |
			NETIF_F_HW_VLAN_CTAG_TX;
	dev->hw_features = dev->features;
	dev->vlan_features = dev->features & ~NETIF_F_HW_VLAN_CTAG_TX;
	/* Lockless transmit; it never leaves the switch's namespace. */
#ifdef XSW_HAVE_NETNS_IMMUTABLE
	dev->lltx = true;
	dev->netns_immutable = true;
#else
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
#endif
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);
}

/**
 * xsw_idev_create - make the internal NIC's device
 * @nic: the internal NIC, before its create step
 * @name: the device's name, or NULL for "xsw%d"
 * @mac: the device's MAC, or NULL for a random one
 * @extack: where a refusal is explained
 *
 * RTNL.  The device is registered down, in the switch's namespace.
 *
 * Return: 0 or a negative errno.
 */
int xsw_idev_create(struct xsw_nic *nic, const char *name, const u8 *mac,
		    struct netlink_ext_ack *extack)
{
	struct net *net = nic->port->sw->xn->net;
	struct net_device *dev;
	struct xsw_idev *priv;
	int err;

	ASSERT_RTNL();
	if (name && !dev_valid_name(name)) {
		NL_SET_ERR_MSG_MOD(extack, "ifname is not a valid device name");
		return -EINVAL;
	}
	dev = alloc_netdev(sizeof(*priv), name ?: "xsw%d", NET_NAME_USER,
			   xsw_idev_setup);
	if (!dev)
		return -ENOMEM;
	if (mac && is_valid_ether_addr(mac)) {
		eth_hw_addr_set(dev, mac);
		dev->addr_assign_type = NET_ADDR_SET;
	}
	dev_net_set(dev, net);
	priv = netdev_priv(dev);
	RCU_INIT_POINTER(priv->nic, nic);
	err = register_netdevice(dev);
	if (err) {
		if (err == -EEXIST)
			NL_SET_ERR_MSG_MOD(extack, "a device of that name exists");
		free_netdev(dev);
		return err;
	}
	nic->bound = dev;
	nic->internal = true;
	rcu_assign_pointer(nic->dev, dev);
	return 0;
}

/* RTNL: frames sent on the device stop entering the switch. */
void xsw_idev_detach(struct xsw_nic *nic)
{
	struct xsw_idev *priv = netdev_priv(nic->bound);

	ASSERT_RTNL();
	RCU_INIT_POINTER(priv->nic, NULL);
}
