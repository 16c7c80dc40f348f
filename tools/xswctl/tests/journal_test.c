// SPDX-License-Identifier: GPL-2.0
/*
 * The migration journal: what a migration writes reads back whole, one
 * journal per migration, and a journal damaged, of another version or of
 * other ports is refused with its reason and left as it was.
 */
#define _GNU_SOURCE	/* open_memstream() */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libmnl/libmnl.h>

#include "../journal.h"
#include "check.h"

static char path[64];

static const unsigned long ids[] = { 7, 9 };
static const uint32_t new_ids[] = { 70, 90 };

static const struct mj_of of = {
	.sw = "sw0", .host = "192.0.2.2", .service = "7410",
	.name = "guest1", .timeout = 30, .ids = ids, .n = 2,
};

/* A save file of the ports @a and @b, in memory. */
static char *saved(uint32_t a, uint32_t b, size_t *len)
{
	struct savefile sf = { .kind = SAVE_KIND_VM };
	uint32_t old[] = { a, b };
	char buf[256], *out = NULL;
	struct nlmsghdr *nlh;
	unsigned int i;
	FILE *f;

	for (i = 0; i < 2; i++) {
		nlh = mnl_nlmsg_put_header(buf);
		mnl_attr_put_strz(nlh, XSWITCH_A_PORT_NAME, i ? "vm1b" : "vm1");
		mnl_attr_put_u32(nlh, XSWITCH_A_PORT_TYPE, 2);
		mnl_attr_put_u32(nlh, XSWITCH_A_PORT_ID, old[i]);
		savefile_add_port(&sf, buf + MNL_NLMSG_HDRLEN,
				  nlh->nlmsg_len - MNL_NLMSG_HDRLEN, old[i]);
	}
	f = open_memstream(&out, len);
	CHECK(f && !savefile_write(&sf, f));
	fclose(f);
	savefile_free(&sf);
	return out;
}

/* A journal as a migration leaves it after the save. */
static void write_saved(uint32_t a, uint32_t b)
{
	char why[256], *buf;
	struct mj j;
	size_t len;

	unlink(path);
	buf = saved(a, b, &len);
	CHECK(!mj_create(&j, path, &of, why, sizeof(why)));
	CHECK(!mj_save(&j, new_ids, buf, len, why, sizeof(why)));
	mj_close(&j, false);
	free(buf);
}

static void test_round_trip(void)
{
	struct savefile sf;
	char why[256];
	struct mj j, k;
	struct stat st;

	write_saved(7, 9);
	CHECK(!stat(path, &st) && (st.st_mode & 0777) == 0600);
	CHECK(!mj_open(&j, path, why, sizeof(why)));
	CHECK(mj_get_phase(&j) == MJ_SAVED);
	CHECK(!strcmp(j.h->sw, "sw0") && !strcmp(j.h->host, "192.0.2.2"));
	CHECK(!strcmp(j.h->service, "7410") && !strcmp(j.h->name, "guest1"));
	CHECK(j.h->nports == 2 && j.h->ids[1] == 9 && j.h->new_ids[1] == 90);
	CHECK(!mj_load(&j, &sf, why, sizeof(why)));
	CHECK(sf.nports == 2 && sf.ports[1].old_id == 9);
	savefile_free(&sf);
	/* One recovery at a time: the second finds the journal locked. */
	CHECK(mj_open(&k, path, why, sizeof(why)));
	CHECK(strstr(why, "its migration runs still"));
	mj_phase(&j, MJ_COMMITTED);
	mj_close(&j, false);
	CHECK(!mj_open(&j, path, why, sizeof(why)));
	CHECK(mj_get_phase(&j) == MJ_COMMITTED);
	mj_close(&j, true);
	CHECK(access(path, F_OK));
}

static void test_one_per_migration(void)
{
	char why[256];
	struct mj j, k;

	CHECK(!mj_create(&j, path, &of, why, sizeof(why)));
	CHECK(mj_create(&k, path, &of, why, sizeof(why)));
	CHECK(strstr(why, "it exists"));
	mj_close(&j, true);
	/* In memory: no file at all. */
	CHECK(!mj_create(&j, NULL, &of, why, sizeof(why)));
	CHECK(mj_get_phase(&j) == MJ_UNTOUCHED);
	mj_close(&j, true);
}

static size_t file_read(uint8_t *buf, size_t size)
{
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(buf, 1, size, f) : 0;

	if (f)
		fclose(f);
	return n;
}

