/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xswitch internals shared by the files of xswitch.ko.
 */
#ifndef _XSW_H
#define _XSW_H

#include <asm/current.h>
#include <linux/completion.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>
#include <net/xswitch.h>
#include <uapi/linux/xswitch.h>

/**
 * DOC: Locking
 *
 * Each network namespace has one control mutex, &xsw_net.lock, that
 * serialises every change to the switches of that namespace, the way
 * ovs_mutex does for Open vSwitch: control requests are rare next to
 * packets, and one lock makes the Hyper-V ordering rules (one request at a
 * time walks an extension stack) hold by construction.  Namespaces do not
 * share it, so that a flood of requests in one cannot stall another.
 * Netlink handlers hold it for the whole request, including the reply's
 * fill, so a reply never shows a half-made object.  xsw_lock() and
 * xsw_unlock() take and release it; xsw_assert_locked() checks it with
 * lockdep.
 *
 * The registry of extension modules has its own mutex, xsw_ext_mutex,
 * taken inside a namespace's lock (attach) or alone (register,
 * unregister, dumps), never around it.  RTNL, where a netdev needs it,
 * nests inside the namespace's lock, never the reverse.
 *
 * Lifetimes.  Switches, ports and NICs are published with RCU (the
 * namespace's switch xarray, the switch's port xarray, the port's NIC
 * slots) only once their create step has completed, unpublished when
 * their delete step completes, and freed after a grace period: a reader
 * under rcu_read_lock(), in any context, may use what it finds until
 * rcu_read_unlock().  Each object has two counters:
 *
 * - @refs (memory) keeps the structure allocated: one for being published,
 *   one for each waiter that sleeps on it without the lock.
 * - @users (Hyper-V's reference count) blocks the delete: one for the
 *   object's own existence plus one per xsw_port_ref()/xsw_nic_ref().
 *   Delete drops the first; references are taken with
 *   refcount_inc_not_zero(), so none is taken once it reached zero.
 *
 * When a delete finds no reference held, it completes at once under the
 * lock.  Otherwise it is pending: the object stays in place, marked
 * deleting (no other step may touch it), and the last xsw_*_unref() queues
 * the rest of the delete on xsw_wq, which takes the lock, runs the delete
 * step through the stack and signals &gone.  The requester waits for
 * &gone without the lock, killably, warning every XSW_WAIT_WARN_SECS that
 * names who holds the references; a killed requester leaves the delete to
 * complete on its own.  Switch delete, namespace exit and module unload
 * wait the same way, uninterruptibly, for each of their objects.
 */
struct xsw_net;
struct xsw_registered;

void xsw_lock(struct net *net);
void xsw_unlock(struct net *net);
struct mutex *xsw_net_lock(const struct net *net);

#define xsw_assert_locked(sw) lockdep_assert_held(&(sw)->xn->lock)

/* Every refusal names the module, and the attribute when there is one. */
#define XSW_ERR_ATTR(extack, attr, msg) do {				\
	struct netlink_ext_ack *_xsw_extack = (extack);			\
									\
	NL_SET_BAD_ATTR(_xsw_extack, attr);				\
	NL_SET_ERR_MSG_MOD(_xsw_extack, msg);				\
} while (0)

/* How often a wait for references says that it is still waiting. */
#define XSW_WAIT_WARN_SECS	10

/**
 * struct xsw_limits - what one network namespace may hold
 * @switches: switches in the namespace
 * @ports: ports on one switch
 * @ns_ports: ports in the namespace
 * @nics: NICs in the namespace
 * @props: properties in the namespace
 * @prop_bytes: property payload bytes in the namespace
 * @save_records: records of one NIC's save or restore
 * @save_bytes: payload bytes of one NIC's save or restore
 *
 * Module parameters of the same names set them (see main.c).
 */
struct xsw_limits {
	unsigned int switches;
	unsigned int ports;
	unsigned int ns_ports;
	unsigned int nics;
	unsigned int props;
	unsigned int prop_bytes;
	unsigned int save_records;
	unsigned int save_bytes;
};

extern struct xsw_limits xsw_limits;

