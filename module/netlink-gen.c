// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/xswitch.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/xswitch.h>

/* Common nested types */
const struct nla_policy xswitch_prop_security_nl_policy[XSWITCH_A_PROP_SECURITY_VSID + 1] = {
	[XSWITCH_A_PROP_SECURITY_MAC_SPOOFING] = { .type = NLA_FLAG, },
	[XSWITCH_A_PROP_SECURITY_IEEE_PRIORITY_TAG] = { .type = NLA_FLAG, },
	[XSWITCH_A_PROP_SECURITY_VSID] = { .type = NLA_U32, },
};

const struct nla_policy xswitch_prop_vlan_nl_policy[XSWITCH_A_PROP_VLAN_ALLOWED + 1] = {
	[XSWITCH_A_PROP_VLAN_MODE] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
	[XSWITCH_A_PROP_VLAN_ACCESS_VLAN] = { .type = NLA_U16, },
	[XSWITCH_A_PROP_VLAN_NATIVE_VLAN] = { .type = NLA_U16, },
	[XSWITCH_A_PROP_VLAN_ALLOWED] = { .type = NLA_U16, },
};

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

/* XSWITCH_CMD_PORT_NEW - do */
const struct nla_policy xswitch_port_new_nl_policy[XSWITCH_A_PORT_PROVISIONAL + 1] = {
	[XSWITCH_A_PORT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_PORT_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_PORT_FRIENDLY_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_PORT_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 4),
	[XSWITCH_A_PORT_VALIDATION] = { .type = NLA_FLAG, },
	[XSWITCH_A_PORT_RESTORING] = { .type = NLA_FLAG, },
	[XSWITCH_A_PORT_PROVISIONAL] = { .type = NLA_FLAG, },
};

/* XSWITCH_CMD_PORT_SET - do */
const struct nla_policy xswitch_port_set_nl_policy[XSWITCH_A_PORT_KEEP + 1] = {
	[XSWITCH_A_PORT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_PORT_FRIENDLY_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_PORT_KEEP] = { .type = NLA_FLAG, },
};

