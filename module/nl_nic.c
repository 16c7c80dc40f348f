// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink requests on NICs.
 */
#include <net/sock.h>

#include "netlink.h"

static int xsw_fill_dev(struct sk_buff *skb, const struct xsw_nic *nic)
{
	struct net_device *dev;
	int err = 0;

	rcu_read_lock();
	dev = rcu_dereference(nic->dev);
	if (dev && (nla_put_u32(skb, XSWITCH_A_NIC_IFINDEX, dev->ifindex) ||
		    nla_put_string(skb, XSWITCH_A_NIC_IFNAME, dev->name)))
		err = -EMSGSIZE;
	rcu_read_unlock();
	return err;
}

static int xsw_fill_nic(struct sk_buff *skb, const void *obj)
{
	const struct xsw_nic *nic = obj;
	const struct xsw_nic_info *ni = &nic->info;

	if (nla_put_string(skb, XSWITCH_A_NIC_SWITCH, nic->port->sw->name) ||
	    nla_put_u32(skb, XSWITCH_A_NIC_PORT_ID, ni->port_id) ||
	    nla_put_u16(skb, XSWITCH_A_NIC_INDEX, ni->index) ||
	    nla_put_string(skb, XSWITCH_A_NIC_NAME, ni->name) ||
	    nla_put_string(skb, XSWITCH_A_NIC_FRIENDLY_NAME,
			   ni->friendly_name) ||
	    nla_put_u32(skb, XSWITCH_A_NIC_TYPE, ni->type) ||
	    nla_put_u32(skb, XSWITCH_A_NIC_STATE, ni->state) ||
	    nla_put_u32(skb, XSWITCH_A_NIC_MTU, ni->mtu) ||
	    nla_put(skb, XSWITCH_A_NIC_PERMANENT_MAC, ETH_ALEN,
		    ni->permanent_mac) ||
	    nla_put(skb, XSWITCH_A_NIC_VM_MAC, ETH_ALEN, ni->vm_mac) ||
	    nla_put(skb, XSWITCH_A_NIC_CURRENT_MAC, ETH_ALEN, ni->current_mac) ||
	    nla_put_string(skb, XSWITCH_A_NIC_VM_NAME, ni->vm_name) ||
	    nla_put_string(skb, XSWITCH_A_NIC_VM_FRIENDLY_NAME,
			   ni->vm_friendly_name) ||
	    xsw_fill_dev(skb, nic) ||
	    (READ_ONCE(nic->gate) &&
	     nla_put_u32(skb, XSWITCH_A_NIC_GATE, READ_ONCE(nic->gate))))
		return -EMSGSIZE;
	return 0;
}

static const void *xsw_nl_bin(struct genl_info *info, int attr)
{
	return info->attrs[attr] ? nla_data(info->attrs[attr]) : NULL;
}

static void xsw_nl_nic_params(struct genl_info *info, struct xsw_nic_params *p)
{
	struct nlattr **a = info->attrs;

	memset(p, 0, sizeof(*p));
	if (a[XSWITCH_A_NIC_INDEX])
		p->index = nla_get_u16(a[XSWITCH_A_NIC_INDEX]);
	if (a[XSWITCH_A_NIC_MTU])
		p->mtu = nla_get_u32(a[XSWITCH_A_NIC_MTU]);
	p->name = xsw_nl_str(info, XSWITCH_A_NIC_NAME);
	p->friendly_name = xsw_nl_str(info, XSWITCH_A_NIC_FRIENDLY_NAME);
	p->vm_name = xsw_nl_str(info, XSWITCH_A_NIC_VM_NAME);
	p->vm_friendly_name = xsw_nl_str(info, XSWITCH_A_NIC_VM_FRIENDLY_NAME);
	p->permanent_mac = xsw_nl_bin(info, XSWITCH_A_NIC_PERMANENT_MAC);
	p->vm_mac = xsw_nl_bin(info, XSWITCH_A_NIC_VM_MAC);
	p->current_mac = xsw_nl_bin(info, XSWITCH_A_NIC_CURRENT_MAC);
	if (a[XSWITCH_A_NIC_IFINDEX])
		p->ifindex = nla_get_u32(a[XSWITCH_A_NIC_IFINDEX]);
	p->ifname = xsw_nl_str(info, XSWITCH_A_NIC_IFNAME);
}

