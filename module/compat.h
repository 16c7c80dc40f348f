/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel interfaces that differ between the kernels xswitch builds
 * on (Debian's 6.1 and 6.12), each behind one name.
 */
#ifndef _XSW_COMPAT_H
#define _XSW_COMPAT_H

#include <linux/version.h>
#include <net/genetlink.h>

/* Before 6.9 the netlink core did not turn -EMSGSIZE from a dumpit that
 * already filled part of the skb into "call me again"; the dump had to
 * return the length itself.  Doing so is right on every kernel.
 */
static inline int xsw_dump_done(struct sk_buff *skb, int err)
{
	return err == -EMSGSIZE && skb->len ? skb->len : err;
}

#define XSW_DUMP_CTX(type, cb) ({					\
	BUILD_BUG_ON(sizeof(type) > sizeof((cb)->ctx));			\
	(type *)(cb)->ctx;						\
})

#endif /* _XSW_COMPAT_H */
