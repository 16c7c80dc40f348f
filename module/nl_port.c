// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink requests on ports and NICs.
 */
#include <net/sock.h>

#include "netlink.h"

static int xsw_fill_port(struct sk_buff *skb, const void *obj)
{
	const struct xsw_port *port = obj;

	if (nla_put_string(skb, XSWITCH_A_PORT_SWITCH, port->sw->name) ||
	    nla_put_u32(skb, XSWITCH_A_PORT_ID, port->id) ||
	    nla_put_string(skb, XSWITCH_A_PORT_NAME, port->name) ||
	    nla_put_string(skb, XSWITCH_A_PORT_FRIENDLY_NAME,
			   port->friendly_name) ||
	    nla_put_u32(skb, XSWITCH_A_PORT_TYPE, port->type) ||
	    (port->validation &&
	     nla_put_flag(skb, XSWITCH_A_PORT_VALIDATION)) ||
	    nla_put_u32(skb, XSWITCH_A_PORT_STATE, port->state))
		return -EMSGSIZE;
	return 0;
}

static const char *xsw_nl_str(struct genl_info *info, int attr)
{
	return info->attrs[attr] ? nla_data(info->attrs[attr]) : NULL;
}

int xswitch_nl_port_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct xsw_port_params p = {
		.name = xsw_nl_str(info, XSWITCH_A_PORT_NAME),
		.friendly_name = xsw_nl_str(info, XSWITCH_A_PORT_FRIENDLY_NAME),
		.validation = nla_get_flag(info->attrs[XSWITCH_A_PORT_VALIDATION]),
	};
	struct xsw_switch *sw;
	struct xsw_port *port;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_PORT_TYPE))
		return -EINVAL;
	p.type = nla_get_u32(info->attrs[XSWITCH_A_PORT_TYPE]);
	if (info->attrs[XSWITCH_A_PORT_ID])
		p.id = nla_get_u32(info->attrs[XSWITCH_A_PORT_ID]);

	xsw_lock();
	sw = xsw_nl_switch(genl_info_net(info), info->attrs,
			   XSWITCH_A_PORT_SWITCH, info->extack);
	err = PTR_ERR_OR_ZERO(sw);
	if (err)
		goto out_unlock;
	port = xsw_port_create(sw, &p, info->extack);
	err = PTR_ERR_OR_ZERO(port);
	if (err)
		goto out_unlock;
	err = xsw_nl_reply(info, XSWITCH_CMD_PORT_NEW, xsw_fill_port, port);
out_unlock:
	xsw_unlock();
	return err;
}

/* Runs @fn on the port the request names. */
static int xsw_nl_port_do(struct genl_info *info,
			  int (*fn)(struct xsw_port *port,
				    struct genl_info *info))
{
	struct xsw_switch *sw;
	struct xsw_port *port;
	int err;

	xsw_lock();
	sw = xsw_nl_switch(genl_info_net(info), info->attrs,
			   XSWITCH_A_PORT_SWITCH, info->extack);
	err = PTR_ERR_OR_ZERO(sw);
	if (err)
		goto out_unlock;
	port = xsw_nl_port(sw, info->attrs, XSWITCH_A_PORT_ID, info->extack);
	err = PTR_ERR_OR_ZERO(port);
	if (!err)
		err = fn(port, info);
out_unlock:
	xsw_unlock();
	return err;
}

static int xsw_nl_port_set(struct xsw_port *port, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_PORT_FRIENDLY_NAME))
		return -EINVAL;
	return xsw_port_update(port,
			       xsw_nl_str(info, XSWITCH_A_PORT_FRIENDLY_NAME),
			       info->extack);
}

int xswitch_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_port_do(info, xsw_nl_port_set);
}

static int xsw_nl_port_teardown(struct xsw_port *port, struct genl_info *info)
{
	return xsw_port_teardown(port, info->extack);
}

int xswitch_nl_port_teardown_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_port_do(info, xsw_nl_port_teardown);
}

static int xsw_nl_port_del(struct xsw_port *port, struct genl_info *info)
{
	return xsw_port_delete(port, info->extack);
}

