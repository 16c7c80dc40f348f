// SPDX-License-Identifier: GPL-2.0
/*
 * The migration wire: framing, authentication and ordering of the
 * messages between xswctl migrate and xswctl agent.  Every byte read is
 * the peer's until its MAC is checked, and bounded before it is read.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "mwire.h"

#define MW_LABEL_TX_S "xswitch migrate 1 source to destination"
#define MW_LABEL_TX_D "xswitch migrate 1 destination to source"

static int mw_fail(struct mw *w, const char *fmt, const char *arg)
{
	snprintf(w->why, sizeof(w->why), fmt, arg);
	return -1;
}

int mw_key_read(struct mw *w, const char *path)
{
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(w->why, sizeof(w->why), "key file %s: %s", path,
			 strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return mw_fail(w, "key file %s: not a regular file", path);
	}
	if (st.st_mode & 077) {
		close(fd);
		return mw_fail(w, "key file %s: others may read it (chmod 600)",
			       path);
	}
	n = read(fd, w->key, sizeof(w->key));
	close(fd);
	if (n < MW_KEY_MIN || (size_t)st.st_size > sizeof(w->key))
		return mw_fail(w, "key file %s: want 16 to 1024 bytes", path);
	w->keylen = n;
	return 0;
}

void mw_forget(struct mw *w)
{
	OPENSSL_cleanse(w->key, sizeof(w->key));
	OPENSSL_cleanse(w->tx_key, sizeof(w->tx_key));
	OPENSSL_cleanse(w->rx_key, sizeof(w->rx_key));
}

/* A new session: the hellos go under the shared key, numbered 0. */
static void mw_reset(struct mw *w)
{
	memcpy(w->tx_key, w->key, w->keylen);
	memcpy(w->rx_key, w->key, w->keylen);
	w->tx_keylen = w->keylen;
	w->rx_keylen = w->keylen;
	w->tx_seq = 0;
	w->rx_seq = 0;
}

/* HMAC-SHA256 of @a then @b under @key. */
static int mw_hmac(const uint8_t *key, size_t keylen, const void *a,
		   size_t alen, const void *b, size_t blen, uint8_t *mac)
{
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						 (char *)"SHA256", 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC_CTX *ctx = NULL;
	EVP_MAC *hmac;
	size_t len = 0;
	int ok = 0;

	hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (hmac)
		ctx = EVP_MAC_CTX_new(hmac);
	if (ctx && EVP_MAC_init(ctx, key, keylen, params) &&
	    EVP_MAC_update(ctx, a, alen) && (!blen || EVP_MAC_update(ctx, b, blen)) &&
	    EVP_MAC_final(ctx, mac, &len, MW_MAC_SIZE))
		ok = len == MW_MAC_SIZE;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(hmac);
	return ok ? 0 : -1;
}

