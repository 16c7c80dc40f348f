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
};

struct xt_state {
	char log[2048];
	struct xt_conf conf[XT_NUM];
};

extern struct xt_state xt;
/* The one feature status the forwarding test extension owns (300 bytes). */
extern const uuid_t xt_status_id;
extern const struct xsw_extension_ops xt_ops[XT_NUM];

int xt_register(void);
void xt_unregister(void);
void xt_reset(void);

/* A switch named "kunit" with capture, filter and forward attached and
 * enabled, in init_net; torn down by a KUnit action.
 */
struct xsw_switch *xt_switch(struct kunit *test);

#define XT_LOCKED(expr) ({			\
	typeof(expr) __ret;			\
	xsw_lock();				\
	__ret = (expr);				\
	xsw_unlock();				\
	__ret;					\
})

#endif /* _XSW_TEST_EXT_H */
