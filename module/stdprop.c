// SPDX-License-Identifier: GPL-2.0
/*
 * The standard port properties whose layout the switch defines: security
 * and VLAN.  Their netlink nests become struct xsw_prop_security and
 * struct xsw_prop_vlan, which are what extensions and the datapath read.
 */
#include <kunit/visibility.h>
#include <linux/bitmap.h>
#include <net/genetlink.h>

#include "netlink-gen.h"
#include "xsw.h"

/**
 * DOC: Standard properties
 *
 * A security or VLAN property's payload has a layout the switch defines,
 * so that the built-in forwarder can enforce it.  On netlink it is a nest
 * (``security`` or ``vlan``) in place of ``data``; in the kernel it is
 * struct xsw_prop_security or struct xsw_prop_vlan, of exactly that size,
 * which is what struct xsw_property.data points at for extensions (and
 * what max_prop_bytes counts).  The switch checks the layout on add and
 * update, before any extension sees the step, whether or not an extension
 * is enabled:
 *
 * - security: vsid is at most 24 bits;
 * - VLAN, access mode: access-vlan 1 to XSW_VLAN_ID_MAX, no native or
 *   allowed VLAN;
 * - VLAN, trunk mode: at least one allowed VLAN, each 1 to
 *   XSW_VLAN_ID_MAX, native-vlan 0 (untagged frames refused) to
 *   XSW_VLAN_ID_MAX, no access-vlan.
 *
 * A port has at most one property of each of these types (whatever its
 * instance id).  The other types (profile, isolation, routing domain) and
 * custom properties keep an opaque payload.
 *
 * Once stored on an operational port, the payload is published in
 * &xsw_port.security or &xsw_port.vlan for the datapath, which reads it
 * under RCU: an update publishes the new entry before the old one is
 * freed, a delete unpublishes before, and entries are freed after a grace
 * period.  Validation ports never carry frames and publish nothing.
 */

/* Bits of struct xsw_prop_vlan.allowed; VLANs 1 to XSW_VLAN_ID_MAX only. */
#define XSW_VLAN_BITS	(sizeof_field(struct xsw_prop_vlan, allowed) * BITS_PER_BYTE)

bool xsw_prop_is_std(u32 type)
{
	return type == XSWITCH_PROP_TYPE_SECURITY ||
	       type == XSWITCH_PROP_TYPE_VLAN;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_prop_is_std);

/* Attribute @type of the nest @tb, if the payload came from netlink. */
static const struct nlattr *xsw_nest_attr(struct nlattr **tb, int type)
{
	return tb ? tb[type] : NULL;
}

static int xsw_security_check(const struct xsw_prop_security *s,
			      struct nlattr **tb,
			      struct netlink_ext_ack *extack)
{
	if (s->vsid > XSW_VSID_MAX) {
		XSW_ERR_ATTR(extack,
			     xsw_nest_attr(tb, XSWITCH_A_PROP_SECURITY_VSID),
			     "vsid is not 0 to 16777215");
		return -EINVAL;
	}
	return 0;
}

/* Bit 0 and those past XSW_VLAN_ID_MAX are no VLAN. */
static bool xsw_vlan_allowed_bad(const struct xsw_prop_vlan *v)
{
	unsigned long past = find_next_bit(v->allowed, XSW_VLAN_BITS,
					   XSW_VLAN_ID_MAX + 1);

	return test_bit(0, v->allowed) || past < XSW_VLAN_BITS;
}

/*
 * @tb, when the payload came from netlink, names the attribute at fault;
 * the presence of attributes was checked by the caller.
 */
