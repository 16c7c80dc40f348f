// SPDX-License-Identifier: GPL-2.0
/*
 * The xswitch generic netlink family: request handlers and the family.
 *
 * Policies and the ops table are generated from the YNL spec into
 * netlink-gen.c, which is compiled as part of this file: the legacy
 * (per-op policy) generator emits the multicast group table as a static
 * array for the file that defines the family, and that is this one.
 */
#include <net/genetlink.h>
#include <net/sock.h>

#include "compat.h"
#include "xsw.h"
#include "netlink-gen.c"

static struct genl_family xsw_nl_family;

struct xsw_switch_dump_ctx {
	unsigned long next_id;
};

static int xsw_nl_switch_fill(struct sk_buff *skb, const struct xsw_switch *sw,
			      u32 portid, u32 seq, int flags, u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &xsw_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, XSWITCH_A_SWITCH_NAME, sw->name) ||
	    nla_put_u32(skb, XSWITCH_A_SWITCH_ID, sw->id)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int xsw_nl_switch_reply(struct genl_info *info,
			       const struct xsw_switch *sw, u8 cmd)
{
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = xsw_nl_switch_fill(msg, sw, info->snd_portid, info->snd_seq, 0,
				 cmd);
	if (WARN_ON_ONCE(err)) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* Looks up the switch that XSWITCH_A_SWITCH_NAME names, or says why not. */
static struct xsw_switch *xsw_nl_switch_get(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[XSWITCH_A_SWITCH_NAME];
	struct xsw_switch *sw;

	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_SWITCH_NAME))
		return ERR_PTR(-EINVAL);
	sw = xsw_switch_find(genl_info_net(info), nla_data(attr));
	if (!sw) {
		XSW_ERR_ATTR(info->extack, attr, "no switch of that name");
		return ERR_PTR(-ENOENT);
	}
	return sw;
}

int xswitch_nl_switch_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct xsw_switch *sw;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_SWITCH_NAME))
		return -EINVAL;

	xsw_lock();
	sw = xsw_switch_create(genl_info_net(info),
			       nla_data(info->attrs[XSWITCH_A_SWITCH_NAME]),
			       info->extack);
	if (IS_ERR(sw)) {
		NL_SET_BAD_ATTR(info->extack,
				info->attrs[XSWITCH_A_SWITCH_NAME]);
		err = PTR_ERR(sw);
		goto out_unlock;
	}
	err = xsw_nl_switch_reply(info, sw, XSWITCH_CMD_SWITCH_NEW);
	if (err)
		xsw_switch_destroy(sw);
out_unlock:
	xsw_unlock();
	return err;
}

int xswitch_nl_switch_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct xsw_switch *sw;

	xsw_lock();
	sw = xsw_nl_switch_get(info);
	if (!IS_ERR(sw))
		xsw_switch_destroy(sw);
	xsw_unlock();
	return PTR_ERR_OR_ZERO(sw);
}

int xswitch_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct xsw_switch *sw;
	int err;

	xsw_lock();
	sw = xsw_nl_switch_get(info);
	err = IS_ERR(sw) ? PTR_ERR(sw) :
	      xsw_nl_switch_reply(info, sw, XSWITCH_CMD_SWITCH_GET);
	xsw_unlock();
	return err;
}

int xswitch_nl_switch_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct xsw_switch_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_switch_dump_ctx, cb);
	struct xsw_net *xn = xsw_net(sock_net(skb->sk));
	struct xsw_switch *sw;
	unsigned long id;
	int err = 0;

	xsw_lock();
	xa_for_each_start(&xn->switches, id, sw, ctx->next_id) {
		err = xsw_nl_switch_fill(skb, sw, NETLINK_CB(cb->skb).portid,
					 cb->nlh->nlmsg_seq, NLM_F_MULTI,
					 XSWITCH_CMD_SWITCH_GET);
		if (err)
			break;
		ctx->next_id = id + 1;
	}
	xsw_unlock();
	return xsw_dump_done(skb, err);
}

static struct genl_family xsw_nl_family __ro_after_init = {
	.name		= XSWITCH_FAMILY_NAME,
	.version	= XSWITCH_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= xswitch_nl_ops,
	.n_ops		= ARRAY_SIZE(xswitch_nl_ops),
	.mcgrps		= xswitch_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(xswitch_nl_mcgrps),
};

int __init xsw_netlink_init(void)
{
	return genl_register_family(&xsw_nl_family);
}

void xsw_netlink_exit(void)
{
	genl_unregister_family(&xsw_nl_family);
}
