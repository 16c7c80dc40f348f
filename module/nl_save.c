// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink requests that save and restore a NIC's run-time data.
 */
#include <linux/err.h>
#include <linux/slab.h>
#include <net/sock.h>

#include "netlink.h"

/*
 * A save's records, with what names the NIC, while its dump runs; or,
 * when the kernel gave the dump's start no extack, why the save failed.
 */
struct xsw_save_dump {
	struct xsw_save_set set;
	char sw[XSWITCH_NAME_LEN];
	u32 port_id;
	u16 index;
	int err;
	char msg[128];
};

/* Where the dump stands: the record, and how far into its payload. */
struct xsw_save_dump_ctx {
	struct xsw_save_dump *d;
	struct xsw_saved *cur;
	u32 record;
	u32 offset;
};

/* The NIC a request names by switch, port id and index (default 0). */
static struct xsw_nic *xsw_nl_record_nic(struct net *net, struct nlattr **a,
					 struct netlink_ext_ack *extack)
{
	struct nlattr *idx = a[XSWITCH_A_RECORD_INDEX];
	struct xsw_switch *sw;
	struct xsw_port *port;
	struct xsw_nic *nic;

	sw = xsw_nl_switch(net, a, XSWITCH_A_RECORD_SWITCH, extack);
	if (IS_ERR(sw))
		return ERR_CAST(sw);
	port = xsw_nl_port(sw, a, XSWITCH_A_RECORD_PORT_ID, extack);
	if (IS_ERR(port))
		return ERR_CAST(port);
	nic = xsw_port_nic(port, idx ? nla_get_u16(idx) : 0);
	if (!nic) {
		XSW_ERR_ATTR(extack, idx, "the port has no NIC at that index");
		return ERR_PTR(-ENOENT);
	}
	return nic;
}

int xswitch_nl_nic_save_doit(struct sk_buff *skb, struct genl_info *info)
{
	NL_SET_ERR_MSG_MOD(info->extack, "a save answers with a dump: ask with NLM_F_DUMP");
	return -EOPNOTSUPP;
}

/* Room for one piece of a record, and the rest of its message. */
#define XSW_SAVE_MSG_SIZE \
	nlmsg_total_size(GENL_HDRLEN + nla_total_size(XSWITCH_RECORD_CHUNK) + \
			 XSW_NL_OBJ_SIZE)

/*
 * The save itself runs here, before the first message.  Older kernels
 * (6.1) give a dump's start no extack (cb->extack is NULL), and the
 * message of a failed save would be lost: there the failure is kept, and
 * the first dumpit reports it, with its message, in NLMSG_DONE.
 */
int xsw_nl_nic_save_start(struct netlink_callback *cb)
{
	struct xsw_save_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_save_dump_ctx, cb);
	struct nlattr **a = xsw_dump_attrs(cb);
	struct net *net = sock_net(cb->skb->sk);
	struct netlink_ext_ack own = {};
	struct netlink_ext_ack *extack = cb->extack ?: &own;
	struct xsw_save_dump *d;
	struct xsw_nic *nic;
	int err;

	d = kzalloc(sizeof(*d), GFP_KERNEL_ACCOUNT);
	if (!d)
		return -ENOMEM;
	INIT_LIST_HEAD(&d->set.records);
	xsw_lock(net);
	nic = xsw_nl_record_nic(net, a, extack);
	err = PTR_ERR_OR_ZERO(nic);
	if (!err) {
		strscpy(d->sw, nic->port->sw->name, sizeof(d->sw));
		d->port_id = nic->info.port_id;
		d->index = nic->info.index;
		err = xsw_nic_save(nic, &d->set, extack);
	}
	xsw_unlock(net);
	if (err && cb->extack) {
		kfree(d);
		return err;
	}
	d->err = err;
	if (err)
		strscpy(d->msg, own._msg ?: "", sizeof(d->msg));
	ctx->d = d;
	ctx->cur = list_first_entry_or_null(&d->set.records, struct xsw_saved,
					    list);
	cb->min_dump_alloc = XSW_SAVE_MSG_SIZE;
	return 0;
}

int xsw_nl_nic_save_done(struct netlink_callback *cb)
{
	struct xsw_save_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_save_dump_ctx, cb);

	if (ctx->d) {
		xsw_save_set_free(&ctx->d->set);
		kfree(ctx->d);
		ctx->d = NULL;
	}
	return 0;
}