/**
 * struct xsw_net - the per network namespace state of xswitch
 * @lock: the namespace's control lock (see "DOC: Locking")
 * @net: the namespace
 * @switches: the namespace's switches by id (RCU); ids are handed out
 *	cyclically so that a deleted switch's id is not reused at once
 * @next_id: cursor of the cyclic id allocator
 * @n_switches: switches counted against xsw_limits.switches
 * @n_ports: ports counted against xsw_limits.ns_ports
 * @n_nics: NICs counted against xsw_limits.nics
 * @n_props: properties counted against xsw_limits.props
 * @prop_bytes: payload bytes counted against xsw_limits.prop_bytes
 * @restores: restores in progress (struct xsw_restore), to abandon those
 *	of a socket that closes
 */
struct xsw_net {
	struct mutex lock;	/* the namespace's control lock */
	struct net *net;
	struct xarray switches;
	u32 next_id;
	unsigned int n_switches;
	unsigned int n_ports;
	unsigned int n_nics;
	unsigned int n_props;
	unsigned int prop_bytes;
	struct list_head restores;
};

/**
 * struct xsw_switch - one switch
 * @xn: the namespace the switch lives in; it never moves
 * @id: number unique in its namespace, > 0
 * @name: name unique in its namespace
 * @refs: memory (see "DOC: Locking")
 * @dying: being deleted: no longer found by name, takes no new object
 * @ports: ports by PortId (RCU); an id being created is reserved (NULL)
 * @port_list: ports in creation order (struct xsw_port.list)
 * @n_ports: ports, counted against xsw_limits.ports
 * @next_port_id: cursor of the cyclic PortId allocator
 * @exts: attached extensions (struct xsw_ext), in stack order: capture,
 *	filter, forward, each class in its user-set order
 * @props: switch properties (struct xsw_prop_entry)
 * @gen: bumped by every change of @exts or of a property list, so that a
 *	dump that resumes by position can tell it was interrupted
 * @event_seq: sequence number of the last step delivered to the stack
 * @rcu: for the free after a grace period
 * @stack: the enabled extensions in stack order, as the datapath walks
 *	them (RCU; rebuilt by xsw_dp_restack() under the control lock)
 * @dests: connected NICs (struct xsw_nic.dest_node, RCU), for flooding
 * @fdb: the built-in forwarder's MAC tables
 */
struct xsw_switch {
	struct xsw_net *xn;
	u32 id;
	char name[XSWITCH_NAME_LEN];
	refcount_t refs;
	bool dying;
	struct xarray ports;
	struct list_head port_list;
	unsigned int n_ports;
	u32 next_port_id;
	struct list_head exts;
	struct list_head props;
	u32 gen;
	u32 event_seq;
	struct rcu_head rcu;
	struct xsw_dp_stack __rcu *stack;
	struct list_head dests;
	struct xsw_fdb *fdb;
};

/**
 * struct xsw_port - a switch port
 * @info: what extensions see
 * @sw: the switch
 * @refs: memory
 * @users: references that block the delete (see "DOC: Locking")
 * @deleting: the delete step was asked for and waits for @users
 * @nics: NICs by index (RCU), published once created
 * @nic_list: the published NICs in creation order (struct xsw_nic.list)
 * @props: the port's properties (struct xsw_prop_entry)
 * @list: in @sw->port_list
 * @finish: completes a pending delete once @users reached zero
 * @gone: signalled when the delete step has completed
 * @rcu: for the free after a grace period
 * @security: the payload of its security property, as the datapath
 *	enforces it (RCU; points into the property's entry), or NULL
 * @vlan: likewise, its VLAN property
 * @stats: per-CPU traffic counters
 * @holder: the netlink port id of the socket that holds it provisional,
 *	or 0 once kept (see "DOC: Provisional ports")
 */
struct xsw_port {
	struct xsw_port_info info;
	struct xsw_switch *sw;
	refcount_t refs;
	refcount_t users;
	bool deleting;
	struct xsw_nic __rcu *nics[XSWITCH_MAX_NIC_INDEX + 1];
	struct list_head nic_list;
	struct list_head props;
	struct list_head list;
	struct work_struct finish;
	struct completion gone;
	struct rcu_head rcu;
	const struct xsw_prop_security __rcu *security;
	const struct xsw_prop_vlan __rcu *vlan;
	struct xsw_port_stats __percpu *stats;
	u32 holder;
};

