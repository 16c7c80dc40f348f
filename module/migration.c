// SPDX-License-Identifier: GPL-2.0
/*
 * How a migration ended, on the event stream.
 */
#include "netlink.h"

/**
 * DOC: Migration outcomes
 *
 * A migration is driven from userspace, step by step, and the kernel sees
 * only the steps.  How it ended for each port (migrated, stopped before
 * anything left, put back, left to the destination, taken off) is known to
 * the xswctl that ran it, which says so with migration-note.  The kernel
 * sends it to the switch's listeners as an event of op migration, stamped
 * and numbered with the steps, so that whoever watches a host's stream
 * learns the outcome where it learned the steps, in their order.
 *
 * One outcome the kernel says itself: released, as it begins to take off
 * a provisional port whose holder closed (Provisional ports): a killed
 * destination's session has no process left to say it.
 */

/**
 * xsw_migration_event - publish how a migration ended for a port
 * @sw: the port's switch
 * @port_id: the port's id here, which may be gone already
 * @outcome: an XSWITCH_OUTCOME_*
 * @role: XSWITCH_ROLE_SOURCE or _DESTINATION, or 0 when unknown
 */
void xsw_migration_event(struct xsw_switch *sw, u32 port_id, u32 outcome,
			 u32 role)
{
	const struct xsw_step step = { .op = XSWITCH_OP_MIGRATION };
	const struct xsw_event_extra extra = {
		.outcome = outcome, .role = role, .port_id = port_id,
	};

	xsw_nl_event_extra(sw, &step, 0, NULL, &extra);
}

int xswitch_nl_migration_note_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nlattr **attrs = info->attrs;
	struct xsw_switch *sw;
	int err = 0;

	if (GENL_REQ_ATTR_CHECK(info, XSWITCH_A_EVENT_PORT_ID) ||
	    GENL_REQ_ATTR_CHECK(info, XSWITCH_A_EVENT_OUTCOME) ||
	    GENL_REQ_ATTR_CHECK(info, XSWITCH_A_EVENT_ROLE)) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "a note needs a port id, an outcome and a role");
		return -EINVAL;
	}
	/* Only the kernel knows that it released a port. */
	if (nla_get_u32(attrs[XSWITCH_A_EVENT_OUTCOME]) ==
	    XSWITCH_OUTCOME_RELEASED) {
		XSW_ERR_ATTR(info->extack, attrs[XSWITCH_A_EVENT_OUTCOME],
			     "outcome released is the kernel's to say");
		return -EINVAL;
	}
	xsw_lock(net);
	sw = xsw_nl_switch(net, attrs, XSWITCH_A_EVENT_SWITCH, info->extack);
	if (IS_ERR(sw))
		err = PTR_ERR(sw);
	else
		xsw_migration_event(sw, nla_get_u32(attrs[XSWITCH_A_EVENT_PORT_ID]),
				    nla_get_u32(attrs[XSWITCH_A_EVENT_OUTCOME]),
				    nla_get_u32(attrs[XSWITCH_A_EVENT_ROLE]));
	xsw_unlock(net);
	return err;
}
