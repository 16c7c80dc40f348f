// SPDX-License-Identifier: GPL-2.0
/*
 * Talking to the xswitch generic netlink family with libmnl: resolving the
 * family, sending one request and running its replies, and turning the
 * kernel's error (with its extended ack message) into a line on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/xswitch.h>

#include "nl.h"
#include "obj.h"
#include "parse.h"

struct xnl_err {
	const char *msg;
	int miss_type;
	uint32_t offs;
};

/* The connection every command of this process shares. */
static struct xnl xnl_shared;
static bool xnl_shared_open;

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
	case NLMSGERR_ATTR_OFFS:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
			e->offs = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

/* The name of attribute @type of the object being asked about. */
static const char *xnl_attr_name(const struct xnl *nl, int type)
{
	const struct field *f = nl->obj ? object_field(nl->obj, type) : NULL;

	return f ? f->key : NULL;
}

/* The attribute of our request at byte @offs, which the kernel blamed. */
static const char *xnl_bad_attr(const struct xnl *nl, uint32_t offs)
{
	const struct nlmsghdr *req = nl->req;
	const struct nlattr *a;

	if (!req || !offs || offs >= req->nlmsg_len)
		return NULL;
	mnl_attr_for_each(a, req, sizeof(struct genlmsghdr))
		if ((const char *)a - (const char *)req == offs)
			return xnl_attr_name(nl, mnl_attr_get_type(a));
	return NULL;
}

/* The kernel's last refusal, as printed: for a peer to be told. */
static char xnl_last[256];

const char *xnl_last_error(void)
{
	return xnl_last;
}

/* Prints the kernel's refusal and leaves its errno in errno. */
static int xnl_report(const struct xnl *nl, const struct nlmsghdr *nlh,
		      size_t hlen, int error)
{
	struct xnl_err e = { .miss_type = -1 };
	const char *bad, *miss;

	if (error >= 0)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		mnl_attr_parse(nlh, hlen, xnl_ext_ack_attr, &e);
	if (nl->quiet) {
		errno = -error;
		return MNL_CB_ERROR;
	}
	snprintf(xnl_last, sizeof(xnl_last), "%s%s(%s)", e.msg ?: "",
		 e.msg ? " " : "", strerror(-error));
	/*
	 * Netlink core's messages ("integer out of range") do not say which
	 * attribute; xswitch's and extensions' ("xswitch: ...") do.
	 */
	if (e.msg && strstr(e.msg, ": ")) {
		bad = NULL;
		miss = NULL;
		e.miss_type = -1;
	} else {
		bad = xnl_bad_attr(nl, e.offs);
		miss = e.miss_type >= 0 ? xnl_attr_name(nl, e.miss_type) : NULL;
	}
	fprintf(stderr, "Error: ");
	if (e.msg)
		fprintf(stderr, "%s", e.msg);
	if (bad)
		fprintf(stderr, "%s\"%s\"", e.msg ? ": " : "bad attribute ", bad);
	if (miss)
		fprintf(stderr, "%s\"%s\" is missing", e.msg ? ": " : "", miss);
	else if (e.miss_type >= 0)
		fprintf(stderr, "%sattribute %d is missing", e.msg ? ": " : "",
			e.miss_type);
	if (e.msg || bad || e.miss_type >= 0)
		fprintf(stderr, " (%s)\n", strerror(-error));
	else
		fprintf(stderr, "%s\n", strerror(-error));
	errno = -error;
	return MNL_CB_ERROR;
}

/* What the callbacks of one exchange need: the connection and the caller's. */
struct xnl_run_ctx {
	const struct xnl *nl;
	mnl_cb_t cb;
	void *data;
	bool interrupted;	/* a dump message said NLM_F_DUMP_INTR */
};

static int xnl_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct xnl_run_ctx *ctx = data;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		ctx->interrupted = true;
	return ctx->cb ? ctx->cb(nlh, ctx->data) : MNL_CB_OK;
}

static int xnl_error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	const struct xnl_run_ctx *ctx = data;
	size_t hlen = sizeof(*err);

	if (mnl_nlmsg_get_payload_len(nlh) < hlen) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		hlen += mnl_nlmsg_get_payload_len(&err->msg);
	return xnl_report(ctx->nl, nlh, hlen, err->error);
}

