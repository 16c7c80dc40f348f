/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_NL_H
#define XSWCTL_NL_H

#include <libmnl/libmnl.h>
#include <stdint.h>

/* One netlink socket bound to the xswitch family. */
struct xnl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t seq;
	uint32_t portid;
	char *buf;
};

int xnl_open(struct xnl *nl);
void xnl_close(struct xnl *nl);
struct nlmsghdr *xnl_msg(struct xnl *nl, uint8_t cmd, uint16_t flags);
int xnl_talk(struct xnl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

#endif
