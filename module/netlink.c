// SPDX-License-Identifier: GPL-2.0
/*
 * The xswitch generic netlink family: the family, shared lookups and
 * replies, and the events group.  The requests on each object are in
 * nl_<object>.c.
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
 * Every handler takes the control lock of the socket's namespace for the
 * whole request (a delete that waits for references drops it meanwhile),
 * looks its objects up by the attributes that name them (switch by name,
 * port by id, NIC by port and index) and refuses with an extack message
 * that names the attribute and the reason.  Reads need no privilege; every
 * change needs CAP_NET_ADMIN in the user namespace owning the network
 * namespace (GENL_UNS_ADMIN_PERM).
 *
 * A request either succeeds or changes nothing: a new object's reply is
 * allocated before the object is created, and if it cannot be delivered
 * (the requester's receive buffer is full, its socket gone) the object is
 * removed again, in the Hyper-V order, before the error is returned.
 * What comes after the handler is the netlink core's: if it cannot
 * allocate the ACK of a request that was carried out, the request stands
 * and the requester's socket reports ENOBUFS, as netlink does for any
 * message it had to drop.
 *
 * Dumps keep their place in cb->ctx.  Switches and ports resume by id,
 * NICs by port id and index, so a dump over many messages lists every
 * object that lived throughout once, in order, whatever changed between
 * two messages.  Properties and extensions resume by position in their
 * list; a change of the list between two messages of one dump marks the
 * following message NLM_F_DUMP_INTR, and the reader should dump again.
 * A message is as large as the largest object needs (a property of 16 KiB
 * included), whatever the reader's buffer.
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

/**
 * xsw_nl_send - fill a reply allocated beforehand and send it
 * @info: the request
 * @msg: the reply, of a size that fits the object; consumed
 * @cmd: the reply's command
 * @fill: fills the object's attributes
 * @obj: the object
 *
 * Return: 0, -EMSGSIZE (a bug: @msg was sized wrong), or why the reply
 * could not be delivered.
 */
int xsw_nl_send(struct genl_info *info, struct sk_buff *msg, u8 cmd,
		xsw_fill_t fill, const void *obj)
{
	int err;

	err = xsw_nl_put(msg, info->snd_portid, info->snd_seq, 0, cmd, fill,
			 obj);
	if (WARN_ON_ONCE(err)) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* Allocates a reply of @size payload bytes, fills and sends it. */
int xsw_nl_reply(struct genl_info *info, size_t size, u8 cmd, xsw_fill_t fill,
		 const void *obj)
{
	struct sk_buff *msg;

	msg = xsw_genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	return xsw_nl_send(info, msg, cmd, fill, obj);
}

/*
 * One message of a dump.  cb->seq is the generation of what the dump
 * walks (0 where it resumes by id); a change since the previous message
 * marks this one interrupted.
 */
int xsw_dump_put(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		 xsw_fill_t fill, const void *obj)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &xsw_nl_family, NLM_F_MULTI, cmd);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (fill(skb, obj)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * Unloading unregisters the family while a namespace being dismantled
 * (unlisted already, so not among those xsw_destroy_all() walked) may
 * still be removing its switches: no event may be sent after that.
 */
static DECLARE_RWSEM(xsw_nl_rwsem);
static bool xsw_nl_gone;

static int xsw_event_put_extra(struct sk_buff *skb,
			       const struct xsw_event_extra *extra)
{
	if (!extra)
		return 0;
	if (extra->ext_id &&
	    nla_put(skb, XSWITCH_A_EVENT_EXT_ID, sizeof(*extra->ext_id),
		    extra->ext_id))
		return -EMSGSIZE;
	if (extra->has_records &&
	    nla_put_u32(skb, XSWITCH_A_EVENT_RECORDS, extra->records))
		return -EMSGSIZE;
	if (extra->outcome &&
	    (nla_put_u32(skb, XSWITCH_A_EVENT_PORT_ID, extra->port_id) ||
	     nla_put_u32(skb, XSWITCH_A_EVENT_OUTCOME, extra->outcome) ||
	     (extra->role &&
	      nla_put_u32(skb, XSWITCH_A_EVENT_ROLE, extra->role))))
		return -EMSGSIZE;
	return 0;
}

/**
 * xsw_nl_event_extra - publish a step delivered to a switch's stack
 * @sw: the switch
 * @step: the step
 * @status: 0, or the errno that ended it
 * @vetoer: the extension that vetoed it (or failed a save or restore), or
 *	NULL
 * @extra: what the event carries besides, or NULL
 *
 * The sequence number advances whether or not anyone listens, so that a
 * listener sees gaps only when it missed steps.
 */
void xsw_nl_event_extra(struct xsw_switch *sw, const struct xsw_step *step,
			int status, const struct xsw_ext *vetoer,
			const struct xsw_event_extra *extra)
{
	struct net *net = sw->xn->net;
	struct sk_buff *skb;
	void *hdr;

	xsw_assert_locked(sw);
	sw->event_seq++;
	down_read(&xsw_nl_rwsem);
	if (xsw_nl_gone ||
	    !genl_has_listeners(&xsw_nl_family, net, XSWITCH_NLGRP_EVENTS))
		goto out_unlock;
	skb = xsw_genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		goto out_unlock;
	hdr = genlmsg_put(skb, 0, 0, &xsw_nl_family, 0, XSWITCH_CMD_EVENT);
	if (!hdr)
		goto err_free;
	if (nla_put_string(skb, XSWITCH_A_EVENT_SWITCH, sw->name) ||
	    nla_put_u32(skb, XSWITCH_A_EVENT_SEQ, sw->event_seq) ||
	    nla_put_u32(skb, XSWITCH_A_EVENT_OP, step->op) ||
	    nla_put_s32(skb, XSWITCH_A_EVENT_STATUS, status) ||
	    nla_put_u64_64bit(skb, XSWITCH_A_EVENT_TIME, ktime_get_real_ns(),
			      XSWITCH_A_EVENT_PAD) ||
	    (vetoer && nla_put_string(skb, XSWITCH_A_EVENT_EXT,
				      vetoer->ops->name)) ||
	    (step->port && nla_put_u32(skb, XSWITCH_A_EVENT_PORT_ID,
				       step->port->info.id)) ||
	    (step->nic && nla_put_u16(skb, XSWITCH_A_EVENT_NIC_INDEX,
				      step->nic->info.index)) ||
	    (step->prop &&
	     (nla_put_u32(skb, XSWITCH_A_EVENT_PROP_TYPE, step->prop->type) ||
	      nla_put(skb, XSWITCH_A_EVENT_PROP_INSTANCE_ID,
		      sizeof(step->prop->instance_id),
		      &step->prop->instance_id))) ||
	    xsw_event_put_extra(skb, extra))
		goto err_free;
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&xsw_nl_family, net, skb, 0,
				XSWITCH_NLGRP_EVENTS, GFP_KERNEL);
	goto out_unlock;

err_free:
	nlmsg_free(skb);
out_unlock:
	up_read(&xsw_nl_rwsem);
}

