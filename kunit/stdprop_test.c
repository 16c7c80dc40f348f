// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the standard properties' layouts: every refusal of a
 * malformed security or VLAN payload, from the kernel API (the struct) and
 * from netlink (the nest, built here as a request would carry it), each
 * with its message and the attribute it names, changing nothing; valid
 * ones stored as their struct, published for the datapath, replaced by an
 * update and unpublished by a delete.
 */
#include <kunit/test.h>
#include <net/genetlink.h>

#include "test_ext.h"

static struct xsw_port *sp_port(struct kunit *test, struct xsw_switch *sw,
				bool validation)
{
	struct xsw_port_params p = {
		.type = XSWITCH_PORT_TYPE_SYNTHETIC, .validation = validation,
		.name = "p",
	};
	struct xsw_port *port = XT_LOCKED(xsw_port_create(sw, &p, NULL));

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, port);
	return port;
}

/* The shared log, emptied. */
static void sp_clear_log(void)
{
	xt.log[0] = 0;
}

/* A malformed payload of the kernel API, and what refuses it. */
struct sp_bad_struct {
	const char *name;
	u32 type;
	u32 len;		/* 0: the struct's size */
	struct xsw_prop_vlan vlan;
	struct xsw_prop_security security;
	unsigned int allowed[2];	/* VLANs to allow besides, 0: none */
	const char *msg;
};

static const struct sp_bad_struct sp_bad_structs[] = {
	{ "vlan-short", XSWITCH_PROP_TYPE_VLAN, 2, { .mode = 1, .access_vlan = 1 },
	  {}, {}, "xswitch: a vlan property's payload is not a struct xsw_prop_vlan" },
	{ "security-empty", XSWITCH_PROP_TYPE_SECURITY, ~0U, {}, {}, {},
	  "xswitch: a security property's payload is not a struct xsw_prop_security" },
	{ "mode-0", XSWITCH_PROP_TYPE_VLAN, 0, { .mode = 0, .access_vlan = 1 },
	  {}, {}, "xswitch: the VLAN mode is not access or trunk" },
	{ "mode-3", XSWITCH_PROP_TYPE_VLAN, 0, { .mode = 3, .access_vlan = 1 },
	  {}, {}, "xswitch: the VLAN mode is not access or trunk" },
	{ "access-0", XSWITCH_PROP_TYPE_VLAN, 0, { .mode = 1 }, {}, {},
	  "xswitch: access-vlan is not 1 to 4094" },
	{ "access-4095", XSWITCH_PROP_TYPE_VLAN, 0,
	  { .mode = 1, .access_vlan = 4095 }, {}, {},
	  "xswitch: access-vlan is not 1 to 4094" },
	{ "access-native", XSWITCH_PROP_TYPE_VLAN, 0,
	  { .mode = 1, .access_vlan = 5, .native_vlan = 5 }, {}, {},
	  "xswitch: an access VLAN property takes no allowed or native VLAN" },
	{ "access-allowed", XSWITCH_PROP_TYPE_VLAN, 0,
	  { .mode = 1, .access_vlan = 5 }, {}, { 5 },
	  "xswitch: an access VLAN property takes no allowed or native VLAN" },
	{ "trunk-access", XSWITCH_PROP_TYPE_VLAN, 0,
	  { .mode = 2, .access_vlan = 3 }, {}, { 3 },
	  "xswitch: a trunk VLAN property takes no access-vlan" },
	{ "trunk-empty", XSWITCH_PROP_TYPE_VLAN, 0, { .mode = 2, .native_vlan = 1 },
	  {}, {}, "xswitch: a trunk VLAN property needs at least one allowed VLAN" },
	{ "trunk-allowed-4095", XSWITCH_PROP_TYPE_VLAN, 0, { .mode = 2 }, {},
	  { 10, 4095 }, "xswitch: an allowed VLAN is not 1 to 4094" },
	{ "trunk-native-4095", XSWITCH_PROP_TYPE_VLAN, 0,
	  { .mode = 2, .native_vlan = 4095 }, {}, { 10 },
	  "xswitch: native-vlan is not 0 to 4094" },
	{ "vsid-25-bits", XSWITCH_PROP_TYPE_SECURITY, 0, {},
	  { .vsid = XSW_VSID_MAX + 1 }, {}, "xswitch: vsid is not 0 to 16777215" },
};

static void sp_bad_struct_desc(const struct sp_bad_struct *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sp_bad_structs, sp_bad_structs, sp_bad_struct_desc);