/**
 * struct xsw_nic - a NIC connection on a port
 * @info: what extensions see
 * @port: the port; it outlives the NIC's delete step
 * @refs: memory
 * @users: references that block the delete
 * @deleting: the delete step was asked for and waits for @users
 * @io: XSW_IO_SAVE or XSW_IO_RESTORE while one is in progress
 * @io_running: a save or restore callback runs, without the control lock
 * @restore: the restore in progress
 * @dev: the net_device the datapath delivers to (RCU), NULL when unbound
 * @bound: the device the NIC is bound to (control lock and RTNL), which it
 *	holds a reference on unless @internal
 * @dev_tracker: that reference
 * @internal: @bound is the internal port's own device, made by the switch
 * @dev_mac: @bound's MAC when the NIC last followed it (RTNL)
 * @dp_on: a destination: connected, not gated shut, and not yet being
 *	disconnected
 * @dp_listed: in the MAC table and @port->sw->dests, from its connect to its
 *	disconnect (control lock)
 * @gate: XSWITCH_NIC_GATE_*, whether its frames pass (READ_ONCE: the
 *	datapath opens a first-frame gate by cmpxchg)
 * @gated: connected with its gate not open (control lock)
 * @in_macs: found by @fdb_mac in the built-in forwarder's table
 * @fdb_mac: the current MAC it was put there with
 * @mac_node: in that table
 * @dest_node: in @port->sw->dests while @dp_listed
 * @unbind: the work that deletes the NIC whose device went away
 * @sync: the work that follows the device's MTU and MAC
 * @list: in @port->nic_list
 * @finish: completes a pending delete once @users reached zero
 * @gone: signalled when the delete step has completed
 * @rcu: for the free after a grace period
 */
struct xsw_nic {
	struct xsw_nic_info info;
	struct xsw_port *port;
	refcount_t refs;
	refcount_t users;
	bool deleting;
	u8 io;
	bool io_running;
	struct xsw_restore *restore;
	struct net_device __rcu *dev;
	struct net_device *bound;
	netdevice_tracker dev_tracker;
	bool internal;
	u8 dev_mac[ETH_ALEN];
	bool dp_on;
	bool dp_listed;
	bool gated;
	u32 gate;
	bool in_macs;
	u8 fdb_mac[ETH_ALEN];
	struct rhash_head mac_node;
	struct list_head dest_node;
	struct work_struct unbind;
	struct work_struct sync;
	struct list_head list;
	struct work_struct finish;
	struct completion gone;
	struct rcu_head rcu;
};

enum { XSW_IO_NONE, XSW_IO_SAVE, XSW_IO_RESTORE };

/**
 * struct xsw_ext - one extension attached to one switch
 * @ops: what the extension implements
 * @sw: the switch
 * @list: in @sw->exts
 * @enabled: takes part in the stack
 * @refs: 0 while disabled (no reference can be taken); else 1 plus the
 *	references to ports and NICs this attachment holds
 * @reg: the registration, which counts the attachments
 * @rcu: for the free after a grace period
 * @priv: the extension's private area, ops->priv_size bytes
 */
struct xsw_ext {
	const struct xsw_extension_ops *ops;
	struct xsw_switch *sw;
	struct xsw_registered *reg;
	struct rcu_head rcu;
	struct list_head list;
	bool enabled;
	atomic_t refs;
	u8 priv[] __aligned(sizeof(u64));
};

/**
 * struct xsw_prop_entry - a stored property
 * @list: in its port's or switch's list
 * @rcu: for the free after a grace period (the datapath reads the payload
 *	of a standard property under RCU)
 * @prop: the property; prop.data points at @data
 * @data: the payload; for a standard type, its struct
 */
struct xsw_prop_entry {
	struct list_head list;
	struct rcu_head rcu;
	struct xsw_property prop;
	u8 data[] __aligned(sizeof(u64));
};

/* Room for the payload of a standard property, as a request builds it. */
union xsw_stdprop {
	struct xsw_prop_security security;
	struct xsw_prop_vlan vlan;
};

struct xsw_port_params {
	u32 id;
	u32 type;
	bool validation;
	bool restoring;
	const char *name;
	const char *friendly_name;
	u32 holder;
};

/* A NIC's fields as a request gives them; NULL/absent fields are unset. */
struct xsw_nic_params {
	u16 index;
	const char *name;
	const char *friendly_name;
	const char *vm_name;
	const char *vm_friendly_name;
	u32 ifindex;		/* a device to bind, 0: none */
	const char *ifname;	/* the internal port's device name */
	u32 mtu;
	const u8 *permanent_mac;
	const u8 *vm_mac;
	const u8 *current_mac;
};