/* A dump that fails part way reports its error in NLMSG_DONE. */
static int xnl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct xnl_run_ctx *ctx = data;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(int))
		return MNL_CB_STOP;
	return xnl_report(ctx->nl, nlh, sizeof(int),
			  *(const int *)mnl_nlmsg_get_payload(nlh));
}

static mnl_cb_t xnl_ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = xnl_error_cb,
	[NLMSG_DONE] = xnl_done_cb,
};

/* Runs the replies to @seq (0: any message, as events) until the end. */
static int xnl_run(struct xnl *nl, uint32_t seq, mnl_cb_t cb, void *data)
{
	struct xnl_run_ctx ctx = { .nl = nl, .cb = cb, .data = data };
	int ret;

	nl->recv_err = 0;
	do {
		ret = mnl_socket_recvfrom(nl->sock, nl->buf, XNL_BUF_SIZE);
		if (ret < 0) {
			nl->recv_err = errno;
			return -errno;
		}
		ret = mnl_cb_run2(nl->buf, ret, seq, seq ? nl->portid : 0,
				  xnl_data_cb, &ctx, xnl_ctl_cbs,
				  MNL_ARRAY_SIZE(xnl_ctl_cbs));
	} while (ret == MNL_CB_OK);
	if (ret < 0)
		return -errno;
	/* As iproute2 does: what was printed may mix before and after. */
	if (ctx.interrupted) {
		fprintf(stderr, "xswctl: %s\n",
			"the dump was interrupted by a change and may be inconsistent; run it again");
		return -EINTR;
	}
	return 0;
}

/*
 * For testers: XSWCTL_FAIL_NTH=N arms the N-th fault-injection point of
 * the first request this process sends to the family (its setup, the
 * family's resolution, is done by then), N@K that of the K-th (a command
 * such as nic restore sends several), and says on stderr, in a fixed
 * line, whether the fault was injected.  The kernel's own per-task
 * fail-nth is used where it has one (CONFIG_FAULT_INJECTION), else
 * xswitch's (DOC: Fault injection); both fail the N-th point the task
 * passes and read back 0 once they did.  Requests run in the sender's
 * task, so the count is written right before sending and read back after
 * the answer.  See Documentation/testing.rst.
 */
static const char *const fail_nth_files[] = {
	"/proc/thread-self/fail-nth",
	"/sys/kernel/debug/xswitch/fail_nth",
};

struct xnl_fail {
	int fd;			/* the fail-nth file, -1 when not armed */
	const char *path;
	unsigned long n;
};

static unsigned long xnl_requests;

/* N, or N@K, from XSWCTL_FAIL_NTH; false if it is neither. */
static bool xnl_fail_parse(const char *env, unsigned long *n,
			   unsigned long *k)
{
	const char *at = strchr(env, '@');
	char num[24];

	*k = 1;
	if (!at)
		return parse_uint(env, UINT_MAX, n) && *n;
	if ((size_t)(at - env) >= sizeof(num))
		return false;
	memcpy(num, env, at - env);
	num[at - env] = '\0';
	return parse_uint(num, UINT_MAX, n) && *n &&
	       parse_uint(at + 1, UINT_MAX, k) && *k;
}

/* Arms fail-nth for the chosen request; 0, or -1 with a message. */
/*
 * For testers: XSWCTL_KILL_AT=K kills this process (SIGKILL, as an
 * operator's kill -9 or the OOM killer would) right before the K-th call
 * it makes to the kernel, a batch counting as one: a migration killed at
 * each of its steps in turn.  See Documentation/testing.rst.
 */
static void xnl_kill_point(void)
{
	static unsigned long calls;
	const char *env = getenv("XSWCTL_KILL_AT");
	char *end;

	if (!env)
		return;
	if (strtoul(env, &end, 10) != ++calls || *end)
		return;
	fprintf(stderr, "xswctl: XSWCTL_KILL_AT: killed before call %lu\n",
		calls);
	raise(SIGKILL);
}

