/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A recording test extension for the KUnit suites: every callback appends
 * "<name>:<step>" to one shared log, so a test can assert the exact order
 * in which a stack of them saw a request, and each can be told to veto a
 * step or to break the contract.
 */
#ifndef _XSW_TEST_EXT_H
#define _XSW_TEST_EXT_H

#include <kunit/test.h>
#include <net/xswitch.h>

#include "../module/xsw.h"

enum { XT_CAP, XT_FLT, XT_FWD, XT_FLT2, XT_FWD2, XT_NUM };

/* What one test extension does besides recording. */
struct xt_conf {
	u32 veto_op;		/* step to refuse, 0 for none */
	int veto_ret;		/* what to return for it */
	const char *veto_msg;	/* extack message with it (NULL: none) */
	bool probe;		/* record what a callback could do (below) */
	u32 status_len;		/* feature status size (0: 300 bytes) */
	int activate_ret;	/* what ->activate returns */
	u32 save_records;	/* records ->nic_save gives, one per ask */
	u32 save_len;		/* payload of each (asks for room if needed) */
	int save_ret;		/* what the ask after those returns */
	int restore_ret;	/* what ->nic_restore returns */
};

/*
 * What a probing extension saw inside its callbacks: whether it could
 * reference the port in port_create, whether an RCU lookup found it, and
 * the NIC's state as lookups see it during nic_connect.
 */
struct xt_probe {
	int port_ref;
	bool port_found;
	u32 nic_state;
};

struct xt_state {
	char log[4096];
	bool quiet;		/* no logging: several threads call in */
	/*
	 * Several switches: each entry whose switch is not the one of the
	 * entry before it (or that begins the log) comes after "@<switch>".
	 */
	bool hosts;
	char host[XSWITCH_NAME_LEN];
	/* Records ->nic_restore got whose payload is not as ->nic_save made it. */
	u32 restore_mismatch;
	struct xt_conf conf[XT_NUM];
	struct xt_probe probe;
	/* A save of the NIC named "held" waits in each ->nic_save for @release. */
	struct completion *held;
	struct completion *release;
};

extern struct xt_state xt;
/* The one feature status the forwarding test extension owns (300 bytes). */
extern const uuid_t xt_status_id;
extern const struct xsw_extension_ops xt_ops[XT_NUM];

int xt_register(void);
void xt_unregister(void);
void xt_reset(void);

/*
 * Holders (netlink port ids) of the tests' provisional ports: above every
 * process id (a socket's default port id) and below the ids the kernel
 * picks for the others (from -4096 down), so that no socket of the
 * running system closing during a test releases a test's port.
 */
#define XT_HOLDER	0x40000000U

/* A switch named "kunit" with capture, filter and forward attached and
 * enabled, in init_net; torn down by a KUnit action.
 */
struct xsw_switch *xt_switch(struct kunit *test);
/* The same, named @name; it resets xt as well. */
struct xsw_switch *xt_switch_named(struct kunit *test, const char *name);

#define XT_LOCKED(expr) ({			\
	typeof(expr) __ret;			\
	xsw_lock(&init_net);			\
	__ret = (expr);				\
	xsw_unlock(&init_net);			\
	__ret;					\
})

/* The attachment of test extension @name on @sw. */
struct xsw_ext *xt_ext(struct xsw_switch *sw, const char *name);

#endif /* _XSW_TEST_EXT_H */