/* A piece of a record, or a record's first piece with its ids. */
struct xsw_piece {
	const struct xsw_save_dump *d;
	const struct xsw_record *rec;
	u32 record;
	u32 offset;
	u32 len;
};

static int xsw_fill_piece(struct sk_buff *skb, const void *obj)
{
	const struct xsw_piece *p = obj;
	const struct xsw_record *rec = p->rec;

	if (nla_put_string(skb, XSWITCH_A_RECORD_SWITCH, p->d->sw) ||
	    nla_put_u32(skb, XSWITCH_A_RECORD_PORT_ID, p->d->port_id) ||
	    nla_put_u16(skb, XSWITCH_A_RECORD_INDEX, p->d->index) ||
	    nla_put_u32(skb, XSWITCH_A_RECORD_RECORD, p->record) ||
	    nla_put_u32(skb, XSWITCH_A_RECORD_OFFSET, p->offset) ||
	    nla_put_u32(skb, XSWITCH_A_RECORD_SIZE, rec->len))
		return -EMSGSIZE;
	if (!p->offset &&
	    (nla_put(skb, XSWITCH_A_RECORD_EXT_ID, sizeof(rec->ext_id),
		     &rec->ext_id) ||
	     nla_put(skb, XSWITCH_A_RECORD_FEATURE_CLASS,
		     sizeof(rec->feature_class), &rec->feature_class) ||
	     nla_put_string(skb, XSWITCH_A_RECORD_NAME, rec->name)))
		return -EMSGSIZE;
	if (nla_put(skb, XSWITCH_A_RECORD_DATA, p->len,
		    (const u8 *)rec->data + p->offset))
		return -EMSGSIZE;
	return 0;
}

/* Every record in pieces of at most XSWITCH_RECORD_CHUNK bytes. */
int xswitch_nl_nic_save_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct xsw_save_dump_ctx *ctx = XSW_DUMP_CTX(struct xsw_save_dump_ctx, cb);
	struct xsw_piece p = { .d = ctx->d };
	int err;

	if (ctx->d->err) {
		/* Not NL_SET_ERR_MSG(): the text is not a literal. */
		if (cb->extack && *ctx->d->msg)
			cb->extack->_msg = ctx->d->msg;
		return ctx->d->err;
	}
	while (ctx->cur) {
		p.rec = &ctx->cur->rec;
		p.record = ctx->record;
		p.offset = ctx->offset;
		p.len = min_t(u32, p.rec->len - ctx->offset, XSWITCH_RECORD_CHUNK);
		err = xsw_dump_put(skb, cb, XSWITCH_CMD_NIC_SAVE, xsw_fill_piece,
				   &p);
		if (err)
			return xsw_dump_done(skb, err);
		ctx->offset += p.len;
		if (ctx->offset < p.rec->len)
			continue;
		ctx->offset = 0;
		ctx->record++;
		ctx->cur = list_is_last(&ctx->cur->list, &ctx->d->set.records) ?
			   NULL : list_next_entry(ctx->cur, list);
	}
	return 0;
}

/* Reads the piece a restore request carries. */
static int xsw_nl_piece(struct genl_info *info, struct xsw_restore_chunk *c)
{
	struct nlattr **a = info->attrs;

	memset(c, 0, sizeof(*c));
	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_RECORD_RECORD) ||
	    GENL_REQ_ATTR_CHECK(info, XSWITCH_A_RECORD_OFFSET) ||
	    GENL_REQ_ATTR_CHECK(info, XSWITCH_A_RECORD_SIZE))
		return -EINVAL;
	c->index = nla_get_u32(a[XSWITCH_A_RECORD_RECORD]);
	c->offset = nla_get_u32(a[XSWITCH_A_RECORD_OFFSET]);
	c->size = nla_get_u32(a[XSWITCH_A_RECORD_SIZE]);
	if (a[XSWITCH_A_RECORD_DATA]) {
		c->len = nla_len(a[XSWITCH_A_RECORD_DATA]);
		c->data = nla_data(a[XSWITCH_A_RECORD_DATA]);
	}
	if (c->offset)
		return 0;
	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_RECORD_EXT_ID))
		return -EINVAL;
	memcpy(&c->rec.ext_id, nla_data(a[XSWITCH_A_RECORD_EXT_ID]),
	       sizeof(c->rec.ext_id));
	if (a[XSWITCH_A_RECORD_FEATURE_CLASS])
		memcpy(&c->rec.feature_class,
		       nla_data(a[XSWITCH_A_RECORD_FEATURE_CLASS]),
		       sizeof(c->rec.feature_class));
	if (a[XSWITCH_A_RECORD_NAME])
		strscpy(c->rec.name, nla_data(a[XSWITCH_A_RECORD_NAME]),
			sizeof(c->rec.name));
	return 0;
}

