// SPDX-License-Identifier: GPL-2.0
/*
 * The source's migration journal: how far a migration got, kept where
 * its guardian, or a later xswctl migrate SWITCH recover FILE, finds it.
 */
#define _GNU_SOURCE	/* memfd_create() */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal.h"

static_assert(sizeof(struct mj_hdr) <= MJ_DATA_OFF,
	      "the journal's header fits its page");

static int mj_why(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return -1;
}

/* Durable, for a file: the header's page, then the rest. */
static int mj_sync(const struct mj *j)
{
	if (!j->path)
		return 0;
	return msync(j->h, MJ_DATA_OFF, MS_SYNC) || fdatasync(j->fd) ? -1 : 0;
}

/* A new file's name is durable once its directory is synced. */
static int mj_sync_dir(const char *path)
{
	char *copy;
	int fd, err;

	if (!path)
		return 0;
	copy = strdup(path);
	if (!copy)
		return -1;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return -1;
	err = fsync(fd);
	close(fd);
	return err ? -1 : 0;
}

static int mj_map(struct mj *j, int prot)
{
	void *h = mmap(NULL, MJ_DATA_OFF, prot, MAP_SHARED, j->fd, 0);

	if (h == MAP_FAILED)
		return -1;
	j->h = h;
	return 0;
}

/* @dst holds @src whole, or the journal cannot be. */
static int mj_copy(char *dst, size_t size, const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (len >= size)
		return -1;
	memcpy(dst, src ?: "", len + 1);
	return 0;
}

static int mj_fill(struct mj_hdr *h, const struct mj_of *of)
{
	unsigned int i;

	memcpy(h->magic, MJ_MAGIC, 4);
	h->version = MJ_VERSION;
	h->phase = MJ_UNTOUCHED;
	h->nports = of->n;
	h->timeout = of->timeout;
	if (!of->n || of->n > SAVE_PORTS_MAX ||
	    mj_copy(h->sw, sizeof(h->sw), of->sw) ||
	    mj_copy(h->host, sizeof(h->host), of->host) ||
	    mj_copy(h->service, sizeof(h->service), of->service) ||
	    mj_copy(h->name, sizeof(h->name), of->name))
		return -1;
	for (i = 0; i < of->n; i++)
		h->ids[i] = of->ids[i];
	return 0;
}

int mj_create(struct mj *j, const char *path, const struct mj_of *of,
	      char *why, size_t size)
{
	const char *what = path ?: "in memory";

	j->path = path;
	j->h = NULL;
	/* The saved data is the VM's: its owner's alone, never replaced. */
	j->fd = path ? open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600) :
		memfd_create("xswctl-migrate", MFD_CLOEXEC);
	if (j->fd < 0)
		return mj_why(why, size, "journal %s: %s", what,
			      errno == EEXIST ?
			      "it exists: a migration's, for migrate SWITCH recover FILE?" :
			      strerror(errno));
	if (flock(j->fd, LOCK_EX | LOCK_NB) || ftruncate(j->fd, MJ_DATA_OFF) ||
	    mj_map(j, PROT_READ | PROT_WRITE))
		goto fail;
	if (mj_fill(j->h, of)) {
		errno = ENAMETOOLONG;
		goto fail;
	}
	if (!mj_sync(j) && !mj_sync_dir(path))
		return 0;
fail:
	mj_why(why, size, "journal %s: %s", what, strerror(errno));
	mj_close(j, true);
	return -1;
}

static bool mj_str_ok(const char *s, size_t size, bool empty)
{
	size_t len = strnlen(s, size);

	return len < size && (empty || len);
}

/* The header, as a journal of this version writes it. */
static const char *mj_hdr_bad(const struct mj_hdr *h, off_t file)
{
	unsigned int i;

	if (memcmp(h->magic, MJ_MAGIC, 4))
		return "not a migration journal";
	if (h->version != MJ_VERSION)
		return "a journal of another version";
	if (h->phase > MJ_PHASE_MAX)
		return "an unknown phase";
	if (!h->nports || h->nports > SAVE_PORTS_MAX)
		return "a port count out of range";
	if (!h->timeout || h->timeout > 3600)
		return "a timeout out of range";
	if (!mj_str_ok(h->sw, sizeof(h->sw), false) ||
	    !mj_str_ok(h->host, sizeof(h->host), false) ||
	    !mj_str_ok(h->service, sizeof(h->service), false) ||
	    !mj_str_ok(h->name, sizeof(h->name), true) ||
	    (*h->name && !mw_name_ok(h->name)))
		return "a name that is not one";
	for (i = 0; i < h->nports; i++)
		if (!h->ids[i] || (!h->new_ids[i] && h->phase != MJ_UNTOUCHED &&
				   h->phase != MJ_ENDED))
			return "a port of id 0";
	if (h->phase != MJ_UNTOUCHED && h->phase != MJ_ENDED &&
	    (!h->len || h->len > MW_BODY_MAX ||
	     file < (off_t)MJ_DATA_OFF + h->len))
		return "saved data cut short or out of range";
	return NULL;
}

