// SPDX-License-Identifier: GPL-2.0
/*
 * port stats: port-get replies built here, as the kernel (or a newer or
 * hostile one) could send them, read and printed byte for byte; every
 * malformed one refused with its reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/xswitch.h>

#include "../stats.h"
#include "../xswctl.h"
#include "check.h"

struct xswctl xswctl;

#define BUF_SIZE 8192

/* What a reply is built with; each twist spoils it in one way. */
enum twist {
	T_NONE,
	T_NO_DROPS,		/* no drop nest: every reason counts 0 */
	T_SHORT_COUNTER,	/* rx-bytes of 4 bytes */
	T_NO_COUNTER,		/* tx-bytes missing */
	T_COUNTER_TWICE,	/* rx-packets twice */
	T_LONG_REASON,		/* a reason of 8 bytes */
	T_NO_PACKETS,		/* a drop without its count */
	T_REASON_TWICE,		/* no-dest in two drops */
	T_NO_STATS,		/* an older kernel: no counters at all */
	T_NO_PORT,		/* no port id */
	T_LONG_SWITCH,		/* a switch name of 16 bytes */
	T_UNTERMINATED,		/* a port name without its NUL */
	T_CUT_NEST,		/* the counters' last attribute overruns them */
	T_CUT_DROP,		/* a drop's last attribute overruns it */
	T_REASONS_FULL,		/* 64 distinct reasons: kept */
	T_REASONS_OVER,		/* 65: refused */
};

static void put_drop(struct nlmsghdr *nlh, uint32_t reason, uint64_t packets,
		     enum twist twist)
{
	struct nlattr *d = mnl_attr_nest_start(nlh, XSWITCH_A_PORT_STATS_DROP);

	if (twist == T_LONG_REASON && reason == XSWITCH_DROP_REASON_VLAN)
		mnl_attr_put_u64(nlh, XSWITCH_A_DROP_REASON, reason);
	else
		mnl_attr_put_u32(nlh, XSWITCH_A_DROP_REASON, reason);
	/* Where nla_put_u64_64bit() aligns, and what a newer kernel adds. */
	mnl_attr_put(nlh, XSWITCH_A_DROP_PAD, 0, NULL);
	mnl_attr_put_u32(nlh, XSWITCH_A_DROP_PAD + 7, 0xdead);
	if (twist != T_NO_PACKETS || reason != XSWITCH_DROP_REASON_VLAN)
		mnl_attr_put_u64(nlh, XSWITCH_A_DROP_PACKETS, packets);
	if (twist == T_CUT_DROP && reason == XSWITCH_DROP_REASON_VLAN)
		((struct nlattr *)((char *)mnl_nlmsg_get_payload_tail(nlh) - 12))->nla_len += 8;
	mnl_attr_nest_end(nlh, d);
}

static void put_drops(struct nlmsghdr *nlh, enum twist twist)
{
	uint32_t r;

	if (twist == T_NO_DROPS)
		return;
	if (twist == T_REASONS_FULL || twist == T_REASONS_OVER) {
		for (r = 1; r <= (twist == T_REASONS_FULL ? 64U : 65U); r++)
			put_drop(nlh, r, 0, twist);
		return;
	}
	/* Out of order, one from a newer kernel, one counting 0. */
	put_drop(nlh, XSWITCH_DROP_REASON_MAC_SPOOF, 2, twist);
	put_drop(nlh, 42, 7, twist);
	put_drop(nlh, XSWITCH_DROP_REASON_NO_DEST, 3, twist);
	put_drop(nlh, XSWITCH_DROP_REASON_VLAN, 0, twist);
	if (twist == T_REASON_TWICE)
		put_drop(nlh, XSWITCH_DROP_REASON_NO_DEST, 1, twist);
}

static void put_stats(struct nlmsghdr *nlh, enum twist twist)
{
	struct nlattr *st = mnl_attr_nest_start(nlh, XSWITCH_A_PORT_STATS);

	mnl_attr_put(nlh, XSWITCH_A_PORT_STATS_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, XSWITCH_A_PORT_STATS_RX_PACKETS, 10);
	if (twist == T_COUNTER_TWICE)
		mnl_attr_put_u64(nlh, XSWITCH_A_PORT_STATS_RX_PACKETS, 11);
	if (twist == T_SHORT_COUNTER)
		mnl_attr_put_u32(nlh, XSWITCH_A_PORT_STATS_RX_BYTES, 1500);
	else
		mnl_attr_put_u64(nlh, XSWITCH_A_PORT_STATS_RX_BYTES, 1500);
	mnl_attr_put_u64(nlh, XSWITCH_A_PORT_STATS_TX_PACKETS, 20);
	put_drops(nlh, twist);
	mnl_attr_put_u64(nlh, XSWITCH_A_PORT_STATS_MAX + 3, 99);
	if (twist != T_NO_COUNTER)
		mnl_attr_put_u64(nlh, XSWITCH_A_PORT_STATS_TX_BYTES,
				 12345678901234567890ULL);
	mnl_attr_nest_end(nlh, st);
	if (twist == T_CUT_NEST)
		/* The last counter's length now reaches past the nest. */
		((struct nlattr *)((char *)mnl_nlmsg_get_payload_tail(nlh) - 12))->nla_len += 8;
}

