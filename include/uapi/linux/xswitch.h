/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/xswitch.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_XSWITCH_H
#define _UAPI_LINUX_XSWITCH_H

#define XSWITCH_FAMILY_NAME	"xswitch"
#define XSWITCH_FAMILY_VERSION	1

#define XSWITCH_NAME_LEN	16

enum {
	XSWITCH_A_SWITCH_NAME = 1,
	XSWITCH_A_SWITCH_ID,

	__XSWITCH_A_SWITCH_MAX,
	XSWITCH_A_SWITCH_MAX = (__XSWITCH_A_SWITCH_MAX - 1)
};

enum {
	XSWITCH_CMD_SWITCH_NEW = 1,
	XSWITCH_CMD_SWITCH_DEL,
	XSWITCH_CMD_SWITCH_GET,

	__XSWITCH_CMD_MAX,
	XSWITCH_CMD_MAX = (__XSWITCH_CMD_MAX - 1)
};

#define XSWITCH_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_XSWITCH_H */
