/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xswitch internals shared by the files of xswitch.ko.
 */
#ifndef _XSW_H
#define _XSW_H

#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>
#include <uapi/linux/xswitch.h>

/**
 * DOC: Locking
 *
 * One control mutex, xsw_mutex, serialises every change to every switch in
 * every network namespace, the way ovs_mutex does for Open vSwitch:
 * control requests are rare next to packets and a single lock makes the
 * Hyper-V ordering rules (one request at a time walks the extension stack)
 * hold by construction.  Netlink handlers take it for the whole request,
 * including the reply's fill, so a reply never shows a half-made object.
 *
 * xsw_lock() and xsw_unlock() take and release it; functions that need it
 * say so with xsw_assert_locked(), which lockdep checks.  RTNL, where a
 * netdev needs it, nests inside xsw_mutex, never the reverse.
 */
void xsw_lock(void);
void xsw_unlock(void);
void xsw_assert_locked(void);

/* Every refusal names the module, and the attribute when there is one. */
#define XSW_ERR_ATTR(extack, attr, msg) do {				\
	struct netlink_ext_ack *_xsw_extack = (extack);			\
									\
	NL_SET_BAD_ATTR(_xsw_extack, attr);				\
	NL_SET_ERR_MSG_MOD(_xsw_extack, msg);				\
} while (0)

/**
 * struct xsw_net - the per network namespace state of xswitch
 * @switches: the namespace's switches by id; ids are handed out cyclically
 *	so that a deleted switch's id is not reused at once by a new one
 * @next_id: cursor of the cyclic id allocator
 */
struct xsw_net {
	struct xarray switches;
	u32 next_id;
};

/**
 * struct xsw_switch - one switch
 * @net: the namespace the switch lives in; it never moves
 * @id: number unique in @net, > 0
 * @name: name unique in @net
 */
struct xsw_switch {
	struct net *net;
	u32 id;
	char name[XSWITCH_NAME_LEN];
};

struct xsw_net *xsw_net(const struct net *net);

struct xsw_switch *xsw_switch_create(struct net *net, const char *name,
				     struct netlink_ext_ack *extack);
void xsw_switch_destroy(struct xsw_switch *sw);
struct xsw_switch *xsw_switch_find(struct net *net, const char *name);
void xsw_net_destroy_switches(struct net *net);

int xsw_netlink_init(void);
void xsw_netlink_exit(void);

#endif /* _XSW_H */