static struct nlmsghdr *reply(char *buf, enum twist twist)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = 0x20;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = XSWITCH_CMD_PORT_GET;
	if (twist == T_LONG_SWITCH)
		mnl_attr_put_strz(nlh, XSWITCH_A_PORT_SWITCH, "0123456789abcdef");
	else
		mnl_attr_put_strz(nlh, XSWITCH_A_PORT_SWITCH, "sw0");
	if (twist != T_NO_PORT)
		mnl_attr_put_u32(nlh, XSWITCH_A_PORT_ID, 2);
	if (twist == T_UNTERMINATED)
		mnl_attr_put(nlh, XSWITCH_A_PORT_NAME, 3, "vm1");
	else
		mnl_attr_put_strz(nlh, XSWITCH_A_PORT_NAME, "vm1");
	mnl_attr_put_u32(nlh, XSWITCH_A_PORT_TYPE, XSWITCH_PORT_TYPE_SYNTHETIC);
	/* A newer kernel's attribute, before and after the counters. */
	mnl_attr_put_u32(nlh, XSWITCH_A_PORT_MAX + 1, 1);
	if (twist != T_NO_STATS)
		put_stats(nlh, twist);
	mnl_attr_put_strz(nlh, XSWITCH_A_PORT_MAX + 9, "later");
	return nlh;
}

/* What @twist's reply prints: JSON, or text with or without -d. */
static char *render(enum twist twist, bool json, bool all, unsigned int rows)
{
	static char buf[BUF_SIZE];
	struct port_stats s;
	char *out = NULL, why[160];
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	unsigned int i;

	if (stats_parse(reply(buf, twist), &s, why, sizeof(why))) {
		fprintf(stderr, "FAIL: twist %d refused: %s\n", twist, why);
		fails++;
	}
	stats_print_start(f, json);
	for (i = 0; i < rows; i++)
		stats_print(f, &s, json, all, i);
	stats_print_end(f, json);
	fclose(f);
	return out;
}

static void expect_output(enum twist twist, bool json, bool all,
			  unsigned int rows, const char *want)
{
	char *got = render(twist, json, all, rows);

	if (strcmp(got, want)) {
		fprintf(stderr, "FAIL: twist %d %s%s:\n got: %s\nwant: %s\n", twist,
			json ? "json" : "text", all ? " -d" : "", got, want);
		fails++;
	}
	free(got);
}

static void expect_refused(enum twist twist, const char *want)
{
	static char buf[BUF_SIZE];
	struct port_stats s;
	char why[160] = "";

	if (!stats_parse(reply(buf, twist), &s, why, sizeof(why)) ||
	    strcmp(why, want)) {
		fprintf(stderr, "FAIL: twist %d:\n got: %s\nwant: %s\n", twist,
			why, want);
		fails++;
	}
}

/* The pieces of an expected output, joined. */
static const char *join(char *buf, size_t size, const char *const *parts)
{
	size_t len = 0;

	*buf = '\0';
	for (; *parts; parts++)
		len += snprintf(buf + len, size - len, "%s", *parts);
	return buf;
}

static const char *const json_one[] = {
	"{\"switch\":\"sw0\",\"port\":2,\"rx-packets\":10,\"rx-bytes\":1500,",
	"\"tx-packets\":20,\"tx-bytes\":12345678901234567890,\"drops\":{",
	"\"no-dest\":3,\"excluded\":0,\"vlan\":0,\"mac-spoof\":2,\"filter\":0,",
	"\"dev-down\":0,\"not-ready\":0,\"nomem\":0,\"loop\":0,\"mtu\":0,",
	"\"reason-42\":7}}",
	NULL
};

static const char *const json_no_drops[] = {
	"[{\"switch\":\"sw0\",\"port\":2,\"rx-packets\":10,\"rx-bytes\":1500,",
	"\"tx-packets\":20,\"tx-bytes\":12345678901234567890,\"drops\":{",
	"\"no-dest\":0,\"excluded\":0,\"vlan\":0,\"mac-spoof\":0,\"filter\":0,",
	"\"dev-down\":0,\"not-ready\":0,\"nomem\":0,\"loop\":0,\"mtu\":0}}]\n",
	NULL
};