int xswitch_nl_port_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_port_do(info, xsw_nl_port_del);
}

static int xsw_nl_port_get(struct xsw_port *port, struct genl_info *info)
{
	return xsw_nl_reply(info, XSWITCH_CMD_PORT_GET, xsw_fill_port, port);
}

int xswitch_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_port_do(info, xsw_nl_port_get);
}

struct xsw_port_dump_ctx {
	unsigned long next_id;
	unsigned int next_index;
};

int xswitch_nl_port_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct xsw_port_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_port_dump_ctx, cb);
	struct xsw_switch *sw;
	struct xsw_port *port;
	unsigned long id;
	int err;

	xsw_lock();
	sw = xsw_nl_switch(sock_net(skb->sk), xsw_dump_attrs(cb),
			   XSWITCH_A_PORT_SWITCH, cb->extack);
	err = PTR_ERR_OR_ZERO(sw);
	if (err)
		goto out_unlock;
	xa_for_each_start(&sw->ports, id, port, ctx->next_id) {
		err = xsw_dump_put(skb, cb, XSWITCH_CMD_PORT_GET,
				   xsw_fill_port, port);
		if (err)
			break;
		ctx->next_id = id + 1;
	}
out_unlock:
	xsw_unlock();
	return xsw_dump_done(skb, err);
}

static int xsw_fill_nic(struct sk_buff *skb, const void *obj)
{
	const struct xsw_nic *nic = obj;

	if (nla_put_string(skb, XSWITCH_A_NIC_SWITCH, nic->port->sw->name) ||
	    nla_put_u32(skb, XSWITCH_A_NIC_PORT_ID, nic->port->id) ||
	    nla_put_u16(skb, XSWITCH_A_NIC_INDEX, nic->index) ||
	    nla_put_string(skb, XSWITCH_A_NIC_NAME, nic->name) ||
	    nla_put_string(skb, XSWITCH_A_NIC_FRIENDLY_NAME,
			   nic->friendly_name) ||
	    nla_put_u32(skb, XSWITCH_A_NIC_TYPE, nic->type) ||
	    nla_put_u32(skb, XSWITCH_A_NIC_STATE, nic->state) ||
	    nla_put_u32(skb, XSWITCH_A_NIC_MTU, nic->mtu) ||
	    nla_put(skb, XSWITCH_A_NIC_PERMANENT_MAC, ETH_ALEN,
		    nic->permanent_mac) ||
	    nla_put(skb, XSWITCH_A_NIC_VM_MAC, ETH_ALEN, nic->vm_mac) ||
	    nla_put(skb, XSWITCH_A_NIC_CURRENT_MAC, ETH_ALEN,
		    nic->current_mac) ||
	    nla_put_string(skb, XSWITCH_A_NIC_VM_NAME, nic->vm_name) ||
	    nla_put_string(skb, XSWITCH_A_NIC_VM_FRIENDLY_NAME,
			   nic->vm_friendly_name))
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
}

/* The port the request names, with the control lock held on success. */
static struct xsw_port *xsw_nl_nic_port(struct genl_info *info)
{
	struct xsw_switch *sw;
	struct xsw_port *port;

	xsw_lock();
	sw = xsw_nl_switch(genl_info_net(info), info->attrs,
			   XSWITCH_A_NIC_SWITCH, info->extack);
	port = IS_ERR(sw) ? ERR_CAST(sw) :
	       xsw_nl_port(sw, info->attrs, XSWITCH_A_NIC_PORT_ID,
			   info->extack);
	if (IS_ERR(port))
		xsw_unlock();
	return port;
}

int xswitch_nl_nic_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct xsw_nic_params p;
	struct xsw_port *port;
	struct xsw_nic *nic;
	int err;

	xsw_nl_nic_params(info, &p);
	port = xsw_nl_nic_port(info);
	if (IS_ERR(port))
		return PTR_ERR(port);
	nic = xsw_nic_create(port, &p, info->extack);
	err = PTR_ERR_OR_ZERO(nic);
	if (!err)
		err = xsw_nl_reply(info, XSWITCH_CMD_NIC_NEW, xsw_fill_nic, nic);
	xsw_unlock();
	return err;
}

