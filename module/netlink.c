// SPDX-License-Identifier: GPL-2.0
/*
 * The xswitch generic netlink family: the family, shared lookups, switch
 * and extension requests, and the events group.
 *
 * Policies and the ops table are generated from the YNL spec into
 * netlink-gen.c, which is compiled as part of this file: the legacy
 * (per-op policy) generator emits the multicast group table as a static
 * array for the file that defines the family, and that is this one.
 */
#include <net/genetlink.h>
#include <net/sock.h>

#include "netlink.h"
#include "netlink-gen.c"

/**
 * DOC: Netlink requests
 *
 * Every handler takes the control lock for the whole request, looks its
 * objects up by the attributes that name them (switch by name, port by
 * id, NIC by port and index) and refuses with an extack message that names
 * the attribute and the reason.  Reads need no privilege; every change
 * needs CAP_NET_ADMIN in the user namespace owning the network namespace
 * (GENL_UNS_ADMIN_PERM).  Dumps keep their place in cb->ctx and resume by
 * id, so a dump over many messages lists every object once, in id order.
 */

struct xsw_switch *xsw_nl_switch(struct net *net, struct nlattr **attrs,
				 int attr, struct netlink_ext_ack *extack)
{
	struct xsw_switch *sw;

	if (NL_REQ_ATTR_CHECK(extack, NULL, attrs, attr)) {
		NL_SET_ERR_MSG_MOD(extack, "the request names no switch");
		return ERR_PTR(-EINVAL);
	}
	sw = xsw_switch_find(net, nla_data(attrs[attr]));
	if (!sw) {
		XSW_ERR_ATTR(extack, attrs[attr], "no switch of that name");
		return ERR_PTR(-ENOENT);
	}
	return sw;
}

struct xsw_port *xsw_nl_port(struct xsw_switch *sw, struct nlattr **attrs,
			     int attr, struct netlink_ext_ack *extack)
{
	struct xsw_port *port;

	if (NL_REQ_ATTR_CHECK(extack, NULL, attrs, attr)) {
		NL_SET_ERR_MSG_MOD(extack, "the request names no port id");
		return ERR_PTR(-EINVAL);
	}
	port = xsw_port_find(sw, nla_get_u32(attrs[attr]));
	if (!port) {
		XSW_ERR_ATTR(extack, attrs[attr], "no port with that id on the switch");
		return ERR_PTR(-ENOENT);
	}
	return port;
}

int xsw_nl_put(struct sk_buff *skb, u32 portid, u32 seq, int flags, u8 cmd,
	       xsw_fill_t fill, const void *obj)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &xsw_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (fill(skb, obj)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int xsw_nl_reply(struct genl_info *info, u8 cmd, xsw_fill_t fill,
		 const void *obj)
{
	struct sk_buff *msg;
	int err;

	/* Large enough for any object but a property's payload. */
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE + XSWITCH_MAX_PROP_DATA,
			  GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = xsw_nl_put(msg, info->snd_portid, info->snd_seq, 0, cmd, fill,
			 obj);
	if (WARN_ON_ONCE(err)) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

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
	err = xsw_nl_reply(info, XSWITCH_CMD_SWITCH_NEW, xsw_fill_switch, sw);
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
	sw = xsw_nl_switch(genl_info_net(info), info->attrs,
			   XSWITCH_A_SWITCH_NAME, info->extack);
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
	sw = xsw_nl_switch(genl_info_net(info), info->attrs,
			   XSWITCH_A_SWITCH_NAME, info->extack);
	err = IS_ERR(sw) ? PTR_ERR(sw) :
	      xsw_nl_reply(info, XSWITCH_CMD_SWITCH_GET, xsw_fill_switch, sw);
	xsw_unlock();
	return err;
}

struct xsw_id_dump_ctx {
	unsigned long next_id;
};

int xswitch_nl_switch_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct xsw_id_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_id_dump_ctx, cb);
	struct xsw_net *xn = xsw_net(sock_net(skb->sk));
	struct xsw_switch *sw;
	unsigned long id;
	int err = 0;

	xsw_lock();
	xa_for_each_start(&xn->switches, id, sw, ctx->next_id) {
		err = xsw_dump_put(skb, cb, XSWITCH_CMD_SWITCH_GET,
				   xsw_fill_switch, sw);
		if (err)
			break;
		ctx->next_id = id + 1;
	}
	xsw_unlock();
	return xsw_dump_done(skb, err);
}

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
	struct xsw_ext_view v = {};
	struct xsw_ext *ext;
	int err;

	xsw_lock();
	ext = xsw_nl_ext(info);
	err = PTR_ERR_OR_ZERO(ext);
	if (!err) {
		v.ops = ext->ops;
		v.ext = ext;
		err = xsw_nl_reply(info, XSWITCH_CMD_EXT_GET, xsw_fill_ext, &v);
	}
	xsw_unlock();
	return err;
}

struct xsw_ext_dump_ctx {
	unsigned int next;
};