/* Waits until @fd is ready for @events, or the message's time is up. */
static int mw_wait(struct mw *w, short events, const struct timespec *end)
{
	struct pollfd p = { .fd = w->fd, .events = events };
	struct timespec now;
	long ms;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (end->tv_sec - now.tv_sec) * 1000 +
	     (end->tv_nsec - now.tv_nsec) / 1000000;
	if (ms <= 0)
		return mw_fail(w, "%s", "timed out");
	do
		r = poll(&p, 1, ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return mw_fail(w, "poll: %s", strerror(errno));
	if (!r)
		return mw_fail(w, "%s", "timed out");
	return 0;
}

static void mw_deadline(const struct mw *w, struct timespec *end)
{
	clock_gettime(CLOCK_MONOTONIC, end);
	end->tv_sec += w->timeout_ms / 1000;
	end->tv_nsec += (w->timeout_ms % 1000) * 1000000L;
	if (end->tv_nsec >= 1000000000L) {
		end->tv_sec++;
		end->tv_nsec -= 1000000000L;
	}
}

static int mw_read_all(struct mw *w, void *buf, size_t len,
		       const struct timespec *end)
{
	uint8_t *p = buf;
	ssize_t n;

	while (len) {
		if (mw_wait(w, POLLIN, end))
			return -1;
		n = read(w->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return mw_fail(w, "read: %s", strerror(errno));
		if (!n)
			return mw_fail(w, "%s", "the peer closed the connection");
		p += n;
		len -= n;
	}
	return 0;
}

static int mw_write_all(struct mw *w, const void *buf, size_t len,
			const struct timespec *end)
{
	const uint8_t *p = buf;
	ssize_t n;

	while (len) {
		if (mw_wait(w, POLLOUT, end))
			return -1;
		/* Not to block past the deadline on a peer that stops reading. */
		n = send(w->fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0)
			return mw_fail(w, "write: %s", strerror(errno));
		p += n;
		len -= n;
	}
	return 0;
}

static void mw_put32(uint8_t *p, uint32_t v)
{
	v = htonl(v);
	memcpy(p, &v, 4);
}

static uint32_t mw_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return ntohl(v);
}

int mw_send(struct mw *w, uint8_t type, const void *body, size_t len)
{
	uint8_t hdr[MW_HDR_SIZE] = { 0 }, mac[MW_MAC_SIZE];
	struct timespec end;

	if (len > MW_BODY_MAX)
		return mw_fail(w, "%s", "a message too large to send");
	memcpy(hdr, MW_MAGIC, 4);
	hdr[4] = MW_VERSION;
	hdr[5] = type;
	mw_put32(hdr + 8, w->tx_seq);
	mw_put32(hdr + 12, len);
	if (mw_hmac(w->tx_key, w->tx_keylen, hdr, sizeof(hdr), body, len, mac))
		return mw_fail(w, "%s", "HMAC-SHA256 is not available");
	mw_deadline(w, &end);
	if (mw_write_all(w, hdr, sizeof(hdr), &end) ||
	    mw_write_all(w, body, len, &end) ||
	    mw_write_all(w, mac, sizeof(mac), &end))
		return -1;
	w->tx_seq++;
	return 0;
}

int mw_recv(struct mw *w, struct mw_msg *m)
{
	return mw_recv_max(w, m, MW_BODY_MAX);
}

int mw_recv_max(struct mw *w, struct mw_msg *m, uint32_t max)
{
	uint8_t hdr[MW_HDR_SIZE], mac[MW_MAC_SIZE], want[MW_MAC_SIZE];
	struct timespec end;
	uint32_t seq;

	memset(m, 0, sizeof(*m));
	mw_deadline(w, &end);
	if (mw_read_all(w, hdr, sizeof(hdr), &end))
		return -1;
	if (memcmp(hdr, MW_MAGIC, 4))
		return mw_fail(w, "%s", "not a migration message (bad magic)");
	if (hdr[4] != MW_VERSION)
		return mw_fail(w, "%s", "a message of another version");
	if (!hdr[5] || hdr[5] > MW_TYPE_MAX || hdr[6] || hdr[7])
		return mw_fail(w, "%s", "a message of an unknown type");
	m->len = mw_get32(hdr + 12);
	if (m->len > max)
		return mw_fail(w, "%s", "a message longer than the limit");
	/* Read whole before it is believed: the MAC covers it all. */
	m->body = malloc(m->len ?: 1);
	if (!m->body)
		return mw_fail(w, "%s", "out of memory");
	if (mw_read_all(w, m->body, m->len, &end) ||
	    mw_read_all(w, mac, sizeof(mac), &end))
		goto bad;
	if (mw_hmac(w->rx_key, w->rx_keylen, hdr, sizeof(hdr), m->body,
		    m->len, want)) {
		mw_fail(w, "%s", "HMAC-SHA256 is not available");
		goto bad;
	}
	if (CRYPTO_memcmp(mac, want, sizeof(mac))) {
		mw_fail(w, "%s", "a message that fails authentication (wrong key, or altered)");
		goto bad;
	}
	seq = mw_get32(hdr + 8);
	if (seq != w->rx_seq) {
		mw_fail(w, "%s", "a message out of order, or replayed");
		goto bad;
	}
	w->rx_seq++;
	m->type = hdr[5];
	return 0;
bad:
	free(m->body);
	m->body = NULL;
	return -1;
}

/* Each direction's key: HMAC(shared key, its label, both nonces). */
static int mw_session(struct mw *w, const uint8_t *nonces, bool source)
{
	uint8_t s2d[MW_MAC_SIZE], d2s[MW_MAC_SIZE];

	if (mw_hmac(w->key, w->keylen, MW_LABEL_TX_S, strlen(MW_LABEL_TX_S),
		    nonces, 2 * MW_NONCE_SIZE, s2d) ||
	    mw_hmac(w->key, w->keylen, MW_LABEL_TX_D, strlen(MW_LABEL_TX_D),
		    nonces, 2 * MW_NONCE_SIZE, d2s))
		return mw_fail(w, "%s", "HMAC-SHA256 is not available");
	memcpy(w->tx_key, source ? s2d : d2s, MW_MAC_SIZE);
	memcpy(w->rx_key, source ? d2s : s2d, MW_MAC_SIZE);
	w->tx_keylen = MW_MAC_SIZE;
	w->rx_keylen = MW_MAC_SIZE;
	w->tx_seq = 1;
	w->rx_seq = 1;
	OPENSSL_cleanse(s2d, sizeof(s2d));
	OPENSSL_cleanse(d2s, sizeof(d2s));
	return 0;
}

static int mw_nonce(struct mw *w, uint8_t *nonce)
{
	if (getrandom(nonce, MW_NONCE_SIZE, 0) != MW_NONCE_SIZE)
		return mw_fail(w, "getrandom: %s", strerror(errno));
	return 0;
}

bool mw_name_ok(const char *name)
{
	size_t len = strlen(name), i;

	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr(".-_", name[i]))
			return false;
	return len && len <= MW_NAME_MAX;
}