/* The port the request names; the caller holds the namespace's lock. */
static struct xsw_port *xsw_nl_nic_port(struct genl_info *info)
{
	struct xsw_switch *sw;

	sw = xsw_nl_switch(genl_info_net(info), info->attrs,
			   XSWITCH_A_NIC_SWITCH, info->extack);
	if (IS_ERR(sw))
		return ERR_CAST(sw);
	return xsw_nl_port(sw, info->attrs, XSWITCH_A_NIC_PORT_ID,
			   info->extack);
}

int xswitch_nl_nic_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_nic_params p;
	struct xsw_port *port;
	struct xsw_nic *nic;
	struct sk_buff *msg;
	int err;

	xsw_nl_nic_params(info, &p);
	msg = xsw_genlmsg_new(XSW_NL_OBJ_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	xsw_lock(net);
	port = xsw_nl_nic_port(info);
	nic = IS_ERR(port) ? ERR_CAST(port) : xsw_nic_create(port, &p, info->extack);
	if (IS_ERR(nic)) {
		nlmsg_free(msg);
		err = PTR_ERR(nic);
		goto out_unlock;
	}
	/* Not connected yet, so no reference holds the undo up. */
	err = xsw_nl_send(info, msg, XSWITCH_CMD_NIC_NEW, xsw_fill_nic, nic);
	if (err)
		xsw_nic_delete(nic, false, NULL);
out_unlock:
	xsw_unlock(net);
	return err;
}

enum xsw_nic_req {
	XSW_NIC_CONNECT, XSW_NIC_SET, XSW_NIC_DISCONNECT, XSW_NIC_DEL,
	XSW_NIC_GET, XSW_NIC_ANNOUNCE, XSW_NIC_GATE,
};

/*
 * nic-connect, gated if asked: shut from before the connect step, so that
 * no frame passes (nor opens it) until the NIC is connected; a
 * first-frame gate is armed only then.
 */
static int xsw_nl_nic_connect(struct xsw_nic *nic, struct genl_info *info)
{
	struct nlattr *g = info->attrs[XSWITCH_A_NIC_GATE];
	u32 gate = g ? nla_get_u32(g) : XSWITCH_NIC_GATE_OPEN;
	int err;

	if (nic->info.state == XSWITCH_NIC_STATE_CREATED && gate)
		WRITE_ONCE(nic->gate, XSWITCH_NIC_GATE_SHUT);
	err = xsw_nic_connect(nic, info->extack);
	if (err) {
		if (nic->info.state == XSWITCH_NIC_STATE_CREATED)
			WRITE_ONCE(nic->gate, XSWITCH_NIC_GATE_OPEN);
		return err;
	}
	if (gate == XSWITCH_NIC_GATE_FIRST_FRAME)
		return xsw_dp_gate(nic, gate, info->extack);
	return 0;
}

static int xsw_nl_nic_req(struct xsw_nic *nic, struct genl_info *info,
			  enum xsw_nic_req req)
{
	struct xsw_nic_params p;

	switch (req) {
	case XSW_NIC_CONNECT:
		return xsw_nl_nic_connect(nic, info);
	case XSW_NIC_SET:
		xsw_nl_nic_params(info, &p);
		return xsw_nic_update(nic, &p, info->extack);
	case XSW_NIC_DISCONNECT:
		return xsw_nic_disconnect(nic, info->extack);
	case XSW_NIC_DEL:
		return xsw_nic_delete(nic, true, info->extack);
	case XSW_NIC_GET:
		return xsw_nl_reply(info, XSW_NL_OBJ_SIZE, XSWITCH_CMD_NIC_GET,
				    xsw_fill_nic, nic);
	case XSW_NIC_ANNOUNCE:
		return xsw_dp_announce(nic, info->extack);
	case XSW_NIC_GATE:
		if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_NIC_GATE))
			return -EINVAL;
		return xsw_dp_gate(nic, nla_get_u32(info->attrs[XSWITCH_A_NIC_GATE]),
				   info->extack);
	}
	return -EOPNOTSUPP;
}

