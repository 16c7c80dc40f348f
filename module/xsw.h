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
#include <net/xswitch.h>
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
 * @ports: ports by PortId
 * @next_port_id: cursor of the cyclic PortId allocator
 * @exts: attached extensions (struct xsw_ext), in stack order: capture,
 *	filter, forward, each class in its user-set order
 * @props: switch properties (struct xsw_prop_entry)
 * @event_seq: sequence number of the last step delivered to the stack
 */
struct xsw_switch {
	struct net *net;
	u32 id;
	char name[XSWITCH_NAME_LEN];
	struct xarray ports;
	u32 next_port_id;
	struct list_head exts;
	struct list_head props;
	u32 event_seq;
};

/**
 * struct xsw_ext - one extension attached to one switch
 * @ops: what the extension implements
 * @sw: the switch
 * @list: in @sw->exts
 * @enabled: takes part in the stack
 * @priv: the extension's private area, ops->priv_size bytes
 */
struct xsw_ext {
	const struct xsw_extension_ops *ops;
	struct xsw_switch *sw;
	struct list_head list;
	bool enabled;
	u8 priv[] __aligned(sizeof(u64));
};

/**
 * struct xsw_prop_entry - a stored property
 * @list: in its port's or switch's list
 * @prop: the property; prop.data points at @data
 * @data: the payload
 */
struct xsw_prop_entry {
	struct list_head list;
	struct xsw_property prop;
	u8 data[];
};

struct xsw_port_params {
	u32 id;
	u32 type;
	bool validation;
	const char *name;
	const char *friendly_name;
};

/* A NIC's fields as a request gives them; NULL/absent fields are unset. */
struct xsw_nic_params {
	u16 index;
	const char *name;
	const char *friendly_name;
	const char *vm_name;
	const char *vm_friendly_name;
	u32 mtu;
	const u8 *permanent_mac;
	const u8 *vm_mac;
	const u8 *current_mac;
};

struct xsw_net *xsw_net(const struct net *net);

/* switch.c */
struct xsw_switch *xsw_switch_create(struct net *net, const char *name,
				     struct netlink_ext_ack *extack);
void xsw_switch_destroy(struct xsw_switch *sw);
struct xsw_switch *xsw_switch_find(struct net *net, const char *name);
void xsw_net_destroy_switches(struct net *net);

/* stack.c */
const char *xsw_op_name(u32 op);
int xsw_stack_veto(struct xsw_switch *sw, const struct xsw_step *step,
		   struct netlink_ext_ack *extack);
void xsw_stack_notify(struct xsw_switch *sw, const struct xsw_step *step);

/* extension.c */
struct xsw_ext *xsw_ext_find(struct xsw_switch *sw, const char *name);
struct xsw_ext *xsw_ext_attach(struct xsw_switch *sw, const char *name,
			       struct netlink_ext_ack *extack);
void xsw_ext_detach(struct xsw_ext *ext);
int xsw_ext_set(struct xsw_ext *ext, int enabled, int position,
		struct netlink_ext_ack *extack);
unsigned int xsw_ext_position(const struct xsw_ext *ext);
const struct xsw_extension_ops *xsw_extension_at(unsigned int i);

/* port.c */
struct xsw_port *xsw_port_find(struct xsw_switch *sw, u32 id);
struct xsw_port *xsw_port_create(struct xsw_switch *sw,
				 const struct xsw_port_params *p,
				 struct netlink_ext_ack *extack);
int xsw_port_update(struct xsw_port *port, const char *friendly_name,
		    struct netlink_ext_ack *extack);
int xsw_port_teardown(struct xsw_port *port, struct netlink_ext_ack *extack);
int xsw_port_delete(struct xsw_port *port, struct netlink_ext_ack *extack);
void xsw_port_destroy(struct xsw_port *port);

/* nic.c */
struct xsw_nic *xsw_nic_create(struct xsw_port *port,
			       const struct xsw_nic_params *p,
			       struct netlink_ext_ack *extack);
int xsw_nic_connect(struct xsw_nic *nic, struct netlink_ext_ack *extack);
int xsw_nic_update(struct xsw_nic *nic, const struct xsw_nic_params *p,
		   struct netlink_ext_ack *extack);
int xsw_nic_disconnect(struct xsw_nic *nic, struct netlink_ext_ack *extack);
int xsw_nic_delete(struct xsw_nic *nic, struct netlink_ext_ack *extack);
void xsw_nic_destroy(struct xsw_nic *nic);

/* property.c */
struct xsw_prop_entry *xsw_prop_find(struct list_head *props,
				     const struct xsw_property *key);
int xsw_prop_add(struct xsw_switch *sw, struct xsw_port *port,
		 const struct xsw_property *prop,
		 struct netlink_ext_ack *extack);
int xsw_prop_update(struct xsw_switch *sw, struct xsw_port *port,
		    const struct xsw_property *prop,
		    struct netlink_ext_ack *extack);
int xsw_prop_delete(struct xsw_switch *sw, struct xsw_port *port,
		    const struct xsw_property *prop,
		    struct netlink_ext_ack *extack);
void xsw_props_free(struct list_head *props);
int xsw_feature_status(struct xsw_switch *sw, struct xsw_port *port,
		       const uuid_t *id, void **buf, u32 *len,
		       const struct xsw_ext **answered,
		       struct netlink_ext_ack *extack);

/* netlink.c */
int xsw_netlink_init(void);
void xsw_netlink_exit(void);
void xsw_nl_event(struct xsw_switch *sw, const struct xsw_step *step,
		  int status, const struct xsw_ext *vetoer);

#endif /* _XSW_H */