struct xsw_net *xsw_net(const struct net *net);
extern struct workqueue_struct *xsw_wq;
extern bool xsw_going;

/* main.c: waits for a pending delete, as "DOC: Locking" says. */
void xsw_wait_gone(struct xsw_switch *sw, struct completion *gone,
		   const char *what, u32 port_id, int index, bool killable);

static inline bool xsw_over(unsigned int have, unsigned int add,
			    unsigned int limit)
{
	return have + add > limit || have + add < have;
}

/*
 * Refuses a request that would take @have past @limit (a field of
 * xsw_limits, named by its module parameter @param): -ENOSPC, and a
 * message naming the limit (with its value where the kernel can format
 * extack messages).
 */
#ifdef NL_SET_ERR_MSG_FMT_MOD
#define xsw_limit(extack, have, add, field, param) ({			\
	unsigned int _l = READ_ONCE(xsw_limits.field);			\
	int _e = 0;							\
									\
	if (xsw_over(have, add, _l)) {					\
		NL_SET_ERR_MSG_FMT_MOD(extack,				\
				       "over the limit " param "=%u", _l); \
		_e = -ENOSPC;						\
	}								\
	_e;								\
})
#else
#define xsw_limit(extack, have, add, field, param) ({			\
	int _e = 0;							\
									\
	if (xsw_over(have, add, READ_ONCE(xsw_limits.field))) {		\
		NL_SET_ERR_MSG_MOD(extack, "over the limit " param);	\
		_e = -ENOSPC;						\
	}								\
	_e;								\
})
#endif

/* switch.c */
struct xsw_switch *xsw_switch_create(struct net *net, const char *name,
				     struct netlink_ext_ack *extack);
void xsw_switch_destroy(struct xsw_switch *sw);
struct xsw_switch *xsw_switch_find(struct net *net, const char *name);
void xsw_switch_put(struct xsw_switch *sw);
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
int xsw_ext_detach(struct xsw_ext *ext, struct netlink_ext_ack *extack);
bool xsw_ext_get_ref(struct xsw_ext *ext);
void xsw_ext_put_ref(struct xsw_ext *ext);
void xsw_ext_remove(struct xsw_ext *ext);
int xsw_ext_set(struct xsw_ext *ext, int enabled, int position,
		struct netlink_ext_ack *extack);
unsigned int xsw_ext_position(const struct xsw_ext *ext);
u32 xsw_extension_gen(void);
int xsw_extension_dump(unsigned int from,
		       int (*fn)(const struct xsw_extension_ops *ops,
				 void *arg),
		       void *arg);

/* port.c */
struct xsw_port *xsw_port_find(struct xsw_switch *sw, u32 id);
struct xsw_port *xsw_port_create(struct xsw_switch *sw,
				 const struct xsw_port_params *p,
				 struct netlink_ext_ack *extack);
int xsw_port_update(struct xsw_port *port, const char *friendly_name,
		    struct netlink_ext_ack *extack);
int xsw_port_teardown(struct xsw_port *port, struct netlink_ext_ack *extack);
int xsw_port_delete(struct xsw_port *port, bool wait,
		    struct netlink_ext_ack *extack);
void xsw_port_destroy(struct xsw_port *port);

/* Provisional ports (holder.c). */
void xsw_port_hold(struct xsw_port *port, u32 holder);
void xsw_port_let_go(struct xsw_port *port);
int xsw_port_keep(struct xsw_port *port, u32 holder,
		  struct netlink_ext_ack *extack);
void xsw_release_holder(struct net *net, u32 holder);
int xsw_holder_init(void);
void xsw_holder_exit(void);
void xsw_port_put(struct xsw_port *port);
struct xsw_nic *xsw_port_nic(struct xsw_port *port, u16 index);
bool xsw_port_is_busy(struct xsw_port *port, struct netlink_ext_ack *extack);

/* nic.c */
int xsw_nic_check_params(struct xsw_port *port, const struct xsw_nic_params *p,
			 bool create, struct netlink_ext_ack *extack);
struct xsw_nic *xsw_nic_create(struct xsw_port *port,
			       const struct xsw_nic_params *p,
			       struct netlink_ext_ack *extack);
int xsw_nic_connect(struct xsw_nic *nic, struct netlink_ext_ack *extack);
int xsw_nic_update(struct xsw_nic *nic, const struct xsw_nic_params *p,
		   struct netlink_ext_ack *extack);
