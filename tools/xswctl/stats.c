// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl port stats: each port's traffic counters and its drops by
 * reason, from port-get (one port) or its dump (every port of a switch).
 */
#include <assert.h>
#include <string.h>

#include "obj.h"
#include "out.h"
#include "stats.h"
#include "xswctl.h"

/* The spec's drop-reason names; the JSON keys of "drops". */
static const char *const drop_reasons[] = {
	[XSWITCH_DROP_REASON_NO_DEST] = "no-dest",
	[XSWITCH_DROP_REASON_EXCLUDED] = "excluded",
	[XSWITCH_DROP_REASON_VLAN] = "vlan",
	[XSWITCH_DROP_REASON_MAC_SPOOF] = "mac-spoof",
	[XSWITCH_DROP_REASON_FILTER] = "filter",
	[XSWITCH_DROP_REASON_DEV_DOWN] = "dev-down",
	[XSWITCH_DROP_REASON_NOT_READY] = "not-ready",
	[XSWITCH_DROP_REASON_NOMEM] = "nomem",
	[XSWITCH_DROP_REASON_LOOP] = "loop",
	[XSWITCH_DROP_REASON_MTU] = "mtu",
};

/* Built against a newer uAPI, xswctl names its reasons too. */
static_assert(MNL_ARRAY_SIZE(drop_reasons) == XSWITCH_DROP_REASON_MAX + 1,
	      "a name for every drop reason");

#define DROP_REASON_LAST XSWITCH_DROP_REASON_MAX

/* The four counters, by attribute: their JSON keys. */
static const char *const counter_names[] = {
	[XSWITCH_A_PORT_STATS_RX_PACKETS] = "rx-packets",
	[XSWITCH_A_PORT_STATS_RX_BYTES] = "rx-bytes",
	[XSWITCH_A_PORT_STATS_TX_PACKETS] = "tx-packets",
	[XSWITCH_A_PORT_STATS_TX_BYTES] = "tx-bytes",
};

/* One reply being read. */
struct stats_rd {
	struct port_stats *s;
	char *why;
	size_t whylen;
};

/* Says why the reply is refused: -1.  A macro so the format is checked. */
#define bad(rd, ...) ({							\
	struct stats_rd *_rd = (rd);					\
									\
	snprintf(_rd->why, _rd->whylen, __VA_ARGS__);			\
	-1;								\
})

/* The attributes of @nest (ending at @pos) fill it exactly. */
static bool nest_whole(const struct nlattr *nest, const struct nlattr *pos)
{
	return (const char *)pos == (const char *)mnl_attr_get_payload(nest) +
				    mnl_attr_get_payload_len(nest);
}

static bool sized(const struct nlattr *a, uint16_t len)
{
	return a && mnl_attr_get_payload_len(a) == len;
}

/* A NUL-terminated string of at most @size bytes, the NUL included. */
static int read_str(struct stats_rd *rd, const struct nlattr *a, char *buf,
		    size_t size, const char *what)
{
	size_t len = mnl_attr_get_payload_len(a);

	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0 || len > size)
		return bad(rd, "the %s is not a string of at most %zu bytes",
			   what, size - 1);
	memcpy(buf, mnl_attr_get_payload(a), len);
	return 0;
}

/* Keeps one reason's count, in ascending order of reason. */
static int add_drop(struct stats_rd *rd, unsigned int reason,
		    unsigned long long packets)
{
	struct port_stats *s = rd->s;
	unsigned int i = 0;

	while (i < s->ndrops && s->drops[i].reason < reason)
		i++;
	if (i < s->ndrops && s->drops[i].reason == reason)
		return bad(rd, "drop reason %u comes twice", reason);
	if (s->ndrops == STATS_REASONS_MAX)
		return bad(rd, "more than %d drop reasons", STATS_REASONS_MAX);
	memmove(&s->drops[i + 1], &s->drops[i],
		(s->ndrops - i) * sizeof(s->drops[0]));
	s->drops[i].reason = reason;
	s->drops[i].packets = packets;
	s->ndrops++;
	return 0;
}

static int read_drop(struct stats_rd *rd, const struct nlattr *nest)
{
	const struct nlattr *a, *reason = NULL, *packets = NULL;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case XSWITCH_A_DROP_REASON:
			if (reason)
				return bad(rd, "a drop has two reasons");
			reason = a;
			break;
		case XSWITCH_A_DROP_PACKETS:
			if (packets)
				return bad(rd, "a drop has two counts");
			packets = a;
			break;
		}
	}
	if (!nest_whole(nest, a))
		return bad(rd, "a drop ends in the middle of an attribute");
	if (!sized(reason, sizeof(uint32_t)) || !sized(packets, sizeof(uint64_t)))
		return bad(rd, "a drop lacks a reason of 4 bytes or a count of 8");
	return add_drop(rd, mnl_attr_get_u32(reason), mnl_attr_get_u64(packets));
}

