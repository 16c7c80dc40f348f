// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/xswitch.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/xswitch.h>

/* XSWITCH_CMD_SWITCH_NEW - do */
const struct nla_policy xswitch_switch_new_nl_policy[XSWITCH_A_SWITCH_NAME + 1] = {
	[XSWITCH_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* XSWITCH_CMD_SWITCH_DEL - do */
const struct nla_policy xswitch_switch_del_nl_policy[XSWITCH_A_SWITCH_NAME + 1] = {
	[XSWITCH_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* XSWITCH_CMD_SWITCH_GET - do */
const struct nla_policy xswitch_switch_get_nl_policy[XSWITCH_A_SWITCH_NAME + 1] = {
	[XSWITCH_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* Ops table for xswitch */
const struct genl_ops xswitch_nl_ops[3] = {
	{
		.cmd		= XSWITCH_CMD_SWITCH_NEW,
		.doit		= xswitch_nl_switch_new_doit,
		.policy		= xswitch_switch_new_nl_policy,
		.maxattr	= XSWITCH_A_SWITCH_NAME,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_SWITCH_DEL,
		.doit		= xswitch_nl_switch_del_doit,
		.policy		= xswitch_switch_del_nl_policy,
		.maxattr	= XSWITCH_A_SWITCH_NAME,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_SWITCH_GET,
		.doit		= xswitch_nl_switch_get_doit,
		.dumpit		= xswitch_nl_switch_get_dumpit,
		.policy		= xswitch_switch_get_nl_policy,
		.maxattr	= XSWITCH_A_SWITCH_NAME,
	},
};

static const struct genl_multicast_group xswitch_nl_mcgrps[] = {
	[XSWITCH_NLGRP_EVENTS] = { "events", },
};