static int xsw_vlan_check(const struct xsw_prop_vlan *v, struct nlattr **tb,
			  struct netlink_ext_ack *extack)
{
	if (v->mode == XSWITCH_VLAN_MODE_ACCESS) {
		if (!v->access_vlan || v->access_vlan > XSW_VLAN_ID_MAX) {
			XSW_ERR_ATTR(extack,
				     xsw_nest_attr(tb, XSWITCH_A_PROP_VLAN_ACCESS_VLAN),
				     "access-vlan is not 1 to 4094");
			return -EINVAL;
		}
		if (v->native_vlan || !bitmap_empty(v->allowed, XSW_VLAN_BITS)) {
			NL_SET_ERR_MSG_MOD(extack,
					   "an access VLAN property takes no allowed or native VLAN");
			return -EINVAL;
		}
		return 0;
	}
	if (v->mode != XSWITCH_VLAN_MODE_TRUNK) {
		XSW_ERR_ATTR(extack, xsw_nest_attr(tb, XSWITCH_A_PROP_VLAN_MODE),
			     "the VLAN mode is not access or trunk");
		return -EINVAL;
	}
	if (v->access_vlan) {
		NL_SET_ERR_MSG_MOD(extack, "a trunk VLAN property takes no access-vlan");
		return -EINVAL;
	}
	if (v->native_vlan > XSW_VLAN_ID_MAX) {
		XSW_ERR_ATTR(extack,
			     xsw_nest_attr(tb, XSWITCH_A_PROP_VLAN_NATIVE_VLAN),
			     "native-vlan is not 0 to 4094");
		return -EINVAL;
	}
	if (xsw_vlan_allowed_bad(v)) {
		NL_SET_ERR_MSG_MOD(extack, "an allowed VLAN is not 1 to 4094");
		return -EINVAL;
	}
	if (bitmap_empty(v->allowed, XSW_VLAN_BITS)) {
		NL_SET_ERR_MSG_MOD(extack, "a trunk VLAN property needs at least one allowed VLAN");
		return -EINVAL;
	}
	return 0;
}

/**
 * xsw_stdprop_check - check a standard property's payload
 * @prop: the property, of any type
 * @extack: where a refusal is explained
 *
 * What xsw_prop_add() and xsw_prop_update() check of every request, from
 * netlink or not.
 *
 * Return: 0, or -EINVAL if @prop is of a standard type and its payload is
 * not a valid struct of its type.
 */
int xsw_stdprop_check(const struct xsw_property *prop,
		      struct netlink_ext_ack *extack)
{
	switch (prop->type) {
	case XSWITCH_PROP_TYPE_SECURITY:
		if (prop->len != sizeof(struct xsw_prop_security) || !prop->data) {
			NL_SET_ERR_MSG_MOD(extack,
					   "a security property's payload is not a struct xsw_prop_security");
			return -EINVAL;
		}
		return xsw_security_check(prop->data, NULL, extack);
	case XSWITCH_PROP_TYPE_VLAN:
		if (prop->len != sizeof(struct xsw_prop_vlan) || !prop->data) {
			NL_SET_ERR_MSG_MOD(extack,
					   "a vlan property's payload is not a struct xsw_prop_vlan");
			return -EINVAL;
		}
		return xsw_vlan_check(prop->data, NULL, extack);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(xsw_stdprop_check);

static int xsw_security_parse(const struct nlattr *nest,
			      struct xsw_prop_security *s,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[XSWITCH_A_PROP_SECURITY_MAX + 1];
	int err;

	err = nla_parse_nested(tb, XSWITCH_A_PROP_SECURITY_MAX, nest,
			       xswitch_prop_security_nl_policy, extack);
	if (err)
		return err;
	memset(s, 0, sizeof(*s));
	s->allow_mac_spoofing = nla_get_flag(tb[XSWITCH_A_PROP_SECURITY_MAC_SPOOFING]);
	s->allow_ieee_priority_tag =
		nla_get_flag(tb[XSWITCH_A_PROP_SECURITY_IEEE_PRIORITY_TAG]);
	if (tb[XSWITCH_A_PROP_SECURITY_VSID])
		s->vsid = nla_get_u32(tb[XSWITCH_A_PROP_SECURITY_VSID]);
	return xsw_security_check(s, tb, extack);
}

/* Which attributes a mode takes; the first one it does not, or NULL. */
static int xsw_vlan_presence(const struct nlattr *nest, struct nlattr **tb,
			     u32 mode, struct netlink_ext_ack *extack)
{
	if (mode == XSWITCH_VLAN_MODE_ACCESS) {
		if (NL_REQ_ATTR_CHECK(extack, nest, tb,
				      XSWITCH_A_PROP_VLAN_ACCESS_VLAN)) {
			NL_SET_ERR_MSG_MOD(extack, "an access VLAN property needs access-vlan");
			return -EINVAL;
		}
		if (tb[XSWITCH_A_PROP_VLAN_ALLOWED] ||
		    tb[XSWITCH_A_PROP_VLAN_NATIVE_VLAN]) {
			XSW_ERR_ATTR(extack, tb[XSWITCH_A_PROP_VLAN_ALLOWED] ?:
				     tb[XSWITCH_A_PROP_VLAN_NATIVE_VLAN],
				     "an access VLAN property takes no allowed or native VLAN");
			return -EINVAL;
		}
		return 0;
	}
	if (tb[XSWITCH_A_PROP_VLAN_ACCESS_VLAN]) {
		XSW_ERR_ATTR(extack, tb[XSWITCH_A_PROP_VLAN_ACCESS_VLAN],
			     "a trunk VLAN property takes no access-vlan");
		return -EINVAL;
	}
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, XSWITCH_A_PROP_VLAN_ALLOWED)) {
		NL_SET_ERR_MSG_MOD(extack, "a trunk VLAN property needs at least one allowed VLAN");
		return -EINVAL;
	}
	return 0;
}