/*
 * Each malformed struct is refused on add and on update, before any
 * extension sees the step, and leaves the port as it was.
 */
static void xsw_stdprop_bad_struct(struct kunit *test)
{
	const struct sp_bad_struct *c = test->param_value;
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port = sp_port(test, sw, false);
	struct xsw_prop_vlan *vlan = kunit_kzalloc(test, sizeof(*vlan), GFP_KERNEL);
	static const struct xsw_prop_vlan good = { .mode = 1, .access_vlan = 7 };
	static const struct xsw_prop_security sgood = {};
	struct xsw_prop_security sec = c->security;
	struct netlink_ext_ack ea = {};
	struct xsw_property p = { .type = c->type };
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, vlan);
	*vlan = c->vlan;
	for (i = 0; i < ARRAY_SIZE(c->allowed) && c->allowed[i]; i++)
		__set_bit(c->allowed[i], vlan->allowed);
	p.data = c->type == XSWITCH_PROP_TYPE_VLAN ? (void *)vlan : (void *)&sec;
	p.len = c->type == XSWITCH_PROP_TYPE_VLAN ? sizeof(*vlan) : sizeof(sec);
	if (c->len)
		p.len = c->len == ~0U ? 0 : c->len;
	sp_clear_log();
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &p, &ea)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ea._msg, c->msg);
	KUNIT_EXPECT_STREQ(test, xt.log, "");
	KUNIT_EXPECT_TRUE(test, list_empty(&port->props));
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(port->vlan));
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(port->security));

	/* An update to it is refused too, and the stored one stays. */
	{
		struct xsw_property ok = p;

		ok.data = c->type == XSWITCH_PROP_TYPE_VLAN ? (const void *)&good :
							      (const void *)&sgood;
		ok.len = c->type == XSWITCH_PROP_TYPE_VLAN ? sizeof(good) :
							     sizeof(sgood);
		KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &ok, NULL)), 0);
		sp_clear_log();
		ea._msg = NULL;
		KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_update(sw, port, &p, &ea)),
				-EINVAL);
		KUNIT_EXPECT_STREQ(test, ea._msg, c->msg);
		KUNIT_EXPECT_STREQ(test, xt.log, "");
		KUNIT_EXPECT_MEMEQ(test, xsw_prop_find(&port->props, &ok)->prop.data,
				   ok.data, ok.len);
	}
}

/*
 * Valid payloads are stored as their struct and published for the
 * datapath; an update replaces both, a second property of a type is
 * refused, a delete unpublishes, and a veto publishes nothing.
 */