static int xnl_fail_arm(struct xnl_fail *f)
{
	const char *env = getenv("XSWCTL_FAIL_NTH");
	unsigned long k;
	char num[24];
	unsigned int i;
	int len;

	f->fd = -1;
	xnl_kill_point();
	if (!env)
		return 0;
	if (!xnl_fail_parse(env, &f->n, &k)) {
		fprintf(stderr, "xswctl: XSWCTL_FAIL_NTH \"%s\" is not N or N@K, numbers from 1\n",
			env);
		return -1;
	}
	if (++xnl_requests != k)
		return 0;
	for (i = 0; i < MNL_ARRAY_SIZE(fail_nth_files) && f->fd < 0; i++) {
		f->path = fail_nth_files[i];
		f->fd = open(f->path, O_RDWR | O_CLOEXEC);
	}
	if (f->fd < 0) {
		fprintf(stderr, "xswctl: XSWCTL_FAIL_NTH: neither %s nor %s can be armed\n",
			fail_nth_files[0], fail_nth_files[1]);
		return -1;
	}
	len = snprintf(num, sizeof(num), "%lu", f->n);
	if (pwrite(f->fd, num, len, 0) != len) {
		fprintf(stderr, "xswctl: XSWCTL_FAIL_NTH: writing %s: %s\n",
			f->path, strerror(errno));
		close(f->fd);
		f->fd = -1;
		return -1;
	}
	return 0;
}

/* Reads the count back, disarms, and says whether the fault was injected. */
static void xnl_fail_report(struct xnl_fail *f)
{
	char num[24];
	ssize_t len;
	bool injected;

	if (f->fd < 0)
		return;
	len = pread(f->fd, num, sizeof(num) - 1, 0);
	num[len > 0 ? len : 0] = '\0';
	injected = len > 0 && strtoul(num, NULL, 10) == 0;
	if (pwrite(f->fd, "0", 1, 0) != 1 && !injected)
		fprintf(stderr, "xswctl: XSWCTL_FAIL_NTH: disarming %s: %s\n",
			f->path, strerror(errno));
	close(f->fd);
	f->fd = -1;
	fprintf(stderr, "xswctl: fail-nth %lu (%s): %s\n", f->n, f->path,
		len <= 0 ? "unknown" : injected ? "injected" : "not injected");
}

/*
 * Says why the answers to a request, or the events, stopped coming.  The
 * kernel reports ENOBUFS on the socket when it could not queue or even
 * allocate a message for it: a request's answer (the ACK of a request
 * that was carried out, say) or events.
 */
static void xnl_recv_failed(const struct xnl *nl, bool events)
{
	int err = nl->recv_err;

	if (!err)
		return;
	if (err == ENOBUFS && events)
		fprintf(stderr, "Error: events were lost (%s)\n", strerror(err));
	else if (err == ENOBUFS)
		fprintf(stderr, "Error: the kernel's answer was lost (%s): %s\n",
			strerror(err), "the request may have been carried out");
	else
		fprintf(stderr, "xswctl: receiving from the kernel: %s\n",
			strerror(err));
}

/* Sends @nlh to the family @type, as the request its replies answer. */
static int xnl_send(struct xnl *nl, struct nlmsghdr *nlh, uint16_t type)
{
	nlh->nlmsg_type = type;
	nlh->nlmsg_seq = ++nl->seq;
	nl->req = nlh;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	return 0;
}

int xnl_talk(struct xnl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	struct xnl_fail fail;
	int err;

	if (xnl_fail_arm(&fail))
		return -EINVAL;
	nl->recv_err = 0;
	/* A quiet rollback must not lose the refusal it follows. */
	if (!nl->quiet)
		xnl_last[0] = 0;
	err = xnl_send(nl, nlh, nl->family);
	if (err)
		perror("xswctl: sending to the kernel");
	else
		err = xnl_run(nl, nlh->nlmsg_seq, cb, data);
	if (err)
		xnl_recv_failed(nl, false);
	xnl_fail_report(&fail);
	nl->req = NULL;
	return err;
}

/* The request of a batch numbered @seq, to name what its refusal blames. */
static const struct nlmsghdr *xnl_batch_req(const char *batch, size_t size,
					    uint32_t seq)
{
	const struct nlmsghdr *nlh = (const void *)batch;
	int len = size;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len))
		if (nlh->nlmsg_seq == seq)
			return nlh;
	return NULL;
}