int xsw_nic_disconnect(struct xsw_nic *nic, struct netlink_ext_ack *extack);
int xsw_nic_delete(struct xsw_nic *nic, bool wait,
		   struct netlink_ext_ack *extack);
void xsw_nic_destroy(struct xsw_nic *nic);
void xsw_nic_follow(struct xsw_nic *nic, const struct xsw_nic_params *p);
void xsw_nic_put(struct xsw_nic *nic);

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
void xsw_props_free(struct xsw_switch *sw, struct list_head *props);
void xsw_port_props_free(struct xsw_port *port);
int xsw_feature_status(struct xsw_switch *sw, struct xsw_port *port,
		       const uuid_t *id, void **buf, u32 *len,
		       const struct xsw_ext **answered,
		       struct netlink_ext_ack *extack);

/* stdprop.c: the layouts of the security and VLAN properties. */
bool xsw_prop_is_std(u32 type);
int xsw_stdprop_check(const struct xsw_property *prop,
		      struct netlink_ext_ack *extack);
int xsw_stdprop_parse(struct nlattr **a, struct xsw_property *prop,
		      union xsw_stdprop *std, struct netlink_ext_ack *extack);
size_t xsw_stdprop_size(const struct xsw_property *prop);
int xsw_stdprop_fill(struct sk_buff *skb, const struct xsw_property *prop);
void xsw_stdprop_publish(struct xsw_port *port, u32 type,
			 const struct xsw_prop_entry *e);

/* netlink.c */
int xsw_netlink_init(void);
void xsw_netlink_exit(void);
void xsw_nl_event(struct xsw_switch *sw, const struct xsw_step *step,
		  int status, const struct xsw_ext *vetoer);

/* What some events carry besides the step. */
struct xsw_event_extra {
	const uuid_t *ext_id;	/* a restored record's ExtensionId */
	bool has_records;
	u32 records;		/* records saved, or restored */
	/* op migration: how it ended, the host's role (0: unknown), the port */
	u32 outcome;
	u32 role;
	u32 port_id;		/* which may be gone already */
};

void xsw_nl_event_extra(struct xsw_switch *sw, const struct xsw_step *step,
			int status, const struct xsw_ext *ext,
			const struct xsw_event_extra *extra);

/* migration.c */
void xsw_migration_event(struct xsw_switch *sw, u32 port_id, u32 outcome,
			 u32 role);

/* save.c */
struct xsw_restore;

/* A record the core keeps. */
struct xsw_saved {
	struct list_head list;
	struct xsw_record rec;
	u8 data[];
};

/* The records of one save, or of a restore, in order. */
struct xsw_save_set {
	struct list_head records;
	u32 count;
	size_t bytes;		/* payload */
	size_t mem;		/* payload and the records' bookkeeping */
};

/* A piece of a record a restore request carries. */
struct xsw_restore_chunk {
	u32 index;		/* the record's place in the list, from 0 */
	u32 offset;		/* where @data goes in its payload */
	u32 size;		/* the payload's whole length */
	u32 len;		/* the length of @data */
	const void *data;
	struct xsw_record rec;	/* ids and name, at offset 0 */
};

void xsw_save_set_free(struct xsw_save_set *set);
int xsw_save_set_add(struct xsw_save_set *set, const struct xsw_record *rec,
		     struct netlink_ext_ack *extack);
int xsw_nic_save(struct xsw_nic *nic, struct xsw_save_set *set,
		 struct netlink_ext_ack *extack);
int xsw_nic_restore(struct xsw_nic *nic, u32 portid,
		    const struct xsw_restore_chunk *c,
		    struct netlink_ext_ack *extack);
int xsw_nic_restore_complete(struct xsw_nic *nic, u32 portid, int status,
			     u32 *restored, u32 *unclaimed,
			     struct netlink_ext_ack *extack);
void xsw_nic_restore_abandon(struct xsw_nic *nic, int status);
void xsw_restores_abandon(struct xsw_net *xn, u32 portid);
void xsw_nic_io_drain(struct xsw_nic *nic);

/**
 * struct xsw_port_stats - one CPU's counters of a port
 * @rx_packets: frames the port sent into the switch
 * @rx_bytes: their bytes
 * @tx_packets: frames delivered to the port
 * @tx_bytes: their bytes
 * @drops: frames dropped, by enum xswitch_drop_reason
 * @syncp: for 64-bit reads on 32-bit machines
 */
