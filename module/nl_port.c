// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink requests on ports.
 */
#include <net/sock.h>

#include "netlink.h"

static int xsw_fill_drops(struct sk_buff *skb, const struct xsw_port_totals *t)
{
	struct nlattr *nest;
	unsigned int r;

	for (r = 1; r <= XSWITCH_DROP_REASON_MAX; r++) {
		nest = nla_nest_start(skb, XSWITCH_A_PORT_STATS_DROP);
		if (!nest ||
		    nla_put_u32(skb, XSWITCH_A_DROP_REASON, r) ||
		    nla_put_u64_64bit(skb, XSWITCH_A_DROP_PACKETS, t->drops[r],
				      XSWITCH_A_DROP_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int xsw_fill_stats(struct sk_buff *skb, const struct xsw_port *port)
{
	struct xsw_port_totals t;
	struct nlattr *nest;

	xsw_port_totals(port, &t);
	nest = nla_nest_start(skb, XSWITCH_A_PORT_STATS);
	if (!nest ||
	    nla_put_u64_64bit(skb, XSWITCH_A_PORT_STATS_RX_PACKETS,
			      t.rx_packets, XSWITCH_A_PORT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XSWITCH_A_PORT_STATS_RX_BYTES,
			      t.rx_bytes, XSWITCH_A_PORT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XSWITCH_A_PORT_STATS_TX_PACKETS,
			      t.tx_packets, XSWITCH_A_PORT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XSWITCH_A_PORT_STATS_TX_BYTES,
			      t.tx_bytes, XSWITCH_A_PORT_STATS_PAD) ||
	    xsw_fill_drops(skb, &t))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int xsw_fill_port(struct sk_buff *skb, const void *obj)
{
	const struct xsw_port *port = obj;
	const struct xsw_port_info *pi = &port->info;

	if (nla_put_string(skb, XSWITCH_A_PORT_SWITCH, port->sw->name) ||
	    nla_put_u32(skb, XSWITCH_A_PORT_ID, pi->id) ||
	    nla_put_string(skb, XSWITCH_A_PORT_NAME, pi->name) ||
	    nla_put_string(skb, XSWITCH_A_PORT_FRIENDLY_NAME,
			   pi->friendly_name) ||
	    nla_put_u32(skb, XSWITCH_A_PORT_TYPE, pi->type) ||
	    (pi->validation && nla_put_flag(skb, XSWITCH_A_PORT_VALIDATION)) ||
	    (pi->restoring && nla_put_flag(skb, XSWITCH_A_PORT_RESTORING)) ||
	    (port->holder && nla_put_flag(skb, XSWITCH_A_PORT_PROVISIONAL)) ||
	    nla_put_u32(skb, XSWITCH_A_PORT_STATE, pi->state) ||
	    xsw_fill_stats(skb, port))
		return -EMSGSIZE;
	return 0;
}

static void xsw_nl_port_params(struct genl_info *info,
			       struct xsw_port_params *p)
{
	struct nlattr **a = info->attrs;

	memset(p, 0, sizeof(*p));
	p->name = xsw_nl_str(info, XSWITCH_A_PORT_NAME);
	p->friendly_name = xsw_nl_str(info, XSWITCH_A_PORT_FRIENDLY_NAME);
	p->validation = nla_get_flag(a[XSWITCH_A_PORT_VALIDATION]);
	p->restoring = nla_get_flag(a[XSWITCH_A_PORT_RESTORING]);
	p->type = nla_get_u32(a[XSWITCH_A_PORT_TYPE]);
	if (a[XSWITCH_A_PORT_ID])
		p->id = nla_get_u32(a[XSWITCH_A_PORT_ID]);
	if (nla_get_flag(a[XSWITCH_A_PORT_PROVISIONAL]))
		p->holder = info->snd_portid;
}

/*
 * Takes a port that was created for a request out again, in order, before
 * the request fails: a reference taken meanwhile (from a packet path) is
 * waited for.
 */
static void xsw_nl_port_undo(struct xsw_port *port)
{
	xsw_port_teardown(port, NULL);
	xsw_port_delete(port, true, NULL);
}

int xswitch_nl_port_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_port_params p;
	struct xsw_switch *sw;
	struct xsw_port *port;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_PORT_TYPE))
		return -EINVAL;
	xsw_nl_port_params(info, &p);
	msg = xsw_genlmsg_new(XSW_NL_OBJ_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	xsw_lock(net);
	sw = xsw_nl_switch(net, info->attrs, XSWITCH_A_PORT_SWITCH,
			   info->extack);
	port = IS_ERR(sw) ? ERR_CAST(sw) : xsw_port_create(sw, &p, info->extack);
	if (IS_ERR(port)) {
		nlmsg_free(msg);
		err = PTR_ERR(port);
		goto out_unlock;
	}
	err = xsw_nl_send(info, msg, XSWITCH_CMD_PORT_NEW, xsw_fill_port, port);
	if (err)
		xsw_nl_port_undo(port);
out_unlock:
	xsw_unlock(net);
	return err;
}

/* The port the request names; the caller holds the namespace's lock. */
static struct xsw_port *xsw_nl_port_named(struct genl_info *info)
{
	struct xsw_switch *sw;

	sw = xsw_nl_switch(genl_info_net(info), info->attrs,
			   XSWITCH_A_PORT_SWITCH, info->extack);
	if (IS_ERR(sw))
		return ERR_CAST(sw);
	return xsw_nl_port(sw, info->attrs, XSWITCH_A_PORT_ID, info->extack);
}

/* A keep is a request of its own: a rename with it could half succeed. */
static int xsw_nl_port_keep(struct xsw_port *port, struct genl_info *info)
{
	if (info->attrs[XSWITCH_A_PORT_FRIENDLY_NAME]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[XSWITCH_A_PORT_FRIENDLY_NAME],
				    "keep takes no friendly-name");
		return -EINVAL;
	}
	return xsw_port_keep(port, info->snd_portid, info->extack);
}

enum xsw_port_req { XSW_PORT_SET, XSW_PORT_TEARDOWN, XSW_PORT_DEL, XSW_PORT_GET };

static int xsw_nl_port_req(struct xsw_port *port, struct genl_info *info,
			   enum xsw_port_req req)
{
	switch (req) {
	case XSW_PORT_SET:
		if (nla_get_flag(info->attrs[XSWITCH_A_PORT_KEEP]))
			return xsw_nl_port_keep(port, info);
		if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_PORT_FRIENDLY_NAME))
			return -EINVAL;
		return xsw_port_update(port,
				       xsw_nl_str(info, XSWITCH_A_PORT_FRIENDLY_NAME),
				       info->extack);
	case XSW_PORT_TEARDOWN:
		return xsw_port_teardown(port, info->extack);
	case XSW_PORT_DEL:
		return xsw_port_delete(port, true, info->extack);
	case XSW_PORT_GET:
		return xsw_nl_reply(info, XSW_NL_OBJ_SIZE, XSWITCH_CMD_PORT_GET,
				    xsw_fill_port, port);
	}
	return -EOPNOTSUPP;
}

