// SPDX-License-Identifier: GPL-2.0
/*
 * The migration wire against a hostile peer: a wrong key, altered,
 * replayed, reordered, truncated, oversized and foreign messages, a
 * replay from another session, a silent peer, and key files refused.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../mwire.h"
#include "check.h"

#define MSG_SIZE(len) (MW_HDR_SIZE + (len) + MW_MAC_SIZE)

static void set_key(struct mw *w, const char *key)
{
	memset(w, 0, sizeof(*w));
	w->keylen = strlen(key);
	memcpy(w->key, key, w->keylen);
	w->timeout_ms = 2000;
}

struct dest {
	struct mw w;
	int err;
};

/* What the destination of session() says in its hello (NULL: a good name). */
static const char *dest_name;

static void *dest_hello(void *arg)
{
	struct dest *d = arg;

	d->err = mw_hello_dest(&d->w);
	return NULL;
}

/* A session between @src on one end of a socket pair and @dst on the other. */
static int session(struct mw *src, struct dest *dst, const char *skey,
		   const char *dkey, int *fds)
{
	pthread_t t;
	int err;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds))
		return -1;
	set_key(src, skey);
	set_key(&dst->w, dkey);
	snprintf(dst->w.name, sizeof(dst->w.name), "%s",
		 dest_name ?: "dest-1.example");
	src->fd = fds[0];
	dst->w.fd = fds[1];
	pthread_create(&t, NULL, dest_hello, dst);
	err = mw_hello_source(src);
	/* A refused hello leaves the source waiting: end it. */
	if (err)
		shutdown(fds[0], SHUT_RDWR);
	pthread_join(t, NULL);
	if (!err && dst->err)
		shutdown(fds[0], SHUT_RDWR);
	return err || dst->err ? -1 : 0;
}

/* What @src sends, as bytes, taken off the wire before @dst reads them. */
static size_t capture(struct mw *src, struct dest *dst, uint8_t type,
		      const void *body, size_t len, uint8_t *buf)
{
	size_t got = 0;
	ssize_t n;

	CHECK(!mw_send(src, type, body, len));
	while (got < MSG_SIZE(len)) {
		n = read(dst->w.fd, buf + got, MSG_SIZE(len) - got);
		if (n <= 0)
			break;
		got += n;
	}
	return got;
}

static int inject(int fd, const void *buf, size_t len)
{
	return write(fd, buf, len) == (ssize_t)len ? 0 : -1;
}

static int recv_fails(struct dest *dst, const char *why)
{
	struct mw_msg m;

	if (!mw_recv(&dst->w, &m)) {
		free(m.body);
		return 0;
	}
	if (strstr(dst->w.why, why))
		return 1;
	fprintf(stderr, "  got \"%s\", wanted \"%s\"\n", dst->w.why, why);
	return 0;
}

static void close_pair(int *fds)
{
	close(fds[0]);
	close(fds[1]);
}

static void test_good_and_altered(void)
{
	static const char body[] = "a body";
	uint8_t buf[MSG_SIZE(64)];
	struct mw src;
	struct dest dst;
	struct mw_msg m;
	int fds[2];
	size_t n;

	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	/* Positive control: a message goes through, type, body and all. */
	n = capture(&src, &dst, MW_PREPARE, body, sizeof(body), buf);
	CHECK(!inject(fds[0], buf, n));
	CHECK(!mw_recv(&dst.w, &m));
	CHECK(m.type == MW_PREPARE && m.len == sizeof(body) &&
	      !memcmp(m.body, body, sizeof(body)));
	free(m.body);
	/* The same bytes again: replayed. */
	CHECK(!inject(fds[0], buf, n));
	CHECK(recv_fails(&dst, "out of order, or replayed"));
	close_pair(fds);

	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	n = capture(&src, &dst, MW_PREPARE, body, sizeof(body), buf);
	buf[MW_HDR_SIZE + 2] ^= 1;
	CHECK(!inject(fds[0], buf, n));
	CHECK(recv_fails(&dst, "fails authentication"));
	close_pair(fds);

	/* The second of two messages first: out of order. */
	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	capture(&src, &dst, MW_PREPARE, body, sizeof(body), buf);
	n = capture(&src, &dst, MW_COMMIT, body, sizeof(body), buf);
	CHECK(!inject(fds[0], buf, n));
	CHECK(recv_fails(&dst, "out of order, or replayed"));
	close_pair(fds);
}

static void test_wrong_key(void)
{
	struct mw src;
	struct dest dst;
	int fds[2];

	CHECK(session(&src, &dst, "sixteen byte key", "another long key", fds));
	CHECK(strstr(dst.w.why, "fails authentication"));
	close_pair(fds);
}

static void test_other_session(void)
{
	static const char body[] = "of session one";
	uint8_t buf[MSG_SIZE(64)];
	struct mw src;
	struct dest dst;
	int fds[2];
	size_t n;

	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	n = capture(&src, &dst, MW_PREPARE, body, sizeof(body), buf);
	close_pair(fds);
	/* Same key, same number, another session: its key differs. */
	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	CHECK(!inject(fds[0], buf, n));
	CHECK(recv_fails(&dst, "fails authentication"));
	close_pair(fds);
}