struct xsw_port_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t drops[__XSWITCH_DROP_REASON_MAX];
	struct u64_stats_sync syncp;
};

/* A port's counters summed over the CPUs. */
struct xsw_port_totals {
	u64 rx_packets;
	u64 rx_bytes;
	u64 tx_packets;
	u64 tx_bytes;
	u64 drops[__XSWITCH_DROP_REASON_MAX];
};

/* The enabled extensions, as the datapath walks them. */
struct xsw_dp_stack {
	struct rcu_head rcu;
	unsigned int n;
	struct xsw_ext *ext[];
};

/* datapath.c */
void xsw_dp_restack(struct xsw_switch *sw);
void xsw_dp_input(struct xsw_nic *nic, struct sk_buff *skb);
void xsw_dp_drop(struct xsw_port *port, struct sk_buff *skb, int reason);
void xsw_port_totals(const struct xsw_port *port, struct xsw_port_totals *t);
int xsw_dp_connect(struct xsw_nic *nic);
int xsw_dp_announce(struct xsw_nic *nic, struct netlink_ext_ack *extack);
int xsw_dp_gate(struct xsw_nic *nic, u32 gate, struct netlink_ext_ack *extack);
void xsw_dp_disconnect(struct xsw_nic *nic);
int xsw_dp_init(void);
void xsw_dp_exit(void);

/* forward.c: the built-in forwarder and its tables. */
int xsw_fdb_create(struct xsw_switch *sw);
void xsw_fdb_destroy(struct xsw_switch *sw);
int xsw_fdb_add_nic(struct xsw_nic *nic);
void xsw_fdb_del_nic(struct xsw_nic *nic);
void xsw_fdb_forget_nic(struct xsw_nic *nic);
int xsw_builtin_forward(struct xsw_fwd *fwd, struct sk_buff *skb);
unsigned int xsw_fdb_learned(struct xsw_switch *sw);
void xsw_fdb_expire(struct xsw_switch *sw, unsigned long age);
extern unsigned int xsw_fdb_age_secs;
extern unsigned int xsw_max_learned;

/* vport.c: NICs bound to net_devices, and the internal port's device. */
int xsw_vport_bind(struct xsw_nic *nic, const struct xsw_nic_params *p,
		   struct netlink_ext_ack *extack);
void xsw_vport_unbind(struct xsw_nic *nic);
int xsw_vport_update(struct xsw_nic *nic, const struct xsw_nic_params *p,
		     struct netlink_ext_ack *extack);
int xsw_vport_init(void);
void xsw_vport_init_nic(struct xsw_nic *nic);
void xsw_vport_exit(void);

/* internal_dev.c */
bool xsw_idev_is(const struct net_device *dev);
struct xsw_nic *xsw_idev_nic(struct net_device *dev);
int xsw_idev_create(struct xsw_nic *nic, const char *name, const u8 *mac,
		    struct netlink_ext_ack *extack);
void xsw_idev_detach(struct xsw_nic *nic);

/* debugfs.c */
void xsw_debugfs_init(void);
void xsw_debugfs_exit(void);

/* fault.c: xswitch's own injection points (see "DOC: Fault injection"). */
struct dentry;
extern struct task_struct *xsw_fail_task;
bool xsw_fail_now(void);
void xsw_fail_arm(struct task_struct *task, unsigned int n);
void xsw_fault_init(struct dentry *dir);
void xsw_fault_exit(void);

/* True when the allocation about to be made is to fail, as armed. */
static inline bool xsw_should_fail(void)
{
	return unlikely(READ_ONCE(xsw_fail_task) == current) && xsw_fail_now();
}

/* kzalloc() and kvzalloc() with an injection point. */
#define xsw_kzalloc(size, gfp) (xsw_should_fail() ? NULL : kzalloc(size, gfp))
#define xsw_kvzalloc(size, gfp) (xsw_should_fail() ? NULL : kvzalloc(size, gfp))

/* Objects alive (allocated, not yet freed), for tests and debugfs. */
struct xsw_counts {
	atomic_t switches;
	atomic_t ports;
	atomic_t nics;
	atomic_t exts;
	atomic_t props;
	atomic_t pending;
};

extern struct xsw_counts xsw_counts;

#endif /* _XSW_H */
