// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink requests on extensions: the registry and each switch's stack.
 */
#include <net/sock.h>

#include "netlink.h"

/* An extension, attached (@ext) or only registered (@ops). */
struct xsw_ext_view {
	const struct xsw_extension_ops *ops;
	const struct xsw_ext *ext;
};

static int xsw_fill_ext(struct sk_buff *skb, const void *obj)
{
	const struct xsw_ext_view *v = obj;
	const struct xsw_ext *ext = v->ext;

	if (nla_put_string(skb, XSWITCH_A_EXT_NAME, v->ops->name) ||
	    nla_put(skb, XSWITCH_A_EXT_UUID, sizeof(v->ops->uuid),
		    &v->ops->uuid) ||
	    nla_put_u32(skb, XSWITCH_A_EXT_CLASS, v->ops->class))
		return -EMSGSIZE;
	if (ext &&
	    (nla_put_string(skb, XSWITCH_A_EXT_SWITCH, ext->sw->name) ||
	     nla_put_u8(skb, XSWITCH_A_EXT_ENABLED, ext->enabled) ||
	     nla_put_u32(skb, XSWITCH_A_EXT_POSITION, xsw_ext_position(ext))))
		return -EMSGSIZE;
	return 0;
}

/* The attached extension the request names. */
static struct xsw_ext *xsw_nl_ext(struct genl_info *info)
{
	struct xsw_switch *sw;
	struct xsw_ext *ext;

	sw = xsw_nl_switch(genl_info_net(info), info->attrs,
			   XSWITCH_A_EXT_SWITCH, info->extack);
	if (IS_ERR(sw))
		return ERR_CAST(sw);
	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_EXT_NAME))
		return ERR_PTR(-EINVAL);
	ext = xsw_ext_find(sw, nla_data(info->attrs[XSWITCH_A_EXT_NAME]));
	if (!ext) {
		XSW_ERR_ATTR(info->extack, info->attrs[XSWITCH_A_EXT_NAME],
			     "no extension of that name is attached to the switch");
		return ERR_PTR(-ENOENT);
	}
	return ext;
}

int xswitch_nl_ext_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_ext_view v = {};
	struct xsw_ext *ext;
	int err;

	xsw_lock(net);
	ext = xsw_nl_ext(info);
	err = PTR_ERR_OR_ZERO(ext);
	if (!err) {
		v.ops = ext->ops;
		v.ext = ext;
		err = xsw_nl_reply(info, XSW_NL_OBJ_SIZE, XSWITCH_CMD_EXT_GET,
				   xsw_fill_ext, &v);
	}
	xsw_unlock(net);
	return err;
}

struct xsw_ext_dump_ctx {
	unsigned int next;
};

static int xsw_dump_stack(struct sk_buff *skb, struct netlink_callback *cb,
			  struct xsw_switch *sw)
{
	struct xsw_ext_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_ext_dump_ctx, cb);
	struct xsw_ext_view v = {};
	unsigned int i = 0;
	int err = 0;

	cb->seq = sw->gen + 1;
	list_for_each_entry(v.ext, &sw->exts, list) {
		if (i++ < ctx->next)
			continue;
		v.ops = v.ext->ops;
		err = xsw_dump_put(skb, cb, XSWITCH_CMD_EXT_GET, xsw_fill_ext,
				   &v);
		if (err)
			break;
		ctx->next++;
	}
	return err;
}

struct xsw_registry_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	int err;
};

static int xsw_dump_registered(const struct xsw_extension_ops *ops, void *arg)
{
	struct xsw_registry_dump *d = arg;
	struct xsw_ext_view v = { .ops = ops };

	d->err = xsw_dump_put(d->skb, d->cb, XSWITCH_CMD_EXT_GET, xsw_fill_ext,
			      &v);
	return d->err;
}

/* Without a switch, the registered extensions; with one, its stack. */
int xswitch_nl_ext_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct xsw_ext_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_ext_dump_ctx, cb);
	struct xsw_registry_dump d = { .skb = skb, .cb = cb };
	struct nlattr **attrs = xsw_dump_attrs(cb);
	struct net *net = sock_net(skb->sk);
	struct xsw_switch *sw;
	int err;

	if (!attrs[XSWITCH_A_EXT_SWITCH]) {
		cb->seq = xsw_extension_gen() + 1;
		ctx->next += xsw_extension_dump(ctx->next, xsw_dump_registered,
						&d);
		return xsw_dump_done(skb, d.err);
	}
	xsw_lock(net);
	sw = xsw_nl_switch(net, attrs, XSWITCH_A_EXT_SWITCH, cb->extack);
	err = IS_ERR(sw) ? PTR_ERR(sw) : xsw_dump_stack(skb, cb, sw);
	xsw_unlock(net);
	return xsw_dump_done(skb, err);
}

int xswitch_nl_ext_attach_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_switch *sw;
	struct xsw_ext *ext;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_EXT_NAME))
		return -EINVAL;
	xsw_lock(net);
	sw = xsw_nl_switch(net, info->attrs, XSWITCH_A_EXT_SWITCH,
			   info->extack);
	err = PTR_ERR_OR_ZERO(sw);
	if (!err) {
		ext = xsw_ext_attach(sw, nla_data(info->attrs[XSWITCH_A_EXT_NAME]),
				     info->extack);
		err = PTR_ERR_OR_ZERO(ext);
		if (err && err != -ENOMEM)
			NL_SET_BAD_ATTR(info->extack,
					info->attrs[XSWITCH_A_EXT_NAME]);
	}
	xsw_unlock(net);
	return err;
}

int xswitch_nl_ext_detach_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_ext *ext;
	int err;

	xsw_lock(net);
	ext = xsw_nl_ext(info);
	err = IS_ERR(ext) ? PTR_ERR(ext) : xsw_ext_detach(ext, info->extack);
	xsw_unlock(net);
	return err;
}

int xswitch_nl_ext_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *en = info->attrs[XSWITCH_A_EXT_ENABLED];
	struct nlattr *pos = info->attrs[XSWITCH_A_EXT_POSITION];
	struct net *net = genl_info_net(info);
	struct xsw_ext *ext;
	int err;

	if (!en && !pos) {
		NL_SET_ERR_MSG_MOD(info->extack, "nothing to change: give enabled or position");
		return -EINVAL;
	}
	if (pos && nla_get_u32(pos) > INT_MAX) {
		XSW_ERR_ATTR(info->extack, pos, "position is out of range");
		return -ERANGE;
	}
	xsw_lock(net);
	ext = xsw_nl_ext(info);
	err = PTR_ERR_OR_ZERO(ext);
	if (!err)
		err = xsw_ext_set(ext, en ? nla_get_u8(en) : -1,
				  pos ? nla_get_u32(pos) : -1, info->extack);
	xsw_unlock(net);
	return err;
}