static int read_stats(struct stats_rd *rd, const struct nlattr *nest)
{
	const struct nlattr *tb[XSWITCH_A_PORT_STATS_TX_BYTES + 1] = {}, *a;
	struct port_stats *s = rd->s;
	unsigned long long *const counters[] = {
		[XSWITCH_A_PORT_STATS_RX_PACKETS] = &s->rx_packets,
		[XSWITCH_A_PORT_STATS_RX_BYTES] = &s->rx_bytes,
		[XSWITCH_A_PORT_STATS_TX_PACKETS] = &s->tx_packets,
		[XSWITCH_A_PORT_STATS_TX_BYTES] = &s->tx_bytes,
	};
	unsigned int t;

	mnl_attr_for_each_nested(a, nest) {
		t = mnl_attr_get_type(a);
		if (t == XSWITCH_A_PORT_STATS_DROP) {
			if (read_drop(rd, a))
				return -1;
			continue;
		}
		if (t >= MNL_ARRAY_SIZE(tb) || !counter_names[t])
			continue;
		if (tb[t])
			return bad(rd, "%s comes twice", counter_names[t]);
		tb[t] = a;
	}
	if (!nest_whole(nest, a))
		return bad(rd, "the counters end in the middle of an attribute");
	for (t = 0; t < MNL_ARRAY_SIZE(tb); t++) {
		if (!counter_names[t])
			continue;
		if (!sized(tb[t], sizeof(uint64_t)))
			return bad(rd, "%s is missing or not 8 bytes",
				   counter_names[t]);
		*counters[t] = mnl_attr_get_u64(tb[t]);
	}
	return 0;
}

static int read_reply(struct stats_rd *rd, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[XSWITCH_A_PORT_MAX + 1] = {}, *a;
	struct port_stats *s = rd->s;
	unsigned int t;

	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return bad(rd, "a reply shorter than its header");
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		t = mnl_attr_get_type(a);
		if (t >= MNL_ARRAY_SIZE(tb))
			continue;
		if (tb[t])
			return bad(rd, "attribute %u comes twice", t);
		tb[t] = a;
	}
	if ((const char *)a != (const char *)mnl_nlmsg_get_payload_tail(nlh))
		return bad(rd, "a reply ends in the middle of an attribute");
	if (!sized(tb[XSWITCH_A_PORT_ID], sizeof(uint32_t)) ||
	    !mnl_attr_get_u32(tb[XSWITCH_A_PORT_ID]))
		return bad(rd, "a reply without a port id of 4 bytes");
	s->port = mnl_attr_get_u32(tb[XSWITCH_A_PORT_ID]);
	if (!tb[XSWITCH_A_PORT_SWITCH])
		return bad(rd, "no switch name");
	if (read_str(rd, tb[XSWITCH_A_PORT_SWITCH], s->sw, sizeof(s->sw),
		     "switch name") ||
	    (tb[XSWITCH_A_PORT_NAME] &&
	     read_str(rd, tb[XSWITCH_A_PORT_NAME], s->name, sizeof(s->name),
		      "port name")))
		return -1;
	if (!tb[XSWITCH_A_PORT_STATS])
		return bad(rd, "no counters (is xswitch.ko older than xswctl?)");
	return read_stats(rd, tb[XSWITCH_A_PORT_STATS]);
}

int stats_parse(const struct nlmsghdr *nlh, struct port_stats *s, char *why,
		size_t whylen)
{
	struct stats_rd rd = { .s = s, .why = why, .whylen = whylen };
	size_t len, n;
	char port[24];

	memset(s, 0, sizeof(*s));
	if (!read_reply(&rd, nlh))
		return 0;
	/* Which port, once its id was read, if it fits. */
	n = snprintf(port, sizeof(port), "port %u: ", s->port);
	len = strlen(why);
	if (s->port && n + len < whylen) {
		memmove(why + n, why, len + 1);
		memcpy(why, port, n);
	}
	return -1;
}

/* The count of @reason, 0 if the reply had none. */
static unsigned long long drop_count(const struct port_stats *s,
				     unsigned int reason)
{
	unsigned int i;

	for (i = 0; i < s->ndrops; i++)
		if (s->drops[i].reason == reason)
			return s->drops[i].packets;
	return 0;
}

static bool reason_known(unsigned int reason)
{
	return reason && reason <= DROP_REASON_LAST;
}

/* One reason, as a JSON member or as "name count" on the drops line. */
static void print_drop(FILE *f, bool json, bool first, unsigned int reason,
		       unsigned long long packets)
{
	char name[24];

	if (reason_known(reason))
		snprintf(name, sizeof(name), "%s", drop_reasons[reason]);
	else
		snprintf(name, sizeof(name), "reason-%u", reason);
	if (json)
		fprintf(f, "%s\"%s\":%llu", first ? "" : ",", name, packets);
	else
		fprintf(f, "%s %s %llu", first ? "    drops:" : "", name,
			packets);
}

