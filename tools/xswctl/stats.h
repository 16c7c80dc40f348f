/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_STATS_H
#define XSWCTL_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libmnl/libmnl.h>
#include <linux/xswitch.h>

/*
 * A port's counters as a port-get reply carries them (the spec's
 * port-stats set), read from a kernel that may be newer than xswctl, or
 * hostile: unknown attributes are skipped, every one read is checked for
 * its size, and drop reasons this xswctl has no name for are kept by
 * number.
 */
#define STATS_REASONS_MAX 64	/* distinct drop reasons in one reply */

struct stats_drop {
	unsigned int reason;
	unsigned long long packets;
};

struct port_stats {
	char sw[XSWITCH_NAME_LEN];
	char name[XSWITCH_LONG_NAME_LEN];
	unsigned int port;
	unsigned long long rx_packets, rx_bytes, tx_packets, tx_bytes;
	/* The reasons the reply names, in ascending order of number. */
	struct stats_drop drops[STATS_REASONS_MAX];
	unsigned int ndrops;
};

/*
 * Reads the port-get reply @nlh into @s: 0, or -1 with why it is refused
 * in @why (@whylen bytes).
 */
int stats_parse(const struct nlmsghdr *nlh, struct port_stats *s, char *why,
		size_t whylen);

/*
 * Prints the ports' counters to @f: as ip -s link does, each port's
 * non-zero drops by reason (with @all, every reason), or with @json an
 * array of one object per port with every reason this xswctl knows, in
 * the spec's order, and any other the kernel sent as "reason-N".
 */
void stats_print_start(FILE *f, bool json);
void stats_print(FILE *f, const struct port_stats *s, bool json, bool all,
		 unsigned int row);
void stats_print_end(FILE *f, bool json);

/* xswctl port stats, given the request the engine built. */
int port_stats_run(const struct nlmsghdr *args);

#endif