void xsw_nl_event(struct xsw_switch *sw, const struct xsw_step *step,
		  int status, const struct xsw_ext *vetoer)
{
	xsw_nl_event_extra(sw, step, status, vetoer, NULL);
}

/*
 * The generated table, with what its legacy (per-op policy) form cannot
 * say: the property dump's start callback, which sizes its messages, and
 * the save's start and done, which run the save and free its records.
 */
static struct genl_ops xsw_nl_ops[ARRAY_SIZE(xswitch_nl_ops)] __ro_after_init;

struct genl_family xsw_nl_family __ro_after_init = {
	.name		= XSWITCH_FAMILY_NAME,
	.version	= XSWITCH_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= xsw_nl_ops,
	.n_ops		= ARRAY_SIZE(xsw_nl_ops),
	.mcgrps		= xswitch_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(xswitch_nl_mcgrps),
};

int __init xsw_netlink_init(void)
{
	int i, err;

	memcpy(xsw_nl_ops, xswitch_nl_ops, sizeof(xsw_nl_ops));
	for (i = 0; i < ARRAY_SIZE(xsw_nl_ops); i++)
		if (xsw_nl_ops[i].cmd == XSWITCH_CMD_PROP_GET) {
			xsw_nl_ops[i].start = xsw_nl_prop_dump_start;
		} else if (xsw_nl_ops[i].cmd == XSWITCH_CMD_NIC_SAVE) {
			xsw_nl_ops[i].start = xsw_nl_nic_save_start;
			xsw_nl_ops[i].done = xsw_nl_nic_save_done;
		}
	err = xsw_nl_save_init();
	if (err)
		return err;
	err = genl_register_family(&xsw_nl_family);
	if (err)
		xsw_nl_save_exit();
	return err;
}

void xsw_netlink_exit(void)
{
	down_write(&xsw_nl_rwsem);
	xsw_nl_gone = true;
	up_write(&xsw_nl_rwsem);
	genl_unregister_family(&xsw_nl_family);
	xsw_nl_save_exit();
}