static void xsw_stdprop_publish_cycle(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port = sp_port(test, sw, false);
	struct xsw_prop_vlan *trunk = kunit_kzalloc(test, sizeof(*trunk), GFP_KERNEL);
	static const struct xsw_prop_vlan access = { .mode = 1, .access_vlan = 4094 };
	static const struct xsw_prop_security sec = { .allow_mac_spoofing = true,
						      .vsid = XSW_VSID_MAX };
	struct xsw_property v = { .type = XSWITCH_PROP_TYPE_VLAN, .version = 1,
				  .data = &access, .len = sizeof(access) };
	struct xsw_property s = { .type = XSWITCH_PROP_TYPE_SECURITY,
				  .data = &sec, .len = sizeof(sec) };
	struct xsw_property v2 = v, key = {};
	struct netlink_ext_ack ea = {};
	const struct xsw_prop_vlan *pub;
	struct xsw_prop_entry *e;

	KUNIT_ASSERT_NOT_NULL(test, trunk);
	/* vetoed: nothing stored, nothing published */
	xt.conf[XT_FLT].veto_op = XSWITCH_OP_PORT_PROP_ADD;
	xt.conf[XT_FLT].veto_ret = -EPERM;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &v, NULL)), -EPERM);
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(port->vlan));
	xt.conf[XT_FLT].veto_op = 0;

	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &v, NULL)), 0);
	e = xsw_prop_find(&port->props, &v);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->prop.len, (u32)sizeof(struct xsw_prop_vlan));
	KUNIT_EXPECT_MEMEQ(test, e->prop.data, &access, sizeof(access));
	KUNIT_EXPECT_PTR_EQ(test, rcu_access_pointer(port->vlan),
			    (const struct xsw_prop_vlan *)e->data);

	/* one VLAN property a port, whatever its instance id */
	v2.instance_id.b[0] = 1;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &v2, &ea)), -EEXIST);
	KUNIT_EXPECT_STREQ(test, ea._msg, "xswitch: the port already has a vlan property");
	KUNIT_EXPECT_NULL(test, xsw_prop_find(&port->props, &v2));

	/* an update replaces the published payload */
	trunk->mode = XSWITCH_VLAN_MODE_TRUNK;
	trunk->native_vlan = 1;
	__set_bit(1, trunk->allowed);
	__set_bit(XSW_VLAN_ID_MAX, trunk->allowed);
	v.data = trunk;
	v.len = sizeof(*trunk);
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_prop_update(sw, port, &v, NULL)), 0);
	e = xsw_prop_find(&port->props, &v);
	pub = rcu_access_pointer(port->vlan);
	KUNIT_EXPECT_PTR_EQ(test, pub, (const struct xsw_prop_vlan *)e->data);
	KUNIT_EXPECT_EQ(test, pub->mode, (u32)XSWITCH_VLAN_MODE_TRUNK);
	KUNIT_EXPECT_TRUE(test, test_bit(XSW_VLAN_ID_MAX, pub->allowed));

	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &s, NULL)), 0);
	KUNIT_EXPECT_PTR_EQ(test, rcu_access_pointer(port->security),
			    (const struct xsw_prop_security *)
			    xsw_prop_find(&port->props, &s)->data);
	s.instance_id.b[0] = 2;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &s, &ea)), -EEXIST);
	KUNIT_EXPECT_STREQ(test, ea._msg,
			   "xswitch: the port already has a security property");
	s.instance_id.b[0] = 0;

	/* a delete unpublishes its own type only */
	xt.conf[XT_FWD].veto_op = XSWITCH_OP_PORT_PROP_DELETE;
	xt.conf[XT_FWD].veto_ret = -EBUSY;
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_delete(sw, port, &v, NULL)), -EBUSY);
	KUNIT_EXPECT_PTR_EQ(test, rcu_access_pointer(port->vlan), pub);
	xt.conf[XT_FWD].veto_op = 0;
	/* a delete names the identity only, without a payload */
	key.type = XSWITCH_PROP_TYPE_VLAN;
	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_prop_delete(sw, port, &key, NULL)), 0);
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(port->vlan));
	KUNIT_EXPECT_NOT_NULL(test, rcu_access_pointer(port->security));
	/* the type is free again */
	KUNIT_EXPECT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &v2, NULL)), 0);
	KUNIT_EXPECT_NOT_NULL(test, rcu_access_pointer(port->vlan));
}

/* A validation port stores its standard properties but publishes none. */
static void xsw_stdprop_validation_port(struct kunit *test)
{
	struct xsw_switch *sw = xt_switch(test);
	struct xsw_port *port = sp_port(test, sw, true);
	static const struct xsw_prop_vlan access = { .mode = 1, .access_vlan = 10 };
	struct xsw_property v = { .type = XSWITCH_PROP_TYPE_VLAN,
				  .data = &access, .len = sizeof(access) };

	KUNIT_ASSERT_EQ(test, XT_LOCKED(xsw_prop_add(sw, port, &v, NULL)), 0);
	KUNIT_EXPECT_NOT_NULL(test, xsw_prop_find(&port->props, &v));
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(port->vlan));
}

/*
 * What a request carries: its property type, data or not, and a nest of
 * attributes (type, value and size, 2 or 4 bytes; a flag is size 0).
 */
struct sp_attr {
	u16 type;
	u8 size;
	u32 val;
};

struct sp_nl_case {
	const char *name;
	u32 type;
	bool data;
	u16 nest;		/* XSWITCH_A_PROP_SECURITY, _VLAN or 0 */
	struct sp_attr attrs[5];
	int err;
	const char *msg;	/* with "xswitch: " when it is ours */
	int bad;		/* the attribute blamed: SP_* or an index of @attrs */
	u16 miss;		/* the attribute said missing, in the nest or not */
};

enum { SP_NONE = -1, SP_DATA = 10, SP_NEST = 11 };

#define A16(t, v) { XSWITCH_A_PROP_VLAN_##t, 2, v }
#define MODE(v) { XSWITCH_A_PROP_VLAN_MODE, 4, v }

