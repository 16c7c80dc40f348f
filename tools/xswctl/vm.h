/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_VM_H
#define XSWCTL_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "save.h"

/*
 * The steps of vm save and vm resume, which migrate and agent take in
 * Hyper-V's migration order.  Each returns 0, or -1 with the kernel's
 * message printed.
 */

/* What a resumed port became. */
struct resumed {
	uint32_t id;
	bool made;
	uint32_t restored, unclaimed, records;
};

/* Appends the port @at names to @sf: parameters, policies, NICs, records. */
int vm_save_port(struct xnl *nl, struct savefile *sf, const struct nic_at *at,
		 bool records);
int vm_save_records(struct xnl *nl, struct sport *p, const struct nic_at *at);
/* NIC disconnect and delete, port teardown and delete; @quiet: best effort. */
int vm_take_off(struct xnl *nl, const char *sw, uint32_t port,
		const struct sport *p, bool quiet);
/* How vm_new_port() makes a port. */
#define VM_PORT_VALIDATION	0x1	/* a validation port, else restoring */
#define VM_PORT_PROVISIONAL	0x2	/* held by this socket until kept */
int vm_new_port(struct xnl *nl, const char *sw, const struct sport *p,
		unsigned int flags, uint32_t *id);
/* Port-set keep of each of @n ports, in one call: all kept, or -1. */
int vm_keep_ports(struct xnl *nl, const char *sw, const uint32_t *ids,
		  unsigned int n);
int vm_add_props(struct xnl *nl, const char *sw, uint32_t id,
		 const struct sport *p);
/* NIC create, connect and restore of each NIC of @p onto port @id. */
int vm_add_nics(struct xnl *nl, const char *sw, uint32_t id,
		const struct sport *p, struct resumed *r);
/*
 * The same in the two halves of a pre-provisioned port: create and
 * connect gated shut; then restore, and the gates to first-frame.
 */
int vm_add_nics_gated(struct xnl *nl, const char *sw, uint32_t id,
		      const struct sport *p);
int vm_restore_gated(struct xnl *nl, const char *sw, uint32_t id,
		     const struct sport *p, struct resumed *r);
/* NIC announce of each NIC of @p on port @id: how many announced. */
unsigned int vm_announce(struct xnl *nl, const char *sw, uint32_t id,
			 const struct sport *p);
/* A validation port with each port's policies, each taken off again. */
int vm_validate(struct xnl *nl, const char *sw, const struct savefile *sf,
		unsigned int flags);

/* How the migration ended for port @id, said on @sw's event stream. */
void vm_note(struct xnl *nl, const char *sw, uint32_t id, uint32_t outcome,
	     uint32_t role);

int do_migrate(int argc, char **argv);
int do_agent(int argc, char **argv);

#endif