int xswitch_nl_nic_restore_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct xsw_restore_chunk c;
	struct xsw_nic *nic;
	int err;

	err = xsw_nl_piece(info, &c);
	if (err)
		return err;
	xsw_lock(net);
	nic = xsw_nl_record_nic(net, info->attrs, info->extack);
	err = IS_ERR(nic) ? PTR_ERR(nic) :
	      xsw_nic_restore(nic, info->snd_portid, &c, info->extack);
	xsw_unlock(net);
	return err;
}

/* What a completed restore took. */
struct xsw_restore_result {
	const struct xsw_nic *nic;
	u32 restored;
	u32 unclaimed;
};

static int xsw_fill_restore_result(struct sk_buff *skb, const void *obj)
{
	const struct xsw_restore_result *r = obj;

	if (nla_put_string(skb, XSWITCH_A_RECORD_SWITCH, r->nic->port->sw->name) ||
	    nla_put_u32(skb, XSWITCH_A_RECORD_PORT_ID, r->nic->info.port_id) ||
	    nla_put_u16(skb, XSWITCH_A_RECORD_INDEX, r->nic->info.index) ||
	    nla_put_u32(skb, XSWITCH_A_RECORD_RESTORED, r->restored) ||
	    nla_put_u32(skb, XSWITCH_A_RECORD_UNCLAIMED, r->unclaimed))
		return -EMSGSIZE;
	return 0;
}

int xswitch_nl_nic_restore_complete_doit(struct sk_buff *skb,
					 struct genl_info *info)
{
	struct nlattr *st = info->attrs[XSWITCH_A_RECORD_STATUS];
	struct net *net = genl_info_net(info);
	struct xsw_restore_result r = {};
	struct sk_buff *msg;
	struct xsw_nic *nic;
	int err;

	if (st && nla_get_s32(st) < -MAX_ERRNO) {
		XSW_ERR_ATTR(info->extack, st, "status is not 0 or a negative errno");
		return -EINVAL;
	}
	msg = xsw_genlmsg_new(XSW_NL_OBJ_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	xsw_lock(net);
	nic = xsw_nl_record_nic(net, info->attrs, info->extack);
	err = IS_ERR(nic) ? PTR_ERR(nic) :
	      xsw_nic_restore_complete(nic, info->snd_portid,
				       st ? nla_get_s32(st) : 0, &r.restored,
				       &r.unclaimed, info->extack);
	if (!err) {
		r.nic = nic;
		err = xsw_nl_send(info, msg, XSWITCH_CMD_NIC_RESTORE_COMPLETE,
				  xsw_fill_restore_result, &r);
		msg = NULL;
	}
	xsw_unlock(net);
	nlmsg_free(msg);
	return err;
}

/* A socket closed: the restores it had begun will not be completed. */
static int xsw_nl_release(struct notifier_block *nb, unsigned long state,
			  void *ptr)
{
	struct netlink_notify *n = ptr;
	struct xsw_net *xn;

	if (state != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;
	/* A restore of this socket was listed before it could close. */
	xn = xsw_net(n->net);
	if (list_empty_careful(&xn->restores))
		return NOTIFY_DONE;
	mutex_lock(&xn->lock);
	xsw_restores_abandon(xn, n->portid);
	mutex_unlock(&xn->lock);
	return NOTIFY_DONE;
}

static struct notifier_block xsw_nl_release_nb = {
	.notifier_call = xsw_nl_release,
};

int xsw_nl_save_init(void)
{
	return netlink_register_notifier(&xsw_nl_release_nb);
}

void xsw_nl_save_exit(void)
{
	netlink_unregister_notifier(&xsw_nl_release_nb);
}
