/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the netlink handler files.
 */
#ifndef _XSW_NETLINK_H
#define _XSW_NETLINK_H

#include <net/genetlink.h>

#include "netlink-gen.h"
#include "xsw.h"

extern struct genl_family xsw_nl_family;

/* Fills one object's message; returns -EMSGSIZE when it does not fit. */
typedef int (*xsw_fill_t)(struct sk_buff *skb, const void *obj);

/* Room for any object's message but for a payload (property, status). */
#define XSW_NL_OBJ_SIZE		NLMSG_DEFAULT_SIZE

struct xsw_switch *xsw_nl_switch(struct net *net, struct nlattr **attrs,
				 int attr, struct netlink_ext_ack *extack);
struct xsw_port *xsw_nl_port(struct xsw_switch *sw, struct nlattr **attrs,
			     int attr, struct netlink_ext_ack *extack);
int xsw_nl_put(struct sk_buff *skb, u32 portid, u32 seq, int flags, u8 cmd,
	       xsw_fill_t fill, const void *obj);
int xsw_nl_reply(struct genl_info *info, size_t size, u8 cmd, xsw_fill_t fill,
		 const void *obj);
int xsw_nl_send(struct genl_info *info, struct sk_buff *msg, u8 cmd,
		xsw_fill_t fill, const void *obj);
int xsw_dump_put(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		 xsw_fill_t fill, const void *obj);
int xsw_nl_nic_save_start(struct netlink_callback *cb);
int xsw_nl_nic_save_done(struct netlink_callback *cb);
int xsw_nl_save_init(void);
void xsw_nl_save_exit(void);

/* genlmsg_new() with an injection point (see "DOC: Fault injection"). */
static inline struct sk_buff *xsw_genlmsg_new(size_t payload, gfp_t flags)
{
	return xsw_should_fail() ? NULL : genlmsg_new(payload, flags);
}

static inline const char *xsw_nl_str(struct genl_info *info, int attr)
{
	return info->attrs[attr] ? nla_data(info->attrs[attr]) : NULL;
}

/* The request attributes of a dump; Kbuild probes which API is there. */
static inline struct nlattr **xsw_dump_attrs(struct netlink_callback *cb)
{
#ifdef XSW_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/* Before 6.9 the netlink core did not turn -EMSGSIZE from a dumpit that
 * already filled part of the skb into "call me again"; the dump had to
 * return the length itself.  Doing so is right on every kernel.
 */
static inline int xsw_dump_done(struct sk_buff *skb, int err)
{
	return err == -EMSGSIZE && skb->len ? skb->len : err;
}

#define XSW_DUMP_CTX(type, cb) ({					\
	BUILD_BUG_ON(sizeof(type) > sizeof((cb)->ctx));			\
	(type *)(cb)->ctx;						\
})

#endif /* _XSW_NETLINK_H */