/*
 * The answers to a batch of the requests @first to @last, until the
 * last one's: 0, or the first refusal's (negative) errno.  The kernel
 * has taken the whole batch by the time sendmsg() returns, so when it
 * could not queue some answers (ENOBUFS, which the socket reports before
 * the answers it did queue) the rest are all there: they are read
 * without waiting, for a refusal among them, and so that the socket's
 * next exchange does not read them for its own.
 */
static int xnl_batch_answers(struct xnl *nl, const char *batch, size_t size,
			     uint32_t first, uint32_t last)
{
	struct xnl_run_ctx ctx = { .nl = nl };
	int fd = mnl_socket_get_fd(nl->sock);
	const struct nlmsgerr *e;
	const struct nlmsghdr *nlh;
	bool lost = false;
	int len, err = 0;

	for (;;) {
		len = recv(fd, nl->buf, XNL_BUF_SIZE, lost ? MSG_DONTWAIT : 0);
		if (len < 0 && errno == ENOBUFS && !lost) {
			lost = true;
			continue;
		}
		if (len < 0 && lost) {
			nl->recv_err = err ? 0 : ENOBUFS;
			return err ?: -ENOBUFS;
		}
		if (len < 0) {
			nl->recv_err = errno;
			return -errno;
		}
		for (nlh = (const void *)nl->buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_type != NLMSG_ERROR ||
			    nlh->nlmsg_seq - first > last - first)
				continue;
			e = mnl_nlmsg_get_payload(nlh);
			if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e))
				return -EBADMSG;
			if (e->error && !err) {
				nl->req = xnl_batch_req(batch, size, nlh->nlmsg_seq);
				xnl_error_cb(nlh, &ctx);
				err = e->error;
			}
			if (nlh->nlmsg_seq == last && (err || !lost))
				return err;
		}
	}
}

/* Sends the @size bytes of requests at @batch and reads their answers. */
static int xnl_batch_send(struct xnl *nl, const char *batch, size_t size,
			  uint32_t first)
{
	struct xnl_fail fail;
	int err;

	if (xnl_fail_arm(&fail))
		return -EINVAL;
	nl->recv_err = 0;
	err = mnl_socket_sendto(nl->sock, batch, size) < 0 ? -errno : 0;
	if (err)
		perror("xswctl: sending to the kernel");
	else
		err = xnl_batch_answers(nl, batch, size, first, nl->seq);
	if (err)
		xnl_recv_failed(nl, false);
	xnl_fail_report(&fail);
	nl->req = NULL;
	return err;
}

int xnl_batch_talk(struct xnl *nl, uint8_t cmd, xnl_put_t put, void *data)
{
	/* A batch passes XNL_BATCH_SIZE by one request at most; aligned. */
	static uint64_t words[(XNL_BATCH_SIZE + XNL_REQ_SIZE) / 8 + 1];
	char *batch = (char *)words;
	struct nlmsghdr *nlh, *last = NULL;
	uint32_t first = nl->seq + 1;
	unsigned int n = 0;
	size_t size = 0;
	int r, err = 0;

	if (!nl->quiet)
		xnl_last[0] = 0;
	do {
		nlh = xnl_msg(batch + size, cmd, 0);
		nlh->nlmsg_flags &= ~NLM_F_ACK;
		r = put(nlh, data);
		if (r < 0)
			return -EINVAL;
		if (!r) {
			nlh->nlmsg_type = nl->family;
			nlh->nlmsg_seq = ++nl->seq;
			size += NLMSG_ALIGN(nlh->nlmsg_len);
			last = nlh;
			n++;
		}
		if (last && (r || size >= XNL_BATCH_SIZE || n == XNL_BATCH_MAX)) {
			last->nlmsg_flags |= NLM_F_ACK;
			err = xnl_batch_send(nl, batch, size, first);
			first = nl->seq + 1;
			size = 0;
			n = 0;
			last = NULL;
		}
	} while (!r && !err);
	return err;
}

/*
 * Starts a request in @buf, which is at least XNL_REQ_SIZE bytes (the
 * bound its attributes are written against); xnl_talk addresses it.
 */
struct nlmsghdr *xnl_msg(void *buf, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = XSWITCH_FAMILY_VERSION;
	return nlh;
}