static const struct sp_nl_case sp_nl_cases[] = {
	{ "vlan-data", XSWITCH_PROP_TYPE_VLAN, true, 0, {}, -EINVAL,
	  "xswitch: a vlan property takes the vlan attributes, not data", SP_DATA },
	{ "vlan-data-and-nest", XSWITCH_PROP_TYPE_VLAN, true, XSWITCH_A_PROP_VLAN,
	  { MODE(1), A16(ACCESS_VLAN, 1) }, -EINVAL,
	  "xswitch: a vlan property takes the vlan attributes, not data", SP_DATA },
	{ "security-data", XSWITCH_PROP_TYPE_SECURITY, true, 0, {}, -EINVAL,
	  "xswitch: a security property takes the security attributes, not data",
	  SP_DATA },
	{ "vlan-missing", XSWITCH_PROP_TYPE_VLAN, false, 0, {}, -EINVAL,
	  "xswitch: a vlan property needs the vlan attributes", SP_NONE,
	  XSWITCH_A_PROP_VLAN },
	{ "security-missing", XSWITCH_PROP_TYPE_SECURITY, false, 0, {}, -EINVAL,
	  "xswitch: a security property needs the security attributes", SP_NONE,
	  XSWITCH_A_PROP_SECURITY },
	{ "vlan-with-security", XSWITCH_PROP_TYPE_VLAN, false,
	  XSWITCH_A_PROP_SECURITY, {}, -EINVAL,
	  "xswitch: only a security property takes the security attributes", SP_NEST },
	{ "security-with-vlan", XSWITCH_PROP_TYPE_SECURITY, false,
	  XSWITCH_A_PROP_VLAN, { MODE(1), A16(ACCESS_VLAN, 1) }, -EINVAL,
	  "xswitch: only a vlan property takes the vlan attributes", SP_NEST },
	{ "custom-with-vlan", XSWITCH_PROP_TYPE_CUSTOM, true, XSWITCH_A_PROP_VLAN,
	  { MODE(1), A16(ACCESS_VLAN, 1) }, -EINVAL,
	  "xswitch: only a vlan property takes the vlan attributes", SP_NEST },
	{ "routing-with-security", XSWITCH_PROP_TYPE_ROUTING_DOMAIN, false,
	  XSWITCH_A_PROP_SECURITY, {}, -EINVAL,
	  "xswitch: only a security property takes the security attributes", SP_NEST },
	{ "mode-missing", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { A16(ACCESS_VLAN, 1) }, -EINVAL,
	  "xswitch: the vlan attributes give no mode", SP_NONE,
	  XSWITCH_A_PROP_VLAN_MODE },
	{ "mode-3", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(3), A16(ACCESS_VLAN, 1) }, -ERANGE, "integer out of range", 0 },
	{ "access-no-vlan", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(1) }, -EINVAL, "xswitch: an access VLAN property needs access-vlan",
	  SP_NONE, XSWITCH_A_PROP_VLAN_ACCESS_VLAN },
	{ "access-allowed", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(1), A16(ACCESS_VLAN, 1), A16(ALLOWED, 2) }, -EINVAL,
	  "xswitch: an access VLAN property takes no allowed or native VLAN", 2 },
	{ "access-native", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(1), A16(NATIVE_VLAN, 0), A16(ACCESS_VLAN, 1) }, -EINVAL,
	  "xswitch: an access VLAN property takes no allowed or native VLAN", 1 },
	{ "access-0", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(1), A16(ACCESS_VLAN, 0) }, -EINVAL,
	  "xswitch: access-vlan is not 1 to 4094", 1 },
	{ "access-4095", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(1), A16(ACCESS_VLAN, 4095) }, -EINVAL,
	  "xswitch: access-vlan is not 1 to 4094", 1 },
	{ "trunk-none-allowed", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(2), A16(NATIVE_VLAN, 1) }, -EINVAL,
	  "xswitch: a trunk VLAN property needs at least one allowed VLAN", SP_NONE,
	  XSWITCH_A_PROP_VLAN_ALLOWED },
	{ "trunk-access", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(2), A16(ALLOWED, 5), A16(ACCESS_VLAN, 5) }, -EINVAL,
	  "xswitch: a trunk VLAN property takes no access-vlan", 2 },
	{ "trunk-allowed-0", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(2), A16(ALLOWED, 5), A16(ALLOWED, 0) }, -EINVAL,
	  "xswitch: an allowed VLAN is not 1 to 4094", 2 },
	{ "trunk-allowed-4095", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(2), A16(ALLOWED, 4095), A16(ALLOWED, 5) }, -EINVAL,
	  "xswitch: an allowed VLAN is not 1 to 4094", 1 },
	{ "trunk-native-4095", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(2), A16(ALLOWED, 5), A16(NATIVE_VLAN, 4095) }, -EINVAL,
	  "xswitch: native-vlan is not 0 to 4094", 2 },
	{ "vsid-25-bits", XSWITCH_PROP_TYPE_SECURITY, false, XSWITCH_A_PROP_SECURITY,
	  { { XSWITCH_A_PROP_SECURITY_MAC_SPOOFING, 0, 0 },
	    { XSWITCH_A_PROP_SECURITY_VSID, 4, XSW_VSID_MAX + 1 } }, -EINVAL,
	  "xswitch: vsid is not 0 to 16777215", 1 },
	{ "access-ok", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(1), A16(ACCESS_VLAN, 4094) }, 0, NULL, SP_NONE },
	{ "trunk-ok", XSWITCH_PROP_TYPE_VLAN, false, XSWITCH_A_PROP_VLAN,
	  { MODE(2), A16(ALLOWED, 30), A16(ALLOWED, 10), A16(ALLOWED, 30),
	    A16(NATIVE_VLAN, 0) }, 0, NULL, SP_NONE },
	{ "security-ok", XSWITCH_PROP_TYPE_SECURITY, false, XSWITCH_A_PROP_SECURITY,
	  { { XSWITCH_A_PROP_SECURITY_IEEE_PRIORITY_TAG, 0, 0 },
	    { XSWITCH_A_PROP_SECURITY_VSID, 4, XSW_VSID_MAX } }, 0, NULL, SP_NONE },
	{ "security-empty-ok", XSWITCH_PROP_TYPE_SECURITY, false,
	  XSWITCH_A_PROP_SECURITY, {}, 0, NULL, SP_NONE },
	{ "custom-data-ok", XSWITCH_PROP_TYPE_CUSTOM, true, 0, {}, 0, NULL, SP_NONE },
};

