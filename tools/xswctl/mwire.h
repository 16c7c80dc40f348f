/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_MWIRE_H
#define XSWCTL_MWIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The migration wire (Documentation/migration.rst): over one TCP
 * connection, messages of a 16-byte header, a body and an HMAC-SHA256 of
 * both.  The two hellos are keyed by the shared key and carry each side's
 * nonce; every later message is keyed by a session key derived from the
 * shared key and both nonces, and numbered, so that nothing of another
 * session and nothing out of order is taken.
 */
#define MW_MAGIC "XSWM"
#define MW_VERSION 2
#define MW_HDR_SIZE 16
#define MW_MAC_SIZE 32
#define MW_NONCE_SIZE 16
#define MW_KEY_MIN 16
#define MW_KEY_MAX 1024
/* A body past this is refused before it is read: a save file's, and some. */
#define MW_BODY_MAX (((size_t)80 << 20) + 65536)
#define MW_TEXT_MAX 512
/* The destination's name in its hello: letters, digits, '.', '-', '_'. */
#define MW_NAME_MAX 64

enum mw_type {
	MW_HELLO = 1,		/* nonce (source); nonces, name (destination) */
	MW_PREPARE,		/* S->D: a save file of the ports, no records */
	MW_PREPARED,		/* D->S: the new port ids */
	MW_COMMIT,		/* S->D: the save file with the records */
	MW_DONE,		/* D->S: the ports work on the destination */
	MW_FAIL,		/* either: the step that failed, and why */
	MW_ABORT,		/* S->D: undo what you made; the source keeps it */
	MW_QUERY,		/* S->D, a session of its own: what became of ports */
	MW_ANSWER,		/* D->S: each port's state */
	MW_STEP,		/* D->S: a step of the destination's, as it ends */
	MW_TYPE_MAX = MW_STEP,
};

/* A PREPARE's options, the 4 bytes before its save file. */
#define MW_PREP_GATED	0x1	/* pre-provision the NICs, gated first-frame */
#define MW_PREP_ALL	MW_PREP_GATED

struct mw {
	int fd;
	unsigned int timeout_ms;	/* for each message, to arrive or leave */
	uint8_t key[MW_KEY_MAX];	/* the shared key */
	size_t keylen;
	/* Each direction's key: the shared one for the hellos, then the session's. */
	uint8_t tx_key[MW_KEY_MAX], rx_key[MW_KEY_MAX];
	size_t tx_keylen, rx_keylen;
	uint32_t tx_seq, rx_seq;
	/* The destination's name: its own there, the one it said here. */
	char name[MW_NAME_MAX + 1];
	char why[256];			/* the last error, for the log */
};

struct mw_msg {
	uint8_t type;
	uint32_t len;
	uint8_t *body;		/* malloc'd; the caller frees it */
};

/* Reads a key file, refusing one others may read or one too short. */
int mw_key_read(struct mw *w, const char *path);
/* Wipes the keys. */
void mw_forget(struct mw *w);
int mw_send(struct mw *w, uint8_t type, const void *body, size_t len);
/*
 * The next message, checked: its header, length, MAC and number.  0, or
 * -1 with @w->why set (a closed connection, a timeout or a bad message).
 */
int mw_recv(struct mw *w, struct mw_msg *m);
/* The same, refusing from its header a body longer than @max. */
int mw_recv_max(struct mw *w, struct mw_msg *m, uint32_t max);
/* Whether @name is one a destination may go by. */
bool mw_name_ok(const char *name);
/*
 * The handshake: 0 with the session key in place, or -1 with @w->why.
 * The destination says @w->name; the source learns it into @w->name.
 */
int mw_hello_source(struct mw *w);
int mw_hello_dest(struct mw *w);
/* A type's name for a message: "hello", "prepare" ... or "unknown". */
const char *mw_type_name(uint8_t type);
/* A FAIL message's body: the step and a text. */
int mw_send_fail(struct mw *w, uint32_t step, const char *text);
int mw_parse_fail(const struct mw_msg *m, uint32_t *step, char *text,
		  size_t size);

#endif