/* Runs @fn on the NIC the request names (index 0 when none is given). */
static int xsw_nl_nic_do(struct genl_info *info,
			 int (*fn)(struct xsw_nic *nic, struct genl_info *info))
{
	struct nlattr *idx = info->attrs[XSWITCH_A_NIC_INDEX];
	struct xsw_port *port;
	struct xsw_nic *nic;
	int err = -ENOENT;

	port = xsw_nl_nic_port(info);
	if (IS_ERR(port))
		return PTR_ERR(port);
	nic = port->nics[idx ? nla_get_u16(idx) : 0];
	if (nic)
		err = fn(nic, info);
	else
		XSW_ERR_ATTR(info->extack, idx, "the port has no NIC at that index");
	xsw_unlock();
	return err;
}

static int xsw_nl_nic_connect(struct xsw_nic *nic, struct genl_info *info)
{
	return xsw_nic_connect(nic, info->extack);
}

int xswitch_nl_nic_connect_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, xsw_nl_nic_connect);
}

static int xsw_nl_nic_set(struct xsw_nic *nic, struct genl_info *info)
{
	struct xsw_nic_params p;

	xsw_nl_nic_params(info, &p);
	return xsw_nic_update(nic, &p, info->extack);
}

int xswitch_nl_nic_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, xsw_nl_nic_set);
}

static int xsw_nl_nic_disconnect(struct xsw_nic *nic, struct genl_info *info)
{
	return xsw_nic_disconnect(nic, info->extack);
}

int xswitch_nl_nic_disconnect_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, xsw_nl_nic_disconnect);
}

static int xsw_nl_nic_del(struct xsw_nic *nic, struct genl_info *info)
{
	return xsw_nic_delete(nic, info->extack);
}

int xswitch_nl_nic_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, xsw_nl_nic_del);
}

static int xsw_nl_nic_get(struct xsw_nic *nic, struct genl_info *info)
{
	return xsw_nl_reply(info, XSWITCH_CMD_NIC_GET, xsw_fill_nic, nic);
}

int xswitch_nl_nic_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_nic_do(info, xsw_nl_nic_get);
}

/* NICs of all ports, or of the one port the request names. */
int xswitch_nl_nic_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct xsw_port_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_port_dump_ctx, cb);
	struct nlattr **attrs = xsw_dump_attrs(cb);
	unsigned long id, last = ULONG_MAX;
	struct xsw_switch *sw;
	struct xsw_port *port;
	int err;

	xsw_lock();
	sw = xsw_nl_switch(sock_net(skb->sk), attrs, XSWITCH_A_NIC_SWITCH,
			   cb->extack);
	err = PTR_ERR_OR_ZERO(sw);
	if (err)
		goto out_unlock;
	if (attrs[XSWITCH_A_NIC_PORT_ID]) {
		/* An unknown port is an error, unless it left mid-dump. */
		port = xsw_nl_port(sw, attrs, XSWITCH_A_NIC_PORT_ID, cb->extack);
		err = ctx->next_id ? 0 : PTR_ERR_OR_ZERO(port);
		if (err)
			goto out_unlock;
		id = nla_get_u32(attrs[XSWITCH_A_NIC_PORT_ID]);
		ctx->next_id = max_t(unsigned long, ctx->next_id, id);
		last = id;
	}
	xa_for_each_range(&sw->ports, id, port, ctx->next_id, last) {
		for (; ctx->next_index <= XSWITCH_MAX_NIC_INDEX; ctx->next_index++) {
			if (!port->nics[ctx->next_index])
				continue;
			err = xsw_dump_put(skb, cb, XSWITCH_CMD_NIC_GET,
					   xsw_fill_nic,
					   port->nics[ctx->next_index]);
			if (err)
				goto out_unlock;
		}
		ctx->next_id = id + 1;
		ctx->next_index = 0;
	}
out_unlock:
	xsw_unlock();
	return xsw_dump_done(skb, err);
}