/* Every known reason in the spec's order, then the others the reply had. */
static void print_drops(FILE *f, const struct port_stats *s, bool json,
			bool all)
{
	unsigned int i, r, shown = 0;
	unsigned long long packets;

	for (r = 1; r <= DROP_REASON_LAST; r++) {
		packets = drop_count(s, r);
		if (packets || all || json)
			print_drop(f, json, !shown++, r, packets);
	}
	for (i = 0; i < s->ndrops; i++)
		if (!reason_known(s->drops[i].reason) &&
		    (s->drops[i].packets || all || json))
			print_drop(f, json, !shown++, s->drops[i].reason,
				   s->drops[i].packets);
	if (shown && !json)
		fputc('\n', f);
}

static void print_json(FILE *f, const struct port_stats *s)
{
	const unsigned long long counters[] = {
		[XSWITCH_A_PORT_STATS_RX_PACKETS] = s->rx_packets,
		[XSWITCH_A_PORT_STATS_RX_BYTES] = s->rx_bytes,
		[XSWITCH_A_PORT_STATS_TX_PACKETS] = s->tx_packets,
		[XSWITCH_A_PORT_STATS_TX_BYTES] = s->tx_bytes,
	};
	unsigned int t;

	fputs("{\"switch\":", f);
	out_json_string(f, s->sw);
	fprintf(f, ",\"port\":%u", s->port);
	for (t = 0; t < MNL_ARRAY_SIZE(counters); t++)
		if (counter_names[t])
			fprintf(f, ",\"%s\":%llu", counter_names[t],
				counters[t]);
	fputs(",\"drops\":{", f);
	print_drops(f, s, true, true);
	fputs("}}", f);
}

static int digits(unsigned long long v)
{
	return snprintf(NULL, 0, "%llu", v);
}

static int widest(int least, unsigned long long a, unsigned long long b)
{
	int w = digits(a) > digits(b) ? digits(a) : digits(b);

	return w > least ? w : least;
}

/* As ip -s link: a line of headings and one of numbers, RX then TX. */
static void print_text(FILE *f, const struct port_stats *s, bool all)
{
	int wb = widest(strlen("bytes"), s->rx_bytes, s->tx_bytes);
	int wp = widest(strlen("packets"), s->rx_packets, s->tx_packets);

	fprintf(f, "switch %s port %u", s->sw, s->port);
	if (*s->name)
		fprintf(f, " name %s", s->name);
	fprintf(f, "\n    RX: %*s %*s\n", wb, "bytes", wp, "packets");
	fprintf(f, "        %*llu %*llu\n", wb, s->rx_bytes, wp,
		s->rx_packets);
	fprintf(f, "    TX: %*s %*s\n", wb, "bytes", wp, "packets");
	fprintf(f, "        %*llu %*llu\n", wb, s->tx_bytes, wp,
		s->tx_packets);
	print_drops(f, s, false, all);
}

void stats_print_start(FILE *f, bool json)
{
	if (json)
		fputc('[', f);
}

void stats_print(FILE *f, const struct port_stats *s, bool json, bool all,
		 unsigned int row)
{
	if (json && row)
		fputc(',', f);
	if (json)
		print_json(f, s);
	else
		print_text(f, s, all);
}

void stats_print_end(FILE *f, bool json)
{
	if (json)
		fputs("]\n", f);
}

struct stats_rx {
	unsigned int rows;
	bool bad;
};

/* Each port as it comes; a malformed reply is said and skipped. */
static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	struct stats_rx *rx = data;
	struct port_stats s;
	char why[160];

	if (stats_parse(nlh, &s, why, sizeof(why))) {
		fprintf(stderr, "xswctl: port stats: the kernel's reply is malformed: %s\n",
			why);
		rx->bad = true;
		return MNL_CB_OK;
	}
	stats_print(stdout, &s, xswctl.json, xswctl.details, rx->rows++);
	return MNL_CB_OK;
}

int port_stats_run(const struct nlmsghdr *args)
{
	static char buf[XNL_REQ_SIZE];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct stats_rx rx = {};
	struct xnl *nl;
	int err;

	/* The engine's request, a get or a dump, is sent as it is. */
	memcpy(buf, args, args->nlmsg_len);
	nl = xnl_get(&port_object);
	if (!nl)
		return XSWCTL_EXIT_FAILURE;
	stats_print_start(stdout, xswctl.json);
	err = xnl_talk(nl, nlh, stats_cb, &rx);
	stats_print_end(stdout, xswctl.json);
	return err || rx.bad ? XSWCTL_EXIT_FAILURE : 0;
}