/* Turns the request @nlh into a dump with the command @cmd. */
void xnl_msg_dump(struct nlmsghdr *nlh, uint8_t cmd)
{
	struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);

	nlh->nlmsg_flags |= NLM_F_DUMP;
	genl->cmd = cmd;
}

static int xnl_group_attr(const struct nlattr *attr, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = {};
	const struct nlattr *a;
	struct xnl *nl = data;

	mnl_attr_for_each_nested(a, attr)
		if (mnl_attr_get_type(a) <= CTRL_ATTR_MCAST_GRP_MAX)
			tb[mnl_attr_get_type(a)] = a;
	if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
	    !mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_NAME],
			       MNL_TYPE_NUL_STRING) &&
	    !mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_ID], MNL_TYPE_U32) &&
	    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
		    XSWITCH_MCGRP_EVENTS))
		nl->events_group = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	return MNL_CB_OK;
}

static int xnl_family_attr(const struct nlattr *attr, void *data)
{
	struct xnl *nl = data;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
			nl->family = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_MCAST_GROUPS:
		if (mnl_attr_validate(attr, MNL_TYPE_NESTED) == 0)
			mnl_attr_parse_nested(attr, xnl_group_attr, nl);
		break;
	}
	return MNL_CB_OK;
}

static int xnl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), xnl_family_attr,
			      data);
}

static int xnl_resolve(struct xnl *nl)
{
	char buf[MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN) + MNL_ATTR_HDRLEN +
		 MNL_ALIGN(GENL_NAMSIZ)];
	struct nlmsghdr *nlh;
	int err;

	nlh = xnl_msg(buf, CTRL_CMD_GETFAMILY, 0);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->version = 1;
	if (!mnl_attr_put_strz_check(nlh, sizeof(buf), CTRL_ATTR_FAMILY_NAME,
				     XSWITCH_FAMILY_NAME))
		return -EMSGSIZE;
	err = xnl_send(nl, nlh, GENL_ID_CTRL);
	if (err)
		return err;
	/* Quietly: a missing family gets its own message below. */
	err = mnl_socket_recvfrom(nl->sock, nl->buf, XNL_BUF_SIZE);
	if (err < 0)
		return -errno;
	err = mnl_cb_run(nl->buf, err, nlh->nlmsg_seq, nl->portid,
			 xnl_family_cb, nl);
	if (err < 0)
		return -errno;
	if (!nl->family)
		return -ENOENT;
	/* Collect the ACK that follows the reply. */
	err = xnl_run(nl, nlh->nlmsg_seq, NULL, NULL);
	nl->req = NULL;
	return err;
}

int xnl_open(struct xnl *nl)
{
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->buf = malloc(XNL_BUF_SIZE);
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
	nl->req = NULL;
}

/* The shared connection, opened on first use, speaking about @obj. */
struct xnl *xnl_get(const struct object *obj)
{
	if (!xnl_shared_open) {
		if (xnl_open(&xnl_shared))
			return NULL;
		xnl_shared_open = true;
	}
	xnl_shared.obj = obj;
	return &xnl_shared;
}

void xnl_put(void)
{
	if (xnl_shared_open)
		xnl_close(&xnl_shared);
	xnl_shared_open = false;
}

/*
 * A listener that falls behind a burst of steps loses events: give it
 * room for many (SO_RCVBUFFORCE needs CAP_NET_ADMIN; else what
 * net.core.rmem_max allows).
 */
static void xnl_big_rcvbuf(struct xnl *nl)
{
	int fd = mnl_socket_get_fd(nl->sock), size = 16 << 20;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
}

/* Joins the events group and runs @cb on each event until it stops. */
int xnl_listen(struct xnl *nl, mnl_cb_t cb, void *data)
{
	int group = nl->events_group, err;

	if (!group) {
		fprintf(stderr, "Error: the family has no \"%s\" group\n",
			XSWITCH_MCGRP_EVENTS);
		return -ENOENT;
	}
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0) {
		perror("xswctl: joining the events group");
		return -errno;
	}
	xnl_big_rcvbuf(nl);
	/* After an overrun the sequence numbers show which; say it, go on. */
	while ((err = xnl_run(nl, 0, cb, data)) == -ENOBUFS)
		xnl_recv_failed(nl, true);
	if (err)
		xnl_recv_failed(nl, true);
	return err;
}