/* Runs @req on the NIC the request names (index 0 when none is given). */
static int xsw_nl_nic_do(struct genl_info *info, enum xsw_nic_req req)
{
	struct nlattr *idx = info->attrs[XSWITCH_A_NIC_INDEX];
	struct net *net = genl_info_net(info);
	struct xsw_port *port;
	struct xsw_nic *nic;
	int err;

	xsw_lock(net);
	port = xsw_nl_nic_port(info);
	err = PTR_ERR_OR_ZERO(port);
	if (err)
		goto out_unlock;
	nic = xsw_port_nic(port, idx ? nla_get_u16(idx) : 0);
	if (nic) {
		err = xsw_nl_nic_req(nic, info, req);
	} else {
		XSW_ERR_ATTR(info->extack, idx, "the port has no NIC at that index");
		err = -ENOENT;
	}
out_unlock:
	xsw_unlock(net);
	return err;
}

int xswitch_nl_nic_connect_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, XSW_NIC_CONNECT);
}

int xswitch_nl_nic_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, XSW_NIC_SET);
}

int xswitch_nl_nic_disconnect_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, XSW_NIC_DISCONNECT);
}

int xswitch_nl_nic_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, XSW_NIC_DEL);
}

int xswitch_nl_nic_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, XSW_NIC_GET);
}

int xswitch_nl_nic_announce_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, XSW_NIC_ANNOUNCE);
}

/* Where a NIC dump stopped: the port and the index of the next NIC. */
struct xsw_nic_dump_ctx {
	unsigned long port_id;
	unsigned int index;
};

/* The NICs of @port from @ctx->index on; the place is kept on a full skb. */
static int xsw_dump_port_nics(struct sk_buff *skb, struct netlink_callback *cb,
			      struct xsw_port *port,
			      struct xsw_nic_dump_ctx *ctx)
{
	struct xsw_nic *nic;
	int err;

	for (; ctx->index <= XSWITCH_MAX_NIC_INDEX; ctx->index++) {
		nic = xsw_port_nic(port, ctx->index);
		if (!nic)
			continue;
		err = xsw_dump_put(skb, cb, XSWITCH_CMD_NIC_GET, xsw_fill_nic,
				   nic);
		if (err)
			return err;
	}
	return 0;
}

/*
 * NICs of all ports, or of the one port the request names.  When the port
 * the previous message stopped in is gone, the next one starts at index 0.
 */
int xswitch_nl_nic_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct xsw_nic_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_nic_dump_ctx, cb);
	struct nlattr **attrs = xsw_dump_attrs(cb);
	unsigned long id, last = ULONG_MAX;
	struct net *net = sock_net(skb->sk);
	struct xsw_switch *sw;
	struct xsw_port *port;
	int err;

	xsw_lock(net);
	sw = xsw_nl_switch(net, attrs, XSWITCH_A_NIC_SWITCH, cb->extack);
	err = PTR_ERR_OR_ZERO(sw);
	if (err)
		goto out_unlock;
	if (attrs[XSWITCH_A_NIC_PORT_ID]) {
		/* An unknown port is an error, unless it left mid-dump. */
		port = xsw_nl_port(sw, attrs, XSWITCH_A_NIC_PORT_ID, cb->extack);
		err = ctx->port_id ? 0 : PTR_ERR_OR_ZERO(port);
		if (err)
			goto out_unlock;
		id = nla_get_u32(attrs[XSWITCH_A_NIC_PORT_ID]);
		ctx->port_id = max_t(unsigned long, ctx->port_id, id);
		last = id;
	}
	xa_for_each_range(&sw->ports, id, port, ctx->port_id, last) {
		if (id != ctx->port_id) {
			ctx->port_id = id;
			ctx->index = 0;
		}
		err = xsw_dump_port_nics(skb, cb, port, ctx);
		if (err)
			break;
		ctx->port_id = id + 1;
		ctx->index = 0;
	}
out_unlock:
	xsw_unlock(net);
	return xsw_dump_done(skb, err);
}

int xswitch_nl_nic_gate_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, XSW_NIC_GATE);
}
