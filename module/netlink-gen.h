/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/xswitch.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_XSWITCH_GEN_H
#define _LINUX_XSWITCH_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/xswitch.h>

/* Common nested types */
extern const struct nla_policy xswitch_prop_security_nl_policy[XSWITCH_A_PROP_SECURITY_VSID + 1];
extern const struct nla_policy xswitch_prop_vlan_nl_policy[XSWITCH_A_PROP_VLAN_ALLOWED + 1];

extern const struct nla_policy xswitch_switch_new_nl_policy[XSWITCH_A_SWITCH_NAME + 1];

extern const struct nla_policy xswitch_switch_del_nl_policy[XSWITCH_A_SWITCH_NAME + 1];

extern const struct nla_policy xswitch_switch_get_nl_policy[XSWITCH_A_SWITCH_NAME + 1];

extern const struct nla_policy xswitch_port_new_nl_policy[XSWITCH_A_PORT_PROVISIONAL + 1];

extern const struct nla_policy xswitch_port_set_nl_policy[XSWITCH_A_PORT_KEEP + 1];

extern const struct nla_policy xswitch_port_teardown_nl_policy[XSWITCH_A_PORT_ID + 1];

extern const struct nla_policy xswitch_port_del_nl_policy[XSWITCH_A_PORT_ID + 1];

extern const struct nla_policy xswitch_port_get_nl_policy[XSWITCH_A_PORT_ID + 1];

extern const struct nla_policy xswitch_nic_new_nl_policy[XSWITCH_A_NIC_IFNAME + 1];

extern const struct nla_policy xswitch_nic_connect_nl_policy[XSWITCH_A_NIC_GATE + 1];

extern const struct nla_policy xswitch_nic_set_nl_policy[XSWITCH_A_NIC_IFNAME + 1];

extern const struct nla_policy xswitch_nic_disconnect_nl_policy[XSWITCH_A_NIC_INDEX + 1];

extern const struct nla_policy xswitch_nic_del_nl_policy[XSWITCH_A_NIC_INDEX + 1];

extern const struct nla_policy xswitch_nic_get_nl_policy[XSWITCH_A_NIC_INDEX + 1];

extern const struct nla_policy xswitch_prop_add_nl_policy[XSWITCH_A_PROP_VLAN + 1];

extern const struct nla_policy xswitch_prop_set_nl_policy[XSWITCH_A_PROP_VLAN + 1];

extern const struct nla_policy xswitch_prop_del_nl_policy[XSWITCH_A_PROP_INSTANCE_ID + 1];

extern const struct nla_policy xswitch_prop_get_nl_policy[XSWITCH_A_PROP_VLAN + 1];

extern const struct nla_policy xswitch_feature_status_get_nl_policy[XSWITCH_A_FEATURE_STATUS_ID + 1];

extern const struct nla_policy xswitch_ext_get_nl_policy[XSWITCH_A_EXT_NAME + 1];

extern const struct nla_policy xswitch_ext_attach_nl_policy[XSWITCH_A_EXT_NAME + 1];

extern const struct nla_policy xswitch_ext_detach_nl_policy[XSWITCH_A_EXT_NAME + 1];

extern const struct nla_policy xswitch_ext_set_nl_policy[XSWITCH_A_EXT_POSITION + 1];

extern const struct nla_policy xswitch_nic_save_nl_policy[XSWITCH_A_RECORD_INDEX + 1];

extern const struct nla_policy xswitch_nic_restore_nl_policy[XSWITCH_A_RECORD_DATA + 1];

extern const struct nla_policy xswitch_nic_restore_complete_nl_policy[XSWITCH_A_RECORD_STATUS + 1];

extern const struct nla_policy xswitch_nic_announce_nl_policy[XSWITCH_A_NIC_INDEX + 1];

extern const struct nla_policy xswitch_migration_note_nl_policy[XSWITCH_A_EVENT_ROLE + 1];

extern const struct nla_policy xswitch_nic_gate_nl_policy[XSWITCH_A_NIC_GATE + 1];

/* Ops table for xswitch */
extern const struct genl_ops xswitch_nl_ops[29];

int xsw_nl_prop_dump_start(struct netlink_callback *cb);

int xswitch_nl_switch_new_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_switch_del_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_switch_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);
int xswitch_nl_port_new_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_port_teardown_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_port_del_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_port_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int xswitch_nl_nic_new_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_connect_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_set_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_disconnect_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_del_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_get_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int xswitch_nl_prop_add_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_prop_set_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_prop_del_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_prop_get_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_prop_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int xswitch_nl_feature_status_get_doit(struct sk_buff *skb,
				       struct genl_info *info);
int xswitch_nl_ext_get_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_ext_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int xswitch_nl_ext_attach_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_ext_detach_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_ext_set_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_save_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_save_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int xswitch_nl_nic_restore_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_restore_complete_doit(struct sk_buff *skb,
					 struct genl_info *info);
int xswitch_nl_nic_announce_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_migration_note_doit(struct sk_buff *skb, struct genl_info *info);
int xswitch_nl_nic_gate_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	XSWITCH_NLGRP_EVENTS,
};

#endif /* _LINUX_XSWITCH_GEN_H */