/* XSWITCH_CMD_PORT_TEARDOWN - do */
const struct nla_policy xswitch_port_teardown_nl_policy[XSWITCH_A_PORT_ID + 1] = {
	[XSWITCH_A_PORT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* XSWITCH_CMD_PORT_DEL - do */
const struct nla_policy xswitch_port_del_nl_policy[XSWITCH_A_PORT_ID + 1] = {
	[XSWITCH_A_PORT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* XSWITCH_CMD_PORT_GET - do */
const struct nla_policy xswitch_port_get_nl_policy[XSWITCH_A_PORT_ID + 1] = {
	[XSWITCH_A_PORT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* XSWITCH_CMD_NIC_NEW - do */
const struct nla_policy xswitch_nic_new_nl_policy[XSWITCH_A_NIC_IFNAME + 1] = {
	[XSWITCH_A_NIC_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_NIC_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_NIC_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
	[XSWITCH_A_NIC_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_NIC_FRIENDLY_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_NIC_MTU] = NLA_POLICY_MIN(NLA_U32, 68),
	[XSWITCH_A_NIC_PERMANENT_MAC] = NLA_POLICY_EXACT_LEN(6),
	[XSWITCH_A_NIC_VM_MAC] = NLA_POLICY_EXACT_LEN(6),
	[XSWITCH_A_NIC_CURRENT_MAC] = NLA_POLICY_EXACT_LEN(6),
	[XSWITCH_A_NIC_VM_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_NIC_VM_FRIENDLY_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_NIC_IFINDEX] = { .type = NLA_U32, },
	[XSWITCH_A_NIC_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* XSWITCH_CMD_NIC_CONNECT - do */
const struct nla_policy xswitch_nic_connect_nl_policy[XSWITCH_A_NIC_GATE + 1] = {
	[XSWITCH_A_NIC_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_NIC_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_NIC_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
	[XSWITCH_A_NIC_GATE] = NLA_POLICY_MAX(NLA_U32, 2),
};

/* XSWITCH_CMD_NIC_SET - do */
const struct nla_policy xswitch_nic_set_nl_policy[XSWITCH_A_NIC_IFNAME + 1] = {
	[XSWITCH_A_NIC_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_NIC_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_NIC_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
	[XSWITCH_A_NIC_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_NIC_FRIENDLY_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_NIC_MTU] = NLA_POLICY_MIN(NLA_U32, 68),
	[XSWITCH_A_NIC_PERMANENT_MAC] = NLA_POLICY_EXACT_LEN(6),
	[XSWITCH_A_NIC_VM_MAC] = NLA_POLICY_EXACT_LEN(6),
	[XSWITCH_A_NIC_CURRENT_MAC] = NLA_POLICY_EXACT_LEN(6),
	[XSWITCH_A_NIC_VM_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_NIC_VM_FRIENDLY_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_NIC_IFINDEX] = { .type = NLA_U32, },
	[XSWITCH_A_NIC_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* XSWITCH_CMD_NIC_DISCONNECT - do */
const struct nla_policy xswitch_nic_disconnect_nl_policy[XSWITCH_A_NIC_INDEX + 1] = {
	[XSWITCH_A_NIC_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_NIC_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_NIC_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
};

/* XSWITCH_CMD_NIC_DEL - do */
const struct nla_policy xswitch_nic_del_nl_policy[XSWITCH_A_NIC_INDEX + 1] = {
	[XSWITCH_A_NIC_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_NIC_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_NIC_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
};

/* XSWITCH_CMD_NIC_GET - do */
const struct nla_policy xswitch_nic_get_nl_policy[XSWITCH_A_NIC_INDEX + 1] = {
	[XSWITCH_A_NIC_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_NIC_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_NIC_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
};

/* XSWITCH_CMD_PROP_ADD - do */
const struct nla_policy xswitch_prop_add_nl_policy[XSWITCH_A_PROP_VLAN + 1] = {
	[XSWITCH_A_PROP_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_PROP_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_PROP_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 6),
	[XSWITCH_A_PROP_ID] = NLA_POLICY_EXACT_LEN(16),
	[XSWITCH_A_PROP_VERSION] = { .type = NLA_U16, },
	[XSWITCH_A_PROP_INSTANCE_ID] = NLA_POLICY_EXACT_LEN(16),
	[XSWITCH_A_PROP_DATA] = { .type = NLA_BINARY, },
	[XSWITCH_A_PROP_SECURITY] = NLA_POLICY_NESTED(xswitch_prop_security_nl_policy),
	[XSWITCH_A_PROP_VLAN] = NLA_POLICY_NESTED(xswitch_prop_vlan_nl_policy),
};

/* XSWITCH_CMD_PROP_SET - do */
const struct nla_policy xswitch_prop_set_nl_policy[XSWITCH_A_PROP_VLAN + 1] = {
	[XSWITCH_A_PROP_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_PROP_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_PROP_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 6),
	[XSWITCH_A_PROP_ID] = NLA_POLICY_EXACT_LEN(16),
	[XSWITCH_A_PROP_VERSION] = { .type = NLA_U16, },
	[XSWITCH_A_PROP_INSTANCE_ID] = NLA_POLICY_EXACT_LEN(16),
	[XSWITCH_A_PROP_DATA] = { .type = NLA_BINARY, },
	[XSWITCH_A_PROP_SECURITY] = NLA_POLICY_NESTED(xswitch_prop_security_nl_policy),
	[XSWITCH_A_PROP_VLAN] = NLA_POLICY_NESTED(xswitch_prop_vlan_nl_policy),
};

/* XSWITCH_CMD_PROP_DEL - do */
const struct nla_policy xswitch_prop_del_nl_policy[XSWITCH_A_PROP_INSTANCE_ID + 1] = {
	[XSWITCH_A_PROP_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_PROP_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_PROP_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 6),
	[XSWITCH_A_PROP_ID] = NLA_POLICY_EXACT_LEN(16),
	[XSWITCH_A_PROP_INSTANCE_ID] = NLA_POLICY_EXACT_LEN(16),
};

/* XSWITCH_CMD_PROP_GET - do */
const struct nla_policy xswitch_prop_get_nl_policy[XSWITCH_A_PROP_VLAN + 1] = {
	[XSWITCH_A_PROP_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_PROP_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_PROP_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 6),
	[XSWITCH_A_PROP_ID] = NLA_POLICY_EXACT_LEN(16),
	[XSWITCH_A_PROP_VERSION] = { .type = NLA_U16, },
	[XSWITCH_A_PROP_INSTANCE_ID] = NLA_POLICY_EXACT_LEN(16),
	[XSWITCH_A_PROP_DATA] = { .type = NLA_BINARY, },
	[XSWITCH_A_PROP_SECURITY] = NLA_POLICY_NESTED(xswitch_prop_security_nl_policy),
	[XSWITCH_A_PROP_VLAN] = NLA_POLICY_NESTED(xswitch_prop_vlan_nl_policy),
};

/* XSWITCH_CMD_FEATURE_STATUS_GET - do */
const struct nla_policy xswitch_feature_status_get_nl_policy[XSWITCH_A_FEATURE_STATUS_ID + 1] = {
	[XSWITCH_A_FEATURE_STATUS_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_FEATURE_STATUS_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_FEATURE_STATUS_ID] = NLA_POLICY_EXACT_LEN(16),
};

/* XSWITCH_CMD_EXT_GET - do */
const struct nla_policy xswitch_ext_get_nl_policy[XSWITCH_A_EXT_NAME + 1] = {
	[XSWITCH_A_EXT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_EXT_NAME] = { .type = NLA_NUL_STRING, .len = 31, },
};

/* XSWITCH_CMD_EXT_ATTACH - do */
const struct nla_policy xswitch_ext_attach_nl_policy[XSWITCH_A_EXT_NAME + 1] = {
	[XSWITCH_A_EXT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_EXT_NAME] = { .type = NLA_NUL_STRING, .len = 31, },
};

/* XSWITCH_CMD_EXT_DETACH - do */
const struct nla_policy xswitch_ext_detach_nl_policy[XSWITCH_A_EXT_NAME + 1] = {
	[XSWITCH_A_EXT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_EXT_NAME] = { .type = NLA_NUL_STRING, .len = 31, },
};

/* XSWITCH_CMD_EXT_SET - do */
const struct nla_policy xswitch_ext_set_nl_policy[XSWITCH_A_EXT_POSITION + 1] = {
	[XSWITCH_A_EXT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_EXT_NAME] = { .type = NLA_NUL_STRING, .len = 31, },
	[XSWITCH_A_EXT_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[XSWITCH_A_EXT_POSITION] = { .type = NLA_U32, },
};

/* XSWITCH_CMD_NIC_SAVE - do */
const struct nla_policy xswitch_nic_save_nl_policy[XSWITCH_A_RECORD_INDEX + 1] = {
	[XSWITCH_A_RECORD_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_RECORD_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_RECORD_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
};

/* XSWITCH_CMD_NIC_RESTORE - do */
const struct nla_policy xswitch_nic_restore_nl_policy[XSWITCH_A_RECORD_DATA + 1] = {
	[XSWITCH_A_RECORD_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_RECORD_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_RECORD_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
	[XSWITCH_A_RECORD_RECORD] = { .type = NLA_U32, },
	[XSWITCH_A_RECORD_OFFSET] = { .type = NLA_U32, },
	[XSWITCH_A_RECORD_SIZE] = { .type = NLA_U32, },
	[XSWITCH_A_RECORD_EXT_ID] = NLA_POLICY_EXACT_LEN(16),
	[XSWITCH_A_RECORD_FEATURE_CLASS] = NLA_POLICY_EXACT_LEN(16),
	[XSWITCH_A_RECORD_NAME] = { .type = NLA_NUL_STRING, .len = 255, },
	[XSWITCH_A_RECORD_DATA] = { .type = NLA_BINARY, },
};

/* XSWITCH_CMD_NIC_RESTORE_COMPLETE - do */
const struct nla_policy xswitch_nic_restore_complete_nl_policy[XSWITCH_A_RECORD_STATUS + 1] = {
	[XSWITCH_A_RECORD_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_RECORD_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_RECORD_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
	[XSWITCH_A_RECORD_STATUS] = NLA_POLICY_MAX(NLA_S32, 0),
};

/* XSWITCH_CMD_NIC_ANNOUNCE - do */
const struct nla_policy xswitch_nic_announce_nl_policy[XSWITCH_A_NIC_INDEX + 1] = {
	[XSWITCH_A_NIC_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_NIC_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_NIC_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
};

/* XSWITCH_CMD_MIGRATION_NOTE - do */
const struct nla_policy xswitch_migration_note_nl_policy[XSWITCH_A_EVENT_ROLE + 1] = {
	[XSWITCH_A_EVENT_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_EVENT_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_EVENT_OUTCOME] = NLA_POLICY_RANGE(NLA_U32, 1, 6),
	[XSWITCH_A_EVENT_ROLE] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
};

/* XSWITCH_CMD_NIC_GATE - do */
const struct nla_policy xswitch_nic_gate_nl_policy[XSWITCH_A_NIC_GATE + 1] = {
	[XSWITCH_A_NIC_SWITCH] = { .type = NLA_NUL_STRING, .len = 15, },
	[XSWITCH_A_NIC_PORT_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[XSWITCH_A_NIC_INDEX] = NLA_POLICY_MAX(NLA_U16, XSWITCH_MAX_NIC_INDEX),
	[XSWITCH_A_NIC_GATE] = NLA_POLICY_MAX(NLA_U32, 2),
};

/* Ops table for xswitch */
const struct genl_ops xswitch_nl_ops[29] = {
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
	{
		.cmd		= XSWITCH_CMD_PORT_NEW,
		.doit		= xswitch_nl_port_new_doit,
		.policy		= xswitch_port_new_nl_policy,
		.maxattr	= XSWITCH_A_PORT_PROVISIONAL,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_PORT_SET,
		.doit		= xswitch_nl_port_set_doit,
		.policy		= xswitch_port_set_nl_policy,
		.maxattr	= XSWITCH_A_PORT_KEEP,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_PORT_TEARDOWN,
		.doit		= xswitch_nl_port_teardown_doit,
		.policy		= xswitch_port_teardown_nl_policy,
		.maxattr	= XSWITCH_A_PORT_ID,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_PORT_DEL,
		.doit		= xswitch_nl_port_del_doit,
		.policy		= xswitch_port_del_nl_policy,
		.maxattr	= XSWITCH_A_PORT_ID,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_PORT_GET,
		.doit		= xswitch_nl_port_get_doit,
		.dumpit		= xswitch_nl_port_get_dumpit,
		.policy		= xswitch_port_get_nl_policy,
		.maxattr	= XSWITCH_A_PORT_ID,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_NEW,
		.doit		= xswitch_nl_nic_new_doit,
		.policy		= xswitch_nic_new_nl_policy,
		.maxattr	= XSWITCH_A_NIC_IFNAME,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_CONNECT,
		.doit		= xswitch_nl_nic_connect_doit,
		.policy		= xswitch_nic_connect_nl_policy,
		.maxattr	= XSWITCH_A_NIC_GATE,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_SET,
		.doit		= xswitch_nl_nic_set_doit,
		.policy		= xswitch_nic_set_nl_policy,
		.maxattr	= XSWITCH_A_NIC_IFNAME,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_DISCONNECT,
		.doit		= xswitch_nl_nic_disconnect_doit,
		.policy		= xswitch_nic_disconnect_nl_policy,
		.maxattr	= XSWITCH_A_NIC_INDEX,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_DEL,
		.doit		= xswitch_nl_nic_del_doit,
		.policy		= xswitch_nic_del_nl_policy,
		.maxattr	= XSWITCH_A_NIC_INDEX,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_GET,
		.doit		= xswitch_nl_nic_get_doit,
		.dumpit		= xswitch_nl_nic_get_dumpit,
		.policy		= xswitch_nic_get_nl_policy,
		.maxattr	= XSWITCH_A_NIC_INDEX,
	},
	{
		.cmd		= XSWITCH_CMD_PROP_ADD,
		.doit		= xswitch_nl_prop_add_doit,
		.policy		= xswitch_prop_add_nl_policy,
		.maxattr	= XSWITCH_A_PROP_VLAN,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_PROP_SET,
		.doit		= xswitch_nl_prop_set_doit,
		.policy		= xswitch_prop_set_nl_policy,
		.maxattr	= XSWITCH_A_PROP_VLAN,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_PROP_DEL,
		.doit		= xswitch_nl_prop_del_doit,
		.policy		= xswitch_prop_del_nl_policy,
		.maxattr	= XSWITCH_A_PROP_INSTANCE_ID,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_PROP_GET,
		.doit		= xswitch_nl_prop_get_doit,
		.dumpit		= xswitch_nl_prop_get_dumpit,
		.policy		= xswitch_prop_get_nl_policy,
		.maxattr	= XSWITCH_A_PROP_VLAN,
	},
	{
		.cmd		= XSWITCH_CMD_FEATURE_STATUS_GET,
		.doit		= xswitch_nl_feature_status_get_doit,
		.policy		= xswitch_feature_status_get_nl_policy,
		.maxattr	= XSWITCH_A_FEATURE_STATUS_ID,
	},
	{
		.cmd		= XSWITCH_CMD_EXT_GET,
		.doit		= xswitch_nl_ext_get_doit,
		.dumpit		= xswitch_nl_ext_get_dumpit,
		.policy		= xswitch_ext_get_nl_policy,
		.maxattr	= XSWITCH_A_EXT_NAME,
	},
	{
		.cmd		= XSWITCH_CMD_EXT_ATTACH,
		.doit		= xswitch_nl_ext_attach_doit,
		.policy		= xswitch_ext_attach_nl_policy,
		.maxattr	= XSWITCH_A_EXT_NAME,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_EXT_DETACH,
		.doit		= xswitch_nl_ext_detach_doit,
		.policy		= xswitch_ext_detach_nl_policy,
		.maxattr	= XSWITCH_A_EXT_NAME,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_EXT_SET,
		.doit		= xswitch_nl_ext_set_doit,
		.policy		= xswitch_ext_set_nl_policy,
		.maxattr	= XSWITCH_A_EXT_POSITION,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_SAVE,
		.doit		= xswitch_nl_nic_save_doit,
		.dumpit		= xswitch_nl_nic_save_dumpit,
		.policy		= xswitch_nic_save_nl_policy,
		.maxattr	= XSWITCH_A_RECORD_INDEX,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_RESTORE,
		.doit		= xswitch_nl_nic_restore_doit,
		.policy		= xswitch_nic_restore_nl_policy,
		.maxattr	= XSWITCH_A_RECORD_DATA,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_RESTORE_COMPLETE,
		.doit		= xswitch_nl_nic_restore_complete_doit,
		.policy		= xswitch_nic_restore_complete_nl_policy,
		.maxattr	= XSWITCH_A_RECORD_STATUS,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_ANNOUNCE,
		.doit		= xswitch_nl_nic_announce_doit,
		.policy		= xswitch_nic_announce_nl_policy,
		.maxattr	= XSWITCH_A_NIC_INDEX,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_MIGRATION_NOTE,
		.doit		= xswitch_nl_migration_note_doit,
		.policy		= xswitch_migration_note_nl_policy,
		.maxattr	= XSWITCH_A_EVENT_ROLE,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= XSWITCH_CMD_NIC_GATE,
		.doit		= xswitch_nl_nic_gate_doit,
		.policy		= xswitch_nic_gate_nl_policy,
		.maxattr	= XSWITCH_A_NIC_GATE,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group xswitch_nl_mcgrps[] = {
	[XSWITCH_NLGRP_EVENTS] = { "events", },
};