static void test_malformed(void)
{
	uint8_t hdr[MW_HDR_SIZE] = { 'X', 'S', 'W', 'M', MW_VERSION, MW_PREPARE };
	uint32_t big = htonl((uint32_t)MW_BODY_MAX + 1), small = htonl(100);
	struct mw src;
	struct dest dst;
	int fds[2];

	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	memcpy(hdr + 12, &big, 4);
	CHECK(!inject(fds[0], hdr, sizeof(hdr)));
	CHECK(recv_fails(&dst, "longer than the limit"));
	close_pair(fds);

	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	memcpy(hdr + 12, &small, 4);
	CHECK(!inject(fds[0], hdr, sizeof(hdr)));
	CHECK(!inject(fds[0], "ten bytes.", 10));
	shutdown(fds[0], SHUT_WR);
	CHECK(recv_fails(&dst, "closed the connection"));
	close_pair(fds);

	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	CHECK(!inject(fds[0], "GET / HTTP/1.0\r\n\r\n", 18));
	CHECK(recv_fails(&dst, "bad magic"));
	close_pair(fds);

	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	hdr[5] = MW_TYPE_MAX + 1;
	CHECK(!inject(fds[0], hdr, sizeof(hdr)));
	CHECK(recv_fails(&dst, "unknown type"));
	close_pair(fds);

	/* A peer that says nothing. */
	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	dst.w.timeout_ms = 100;
	CHECK(recv_fails(&dst, "timed out"));
	close_pair(fds);
}

/* Before the key is proven, nothing longer than a hello is read. */
static void test_big_hello(void)
{
	uint8_t hdr[MW_HDR_SIZE] = { 'X', 'S', 'W', 'M', MW_VERSION, MW_HELLO };
	uint32_t len = htonl(1000);
	struct dest dst;
	int fds[2];

	CHECK(!socketpair(AF_UNIX, SOCK_STREAM, 0, fds));
	set_key(&dst.w, "sixteen byte key");
	dst.w.fd = fds[1];
	memcpy(hdr + 12, &len, 4);
	CHECK(!inject(fds[0], hdr, sizeof(hdr)));
	CHECK(mw_hello_dest(&dst.w) && strstr(dst.w.why, "longer than the limit"));
	close_pair(fds);
}

static void test_fail_text(void)
{
	uint8_t buf[MSG_SIZE(4 + MW_TEXT_MAX)];
	struct mw src;
	struct dest dst;
	struct mw_msg m;
	char text[64];
	uint32_t step;
	int fds[2];
	size_t n;

	CHECK(!session(&src, &dst, "sixteen byte key", "sixteen byte key", fds));
	CHECK(!mw_send_fail(&src, 4, "vetoed\x1b[2J by sample"));
	n = read(fds[1], buf, sizeof(buf));
	CHECK(!inject(fds[0], buf, n));
	CHECK(!mw_recv(&dst.w, &m));
	CHECK(!mw_parse_fail(&m, &step, text, sizeof(text)));
	CHECK(step == 4 && !strcmp(text, "vetoed?[2J by sample"));
	free(m.body);
	close_pair(fds);
}

static void test_key_files(void)
{
	char path[] = "/tmp/mwire_test.XXXXXX";
	struct mw w;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	CHECK(write(fd, "0123456789abcdef", 16) == 16);
	close(fd);
	/* Positive control: the owner's alone, 16 bytes. */
	CHECK(!chmod(path, 0600) && !mw_key_read(&w, path) && w.keylen == 16);
	CHECK(!chmod(path, 0640) && mw_key_read(&w, path) &&
	      strstr(w.why, "others may read it"));
	fd = open(path, O_WRONLY | O_TRUNC);
	CHECK(write(fd, "short", 5) == 5);
	close(fd);
	CHECK(!chmod(path, 0600) && mw_key_read(&w, path) &&
	      strstr(w.why, "want 16 to 1024 bytes"));
	unlink(path);
	CHECK(mw_key_read(&w, path) && strstr(w.why, "No such file"));
}

/* The destination's name reaches the source, and a malformed one is refused. */
static void test_names(void)
{
	char longest[MW_NAME_MAX + 1] = "";
	struct dest dst = {};
	struct mw src = {};
	int fds[2];

	CHECK(!session(&src, &dst, "k1", "k1", fds));
	CHECK(!strcmp(src.name, "dest-1.example"));
	close(fds[0]);
	close(fds[1]);
	CHECK(mw_name_ok("a") && mw_name_ok("host_2.lab-x"));
	CHECK(!mw_name_ok("") && !mw_name_ok("a b") && !mw_name_ok("a\"b") &&
	      !mw_name_ok("\xc3\xa9") && !mw_name_ok("a/b"));
	memset(longest, 'x', MW_NAME_MAX);
	CHECK(mw_name_ok(longest));
	dest_name = longest;
	CHECK(!session(&src, &dst, "k1", "k1", fds));
	CHECK(!strcmp(src.name, longest));
	close(fds[0]);
	close(fds[1]);
	dest_name = "bad name";
	CHECK(session(&src, &dst, "k1", "k1", fds) &&
	      strstr(src.why, "names it malformed"));
	close(fds[0]);
	close(fds[1]);
	dest_name = NULL;
}

int main(void)
{
	test_good_and_altered();
	test_wrong_key();
	test_other_session();
	test_malformed();
	test_big_hello();
	test_names();
	test_fail_text();
	test_key_files();
	if (!fails)
		printf("mwire_test: all passed\n");
	return !!fails;
}
