// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink requests on switches.
 */
#include <net/sock.h>

#include "netlink.h"

static int xsw_fill_switch(struct sk_buff *skb, const void *obj)
{
	const struct xsw_switch *sw = obj;

	if (nla_put_string(skb, XSWITCH_A_SWITCH_NAME, sw->name) ||
	    nla_put_u32(skb, XSWITCH_A_SWITCH_ID, sw->id))
		return -EMSGSIZE;
	return 0;
}

int xswitch_nl_switch_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_switch *sw;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_SWITCH_NAME))
		return -EINVAL;
	msg = xsw_genlmsg_new(XSW_NL_OBJ_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	xsw_lock(net);
	sw = xsw_switch_create(net, nla_data(info->attrs[XSWITCH_A_SWITCH_NAME]),
			       info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		/* The name is to blame, but not for a lack of memory. */
		if (err != -ENOMEM)
			NL_SET_BAD_ATTR(info->extack,
					info->attrs[XSWITCH_A_SWITCH_NAME]);
		nlmsg_free(msg);
		goto out_unlock;
	}
	err = xsw_nl_send(info, msg, XSWITCH_CMD_SWITCH_NEW, xsw_fill_switch,
			  sw);
	if (err)
		xsw_switch_destroy(sw);
out_unlock:
	xsw_unlock(net);
	return err;
}

int xswitch_nl_switch_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_switch *sw;

	xsw_lock(net);
	sw = xsw_nl_switch(net, info->attrs, XSWITCH_A_SWITCH_NAME,
			   info->extack);
	if (!IS_ERR(sw))
		xsw_switch_destroy(sw);
	xsw_unlock(net);
	return PTR_ERR_OR_ZERO(sw);
}

int xswitch_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_switch *sw;
	int err;

	xsw_lock(net);
	sw = xsw_nl_switch(net, info->attrs, XSWITCH_A_SWITCH_NAME,
			   info->extack);
	err = IS_ERR(sw) ? PTR_ERR(sw) :
	      xsw_nl_reply(info, XSW_NL_OBJ_SIZE, XSWITCH_CMD_SWITCH_GET,
			   xsw_fill_switch, sw);
	xsw_unlock(net);
	return err;
}

struct xsw_id_dump_ctx {
	unsigned long next_id;
};

int xswitch_nl_switch_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct xsw_id_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_id_dump_ctx, cb);
	struct net *net = sock_net(skb->sk);
	struct xsw_net *xn = xsw_net(net);
	struct xsw_switch *sw;
	unsigned long id;
	int err = 0;

	xsw_lock(net);
	xa_for_each_start(&xn->switches, id, sw, ctx->next_id) {
		err = xsw_dump_put(skb, cb, XSWITCH_CMD_SWITCH_GET,
				   xsw_fill_switch, sw);
		if (err)
			break;
		ctx->next_id = id + 1;
	}
	xsw_unlock(net);
	return xsw_dump_done(skb, err);
}