/* Without a switch, the registered extensions; with one, its stack. */
int xswitch_nl_ext_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct xsw_ext_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_ext_dump_ctx, cb);
	struct nlattr **attrs = xsw_dump_attrs(cb);
	struct xsw_switch *sw = NULL;
	struct xsw_ext_view v = {};
	unsigned int i = 0;
	int err = 0;

	xsw_lock();
	if (attrs[XSWITCH_A_EXT_SWITCH]) {
		sw = xsw_nl_switch(sock_net(skb->sk), attrs,
				   XSWITCH_A_EXT_SWITCH, cb->extack);
		err = PTR_ERR_OR_ZERO(sw);
		if (err)
			goto out_unlock;
		list_for_each_entry(v.ext, &sw->exts, list) {
			if (i++ < ctx->next)
				continue;
			v.ops = v.ext->ops;
			err = xsw_dump_put(skb, cb, XSWITCH_CMD_EXT_GET,
					   xsw_fill_ext, &v);
			if (err)
				break;
			ctx->next++;
		}
		goto out_unlock;
	}
	while ((v.ops = xsw_extension_at(ctx->next))) {
		err = xsw_dump_put(skb, cb, XSWITCH_CMD_EXT_GET, xsw_fill_ext,
				   &v);
		if (err)
			break;
		ctx->next++;
	}
out_unlock:
	xsw_unlock();
	return xsw_dump_done(skb, err);
}

int xswitch_nl_ext_attach_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct xsw_switch *sw;
	struct xsw_ext *ext;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_EXT_NAME))
		return -EINVAL;
	xsw_lock();
	sw = xsw_nl_switch(genl_info_net(info), info->attrs,
			   XSWITCH_A_EXT_SWITCH, info->extack);
	err = PTR_ERR_OR_ZERO(sw);
	if (!err) {
		ext = xsw_ext_attach(sw, nla_data(info->attrs[XSWITCH_A_EXT_NAME]),
				     info->extack);
		err = PTR_ERR_OR_ZERO(ext);
		if (err)
			NL_SET_BAD_ATTR(info->extack,
					info->attrs[XSWITCH_A_EXT_NAME]);
	}
	xsw_unlock();
	return err;
}

int xswitch_nl_ext_detach_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct xsw_ext *ext;

	xsw_lock();
	ext = xsw_nl_ext(info);
	if (!IS_ERR(ext))
		xsw_ext_detach(ext);
	xsw_unlock();
	return PTR_ERR_OR_ZERO(ext);
}

int xswitch_nl_ext_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *en = info->attrs[XSWITCH_A_EXT_ENABLED];
	struct nlattr *pos = info->attrs[XSWITCH_A_EXT_POSITION];
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
	xsw_lock();
	ext = xsw_nl_ext(info);
	err = PTR_ERR_OR_ZERO(ext);
	if (!err)
		err = xsw_ext_set(ext, en ? nla_get_u8(en) : -1,
				  pos ? nla_get_u32(pos) : -1, info->extack);
	xsw_unlock();
	return err;
}

/**
 * xsw_nl_event - publish a step delivered to a switch's stack
 * @sw: the switch
 * @step: the step
 * @status: 0, or the errno that ended it
 * @vetoer: the extension that vetoed it, or NULL
 *
 * The sequence number advances whether or not anyone listens, so that a
 * listener sees gaps only when it missed steps.
 */
void xsw_nl_event(struct xsw_switch *sw, const struct xsw_step *step,
		  int status, const struct xsw_ext *vetoer)
{
	struct sk_buff *skb;
	void *hdr;

	sw->event_seq++;
	if (!genl_has_listeners(&xsw_nl_family, sw->net, XSWITCH_NLGRP_EVENTS))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &xsw_nl_family, 0, XSWITCH_CMD_EVENT);
	if (!hdr)
		goto err_free;
	if (nla_put_string(skb, XSWITCH_A_EVENT_SWITCH, sw->name) ||
	    nla_put_u32(skb, XSWITCH_A_EVENT_SEQ, sw->event_seq) ||
	    nla_put_u32(skb, XSWITCH_A_EVENT_OP, step->op) ||
	    nla_put_s32(skb, XSWITCH_A_EVENT_STATUS, status) ||
	    (vetoer && nla_put_string(skb, XSWITCH_A_EVENT_EXT,
				      vetoer->ops->name)) ||
	    (step->port && nla_put_u32(skb, XSWITCH_A_EVENT_PORT_ID,
				       step->port->id)) ||
	    (step->nic && nla_put_u16(skb, XSWITCH_A_EVENT_NIC_INDEX,
				      step->nic->index)) ||
	    (step->prop &&
	     (nla_put_u32(skb, XSWITCH_A_EVENT_PROP_TYPE, step->prop->type) ||
	      nla_put(skb, XSWITCH_A_EVENT_PROP_INSTANCE_ID,
		      sizeof(step->prop->instance_id),
		      &step->prop->instance_id))))
		goto err_free;
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&xsw_nl_family, sw->net, skb, 0,
				XSWITCH_NLGRP_EVENTS, GFP_KERNEL);
	return;

err_free:
	nlmsg_free(skb);
}

struct genl_family xsw_nl_family __ro_after_init = {
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