static int xsw_nl_port_do(struct genl_info *info, enum xsw_port_req req)
{
	struct net *net = genl_info_net(info);
	struct xsw_port *port;
	int err;

	xsw_lock(net);
	port = xsw_nl_port_named(info);
	err = IS_ERR(port) ? PTR_ERR(port) : xsw_nl_port_req(port, info, req);
	xsw_unlock(net);
	return err;
}

int xswitch_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_port_do(info, XSW_PORT_SET);
}

int xswitch_nl_port_teardown_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_port_do(info, XSW_PORT_TEARDOWN);
}

int xswitch_nl_port_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_port_do(info, XSW_PORT_DEL);
}

int xswitch_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_port_do(info, XSW_PORT_GET);
}

struct xsw_port_dump_ctx {
	unsigned long next_id;
};

int xswitch_nl_port_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct xsw_port_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_port_dump_ctx, cb);
	struct net *net = sock_net(skb->sk);
	struct xsw_switch *sw;
	struct xsw_port *port;
	unsigned long id;
	int err;

	xsw_lock(net);
	sw = xsw_nl_switch(net, xsw_dump_attrs(cb), XSWITCH_A_PORT_SWITCH,
			   cb->extack);
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
	xsw_unlock(net);
	return xsw_dump_done(skb, err);
}
