/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_NL_H
#define XSWCTL_NL_H

#include <libmnl/libmnl.h>
#include <stdint.h>

struct object;

/*
 * Large enough for a request or reply that carries the biggest property
 * (16 KiB of data) and for a dump batch.
 */
#define XNL_BUF_SIZE (64 * 1024)

/* One netlink socket bound to the xswitch family. */
struct xnl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t events_group;
	uint32_t seq;
	uint32_t portid;
	char *req;	/* the request being sent, kept to name bad attributes */
	char *buf;	/* replies */
	const struct object *obj;	/* names attributes in errors */
};

int xnl_open(struct xnl *nl);
void xnl_close(struct xnl *nl);
struct xnl *xnl_get(const struct object *obj);
void xnl_put(void);
struct nlmsghdr *xnl_msg(struct xnl *nl, uint8_t cmd, uint16_t flags);
int xnl_talk(struct xnl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);
int xnl_listen(struct xnl *nl, mnl_cb_t cb, void *data);

#endif
