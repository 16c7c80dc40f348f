// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink requests on port and switch properties, and feature status.
 */
#include <linux/slab.h>
#include <net/sock.h>

#include "netlink.h"

/* A property as the fill function sees it: where it lives, and itself. */
struct xsw_prop_view {
	struct xsw_switch *sw;
	struct xsw_port *port;
	const struct xsw_property *prop;
};

static int xsw_fill_prop(struct sk_buff *skb, const void *obj)
{
	const struct xsw_prop_view *v = obj;
	const struct xsw_property *prop = v->prop;

	if (nla_put_string(skb, XSWITCH_A_PROP_SWITCH, v->sw->name) ||
	    (v->port && nla_put_u32(skb, XSWITCH_A_PROP_PORT_ID, v->port->info.id)) ||
	    nla_put_u32(skb, XSWITCH_A_PROP_TYPE, prop->type) ||
	    (prop->type == XSWITCH_PROP_TYPE_CUSTOM &&
	     nla_put(skb, XSWITCH_A_PROP_ID, sizeof(prop->id), &prop->id)) ||
	    nla_put_u16(skb, XSWITCH_A_PROP_VERSION, prop->version) ||
	    nla_put(skb, XSWITCH_A_PROP_INSTANCE_ID, sizeof(prop->instance_id),
		    &prop->instance_id))
		return -EMSGSIZE;
	/* A security or VLAN property goes back as its nest, not as bytes. */
	if (xsw_prop_is_std(prop->type))
		return xsw_stdprop_fill(skb, prop);
	if (nla_put(skb, XSWITCH_A_PROP_DATA, prop->len, prop->data))
		return -EMSGSIZE;
	return 0;
}

/*
 * Reads a property's identity and, for add and set (with @std, where the
 * payload of a standard type is built), its version and payload.  The
 * attribute array is only as long as the operation's policy: prop-del's
 * ends at instance-id, so it must not be read further.
 */
static int xsw_nl_prop_parse(struct nlattr **a, struct xsw_property *prop,
			     union xsw_stdprop *std,
			     struct netlink_ext_ack *extack)
{
	memset(prop, 0, sizeof(*prop));
	if (NL_REQ_ATTR_CHECK(extack, NULL, a, XSWITCH_A_PROP_TYPE)) {
		NL_SET_ERR_MSG_MOD(extack, "the request names no property type");
		return -EINVAL;
	}
	prop->type = nla_get_u32(a[XSWITCH_A_PROP_TYPE]);
	if (a[XSWITCH_A_PROP_ID])
		memcpy(&prop->id, nla_data(a[XSWITCH_A_PROP_ID]), sizeof(prop->id));
	if (a[XSWITCH_A_PROP_INSTANCE_ID])
		memcpy(&prop->instance_id, nla_data(a[XSWITCH_A_PROP_INSTANCE_ID]),
		       sizeof(prop->instance_id));
	if (!std)
		return 0;
	if (NL_REQ_ATTR_CHECK(extack, NULL, a, XSWITCH_A_PROP_VERSION)) {
		NL_SET_ERR_MSG_MOD(extack, "the request gives no property version");
		return -EINVAL;
	}
	prop->version = nla_get_u16(a[XSWITCH_A_PROP_VERSION]);
	if (a[XSWITCH_A_PROP_DATA]) {
		prop->len = nla_len(a[XSWITCH_A_PROP_DATA]);
		prop->data = nla_data(a[XSWITCH_A_PROP_DATA]);
		if (prop->len > XSWITCH_MAX_PROP_DATA) {
			XSW_ERR_ATTR(extack, a[XSWITCH_A_PROP_DATA],
				     "property data is longer than 16384 bytes");
			return -EMSGSIZE;
		}
	}
	return xsw_stdprop_parse(a, prop, std, extack);
}

/*
 * The switch and, with a port id, the port a request names by the
 * attributes @sw_attr and @port_attr.
 */
static int xsw_nl_owner(struct net *net, struct nlattr **a, int sw_attr,
			int port_attr, struct xsw_prop_view *v,
			struct netlink_ext_ack *extack)
{
	struct xsw_switch *sw;
	struct xsw_port *port = NULL;

