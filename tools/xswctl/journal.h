/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_JOURNAL_H
#define XSWCTL_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/xswitch.h>

#include "mwire.h"
#include "savefile.h"

/*
 * A source's migration journal (Documentation/migration.rst, The
 * journal): how far the migration got, the ports, the destination and,
 * from the save on, the saved data.  Its first page is mapped shared, so
 * that the worker's every step is at once the guardian's to read; with
 * journal FILE it is a file, synced before each step that depends on it,
 * so that it outlives both processes and the host, for xswctl migrate
 * SWITCH recover FILE.  Without, it lives in memory (a memfd).
 */
#define MJ_MAGIC "XSWJ"
#define MJ_VERSION 1
/* The saved data begins here, after the header's page. */
#define MJ_DATA_OFF 4096
#define MJ_HOST_MAX 255
#define MJ_SERVICE_MAX 31

enum mj_phase {
	MJ_UNTOUCHED,		/* nothing taken off here */
	MJ_SAVED,		/* saved and journaled; the take-off may begin */
	MJ_COMMITTED,		/* the COMMIT may have left */
	MJ_BACK,		/* the ports are being put back here */
	MJ_ENDED,		/* the migration ended, all said */
	MJ_PHASE_MAX = MJ_ENDED,
};

struct mj_hdr {
	char magic[4];
	uint32_t version;
	uint32_t phase;
	uint32_t nports;
	uint32_t timeout;		/* seconds, as migrate's timeout */
	uint32_t len;			/* of the saved data */
	char sw[XSWITCH_NAME_LEN];
	char host[MJ_HOST_MAX + 1];
	char service[MJ_SERVICE_MAX + 1];
	char name[MW_NAME_MAX + 4];	/* expect NAME, or "" */
	uint32_t ids[SAVE_PORTS_MAX];	/* the ports here */
	uint32_t new_ids[SAVE_PORTS_MAX]; /* theirs, from PREPARED */
};

struct mj {
	struct mj_hdr *h;	/* the first page, shared */
	int fd;
	const char *path;	/* NULL for a memfd */
};

/* What a journal is of: migrate's arguments. */
struct mj_of {
	const char *sw, *host, *service, *name;
	unsigned long timeout;
	const unsigned long *ids;
	unsigned int n;
};

/*
 * A new journal at @path (never one that exists), or in memory if @path
 * is NULL: 0, or -1 with @why.  Its fd is locked until both processes of
 * the migration have closed it.
 */
int mj_create(struct mj *j, const char *path, const struct mj_of *of,
	      char *why, size_t size);
/*
 * A journal left by a migration, checked whole (it is read as hostile:
 * it may be of another version, cut short or changed), and locked: 0,
 * or -1 with @why.
 */
int mj_open(struct mj *j, const char *path, char *why, size_t size);
/* The step reached, durable before it returns (for a file): 0, or -1. */
int mj_phase(struct mj *j, uint32_t phase);
uint32_t mj_get_phase(const struct mj *j);
/* The saved data and the destination's ids, durable, then MJ_SAVED. */
int mj_save(struct mj *j, const uint32_t *new_ids, const void *buf,
	    size_t len, char *why, size_t size);
/* The saved data read back and parsed: 0, or -1 with @why. */
int mj_load(const struct mj *j, struct savefile *sf, char *why, size_t size);
/* Unmapped and closed; the file removed with @remove. */
void mj_close(struct mj *j, bool remove);

#endif