static int xsw_vlan_parse(const struct nlattr *nest, struct xsw_prop_vlan *v,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[XSWITCH_A_PROP_VLAN_MAX + 1], *a;
	int err, rem;
	u16 vid;

	err = nla_parse_nested(tb, XSWITCH_A_PROP_VLAN_MAX, nest,
			       xswitch_prop_vlan_nl_policy, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, XSWITCH_A_PROP_VLAN_MODE)) {
		NL_SET_ERR_MSG_MOD(extack, "the vlan attributes give no mode");
		return -EINVAL;
	}
	memset(v, 0, sizeof(*v));
	v->mode = nla_get_u32(tb[XSWITCH_A_PROP_VLAN_MODE]);
	err = xsw_vlan_presence(nest, tb, v->mode, extack);
	if (err)
		return err;
	if (tb[XSWITCH_A_PROP_VLAN_ACCESS_VLAN])
		v->access_vlan = nla_get_u16(tb[XSWITCH_A_PROP_VLAN_ACCESS_VLAN]);
	if (tb[XSWITCH_A_PROP_VLAN_NATIVE_VLAN])
		v->native_vlan = nla_get_u16(tb[XSWITCH_A_PROP_VLAN_NATIVE_VLAN]);
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != XSWITCH_A_PROP_VLAN_ALLOWED)
			continue;
		vid = nla_get_u16(a);
		if (!vid || vid > XSW_VLAN_ID_MAX) {
			XSW_ERR_ATTR(extack, a, "an allowed VLAN is not 1 to 4094");
			return -EINVAL;
		}
		__set_bit(vid, v->allowed);
	}
	return xsw_vlan_check(v, tb, extack);
}

/**
 * xsw_stdprop_parse - a property's payload from a request's attributes
 * @a: the prop-add or prop-set request's attributes
 * @prop: the property, its type set; its payload is set here for the
 *	standard types
 * @std: where the payload of a standard type is built
 * @extack: where a refusal is explained
 *
 * A security or VLAN property takes its nest and no data; every other
 * type takes data (or nothing) and neither nest.
 *
 * Return: 0, or -EINVAL with the attribute at fault named.
 */
int xsw_stdprop_parse(struct nlattr **a, struct xsw_property *prop,
		      union xsw_stdprop *std, struct netlink_ext_ack *extack)
{
	struct nlattr *sec = a[XSWITCH_A_PROP_SECURITY];
	struct nlattr *vlan = a[XSWITCH_A_PROP_VLAN];

	if (sec && prop->type != XSWITCH_PROP_TYPE_SECURITY) {
		XSW_ERR_ATTR(extack, sec, "only a security property takes the security attributes");
		return -EINVAL;
	}
	if (vlan && prop->type != XSWITCH_PROP_TYPE_VLAN) {
		XSW_ERR_ATTR(extack, vlan, "only a vlan property takes the vlan attributes");
		return -EINVAL;
	}
	if (!xsw_prop_is_std(prop->type))
		return 0;
	prop->data = std;
	if (prop->type == XSWITCH_PROP_TYPE_SECURITY) {
		if (a[XSWITCH_A_PROP_DATA]) {
			XSW_ERR_ATTR(extack, a[XSWITCH_A_PROP_DATA],
				     "a security property takes the security attributes, not data");
			return -EINVAL;
		}
		if (NL_REQ_ATTR_CHECK(extack, NULL, a, XSWITCH_A_PROP_SECURITY)) {
			NL_SET_ERR_MSG_MOD(extack,
					   "a security property needs the security attributes");
			return -EINVAL;
		}
		prop->len = sizeof(std->security);
		return xsw_security_parse(sec, &std->security, extack);
	}
	if (a[XSWITCH_A_PROP_DATA]) {
		XSW_ERR_ATTR(extack, a[XSWITCH_A_PROP_DATA],
			     "a vlan property takes the vlan attributes, not data");
		return -EINVAL;
	}
	if (NL_REQ_ATTR_CHECK(extack, NULL, a, XSWITCH_A_PROP_VLAN)) {
		NL_SET_ERR_MSG_MOD(extack, "a vlan property needs the vlan attributes");
		return -EINVAL;
	}
	prop->len = sizeof(std->vlan);
	return xsw_vlan_parse(vlan, &std->vlan, extack);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_stdprop_parse);