static const char *const drops_all[] = {
	"    drops: no-dest 3 excluded 0 vlan 0 mac-spoof 2 filter 0",
	" dev-down 0 not-ready 0 nomem 0 loop 0 mtu 0 reason-42 7\n",
	NULL
};

static const char text_head[] =
	"switch sw0 port 2 name vm1\n"
	"    RX:                bytes packets\n"
	"                        1500      10\n"
	"    TX:                bytes packets\n"
	"        12345678901234567890      20\n";

static void test_print(void)
{
	char want[2560], one[1024], piece[256];

	join(one, sizeof(one), json_one);
	snprintf(want, sizeof(want), "[%s]\n", one);
	expect_output(T_NONE, true, false, 1, want);
	/* -d changes nothing in JSON, which has every reason. */
	expect_output(T_NONE, true, true, 1, want);
	snprintf(want, sizeof(want), "[%s,%s]\n", one, one);
	expect_output(T_NONE, true, false, 2, want);
	expect_output(T_NONE, true, false, 0, "[]\n");
	expect_output(T_NONE, false, false, 0, "");
	expect_output(T_NO_DROPS, true, false, 1,
		      join(want, sizeof(want), json_no_drops));
	/* Text: the non-zero reasons, in the spec's order, then the others. */
	snprintf(want, sizeof(want), "%s%s", text_head,
		 "    drops: no-dest 3 mac-spoof 2 reason-42 7\n");
	expect_output(T_NONE, false, false, 1, want);
	snprintf(want, sizeof(want), "%s%s", text_head,
		 join(piece, sizeof(piece), drops_all));
	expect_output(T_NONE, false, true, 1, want);
	/* No drop at all: no drops line. */
	expect_output(T_NO_DROPS, false, false, 1, text_head);
}

static void test_parse(void)
{
	static char buf[BUF_SIZE];
	struct port_stats s;
	char why[160];

	CHECK(!stats_parse(reply(buf, T_NONE), &s, why, sizeof(why)));
	CHECK(s.port == 2 && !strcmp(s.sw, "sw0") && !strcmp(s.name, "vm1"));
	CHECK(s.ndrops == 4 && s.drops[0].reason == XSWITCH_DROP_REASON_NO_DEST &&
	      s.drops[3].reason == 42 && s.drops[3].packets == 7);
	CHECK(!stats_parse(reply(buf, T_REASONS_FULL), &s, why, sizeof(why)));
	CHECK(s.ndrops == STATS_REASONS_MAX);
	expect_refused(T_SHORT_COUNTER, "port 2: rx-bytes is missing or not 8 bytes");
	expect_refused(T_NO_COUNTER, "port 2: tx-bytes is missing or not 8 bytes");
	expect_refused(T_COUNTER_TWICE, "port 2: rx-packets comes twice");
	expect_refused(T_LONG_REASON,
		       "port 2: a drop lacks a reason of 4 bytes or a count of 8");
	expect_refused(T_NO_PACKETS,
		       "port 2: a drop lacks a reason of 4 bytes or a count of 8");
	expect_refused(T_REASON_TWICE, "port 2: drop reason 1 comes twice");
	expect_refused(T_NO_STATS,
		       "port 2: no counters (is xswitch.ko older than xswctl?)");
	expect_refused(T_NO_PORT, "a reply without a port id of 4 bytes");
	expect_refused(T_LONG_SWITCH,
		       "port 2: the switch name is not a string of at most 15 bytes");
	expect_refused(T_UNTERMINATED,
		       "port 2: the port name is not a string of at most 255 bytes");
	expect_refused(T_CUT_NEST,
		       "port 2: the counters end in the middle of an attribute");
	expect_refused(T_CUT_DROP,
		       "port 2: a drop ends in the middle of an attribute");
	expect_refused(T_REASONS_OVER, "port 2: more than 64 drop reasons");
}

/* A reply cut short: its last attribute overruns the message. */
static void test_cut_reply(void)
{
	static char buf[BUF_SIZE];
	struct nlmsghdr *nlh = reply(buf, T_NONE);
	struct port_stats s;
	char why[160] = "";

	nlh->nlmsg_len -= 4;
	CHECK(stats_parse(nlh, &s, why, sizeof(why)) &&
	      !strcmp(why, "a reply ends in the middle of an attribute"));
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 2;
	CHECK(stats_parse(nlh, &s, why, sizeof(why)) &&
	      !strcmp(why, "a reply shorter than its header"));
}

int main(void)
{
	test_print();
	test_parse();
	test_cut_reply();
	if (!fails)
		printf("stats_test: ok\n");
	return !!fails;
}
