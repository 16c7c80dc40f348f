/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_SAVE_H
#define XSWCTL_SAVE_H

#include <stdbool.h>
#include <stdint.h>

#include "nl.h"
#include "savefile.h"

/* Where a NIC is: its switch, port and index. */
struct nic_at {
	const char *sw;
	uint32_t port;
	uint16_t index;
};

/*
 * Saves the NIC's run-time data into @n's records (appended); 0, or -1
 * with the kernel's message printed.
 */
int save_nic_records(struct xnl *nl, const struct nic_at *at, struct snic *n);
/*
 * Restores @n's records into the NIC, and completes the restore (asks
 * nothing of the kernel when @n has none); 0, or -1 with the kernel's
 * message printed (the kernel has then ended it).
 */
int restore_nic_records(struct xnl *nl, const struct nic_at *at,
			const struct snic *n, uint32_t *restored,
			uint32_t *unclaimed);
/*
 * Copies the attributes of @nlh (after its genetlink header) whose types
 * @keep marks into @a; 0, or -1 out of memory.
 */
int copy_attrs(const struct nlmsghdr *nlh, const uint8_t *keep, int max,
	       struct sattrs *a);

/* What a file keeps of a port, of a NIC and of a property. */
extern const uint8_t save_port_keep[XSWITCH_A_PORT_MAX + 1];
extern const uint8_t save_nic_keep[XSWITCH_A_NIC_MAX + 1];
extern const uint8_t save_prop_keep[XSWITCH_A_PROP_MAX + 1];

/* Collects the kept attributes of each reply of get_attrs(). */
struct attrs_rx {
	const uint8_t *keep;
	int max;
	int (*add)(struct attrs_rx *rx, const struct sattrs *a,
		   const struct nlmsghdr *nlh);
	void *data;
	int err;
};

/*
 * Asks @cmd (a get, or with @dump a dump, of a port, its NICs or its
 * properties) of the port @at names, and hands each reply's kept
 * attributes to @rx->add; 0, or -1 with the error printed.
 */
int get_attrs(struct xnl *nl, uint8_t cmd, const struct nic_at *at,
	      bool dump, struct attrs_rx *rx);

/* xswctl nic save / nic restore, given the request the engine built. */
int read_saved(struct savefile *sf, const char *what);
int nic_save_run(const struct nlmsghdr *args);
int nic_restore_run(const struct nlmsghdr *args);

/* xswctl vm save | resume */
int do_vm(int argc, char **argv);

#endif