	sw = xsw_nl_switch(net, a, sw_attr, extack);
	if (IS_ERR(sw))
		return PTR_ERR(sw);
	if (a[port_attr]) {
		port = xsw_nl_port(sw, a, port_attr, extack);
		if (IS_ERR(port))
			return PTR_ERR(port);
	}
	v->sw = sw;
	v->port = port;
	return 0;
}

static int xsw_nl_prop_owner(struct net *net, struct nlattr **a,
			     struct xsw_prop_view *v,
			     struct netlink_ext_ack *extack)
{
	return xsw_nl_owner(net, a, XSWITCH_A_PROP_SWITCH,
			    XSWITCH_A_PROP_PORT_ID, v, extack);
}

typedef int (*xsw_prop_fn)(struct xsw_switch *sw, struct xsw_port *port,
			   const struct xsw_property *prop,
			   struct netlink_ext_ack *extack);

static int xsw_nl_prop_do(struct genl_info *info, xsw_prop_fn fn, bool full)
{
	struct net *net = genl_info_net(info);
	struct xsw_property prop;
	union xsw_stdprop std;
	struct xsw_prop_view v;
	int err;

	err = xsw_nl_prop_parse(info->attrs, &prop, full ? &std : NULL,
				info->extack);
	if (err)
		return err;
	xsw_lock(net);
	err = xsw_nl_prop_owner(net, info->attrs, &v, info->extack);
	if (!err)
		err = fn(v.sw, v.port, &prop, info->extack);
	xsw_unlock(net);
	return err;
}

/*
 * Room for a property's message: its payload, and the rest.  NULL: the
 * largest any property takes.
 */
static size_t xsw_prop_msg_size(const struct xsw_property *prop)
{
	size_t data = nla_total_size(XSWITCH_MAX_PROP_DATA);

	if (!prop)
		return max(data, xsw_stdprop_size(NULL)) + XSW_NL_OBJ_SIZE;
	if (xsw_prop_is_std(prop->type))
		return xsw_stdprop_size(prop) + XSW_NL_OBJ_SIZE;
	return nla_total_size(prop->len) + XSW_NL_OBJ_SIZE;
}

int xswitch_nl_prop_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_prop_do(info, xsw_prop_add, true);
}

int xswitch_nl_prop_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_prop_do(info, xsw_prop_update, true);
}

int xswitch_nl_prop_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return xsw_nl_prop_do(info, xsw_prop_delete, false);
}

int xswitch_nl_prop_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_prop_entry *e;
	struct xsw_property key;
	struct xsw_prop_view v;
	int err;

	err = xsw_nl_prop_parse(info->attrs, &key, NULL, info->extack);
	if (err)
		return err;
	xsw_lock(net);
	err = xsw_nl_prop_owner(net, info->attrs, &v, info->extack);
	if (err)
		goto out_unlock;
	e = xsw_prop_find(v.port ? &v.port->props : &v.sw->props, &key);
	if (!e) {
		NL_SET_ERR_MSG_MOD(info->extack, "no property with that type, id and instance id");
		err = -ENOENT;
		goto out_unlock;
	}
	v.prop = &e->prop;
	err = xsw_nl_reply(info, xsw_prop_msg_size(&e->prop),
			   XSWITCH_CMD_PROP_GET, xsw_fill_prop, &v);
out_unlock:
	xsw_unlock(net);
	return err;
}

struct xsw_prop_dump_ctx {
	unsigned int next;
};

/*
 * Every message of a property dump can hold the largest property: 16 KiB
 * of data, or a trunk that allows every VLAN.
 */
int xsw_nl_prop_dump_start(struct netlink_callback *cb)
{
	cb->min_dump_alloc = nlmsg_total_size(GENL_HDRLEN +
					      xsw_prop_msg_size(NULL));
	return 0;
}

