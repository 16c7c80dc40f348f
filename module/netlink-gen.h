/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/xswitch.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_XSWITCH_GEN_H
#define _LINUX_XSWITCH_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/xswitch.h>

extern const struct nla_policy xswitch_switch_new_nl_policy[XSWITCH_A_SWITCH_NAME + 1];

extern const struct nla_policy xswitch_switch_del_nl_policy[XSWITCH_A_SWITCH_NAME + 1];

extern const struct nla_policy xswitch_switch_get_nl_policy[XSWITCH_A_SWITCH_NAME + 1];

/* Ops table for xswitch */
extern const struct genl_ops xswitch_nl_ops[3];

int xswitch_nl_switch_new_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_switch_del_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_switch_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);

enum {
	XSWITCH_NLGRP_EVENTS,
};

#endif /* _LINUX_XSWITCH_GEN_H */
