// SPDX-License-Identifier: GPL-2.0
/*
 * Talking to the xswitch generic netlink family with libmnl: resolving the
 * family, sending one request and running its replies, and turning the
 * kernel's error (with its extended ack message) into a line on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/xswitch.h>

#include "nl.h"

struct xnl_err {
	const char *msg;
	int miss_type;
};

static int xnl_ext_ack_attr(const struct nlattr *attr, void *data)
{
	struct xnl_err *e = data;

	switch (mnl_attr_get_type(attr)) {
	case NLMSGERR_ATTR_MSG:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			e->msg = mnl_attr_get_str(attr);
		break;
	case NLMSGERR_ATTR_MISS_TYPE:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
			e->miss_type = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

/* Prints the kernel's refusal and leaves its errno in errno. */
static int xnl_report(const struct nlmsghdr *nlh, size_t hlen, int error)
{
	struct xnl_err e = { .miss_type = -1 };

	if (error >= 0)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		mnl_attr_parse(nlh, hlen, xnl_ext_ack_attr, &e);
	if (e.msg)
		fprintf(stderr, "Error: %s (%s)\n", e.msg, strerror(-error));
	else if (e.miss_type >= 0)
		fprintf(stderr, "Error: missing attribute %d (%s)\n",
			e.miss_type, strerror(-error));
	else
		fprintf(stderr, "Error: %s\n", strerror(-error));
	errno = -error;
	return MNL_CB_ERROR;
}

static int xnl_error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t hlen = sizeof(*err);

	(void)data;
	if (mnl_nlmsg_get_payload_len(nlh) < hlen) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		hlen += mnl_nlmsg_get_payload_len(&err->msg);
	return xnl_report(nlh, hlen, err->error);
}

/* A dump that fails part way reports its error in NLMSG_DONE. */
static int xnl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)data;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(int))
		return MNL_CB_STOP;
	return xnl_report(nlh, sizeof(int),
			  *(const int *)mnl_nlmsg_get_payload(nlh));
}

static mnl_cb_t xnl_ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = xnl_error_cb,
	[NLMSG_DONE] = xnl_done_cb,
};

static int xnl_run(struct xnl *nl, uint32_t seq, mnl_cb_t cb, void *data)
{
	int ret;

	do {
		ret = mnl_socket_recvfrom(nl->sock, nl->buf,
					  MNL_SOCKET_BUFFER_SIZE);
		if (ret < 0)
			return -errno;
		ret = mnl_cb_run2(nl->buf, ret, seq, nl->portid, cb, data,
				  xnl_ctl_cbs, MNL_ARRAY_SIZE(xnl_ctl_cbs));
	} while (ret == MNL_CB_OK);
	return ret < 0 ? -errno : 0;
}

int xnl_talk(struct xnl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0) {
		perror("xswctl: sending to the kernel");
		return -errno;
	}
	return xnl_run(nl, nlh->nlmsg_seq, cb, data);
}

struct nlmsghdr *xnl_msg(struct xnl *nl, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = XSWITCH_FAMILY_VERSION;
	return nlh;
}

static int xnl_family_attr(const struct nlattr *attr, void *data)
{
	uint16_t *id = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
		*id = mnl_attr_get_u16(attr);
	return MNL_CB_OK;
}

static int xnl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), xnl_family_attr,
			      data);
}

static int xnl_resolve(struct xnl *nl)
{
	struct nlmsghdr *nlh;
	int err;

	nl->family = GENL_ID_CTRL;
	nlh = xnl_msg(nl, CTRL_CMD_GETFAMILY, 0);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, XSWITCH_FAMILY_NAME);
	nl->family = 0;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	/* Quietly: a missing family gets its own message below. */
	err = mnl_socket_recvfrom(nl->sock, nl->buf, MNL_SOCKET_BUFFER_SIZE);
	if (err < 0)
		return -errno;
	err = mnl_cb_run(nl->buf, err, nlh->nlmsg_seq, nl->portid,
			 xnl_family_cb, &nl->family);
	if (err < 0)
		return -errno;
	if (!nl->family)
		return -ENOENT;
	/* Collect the ACK that follows the reply. */
	return xnl_run(nl, nlh->nlmsg_seq, NULL, NULL);
}

int xnl_open(struct xnl *nl)
{
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->buf = malloc(MNL_SOCKET_BUFFER_SIZE);
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->buf || !nl->sock) {
		perror("xswctl: opening a netlink socket");
		goto err;
	}
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("xswctl: binding a netlink socket");
		goto err;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = time(NULL);
	err = xnl_resolve(nl);
	if (err) {
		if (err == -ENOENT)
			fprintf(stderr, "Error: the kernel has no \"%s\" %s\n",
				XSWITCH_FAMILY_NAME,
				"netlink family: is xswitch.ko loaded?");
		else
			fprintf(stderr, "Error: resolving the \"%s\" family: %s\n",
				XSWITCH_FAMILY_NAME, strerror(-err));
		goto err;
	}
	return 0;
err:
	xnl_close(nl);
	return -1;
}

void xnl_close(struct xnl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
}