/* The hello the peer must send: of @min to @max bytes, under the shared key. */
static int mw_recv_hello(struct mw *w, struct mw_msg *m, uint32_t min,
			 uint32_t max)
{
	/* Nothing longer than a hello is read before the key is proven. */
	if (mw_recv_max(w, m, max))
		return -1;
	if (m->type == MW_HELLO && m->len >= min && m->len <= max)
		return 0;
	free(m->body);
	m->body = NULL;
	return mw_fail(w, "%s", "the peer did not begin with a hello");
}

int mw_hello_source(struct mw *w)
{
	uint8_t nonces[2 * MW_NONCE_SIZE];
	struct mw_msg m;
	int err;

	mw_reset(w);
	if (mw_nonce(w, nonces) || mw_send(w, MW_HELLO, nonces, MW_NONCE_SIZE) ||
	    mw_recv_hello(w, &m, sizeof(nonces) + 1,
			  sizeof(nonces) + MW_NAME_MAX))
		return -1;
	/* The destination proves it holds the key over this session's nonce. */
	err = memcmp(m.body, nonces, MW_NONCE_SIZE) ? 1 : 0;
	if (!err) {
		memcpy(nonces + MW_NONCE_SIZE, m.body + MW_NONCE_SIZE,
		       MW_NONCE_SIZE);
		memcpy(w->name, m.body + sizeof(nonces), m.len - sizeof(nonces));
		w->name[m.len - sizeof(nonces)] = '\0';
		err = mw_name_ok(w->name) ? 0 : 2;
	}
	free(m.body);
	if (err)
		return mw_fail(w, "%s", err == 1 ?
			       "the destination's hello answers another one" :
			       "the destination's hello names it malformed");
	return mw_session(w, nonces, true);
}

int mw_hello_dest(struct mw *w)
{
	uint8_t nonces[2 * MW_NONCE_SIZE], body[sizeof(nonces) + MW_NAME_MAX];
	size_t len = strlen(w->name);
	struct mw_msg m;

	mw_reset(w);
	if (mw_recv_hello(w, &m, MW_NONCE_SIZE, MW_NONCE_SIZE))
		return -1;
	memcpy(nonces, m.body, MW_NONCE_SIZE);
	free(m.body);
	if (mw_nonce(w, nonces + MW_NONCE_SIZE))
		return -1;
	/* Its name, under the shared key: the source can tell it is the one. */
	memcpy(body, nonces, sizeof(nonces));
	memcpy(body + sizeof(nonces), w->name, len);
	if (mw_send(w, MW_HELLO, body, sizeof(nonces) + len))
		return -1;
	return mw_session(w, nonces, false);
}

const char *mw_type_name(uint8_t type)
{
	static const char *const names[] = {
		[MW_HELLO] = "hello",
		[MW_PREPARE] = "prepare",
		[MW_PREPARED] = "prepared",
		[MW_COMMIT] = "commit",
		[MW_DONE] = "done",
		[MW_FAIL] = "fail",
		[MW_ABORT] = "abort",
		[MW_QUERY] = "query",
		[MW_ANSWER] = "answer",
		[MW_STEP] = "step",
	};

	return type < MNL_ARRAY_SIZE(names) && names[type] ?
	       names[type] : "unknown";
}

int mw_send_fail(struct mw *w, uint32_t step, const char *text)
{
	uint8_t body[4 + MW_TEXT_MAX];
	size_t n = strnlen(text, MW_TEXT_MAX - 1);

	mw_put32(body, step);
	memcpy(body + 4, text, n);
	body[4 + n] = 0;
	return mw_send(w, MW_FAIL, body, 4 + n + 1);
}

int mw_parse_fail(const struct mw_msg *m, uint32_t *step, char *text,
		  size_t size)
{
	size_t i;

	if (m->type != MW_FAIL || m->len < 5 || m->len > 4 + MW_TEXT_MAX ||
	    m->body[m->len - 1])
		return -1;
	*step = mw_get32(m->body);
	/* The peer's text reaches a terminal: printable ASCII only. */
	for (i = 0; i + 5 < m->len && i + 1 < size; i++) {
		char c = m->body[4 + i];

		text[i] = c >= 0x20 && c < 0x7f ? c : '?';
	}
	text[i] = 0;
	return 0;
}
