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
 */
#ifndef _NET_XSWITCH_H
#define _NET_XSWITCH_H

#include <linux/if_ether.h>
#include <linux/list.h>
#include <linux/netlink.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/uuid.h>
#include <uapi/linux/xswitch.h>

struct xsw_switch;
struct xsw_ext;

/**
 * struct xsw_port - a switch port; extensions read, never write, it
 * @sw: the switch
 * @id: PortId, > 0, unique on the switch
 * @type: enum xswitch_port_type
 * @validation: a validation port: checks policies, never takes a NIC, and
 *	must not make an extension reserve resources
 * @state: enum xswitch_port_state
 * @name: PortName, fixed
 * @friendly_name: changes with XSWITCH_OP_PORT_UPDATE
 * @refs: one for the switch, one per xsw_port_ref()
 * @nics: by index
 * @props: the port's properties (struct xsw_prop_entry)
 */
struct xsw_port {
	struct xsw_switch *sw;
	u32 id;
	u32 type;
	bool validation;
	u32 state;
	char name[XSWITCH_LONG_NAME_LEN];
	char friendly_name[XSWITCH_LONG_NAME_LEN];
	refcount_t refs;
	struct xsw_nic *nics[XSWITCH_MAX_NIC_INDEX + 1];
	struct list_head props;
};

/**
 * struct xsw_nic - a NIC connection on a port; extensions read it only
 * @port: the port
 * @index: 0, or 1 to XSWITCH_MAX_NIC_INDEX behind the external port
 * @type: enum xswitch_nic_type, from the port's type
 * @state: enum xswitch_nic_state
 * @mtu: MTU
 * @permanent_mac: MAC configured on the host
 * @vm_mac: MAC the guest configured (zero for non-VM NICs)
 * @current_mac: MAC the switch enforces
 * @refs: one for the port, one per xsw_nic_ref()
 * @name: NicName
 * @friendly_name: NicFriendlyName
 * @vm_name: VmName (synthetic and emulated NICs)
 * @vm_friendly_name: VmFriendlyName
 */
struct xsw_nic {
	struct xsw_port *port;
	u16 index;
	u32 type;
	u32 state;
	u32 mtu;
	u8 permanent_mac[ETH_ALEN];
	u8 vm_mac[ETH_ALEN];
	u8 current_mac[ETH_ALEN];
	refcount_t refs;
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

/**
 * struct xsw_extension_ops - what an extension implements
 * @name: unique name, at most 31 bytes, how users refer to it
 * @uuid: ExtensionId, unique; saved run-time data carries it
 * @class: enum xswitch_ext_class
 * @owner: THIS_MODULE; held while the extension is attached anywhere
 * @priv_size: size of the private area of each attachment (xsw_ext_priv())
 * @attach: attached to a switch (disabled); may fail
 * @detach: detached from a switch
 *
 * Vetoable steps return 0 to pass the request down the stack or a negative
 * errno (with an extack message) to veto it; every extension above a
 * vetoing one then sees @complete with that errno, so it can roll back
 * what it set up on the way down.  Capture extensions may not veto, and
 * only index-0 NIC creation may be vetoed: such vetoes are logged and
 * ignored.
 *
 * @port_create: vetoable
 * @nic_create: vetoable at index 0
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
 * @port_teardown: take no new reference to the port from now on
 * @port_delete: the port is gone after this returns
 * @nic_connect: the NIC is now a destination
 * @nic_update: MTU, MACs or friendly name changed
 * @nic_disconnect: stop using the NIC as a destination
 * @nic_delete: the NIC is gone after this returns
 *
 * @feature_status: answer a feature-status query for @id on @port (NULL
 *	for the switch): return -EOPNOTSUPP if @id is not this extension's;
 *	else write at most *@len bytes to @buf, set *@len to the bytes written
 *	and return 0, or set *@len to the bytes needed and return -ENOSPC.
 *
 * All callbacks run in process context with the switch's control lock
 * held; they may sleep but must not call back into xswitch's control
 * functions.
 */
struct xsw_extension_ops {
	const char *name;
	uuid_t uuid;
	u32 class;
	struct module *owner;
	size_t priv_size;

	int (*attach)(struct xsw_ext *ext);
	void (*detach)(struct xsw_ext *ext);

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
};

int xsw_extension_register(const struct xsw_extension_ops *ops);
void xsw_extension_unregister(const struct xsw_extension_ops *ops);

void *xsw_ext_priv(const struct xsw_ext *ext);
struct xsw_switch *xsw_ext_switch(const struct xsw_ext *ext);
const char *xsw_switch_name(const struct xsw_switch *sw);

/*
 * References (Hyper-V ReferenceSwitchPort/ReferenceSwitchNic): while an
 * extension holds one, the port (NIC) cannot be deleted.  A port takes no
 * new reference once it is tearing down, a NIC only while it is connected.
 * Callable from any context.
 */
int xsw_port_ref(struct xsw_port *port);
void xsw_port_unref(struct xsw_port *port);
int xsw_nic_ref(struct xsw_nic *nic);
void xsw_nic_unref(struct xsw_nic *nic);

#endif /* _NET_XSWITCH_H */