int mj_open(struct mj *j, const char *path, char *why, size_t size)
{
	const char *bad;
	struct stat st;

	j->path = path;
	j->h = NULL;
	j->fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (j->fd < 0)
		return mj_why(why, size, "journal %s: %s", path, strerror(errno));
	if (flock(j->fd, LOCK_EX | LOCK_NB)) {
		mj_why(why, size, "journal %s: %s", path, errno == EWOULDBLOCK ?
		       "its migration runs still" : strerror(errno));
		goto fail;
	}
	if (!fstat(j->fd, &st) &&
	    (st.st_uid != geteuid() || (st.st_mode & 077))) {
		mj_why(why, size, "journal %s: %s", path,
		       "others may write or read it (chown, chmod 600)");
		goto fail;
	}
	if (fstat(j->fd, &st) || !S_ISREG(st.st_mode) ||
	    st.st_size < MJ_DATA_OFF) {
		mj_why(why, size, "journal %s: %s", path,
		       "not a migration journal (too short)");
		goto fail;
	}
	if (mj_map(j, PROT_READ | PROT_WRITE)) {
		mj_why(why, size, "journal %s: %s", path, strerror(errno));
		goto fail;
	}
	bad = mj_hdr_bad(j->h, st.st_size);
	if (!bad)
		return 0;
	mj_why(why, size, "journal %s: %s", path, bad);
fail:
	/* Not ours to remove: a refused journal stays as it was. */
	mj_close(j, false);
	return -1;
}

int mj_phase(struct mj *j, uint32_t phase)
{
	__atomic_store_n(&j->h->phase, phase, __ATOMIC_SEQ_CST);
	return mj_sync(j);
}

uint32_t mj_get_phase(const struct mj *j)
{
	return __atomic_load_n(&j->h->phase, __ATOMIC_SEQ_CST);
}

int mj_save(struct mj *j, const uint32_t *new_ids, const void *buf,
	    size_t len, char *why, size_t size)
{
	size_t off = 0;
	ssize_t k;

	if (!len || len > MW_BODY_MAX)
		return mj_why(why, size, "journal: saved data of %zu bytes", len);
	while (off < len) {
		k = pwrite(j->fd, (const char *)buf + off, len - off,
			   MJ_DATA_OFF + off);
		if (k <= 0)
			return mj_why(why, size, "journal: %s",
				      k ? strerror(errno) : "short write");
		off += k;
	}
	memcpy(j->h->new_ids, new_ids, j->h->nports * sizeof(*new_ids));
	j->h->len = len;
	/* The data is on disk before the phase says it is. */
	if (mj_sync(j) || mj_phase(j, MJ_SAVED))
		return mj_why(why, size, "journal: %s", strerror(errno));
	return 0;
}

/* The saved data is of the journal's ports, in its order. */
static bool mj_of_ports(const struct mj_hdr *h, const struct savefile *sf)
{
	unsigned int i;

	if (sf->kind != SAVE_KIND_VM || sf->nports != h->nports)
		return false;
	for (i = 0; i < sf->nports; i++)
		if (sf->ports[i].old_id != h->ids[i])
			return false;
	return true;
}

int mj_load(const struct mj *j, struct savefile *sf, char *why, size_t size)
{
	uint32_t len = j->h->len;
	size_t off = 0;
	uint8_t *buf;
	ssize_t k;
	int err;

	if (!len || len > MW_BODY_MAX)
		return mj_why(why, size, "%s", "the journal holds no saved data");
	buf = malloc(len);
	if (!buf)
		return mj_why(why, size, "%s", strerror(ENOMEM));
	while (off < len) {
		k = pread(j->fd, buf + off, len - off, MJ_DATA_OFF + off);
		if (k <= 0)
			break;
		off += k;
	}
	if (off < len)
		err = mj_why(why, size, "%s", "the journal's saved data is cut short");
	else
		err = savefile_parse(sf, buf, len, why, size);
	free(buf);
	if (err)
		return -1;
	if (!mj_of_ports(j->h, sf)) {
		savefile_free(sf);
		return mj_why(why, size, "%s",
			      "the journal's saved data is not of its ports");
	}
	return 0;
}

void mj_close(struct mj *j, bool remove)
{
	if (j->h)
		munmap(j->h, MJ_DATA_OFF);
	j->h = NULL;
	if (j->fd >= 0 && remove && j->path)
		unlink(j->path);
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
}
