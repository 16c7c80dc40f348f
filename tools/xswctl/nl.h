/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_NL_H
#define XSWCTL_NL_H

#include <libmnl/libmnl.h>
#include <stdbool.h>
#include <stdint.h>
#include <linux/genetlink.h>
#include <linux/xswitch.h>

struct object;

/*
 * Replies: large enough for the biggest, a feature status answer of the
 * most bytes the kernel passes on (XSW_FEATURE_STATUS_MAX in
 * <net/xswitch.h>) with the switch, port, ids and extension name around
 * it, and for a dump batch.  A reply that does not fit is lost whole.
 */
#define XNL_FEATURE_STATUS_MAX 65536
#define XNL_BUF_SIZE (XNL_FEATURE_STATUS_MAX + 4096)

/* The largest VLAN id, and the largest VLAN nest: a mode, a native VLAN
 * and every VLAN allowed, an attribute each.
 */
#define XNL_VLAN_ID_MAX 4094
#define XNL_VLAN_NEST_MAX (MNL_ATTR_HDRLEN + \
			   (2 + XNL_VLAN_ID_MAX) * (MNL_ATTR_HDRLEN + 4))

/*
 * Requests.  The largest one a command line can build adds a property
 * with the most data the kernel takes and the largest VLAN nest (the
 * kernel refuses the pair, but xswctl leaves that to it); the rest of it
 * (switch, port, type, ids, version) and any other request (a NIC with
 * all four of its long names is the next largest) fit in the KiB to
 * spare.  Every attribute is written with a bound check against this size
 * all the same.
 */
#define XNL_REQ_SIZE (MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN) + \
		      MNL_ATTR_HDRLEN + XSWITCH_MAX_PROP_DATA + \
		      XNL_VLAN_NEST_MAX + 1024)

/* One netlink socket bound to the xswitch family. */
struct xnl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t events_group;
	uint32_t seq;
	uint32_t portid;
	int recv_err;	/* why the last exchange's receiving failed, or 0 */
	/* the request being answered, kept to name bad attributes */
	const struct nlmsghdr *req;
	char *buf;	/* replies */
	const struct object *obj;	/* names attributes in errors */
	bool quiet;	/* refusals are not printed (rolling back) */
};

/*
 * Many requests of one kind, as a restore's pieces: xnl_batch_talk()
 * sends those @put builds (the next request into @nlh, whose room is
 * XNL_REQ_SIZE: 0, 1 when there are no more, -1 when it cannot) in
 * sendmsg() calls of about XNL_BATCH_SIZE bytes, XNL_BATCH_MAX requests
 * at most (the refusals of a whole call fit in a socket's buffer).  Only
 * the last request of a call asks for an answer: the kernel answers the
 * others only with a refusal, and takes them in order, so that the last
 * one's answer comes after any of theirs.  The kernel carries on with a
 * call's requests after one is refused: only for requests that are
 * refused once one before them was (a restore's pieces).  The first
 * refusal ends it, printed as xnl_talk() prints one; each call counts as
 * one request for XSWCTL_FAIL_NTH.
 */
#define XNL_BATCH_SIZE 32768
#define XNL_BATCH_MAX 64
typedef int (*xnl_put_t)(struct nlmsghdr *nlh, void *data);
int xnl_batch_talk(struct xnl *nl, uint8_t cmd, xnl_put_t put, void *data);

int xnl_open(struct xnl *nl);
void xnl_close(struct xnl *nl);
struct xnl *xnl_get(const struct object *obj);
void xnl_put(void);
struct nlmsghdr *xnl_msg(void *buf, uint8_t cmd, uint16_t flags);
void xnl_msg_dump(struct nlmsghdr *nlh, uint8_t cmd);
/* The kernel's last refusal: its message and errno, or "". */
const char *xnl_last_error(void);
int xnl_talk(struct xnl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);
int xnl_listen(struct xnl *nl, mnl_cb_t cb, void *data);

#endif