static void sp_nl_desc(const struct sp_nl_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sp_nl_cases, sp_nl_cases, sp_nl_desc);

/* The request's attributes of @c into @skb; where each went in @at. */
static void sp_build(struct kunit *test, struct sk_buff *skb,
		     const struct sp_nl_case *c, struct nlattr **at)
{
	struct nlattr *nest;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, XSWITCH_A_PROP_TYPE, c->type), 0);
	if (c->data) {
		at[SP_DATA] = (struct nlattr *)skb_tail_pointer(skb);
		KUNIT_ASSERT_EQ(test, nla_put(skb, XSWITCH_A_PROP_DATA, 2, "ab"), 0);
	}
	if (!c->nest)
		return;
	nest = nla_nest_start(skb, c->nest);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	at[SP_NEST] = nest;
	for (i = 0; i < ARRAY_SIZE(c->attrs) && c->attrs[i].type; i++) {
		at[i] = (struct nlattr *)skb_tail_pointer(skb);
		KUNIT_ASSERT_EQ(test, nla_put(skb, c->attrs[i].type, c->attrs[i].size,
					      &c->attrs[i].val), 0);
	}
	nla_nest_end(skb, nest);
}

/* The request's top-level attributes, as genetlink hands them over. */
static void sp_parse(struct kunit *test, struct sk_buff *skb, struct nlattr **tb)
{
	KUNIT_ASSERT_EQ(test, nla_parse(tb, XSWITCH_A_PROP_MAX,
					(struct nlattr *)skb->data, skb->len,
					NULL, NULL), 0);
}

/*
 * The struct a request became, dumped: the same nest.  A frame of its own,
 * for the second attribute table (the KASAN build's frames are close to
 * the limit).
 */
static noinline void sp_nl_back(struct kunit *test, const struct sp_nl_case *c,
				struct xsw_property *prop, union xsw_stdprop *std)
{
	struct sk_buff *back = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	struct nlattr *tb2[XSWITCH_A_PROP_MAX + 1];

