/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel interface for xswitch extensions.
 *
 * An extension is a module that registers a const ops table with
 * xsw_extension_register().  A user then attaches it to switches, enables
 * it, and orders it within its class; from then on every control step of
 * those switches runs through it, in stack order: capture extensions
 * first, then filters, then at most one forwarding extension, then the
 * switch itself (Hyper-V's "miniport edge").
 *
 * Switches, ports and NICs are opaque: an extension reads their Hyper-V
 * parameters through xsw_port_info() and xsw_nic_info(), walks what a
 * switch already holds with the xsw_*_walk_*() functions, and keeps a
 * port or NIC from being deleted with xsw_port_ref() / xsw_nic_ref().
 */
#ifndef _NET_XSWITCH_H
#define _NET_XSWITCH_H

#include <linux/bitops.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <linux/uuid.h>
#include <uapi/linux/xswitch.h>

struct net;
struct sk_buff;
struct xsw_switch;
struct xsw_port;
struct xsw_nic;
struct xsw_ext;
struct xsw_save;

/**
 * struct xsw_port_info - a port's parameters (NDIS_SWITCH_PORT_PARAMETERS)
 * @id: PortId, > 0, unique on the switch; not stable across a migration
 * @type: enum xswitch_port_type, fixed
 * @validation: a validation port: checks policies, never takes a NIC, and
 *	must not make an extension reserve resources
 * @restoring: created to take saved run-time data back (a VM resumes or
 *	arrives by live migration; NDIS' RESTORING_PORT flag): an extension
 *	may expect XSWITCH_OP_NIC_RESTORE for the port's NIC
 * @state: enum xswitch_port_state; 0 while the create step is running
 * @name: PortName, fixed
 * @friendly_name: changes with XSWITCH_OP_PORT_UPDATE
 *
 * Stable while the caller holds the switch's control lock (in a callback);
 * @state may also be read with READ_ONCE() under RCU.
 */
struct xsw_port_info {
	u32 id;
	u32 type;
	bool validation;
	bool restoring;
	u32 state;
	char name[XSWITCH_LONG_NAME_LEN];
	char friendly_name[XSWITCH_LONG_NAME_LEN];
};

/**
 * struct xsw_nic_info - a NIC's parameters (NDIS_SWITCH_NIC_PARAMETERS)
 * @port_id: PortId of the port the NIC is on
 * @index: 0, or 1 to XSWITCH_MAX_NIC_INDEX behind the external port
 * @type: enum xswitch_nic_type, from the port's type
 * @state: enum xswitch_nic_state; 0 while the create step is running
 * @mtu: MTU
 * @permanent_mac: MAC configured on the host
 * @vm_mac: MAC the guest configured (zero for non-VM NICs)
 * @current_mac: MAC the switch enforces
 * @name: NicName
 * @friendly_name: NicFriendlyName, changes with XSWITCH_OP_NIC_UPDATE
 * @vm_name: VmName (synthetic and emulated NICs only)
 * @vm_friendly_name: VmFriendlyName (likewise)
 *
 * Stable while the caller holds the switch's control lock; @state may also
 * be read with READ_ONCE() under RCU.
 */
struct xsw_nic_info {
	u32 port_id;
	u16 index;
	u32 type;
	u32 state;
	u32 mtu;
	u8 permanent_mac[ETH_ALEN];
	u8 vm_mac[ETH_ALEN];
	u8 current_mac[ETH_ALEN];
	char name[XSWITCH_LONG_NAME_LEN];
	char friendly_name[XSWITCH_LONG_NAME_LEN];
	char vm_name[XSWITCH_LONG_NAME_LEN];
	char vm_friendly_name[XSWITCH_LONG_NAME_LEN];
};

/**
 * struct xsw_property - a port or switch property (policy)
 * @type: enum xswitch_prop_type; switch properties are custom only
 * @id: PropertyId, custom properties only (zero otherwise)
 * @version: PropertyVersion, (major << 8) | minor
 * @instance_id: PropertyInstanceId
 * @len: length of @data
 * @data: the payload, opaque to xswitch
 *
 * Identity is (port, @type, @id, @instance_id): an update must name an
 * existing identity with the same @version.
 */
struct xsw_property {
	u32 type;
	uuid_t id;
	u16 version;
	uuid_t instance_id;
	u32 len;
	const void *data;
};

/**
 * struct xsw_prop_security - a security property's payload
 * @allow_mac_spoofing: frames from the port's NICs may carry any source
 *	MAC; else only the NIC's own (its current MAC)
 * @allow_ieee_priority_tag: frames keep their 802.1p priority; else it is
 *	cleared
 * @vsid: virtual subnet id, at most XSW_VSID_MAX (24 bits), 0 for none:
 *	ports with different non-zero ids do not exchange frames
 *
 * What struct xsw_property.data points at for type
 * XSWITCH_PROP_TYPE_SECURITY (the switch checked it; @len is its size).
 */
struct xsw_prop_security {
	bool allow_mac_spoofing;
	bool allow_ieee_priority_tag;
	u32 vsid;
};

#define XSW_VSID_MAX		0xffffff
#define XSW_VLAN_ID_MAX		4094

/**
 * struct xsw_prop_vlan - a VLAN property's payload
 * @mode: XSWITCH_VLAN_MODE_ACCESS or XSWITCH_VLAN_MODE_TRUNK
 * @access_vlan: access mode: the port's VLAN, 1 to XSW_VLAN_ID_MAX; frames
 *	leave the port untagged, and tagged ones it sends are dropped
 * @native_vlan: trunk mode: the VLAN of untagged frames (and frames of it
 *	leave untagged); 0: untagged frames are the untagged network (no
 *	VLAN), as on a port without a VLAN policy
 * @allowed: trunk mode: the VLANs the port carries, tagged
 *
 * What struct xsw_property.data points at for type XSWITCH_PROP_TYPE_VLAN.
 */
struct xsw_prop_vlan {
	u32 mode;
	u16 access_vlan;
	u16 native_vlan;
	unsigned long allowed[BITS_TO_LONGS(XSW_VLAN_ID_MAX + 1)];
};

/**
 * struct xsw_record - one record of a NIC's saved run-time data
 * @ext_id: ExtensionId of the extension that saved it
 * @feature_class: FeatureClassId: which independently versioned part of
 *	the extension's data this is; null when it has one part only
 * @name: ExtensionFriendlyName, for people reading a saved file
 * @len: payload length, at most XSW_SAVE_RECORD_MAX
 * @data: the payload, opaque to xswitch; version it (see
 *	Documentation/save-restore.rst)
 */
struct xsw_record {
	uuid_t ext_id;
	uuid_t feature_class;
	char name[XSWITCH_LONG_NAME_LEN];
	u32 len;
	const void *data;
};

/**
 * struct xsw_step - a control step, as the completion callback sees it
 * @op: enum xswitch_op
 * @port: the port, for port and NIC steps and port properties
 * @nic: the NIC, for NIC steps
 * @prop: the property, for property steps
 */
struct xsw_step {
	u32 op;
	struct xsw_port *port;
	struct xsw_nic *nic;
	const struct xsw_property *prop;
};

/* Destinations a frame's context holds without an allocation. */
#define XSW_FWD_INLINE		8

/**
 * struct xsw_dest - one destination of a frame
 * @nic: the NIC, connected when it was added; valid while the frame is in
 *	the switch (under rcu_read_lock())
 * @port_id: its PortId
 * @nic_index: its NIC index
 * @excluded: an extension excluded it on egress: the frame does not go
 *	there, and an exclusion is never undone
 */
struct xsw_dest {
	struct xsw_nic *nic;
	u32 port_id;
	u16 nic_index;
	bool excluded;
};

/**
 * struct xsw_fwd - a frame's forwarding context
 * @sw: the switch
 * @src_port: the port it came from; NULL for a frame an extension
 *	originated (PortId 0), which is trusted: port policies (VLAN,
 *	MAC spoofing, ACLs) do not apply to it
 * @src_nic: the NIC it came from, NULL likewise
 * @src_port_id: PortId of @src_port, 0 for an originated frame
 * @src_nic_index: NIC index of @src_nic
 * @vlan: the VLAN the frame belongs to once the source port's VLAN policy
 *	classified it (0: untagged, no VLAN)
 * @n_dest: destinations committed so far
 * @max_dest: room in @dest
 * @dest: the destinations (Hyper-V's destination array): a forwarding
 *	extension adds them on ingress with xsw_fwd_add_dest(); nothing
 *	removes one, egress may only exclude it
 * @inline_dest: where @dest points until more are needed
 *
 * Hyper-V's NDIS_SWITCH_FORWARDING_DETAIL_NET_BUFFER_LIST_INFO and
 * destination array; lives for one frame, on the stack of the switch.
 */
struct xsw_fwd {
	struct xsw_switch *sw;
	struct xsw_port *src_port;
	struct xsw_nic *src_nic;
	u32 src_port_id;
	u16 src_nic_index;
	u16 vlan;
	u32 n_dest;
	u32 max_dest;
	struct xsw_dest *dest;
	struct xsw_dest inline_dest[XSW_FWD_INLINE];
};

/**
 * struct xsw_extension_ops - what an extension implements
 * @name: unique name, at most XSW_EXT_NAME_MAX bytes, how users refer to it
 * @uuid: ExtensionId, unique; saved run-time data carries it
 * @class: enum xswitch_ext_class
 * @owner: THIS_MODULE; held while the extension is attached anywhere
 * @priv_size: size of the private area of each attachment (xsw_ext_priv())
 * @attach: attached to a switch (disabled); may fail
 * @detach: detached from a switch; the extension holds no reference then
 * @activate: enabled: from now on every step of the switch runs through the
 *	extension.  Learn what the switch already holds here, with the
 *	xsw_*_walk_*() functions (Hyper-V's PORT_ARRAY, NIC_ARRAY and
 *	PROPERTY_ENUM after NetEventSwitchActivate).  May fail, with an extack
 *	message; the extension then stays disabled.
 * @deactivate: disabled: no more steps reach it.  It holds no reference
 *	then (disabling is refused while it does).
 *
 * Vetoable steps return 0 to pass the request down the stack or a negative
 * errno (with an extack message) to veto it; every extension above a
 * vetoing one then sees @complete with that errno, so it can roll back
 * what it set up on the way down.  Capture extensions may not veto, and
 * only index-0 NIC creation may be vetoed: such vetoes are logged and
 * ignored, and so is their extack message.  A message reaches the user only
 * with the veto it explains.
 *
 * @port_create: vetoable; no reference can be taken to the port yet
 * @nic_create: vetoable at index 0; no reference can be taken to the NIC yet
 * @port_prop_add: vetoable; likewise @port_prop_update, @port_prop_delete
 * @port_prop_update: vetoable
 * @port_prop_delete: vetoable
 * @switch_prop_add: vetoable; likewise @switch_prop_update, @switch_prop_delete
 * @switch_prop_update: vetoable
 * @switch_prop_delete: vetoable
 * @complete: end of a vetoable step that passed this extension, bottom up,
 *	with 0 or the errno of the extension below that vetoed it
 *
 * Never-fail steps cannot be refused: their callbacks return nothing.
 * @port_update: friendly name changed
 * @port_teardown: take no new reference to the port from now on; drop the
 *	ones held, or the port's delete waits for them
 * @port_delete: the port is gone after this returns; no reference is held
 * @nic_connect: the NIC becomes a destination once every extension saw this
 * @nic_update: MTU, MACs or friendly name changed
 * @nic_disconnect: stop using the NIC as a destination; drop references to
 *	it, or its delete waits for them
 * @nic_delete: the NIC is gone after this returns; no reference is held
 *
 * @feature_status: answer a feature-status query for @id on @port (NULL
 *	for the switch): return -EOPNOTSUPP if @id is not this extension's;
 *	else write at most *@len bytes to @buf, set *@len to the bytes written
 *	and return 0, or set *@len to the bytes needed (at most
 *	XSW_FEATURE_STATUS_MAX) and return -ENOSPC to be asked again.
 *
 * Run-time data of a connected NIC (Hyper-V's OID_SWITCH_NIC_SAVE and
 * _RESTORE, see Documentation/save-restore.rst):
 * @nic_save: save what you keep for @nic: write one record's payload into
 *	xsw_save_buf() and call xsw_save_record(), or call nothing when you
 *	have nothing (more); you are asked again after each record, until
 *	you pass.  xsw_save_need() asks for a bigger buffer.  An errno fails
 *	the whole save.
 * @nic_save_complete: the save is over, with 0 or the errno that ended it;
 *	free what you prepared.  Always follows a save that reached you.
 * @nic_restore: a record this extension saved (its ExtensionId is yours),
 *	in the order saved, possibly on another host, where @nic's PortId
 *	differs: key state by the NIC's name, the VM's name or a MAC.  An
 *	errno fails the whole restore: return one only if you cannot work.
 * @nic_restore_complete: the restore is over, with 0 or the errno that
 *	ended it.  Every extension enabled when the restore began gets it
 *	(only those take its records, and they cannot be disabled until it
 *	ended).
 *
 * These four run in process context, without the control lock: saves and
 * restores of different NICs may run at the same time (never two of the
 * same NIC), so keep per-NIC state; the NIC stays connected, and its
 * fields (xsw_nic_info()) unchanged, while one runs.  One exception: a
 * restore abandoned (its socket closed, the NIC disconnected or removed
 * before it completed) calls @nic_restore_complete with the control lock
 * held.  They must not call xswitch's control functions either.
 *
 * Frames (see Documentation/datapath.rst), for enabled extensions only:
 * @rx: ingress, in stack order (capture, filter, forwarding).  Return 0
 *	to pass the frame on, or an enum xswitch_drop_reason to drop it
 *	(filter and forwarding only; a capture extension's drop is ignored).
 *	A forwarding extension decides the destinations here with
 *	xsw_fwd_add_dest() (none: the frame is dropped, no-dest); without
 *	one, the switch's built-in forwarder does.
 * @tx: egress, once per destination, in reverse stack order (forwarding,
 *	filter, capture).  Return 0 to deliver, or a drop reason to exclude
 *	the destination (filter and forwarding only).
 * Both run in softirq context or with bottom halves disabled, under
 * rcu_read_lock(), on any CPU at once: no sleeping, no control lock.  They
 * must not modify @skb (xsw_dp_originate() a copy instead) nor keep it.
 *
 * All other callbacks run in process context with the switch's control
 * lock held; they may sleep but must not call xswitch's control functions
 * (creating, deleting or changing objects).  The read-only functions below
 * that say "control lock" may be called from them.
 */
struct xsw_extension_ops {
	const char *name;
	uuid_t uuid;
	u32 class;
	struct module *owner;
	size_t priv_size;

	int (*attach)(struct xsw_ext *ext);
	void (*detach)(struct xsw_ext *ext);
	int (*activate)(struct xsw_ext *ext, struct netlink_ext_ack *extack);
	void (*deactivate)(struct xsw_ext *ext);

	int (*port_create)(struct xsw_ext *ext, struct xsw_port *port,
			   struct netlink_ext_ack *extack);
	int (*nic_create)(struct xsw_ext *ext, struct xsw_nic *nic,
			  struct netlink_ext_ack *extack);
	int (*port_prop_add)(struct xsw_ext *ext, struct xsw_port *port,
			     const struct xsw_property *prop,
			     struct netlink_ext_ack *extack);
	int (*port_prop_update)(struct xsw_ext *ext, struct xsw_port *port,
				const struct xsw_property *prop,
				struct netlink_ext_ack *extack);
	int (*port_prop_delete)(struct xsw_ext *ext, struct xsw_port *port,
				const struct xsw_property *prop,
				struct netlink_ext_ack *extack);
	int (*switch_prop_add)(struct xsw_ext *ext,
			       const struct xsw_property *prop,
			       struct netlink_ext_ack *extack);
	int (*switch_prop_update)(struct xsw_ext *ext,
				  const struct xsw_property *prop,
				  struct netlink_ext_ack *extack);
	int (*switch_prop_delete)(struct xsw_ext *ext,
				  const struct xsw_property *prop,
				  struct netlink_ext_ack *extack);
	void (*complete)(struct xsw_ext *ext, const struct xsw_step *step,
			 int status);

	void (*port_update)(struct xsw_ext *ext, struct xsw_port *port);
	void (*port_teardown)(struct xsw_ext *ext, struct xsw_port *port);
	void (*port_delete)(struct xsw_ext *ext, struct xsw_port *port);
	void (*nic_connect)(struct xsw_ext *ext, struct xsw_nic *nic);
	void (*nic_update)(struct xsw_ext *ext, struct xsw_nic *nic);
	void (*nic_disconnect)(struct xsw_ext *ext, struct xsw_nic *nic);
	void (*nic_delete)(struct xsw_ext *ext, struct xsw_nic *nic);

	int (*feature_status)(struct xsw_ext *ext, struct xsw_port *port,
			      const uuid_t *id, void *buf, u32 *len);

	int (*nic_save)(struct xsw_ext *ext, struct xsw_nic *nic,
			struct xsw_save *save, struct netlink_ext_ack *extack);
	void (*nic_save_complete)(struct xsw_ext *ext, struct xsw_nic *nic,
				  int status);
	int (*nic_restore)(struct xsw_ext *ext, struct xsw_nic *nic,
			   const struct xsw_record *rec,
			   struct netlink_ext_ack *extack);
	void (*nic_restore_complete)(struct xsw_ext *ext, struct xsw_nic *nic,
				     int status);

	int (*rx)(struct xsw_ext *ext, struct sk_buff *skb,
		  struct xsw_fwd *fwd);
	int (*tx)(struct xsw_ext *ext, struct sk_buff *skb,
		  const struct xsw_fwd *fwd, const struct xsw_dest *dest);
};

/* Longest extension name, without the terminating NUL. */
#define XSW_EXT_NAME_MAX	31
/* Largest feature-status answer an extension may give. */
#define XSW_FEATURE_STATUS_MAX	65536
/* Largest record payload; the buffer a save starts with. */
#define XSW_SAVE_RECORD_MAX	XSWITCH_MAX_RECORD
#define XSW_SAVE_BUF_FIRST	4096
/*
 * What one NIC's save may hold at most, in records and in bytes (the
 * payloads and the core's bookkeeping of each record; the module
 * parameters max_save_records and max_save_bytes may lower it).
 */
#define XSW_SAVE_RECORDS_MAX	1048576
#define XSW_SAVE_BYTES_MAX	(64 << 20)

/*
 * Saving (in ->nic_save): the buffer to write a record's payload to, and
 * its size; how many records you gave in this save so far; the record,
 * once written; or the size you need, after which you are asked again
 * with a buffer that large.
 */
void *xsw_save_buf(struct xsw_save *save, u32 *size);
u32 xsw_save_given(const struct xsw_save *save);
int xsw_save_record(struct xsw_save *save, const uuid_t *feature_class,
		    const char *name, u32 len);
int xsw_save_need(struct xsw_save *save, u32 size);

int xsw_extension_register(const struct xsw_extension_ops *ops);
void xsw_extension_unregister(const struct xsw_extension_ops *ops);

void *xsw_ext_priv(const struct xsw_ext *ext);
struct xsw_switch *xsw_ext_switch(const struct xsw_ext *ext);

const char *xsw_switch_name(const struct xsw_switch *sw);
struct net *xsw_switch_net(const struct xsw_switch *sw);
const struct xsw_port_info *xsw_port_info(const struct xsw_port *port);
struct xsw_switch *xsw_port_switch(const struct xsw_port *port);
const struct xsw_nic_info *xsw_nic_info(const struct xsw_nic *nic);
struct xsw_port *xsw_nic_port(const struct xsw_nic *nic);

typedef int (*xsw_port_visit_t)(struct xsw_port *port, void *arg);
typedef int (*xsw_nic_visit_t)(struct xsw_nic *nic, void *arg);
typedef int (*xsw_prop_visit_t)(const struct xsw_property *prop, void *arg);

/*
 * Enumeration (control lock, i.e. from a callback, typically ->activate):
 * calls @fn for each object in creation order and stops at the first
 * non-zero return, which it returns.  Ports whose create step has not
 * completed, or whose delete has begun, are skipped; so are NICs likewise.
 */
int xsw_switch_walk_ports(struct xsw_switch *sw, xsw_port_visit_t fn,
			  void *arg);
int xsw_port_walk_nics(struct xsw_port *port, xsw_nic_visit_t fn, void *arg);
int xsw_port_walk_props(struct xsw_port *port, xsw_prop_visit_t fn,
			void *arg);
int xsw_switch_walk_props(struct xsw_switch *sw, xsw_prop_visit_t fn,
			  void *arg);

/*
 * Lookups from any context, softirq included, under rcu_read_lock(): the
 * object stays valid until rcu_read_unlock(); take a reference to keep it
 * past that.  NULL if there is none, or it is not created yet.
 */
struct xsw_port *xsw_port_lookup_rcu(struct xsw_switch *sw, u32 id);
struct xsw_nic *xsw_nic_lookup_rcu(struct xsw_port *port, u16 index);

/*
 * References (Hyper-V's ReferenceSwitchPort / ReferenceSwitchNic): while an
 * extension holds one, the port (NIC) is not deleted: the delete waits for
 * it (see Documentation/locking.rst).  A port takes references from the end
 * of its create step until its teardown, a NIC only while connected;
 * otherwise -EBUSY.  References are counted per attachment (@ext), and an
 * extension that holds any cannot be disabled or detached.
 *
 * Callable from any context, softirq included, on a port or NIC the caller
 * knows valid: passed to a callback of @ext, found under rcu_read_lock(),
 * or already referenced.  @ext must be attached to the object's switch:
 * code of the extension that runs outside its callbacks (a timer, a
 * packet path) must stop using @ext by the time ->deactivate returns
 * (timer_delete_sync(), or synchronize_rcu() after unpublishing it); the
 * attachment itself is freed only an RCU grace period after ->detach.
 */
int xsw_port_ref(struct xsw_ext *ext, struct xsw_port *port);
void xsw_port_unref(struct xsw_ext *ext, struct xsw_port *port);
int xsw_nic_ref(struct xsw_ext *ext, struct xsw_nic *nic);
void xsw_nic_unref(struct xsw_ext *ext, struct xsw_nic *nic);

/*
 * The datapath's helpers, for ->rx and ->tx (and anything else under
 * rcu_read_lock(), softirq included).
 *
 * xsw_fwd_add_dest() commits @nic as a destination: it must be connected
 * (-EINVAL otherwise), a NIC already committed is not added twice (0), and
 * -ENOMEM means the frame could not take more.  xsw_fwd_flood() commits
 * every connected NIC of the switch but the source's, of the ports whose
 * VLAN and security policies let the frame's VLAN reach them
 * (xsw_fwd_may_reach()).
 *
 * xsw_fwd_classify() applies the source port's standard policies, as the
 * built-in forwarder does before choosing destinations: the MAC-spoofing
 * guard and the VLAN policy (it sets @fwd->vlan).  It returns 0 or the
 * drop reason.  A forwarding extension that enforces the standard
 * policies itself calls it (and xsw_fwd_may_reach()); one that does not
 * must refuse VLAN properties (Documentation/datapath.rst).
 *
 * xsw_port_security_rcu() and xsw_port_vlan_rcu() give a port's standard
 * properties as the switch enforces them, NULL when it has none.
 *
 * xsw_nic_by_mac_rcu() finds the connected NIC whose current MAC is @mac.
 */
int xsw_fwd_add_dest(struct xsw_fwd *fwd, struct xsw_nic *nic);
int xsw_fwd_flood(struct xsw_fwd *fwd);
int xsw_fwd_classify(struct xsw_fwd *fwd, struct sk_buff *skb);
bool xsw_fwd_may_reach(const struct xsw_fwd *fwd, const struct xsw_port *dst);
const struct xsw_prop_security *
xsw_port_security_rcu(const struct xsw_port *port);
const struct xsw_prop_vlan *xsw_port_vlan_rcu(const struct xsw_port *port);
struct xsw_nic *xsw_nic_by_mac_rcu(struct xsw_switch *sw, const u8 *mac);

/*
 * xsw_dp_originate - send a frame an extension made (a copy, a mirror)
 * @ext: the extension, which must be enabled
 * @skb: the frame, an Ethernet frame with skb->data at its MAC header;
 *	always consumed
 * @dst: deliver to this connected NIC through the egress walk; or NULL:
 *	run the ingress walk from the extension below @ext, then egress, as
 *	any frame
 *
 * The frame's source is PortId 0 (trusted, port policies do not apply).
 * Frames originated from within the walk of another nest at most a few
 * levels deep (beyond, they are dropped: loop).  Context as ->rx.
 *
 * Return: 0 if the frame was sent to at least one destination, else a
 * drop reason (it was dropped and counted).
 */
int xsw_dp_originate(struct xsw_ext *ext, struct sk_buff *skb,
		     struct xsw_nic *dst);

#endif /* _NET_XSWITCH_H */