/*
 * What a standard property's nest takes in a message; for a NULL @prop,
 * the most any takes (a trunk that allows every VLAN).
 */
size_t xsw_stdprop_size(const struct xsw_property *prop)
{
	const struct xsw_prop_vlan *v = prop ? prop->data : NULL;
	size_t n = XSW_VLAN_ID_MAX;

	if (prop && prop->type == XSWITCH_PROP_TYPE_SECURITY)
		return nla_total_size(0) + 2 * nla_total_size(0) +
		       nla_total_size(sizeof(u32));
	if (v)
		n = bitmap_weight(v->allowed, XSW_VLAN_BITS);
	return nla_total_size(0) + nla_total_size(sizeof(u32)) +
	       2 * nla_total_size(sizeof(u16)) + n * nla_total_size(sizeof(u16));
}
EXPORT_SYMBOL_IF_KUNIT(xsw_stdprop_size);

static int xsw_security_fill(struct sk_buff *skb,
			     const struct xsw_prop_security *s)
{
	struct nlattr *nest = nla_nest_start(skb, XSWITCH_A_PROP_SECURITY);

	if (!nest ||
	    (s->allow_mac_spoofing &&
	     nla_put_flag(skb, XSWITCH_A_PROP_SECURITY_MAC_SPOOFING)) ||
	    (s->allow_ieee_priority_tag &&
	     nla_put_flag(skb, XSWITCH_A_PROP_SECURITY_IEEE_PRIORITY_TAG)) ||
	    nla_put_u32(skb, XSWITCH_A_PROP_SECURITY_VSID, s->vsid))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int xsw_vlan_fill(struct sk_buff *skb, const struct xsw_prop_vlan *v)
{
	struct nlattr *nest = nla_nest_start(skb, XSWITCH_A_PROP_VLAN);
	unsigned int vid;

	if (!nest || nla_put_u32(skb, XSWITCH_A_PROP_VLAN_MODE, v->mode))
		return -EMSGSIZE;
	if (v->mode == XSWITCH_VLAN_MODE_ACCESS) {
		if (nla_put_u16(skb, XSWITCH_A_PROP_VLAN_ACCESS_VLAN,
				v->access_vlan))
			return -EMSGSIZE;
	} else {
		if (nla_put_u16(skb, XSWITCH_A_PROP_VLAN_NATIVE_VLAN,
				v->native_vlan))
			return -EMSGSIZE;
		for_each_set_bit(vid, v->allowed, XSW_VLAN_ID_MAX + 1)
			if (nla_put_u16(skb, XSWITCH_A_PROP_VLAN_ALLOWED, vid))
				return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* A stored standard property's nest, the allowed VLANs ascending. */
int xsw_stdprop_fill(struct sk_buff *skb, const struct xsw_property *prop)
{
	if (prop->type == XSWITCH_PROP_TYPE_SECURITY)
		return xsw_security_fill(skb, prop->data);
	return xsw_vlan_fill(skb, prop->data);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_stdprop_fill);

/*
 * Publishes @e (NULL: none) as @port's enforced property of @type, for the
 * datapath; validation ports publish nothing.
 */
void xsw_stdprop_publish(struct xsw_port *port, u32 type,
			 const struct xsw_prop_entry *e)
{
	xsw_assert_locked(port->sw);
	if (port->info.validation && e)
		return;
	if (type == XSWITCH_PROP_TYPE_SECURITY)
		rcu_assign_pointer(port->security,
				   e ? (const struct xsw_prop_security *)e->data : NULL);
	else if (type == XSWITCH_PROP_TYPE_VLAN)
		rcu_assign_pointer(port->vlan,
				   e ? (const struct xsw_prop_vlan *)e->data : NULL);
}
