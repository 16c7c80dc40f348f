/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_SAVEFILE_H
#define XSWCTL_SAVEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The file a save writes (Documentation/save-restore.rst): a header, a
 * body of netlink attributes (XSWITCH_A_FILE_*), and a CRC-32 of both.
 * Everything read is checked before anything reaches the kernel.
 */
#define SAVE_MAGIC "XSWSAVE"		/* 8 bytes, the NUL included */
#define SAVE_VERSION 1
#define SAVE_HEADER_SIZE 24
#define SAVE_TRAILER_SIZE 4
#define SAVE_KIND_NIC 1			/* one NIC's records */
#define SAVE_KIND_VM 2			/* a VM's ports, policies, NICs, records */
/* A body past this is refused before it is read. */
#define SAVE_BODY_MAX ((size_t)80 << 20)
#define SAVE_PORTS_MAX 256
#define SAVE_PROPS_MAX 4096
#define SAVE_NICS_MAX 33
#define SAVE_RECORDS_MAX 1048576
#define SAVE_RECORD_MAX 1048576
#define SAVE_BYTES_MAX ((size_t)64 << 20)
/* Pieces of a record's payload, in the file and in restore requests. */
#define SAVE_CHUNK 16384

/* One record: its ids, name and payload. */
struct srec {
	uint8_t ext_id[16];
	uint8_t feature_class[16];
	char name[256];
	uint32_t len;
	uint8_t *data;
};

/*
 * A port's, a NIC's or a property's attributes, as the kernel's requests
 * and replies carry them (the port, nic and prop attribute sets): kept as
 * they are, checked, and sent back as they are.
 */
struct sattrs {
	size_t len;
	uint8_t *buf;
};

/*
 * The attribute of type @type in @a, or NULL; @a was checked (read from a
 * file) or came from the kernel.
 */
struct nlattr;
const struct nlattr *sattrs_get(const struct sattrs *a, int type);

struct snic {
	struct sattrs attrs;
	uint16_t index;
	bool connected;		/* when saved: only then has it records */
	struct srec *recs;
	unsigned int nrecs;
	size_t bytes;
};

struct sport {
	struct sattrs attrs;
	uint32_t old_id;
	struct sattrs *props;
	unsigned int nprops;
	struct snic *nics;
	unsigned int nnics;
};

struct savefile {
	uint32_t kind;
	struct sport *ports;
	unsigned int nports;
};

uint32_t save_crc32(uint32_t crc, const void *buf, size_t len);

void savefile_free(struct savefile *sf);
/* Appends to @sf; each returns the new object, or NULL out of memory. */
struct sport *savefile_add_port(struct savefile *sf, const void *attrs,
				size_t len, uint32_t old_id);
struct sattrs *savefile_add_prop(struct sport *p, const void *attrs,
				 size_t len);
struct snic *savefile_add_nic(struct sport *p, const void *attrs, size_t len,
			      uint16_t index);
struct srec *savefile_add_rec(struct snic *n);

/* Writes @sf whole to @f: 0, or -1 with errno. */
int savefile_write(const struct savefile *sf, FILE *f);
/*
 * Reads and checks a file whole from @f into @sf: 0, or -1 with a
 * message in @why (of @whylen bytes) and nothing kept.
 */
int savefile_read(struct savefile *sf, FILE *f, char *why, size_t whylen);
/* The same, from memory (for the tests). */
int savefile_parse(struct savefile *sf, const uint8_t *buf, size_t len,
		   char *why, size_t whylen);

#endif