	KUNIT_ASSERT_NOT_NULL(test, back);
	KUNIT_EXPECT_EQ(test, prop->len, c->type == XSWITCH_PROP_TYPE_VLAN ?
			(u32)sizeof(std->vlan) : (u32)sizeof(std->security));
	KUNIT_EXPECT_EQ(test, xsw_stdprop_check(prop, NULL), 0);
	KUNIT_ASSERT_EQ(test, xsw_stdprop_fill(back, prop), 0);
	KUNIT_EXPECT_LE(test, back->len, (unsigned int)xsw_stdprop_size(prop));
	KUNIT_EXPECT_LE(test, xsw_stdprop_size(prop), xsw_stdprop_size(NULL));
	sp_parse(test, back, tb2);
	KUNIT_EXPECT_NOT_NULL(test, tb2[c->nest]);
	if (!strcmp(c->name, "trunk-ok")) {
		/* 10 then 30, once each, and native 0 said */
		static const u8 want[] = {
			8, 0, XSWITCH_A_PROP_VLAN_MODE, 0, 2, 0, 0, 0,
			6, 0, XSWITCH_A_PROP_VLAN_NATIVE_VLAN, 0, 0, 0, 0, 0,
			6, 0, XSWITCH_A_PROP_VLAN_ALLOWED, 0, 10, 0, 0, 0,
			6, 0, XSWITCH_A_PROP_VLAN_ALLOWED, 0, 30, 0, 0, 0,
		};

		KUNIT_EXPECT_EQ(test, nla_len(tb2[c->nest]), (int)sizeof(want));
		KUNIT_EXPECT_MEMEQ(test, nla_data(tb2[c->nest]), want,
				   sizeof(want));
		KUNIT_EXPECT_EQ(test, bitmap_weight(std->vlan.allowed,
						    XSW_VLAN_ID_MAX + 1), 2U);
	}
	if (!strcmp(c->name, "security-ok")) {
		KUNIT_EXPECT_FALSE(test, std->security.allow_mac_spoofing);
		KUNIT_EXPECT_TRUE(test, std->security.allow_ieee_priority_tag);
		KUNIT_EXPECT_EQ(test, std->security.vsid, (u32)XSW_VSID_MAX);
	}
	kfree_skb(back);
}

/*
 * Each nest a request may carry: refused with its message and the
 * attribute it names (bad, or missing and where), or turned into the
 * struct, which a dump gives back as the same nest (allowed VLANs
 * ascending, each once).
 */
static void xsw_stdprop_nl(struct kunit *test)
{
	const struct sp_nl_case *c = test->param_value;
	struct nlattr *tb[XSWITCH_A_PROP_MAX + 1], *at[SP_NEST + 1] = {};
	struct sk_buff *skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	struct netlink_ext_ack ea = {};
	struct xsw_property prop = { .type = c->type };
	union xsw_stdprop *std = kunit_kzalloc(test, sizeof(*std), GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, std);
	sp_build(test, skb, c, at);
	sp_parse(test, skb, tb);
	if (tb[XSWITCH_A_PROP_DATA]) {
		prop.len = nla_len(tb[XSWITCH_A_PROP_DATA]);
		prop.data = nla_data(tb[XSWITCH_A_PROP_DATA]);
	}
	err = xsw_stdprop_parse(tb, &prop, std, &ea);
	KUNIT_EXPECT_EQ(test, err, c->err);
	if (c->msg)
		KUNIT_EXPECT_STREQ(test, ea._msg, c->msg);
	else
		KUNIT_EXPECT_NULL(test, ea._msg);
	KUNIT_EXPECT_PTR_EQ(test, ea.bad_attr,
			    (const struct nlattr *)(c->bad == SP_NONE ? NULL : at[c->bad]));
	KUNIT_EXPECT_EQ(test, ea.miss_type, (u32)c->miss);
	/* missing in the nest, or at the top level when there is none */
	if (c->miss)
		KUNIT_EXPECT_PTR_EQ(test, ea.miss_nest,
				    (const struct nlattr *)at[SP_NEST]);
	if (!err && xsw_prop_is_std(c->type))
		sp_nl_back(test, c, &prop, std);
	kfree_skb(skb);
}

static int xsw_stdprop_suite_init(struct kunit_suite *suite)
{
	return xt_register();
}

static void xsw_stdprop_suite_exit(struct kunit_suite *suite)
{
	xt_unregister();
}

static struct kunit_case xsw_stdprop_cases[] = {
	KUNIT_CASE_PARAM(xsw_stdprop_bad_struct, sp_bad_structs_gen_params),
	KUNIT_CASE(xsw_stdprop_publish_cycle),
	KUNIT_CASE(xsw_stdprop_validation_port),
	KUNIT_CASE_PARAM(xsw_stdprop_nl, sp_nl_cases_gen_params),
	{}
};

static struct kunit_suite xsw_stdprop_suite = {
	.name = "xsw_stdprop",
	.suite_init = xsw_stdprop_suite_init,
	.suite_exit = xsw_stdprop_suite_exit,
	.test_cases = xsw_stdprop_cases,
};

kunit_test_suite(xsw_stdprop_suite);