/* The journal changed by @damage is refused for @reason, and left so. */
static void refused(void (*damage)(struct mj_hdr *h, size_t *len),
		    const char *reason)
{
	static uint8_t buf[1 << 16], after[1 << 16];
	struct savefile sf;
	size_t len, n;
	char why[256];
	struct mj j;
	FILE *f;

	write_saved(7, 9);
	len = file_read(buf, sizeof(buf));
	damage((struct mj_hdr *)buf, &len);
	f = fopen(path, "wb");
	CHECK(f && fwrite(buf, 1, len, f) == len);
	fclose(f);
	why[0] = 0;
	if (!mj_open(&j, path, why, sizeof(why))) {
		CHECK(mj_load(&j, &sf, why, sizeof(why)));
		mj_close(&j, false);
	}
	if (!strstr(why, reason))
		fprintf(stderr, "wanted \"%s\", got \"%s\"\n", reason, why);
	CHECK(strstr(why, reason));
	n = file_read(after, sizeof(after));
	CHECK(n == len && !memcmp(buf, after, len));
}

static void cut_header(struct mj_hdr *h, size_t *len)
{
	(void)h;
	*len = 100;
}

static void bad_magic(struct mj_hdr *h, size_t *len)
{
	(void)len;
	h->magic[0] = 'Y';
}

static void other_version(struct mj_hdr *h, size_t *len)
{
	(void)len;
	h->version = 2;
}

static void bad_phase(struct mj_hdr *h, size_t *len)
{
	(void)len;
	h->phase = MJ_PHASE_MAX + 1;
}

static void no_ports(struct mj_hdr *h, size_t *len)
{
	(void)len;
	h->nports = 0;
}

static void many_ports(struct mj_hdr *h, size_t *len)
{
	(void)len;
	h->nports = SAVE_PORTS_MAX + 1;
}

static void port_zero(struct mj_hdr *h, size_t *len)
{
	(void)len;
	h->ids[1] = 0;
}

static void new_zero(struct mj_hdr *h, size_t *len)
{
	(void)len;
	h->new_ids[0] = 0;
}

static void long_sw(struct mj_hdr *h, size_t *len)
{
	(void)len;
	memset(h->sw, 'a', sizeof(h->sw));
}

static void long_host(struct mj_hdr *h, size_t *len)
{
	(void)len;
	memset(h->host, 'a', sizeof(h->host));
}

static void bad_name(struct mj_hdr *h, size_t *len)
{
	(void)len;
	snprintf(h->name, sizeof(h->name), "%s", "a b");
}

static void no_timeout(struct mj_hdr *h, size_t *len)
{
	(void)len;
	h->timeout = 0;
}

static void cut_data(struct mj_hdr *h, size_t *len)
{
	(void)h;
	*len -= 1;
}

static void huge_data(struct mj_hdr *h, size_t *len)
{
	(void)len;
	h->len = 0xffffffff;
}

static void flipped_data(struct mj_hdr *h, size_t *len)
{
	((uint8_t *)h)[*len - 3] ^= 1;
}

static void test_hostile(void)
{
	refused(cut_header, "not a migration journal (too short)");
	refused(bad_magic, "not a migration journal");
	refused(other_version, "a journal of another version");
	refused(bad_phase, "an unknown phase");
	refused(no_ports, "a port count out of range");
	refused(many_ports, "a port count out of range");
	refused(port_zero, "a port of id 0");
	refused(new_zero, "a port of id 0");
	refused(long_sw, "a name that is not one");
	refused(long_host, "a name that is not one");
	refused(bad_name, "a name that is not one");
	refused(no_timeout, "a timeout out of range");
	refused(cut_data, "saved data cut short or out of range");
	refused(huge_data, "saved data cut short or out of range");
	refused(flipped_data, "checksum");
}

/* Saved data whole but of other ports than the journal's. */
static void test_other_ports(void)
{
	struct savefile sf;
	char why[256];
	struct mj j;

	write_saved(7, 8);
	CHECK(!mj_open(&j, path, why, sizeof(why)));
	CHECK(mj_load(&j, &sf, why, sizeof(why)));
	CHECK(strstr(why, "not of its ports"));
	mj_close(&j, true);
	/* The positive control: the ports it names. */
	write_saved(7, 9);
	CHECK(!mj_open(&j, path, why, sizeof(why)));
	CHECK(!mj_load(&j, &sf, why, sizeof(why)));
	savefile_free(&sf);
	mj_close(&j, true);
}

int main(void)
{
	char dir[] = "/tmp/journal_test.XXXXXX";

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/j", dir);
	test_round_trip();
	test_one_per_migration();
	test_hostile();
	test_other_ports();
	unlink(path);
	rmdir(dir);
	printf("journal_test: %s\n", fails ? "FAILED" : "ok");
	return !!fails;
}