int xswitch_nl_prop_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct xsw_prop_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_prop_dump_ctx, cb);
	struct net *net = sock_net(skb->sk);
	struct list_head *list;
	struct xsw_prop_entry *e;
	struct xsw_prop_view v;
	unsigned int i = 0;
	int err;

	xsw_lock(net);
	err = xsw_nl_prop_owner(net, xsw_dump_attrs(cb), &v, cb->extack);
	if (err)
		goto out_unlock;
	/* Resumes by position: a change in between marks the dump. */
	cb->seq = v.sw->gen + 1;
	list = v.port ? &v.port->props : &v.sw->props;
	list_for_each_entry(e, list, list) {
		if (i++ < ctx->next)
			continue;
		v.prop = &e->prop;
		err = xsw_dump_put(skb, cb, XSWITCH_CMD_PROP_GET, xsw_fill_prop,
				   &v);
		if (err)
			break;
		ctx->next++;
	}
out_unlock:
	xsw_unlock(net);
	return xsw_dump_done(skb, err);
}

struct xsw_status_view {
	const struct xsw_prop_view *owner;
	const uuid_t *id;
	const struct xsw_ext *ext;
	const void *data;
	u32 len;
};

/*
 * An attribute carries at most U16_MAX bytes with its header, less than
 * XSW_FEATURE_STATUS_MAX: an answer longer than that goes in several DATA
 * attributes, in order, for the reader to join.  Shorter ones, and an
 * empty one, go in one.
 */
#define XSW_NL_CHUNK	round_down(U16_MAX - NLA_HDRLEN, NLA_ALIGNTO)

static size_t xsw_chunks_size(u32 len)
{
	return nla_total_size(0) * (len / XSW_NL_CHUNK + 1) + NLA_ALIGN(len);
}

static int xsw_put_chunks(struct sk_buff *skb, int type, const u8 *data,
			  u32 len)
{
	u32 n;

	do {
		n = min_t(u32, len, XSW_NL_CHUNK);
		if (nla_put(skb, type, n, data))
			return -EMSGSIZE;
		data += n;
		len -= n;
	} while (len);
	return 0;
}

static int xsw_fill_status(struct sk_buff *skb, const void *obj)
{
	const struct xsw_status_view *s = obj;

	if (nla_put_string(skb, XSWITCH_A_FEATURE_STATUS_SWITCH,
			   s->owner->sw->name) ||
	    (s->owner->port && nla_put_u32(skb, XSWITCH_A_FEATURE_STATUS_PORT_ID,
					   s->owner->port->info.id)) ||
	    nla_put(skb, XSWITCH_A_FEATURE_STATUS_ID, sizeof(*s->id), s->id) ||
	    nla_put_string(skb, XSWITCH_A_FEATURE_STATUS_EXT,
			   s->ext->ops->name) ||
	    xsw_put_chunks(skb, XSWITCH_A_FEATURE_STATUS_DATA, s->data, s->len))
		return -EMSGSIZE;
	return 0;
}

int xswitch_nl_feature_status_get_doit(struct sk_buff *skb,
				       struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_status_view s = {};
	struct xsw_prop_view v;
	void *buf = NULL;
	uuid_t id;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_FEATURE_STATUS_ID))
		return -EINVAL;
	memcpy(&id, nla_data(info->attrs[XSWITCH_A_FEATURE_STATUS_ID]),
	       sizeof(id));
	xsw_lock(net);
	err = xsw_nl_owner(net, info->attrs, XSWITCH_A_FEATURE_STATUS_SWITCH,
			   XSWITCH_A_FEATURE_STATUS_PORT_ID, &v, info->extack);
	if (err)
		goto out_unlock;
	err = xsw_feature_status(v.sw, v.port, &id, &buf, &s.len,
				 &s.ext, info->extack);
	if (err)
		goto out_unlock;
	s.owner = &v;
	s.id = &id;
	s.data = buf;
	/* Sized from the answer, which is at most XSW_FEATURE_STATUS_MAX. */
	err = xsw_nl_reply(info, xsw_chunks_size(s.len) + XSW_NL_OBJ_SIZE,
			   XSWITCH_CMD_FEATURE_STATUS_GET, xsw_fill_status, &s);
	kfree(buf);
out_unlock:
	xsw_unlock(net);
	return err;
}
