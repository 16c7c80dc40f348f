// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl migrate (the source) and xswctl agent (the destination): a VM's
 * ports move between two hosts' switches over TCP in Hyper-V's live
 * migration order, with a rollback for each step that fails
 * (Documentation/migration.rst).
 */
#define _GNU_SOURCE	/* open_memstream() */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "journal.h"
#include "mwire.h"
#include "obj.h"
#include "out.h"
#include "parse.h"
#include "vm.h"
#include "xswctl.h"

#define MIG_PORT "7410"
#define MIG_TIMEOUT_DEFAULT 30

static const char migrate_help[] =
	"Usage: xswctl migrate SWITCH port ID [ port ID ... ] to HOST\n"
	"                      key FILE [ service PORT ] [ timeout SECS ]\n"
	"                      [ keep FILE ] [ expect NAME ] [ journal FILE ]\n"
	"                      [ activation { restore | first-frame } ]\n"
	"       xswctl migrate SWITCH recover FILE key FILE [ timeout SECS ]\n"
	"                      [ keep FILE ]\n"
	"       xswctl agent SWITCH key FILE [ listen ADDR ] [ service PORT ]\n"
	"                    [ timeout SECS ] [ name NAME ] [ once ]\n"
	"\n"
	"migrate moves the ports of one VM (each port with its policies, NICs\n"
	"and their run-time data) from SWITCH here to the switch of the agent\n"
	"at HOST, in Hyper-V's order: on the destination a validation port\n"
	"with the policies of each, then the operational ports and their\n"
	"policies; here the save, then NIC disconnect and delete, port teardown\n"
	"and delete; on the destination NIC create, connect and restore. Each\n"
	"step is printed as it ends, with its duration, and the blackout (from\n"
	"the first disconnect here to the destination's answer); -j prints a\n"
	"report. A refusal before the ports left this host leaves them here,\n"
	"untouched; a refusal of the destination after it puts them back here\n"
	"from the saved data. If the destination does not answer once it has\n"
	"the data, it is asked what became of the ports; with no answer still,\n"
	"it is the one that decides: keep FILE writes the saved ports there\n"
	"for vm resume. The migration runs in a child of the command, which\n"
	"finishes it (rolls back, or learns the destination kept the ports) if\n"
	"the child is killed or interrupted. journal FILE (made anew, mode 600)\n"
	"keeps how far it got and the saved data on disk, synced at each step,\n"
	"until it ends; if both processes are gone (the host went down), recover\n"
	"FILE finishes from it as the parent would have, and removes it once\n"
	"nothing is left to decide. activation first-frame (OVN's activation-\n"
	"strategy=rarp) has the destination create and connect the NICs with\n"
	"their ports, before the save here, gated shut; after the restore each\n"
	"gate opens at the VM's first frame there (its announce), so that NIC\n"
	"create and connect are out of the blackout. restore (the default) is\n"
	"Hyper-V's order.\n"
	"agent waits for migrations to SWITCH (on every address ADDR names, or\n"
	"without it on every address of both families; TCP service 7410 unless\n"
	"given), up to 8 at once, each in a process of its own; with once, for\n"
	"one.\n"
	"Both ends hold the same key FILE (16 to 1024 bytes, readable by its\n"
	"owner only): every message is authenticated with HMAC-SHA256 under\n"
	"a key of the session, and numbered. timeout (default 30) bounds the\n"
	"wait for each message. The agent says its NAME (default: the host's\n"
	"name; 1 to 64 letters, digits, '.', '-' or '_') in its hello, under\n"
	"the key; with expect NAME, migrate moves nothing to an agent of\n"
	"another name.\n";

/* The steps of reference §6, as this side reports them. */
enum mig_step {
	MIG_VALIDATE = 1,	/* 1-3: validation ports, policies, deletes */
	MIG_OPERATIONAL = 4,	/* 4-5: operational ports and policies */
	MIG_SAVE = 6,
	MIG_TAKE_OFF = 7,	/* 7-10: disconnect, delete, teardown, delete */
	MIG_NICS = 11,		/* 11-13: create, connect, restore */
	MIG_GATED = 12,		/* 11-12, pre-provisioned: create, connect gated */
	MIG_RESTORE = 13,	/* 13 of those: restore, gates to first-frame */
};

static const char *mig_step_name(uint32_t step)
{
	switch (step) {
	case MIG_VALIDATE: return "1-3 validation ports and policies";
	case MIG_OPERATIONAL: return "4-5 operational ports and policies";
	case MIG_SAVE: return "6 save";
	case MIG_TAKE_OFF: return "7-10 NIC disconnect, delete, port teardown, delete";
	case MIG_NICS: return "11-13 NIC create, connect, restore";
	case MIG_GATED: return "11-12 NIC create, connect, gated shut (early)";
	case MIG_RESTORE: return "13 NIC restore, gates to first-frame";
	default: return "?";
	}
}

static double mig_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* One step, printed as it ends: here by this host, or by the peer. */
static void mig_report(const char *host, uint32_t step, double ms, bool ok)
{
	if (xswctl.json)
		return;
	printf("%-12s %-52s %9.1f ms %s\n", host, mig_step_name(step), ms,
	       ok ? "ok" : "FAILED");
	fflush(stdout);
}

/* A save file of @sf in memory, for a message; a PREPARE's @opts first. */
static int mig_pack_opts(const struct savefile *sf, const uint32_t *opts,
			 char **buf, size_t *len)
{
	uint32_t v = opts ? htonl(*opts) : 0;
	FILE *f;
	int err;

	*buf = NULL;
	*len = 0;
	f = open_memstream(buf, len);
	if (!f)
		return -1;
	err = (opts && fwrite(&v, 4, 1, f) != 1) || savefile_write(sf, f);
	if (fclose(f) || err) {
		free(*buf);
		*buf = NULL;
		return -1;
	}
	return 0;
}

static int mig_pack(const struct savefile *sf, char **buf, size_t *len)
{
	return mig_pack_opts(sf, NULL, buf, len);
}

struct mig_args {
	const char *sw;
	const char *host;
	const char *service;
	const char *key;
	const char *keep;
	const char *name;	/* the agent's name; the one migrate expects */
	const char *journal;
	unsigned long timeout;
	bool timeout_set;
	bool recover;
	bool gated;		/* activation first-frame */
	unsigned long ids[SAVE_PORTS_MAX];
	unsigned int n;
	bool once;
};

/* migrate's port: a new one, from 1 to 4294967295. */
static int mig_port_arg(struct mig_args *a, const char *arg)
{
	unsigned int j;

	if (a->n == SAVE_PORTS_MAX)
		return usage_error("migrate: more than %d ports", SAVE_PORTS_MAX);
	if (!parse_uint(arg, UINT32_MAX, &a->ids[a->n]) || !a->ids[a->n])
		return usage_error("migrate: port \"%s\" is not %s", arg,
				   "a number from 1 to 4294967295");
	for (j = 0; j < a->n; j++)
		if (a->ids[j] == a->ids[a->n])
			return usage_error("migrate: port %lu given twice",
					   a->ids[a->n]);
	a->n++;
	return 0;
}

/*
 * The arguments after SWITCH, KEYWORD VALUE pairs but agent's once: 0,
 * or XSWCTL_EXIT_USAGE with the fault printed.
 */
static int mig_name_arg(struct mig_args *a, const char *what, const char *k,
			const char *v)
{
	if (!mw_name_ok(v))
		return usage_error("%s: %s \"%s\" is not 1 to %d letters, digits, '.', '-' or '_'",
				   what, k, v, MW_NAME_MAX);
	a->name = v;
	return 0;
}

static int mig_activation_arg(struct mig_args *a, const char *v)
{
	if (strcmp(v, "restore") && strcmp(v, "first-frame"))
		return usage_error("migrate: activation \"%s\" is not %s", v,
				   "restore or first-frame");
	a->gated = !strcmp(v, "first-frame");
	return 0;
}

static int mig_timeout_arg(struct mig_args *a, const char *what,
			   const char *v)
{
	if (!parse_uint(v, 3600, &a->timeout) || !a->timeout)
		return usage_error("%s: timeout \"%s\" is not %s", what, v,
				   "a number of seconds from 1 to 3600");
	a->timeout_set = true;
	return 0;
}

static int mig_journal_arg(struct mig_args *a, const char *k, const char *v)
{
	if (a->journal)
		return usage_error("%s", "migrate: one journal or recover FILE");
	if (!*v)
		return usage_error("migrate: %s FILE is empty", k);
	a->journal = v;
	a->recover = !strcmp(k, "recover");
	return 0;
}

static int mig_parse(struct mig_args *a, int argc, char **argv, bool agent)
{
	const char *what = agent ? "agent" : "migrate";
	const char *k, *v;
	int i, err = 0;

	for (i = 0; i < argc && !err; i += 2) {
		k = argv[i];
		v = i + 1 < argc ? argv[i + 1] : NULL;
		if (agent && !strcmp(k, "once")) {
			a->once = true;
			i--;
			continue;
		}
		if (!v)
			return usage_error("%s: \"%s\" wants a value", what, k);
		if (!strcmp(k, "key"))
			a->key = v;
		else if (!strcmp(k, "service"))
			a->service = v;
		else if (!strcmp(k, "timeout"))
			err = mig_timeout_arg(a, what, v);
		else if (agent && !strcmp(k, "listen"))
			a->host = v;
		else if (!agent && !strcmp(k, "to"))
			a->host = v;
		else if (!agent && !strcmp(k, "keep"))
			a->keep = v;
		else if (!agent && !strcmp(k, "activation"))
			err = mig_activation_arg(a, v);
		else if (!agent && (!strcmp(k, "journal") || !strcmp(k, "recover")))
			err = mig_journal_arg(a, k, v);
		else if (!strcmp(k, agent ? "name" : "expect"))
			err = mig_name_arg(a, what, k, v);
		else if (!agent && !strcmp(k, "port"))
			err = mig_port_arg(a, v);
		else
			return usage_error("%s: unknown argument \"%s\"", what, k);
	}
	return err;
}

static int mig_key(struct mw *w, const struct mig_args *a)
{
	if (!a->key)
		return usage_error("%s", "the key FILE is missing");
	if (mw_key_read(w, a->key)) {
		fprintf(stderr, "xswctl: %s\n", w->why);
		return XSWCTL_EXIT_FAILURE;
	}
	w->timeout_ms = a->timeout * 1000;
	return 0;
}

/* The destination's name, as its hello said it (for the report). */
static char mig_dest[MW_NAME_MAX + 1];

/* The handshake, and the destination's name checked against expect NAME. */
static int mig_hello(struct mw *w, const struct mig_args *a)
{
	if (mw_hello_source(w))
		return -1;
	snprintf(mig_dest, sizeof(mig_dest), "%s", w->name);
	if (a->name && strcmp(a->name, w->name)) {
		snprintf(w->why, sizeof(w->why),
			 "the destination is \"%s\", not \"%s\"", w->name,
			 a->name);
		return -1;
	}
	return 0;
}

static int mig_connect(const struct mig_args *a, bool quiet)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	int fd = -1, one = 1, err;

	err = getaddrinfo(a->host, a->service, &hints, &res);
	if (err) {
		if (!quiet)
			fprintf(stderr, "xswctl: migrate: %s: %s\n", a->host,
				gai_strerror(err));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
		if (fd >= 0 && !connect(fd, ai->ai_addr, ai->ai_addrlen))
			break;
		err = errno;
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		if (!quiet)
			fprintf(stderr, "xswctl: migrate: %s service %s: %s\n",
				a->host, a->service, strerror(err));
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* The ports a PREPARED or DONE message names, their ids there. */
static int mig_read_ids(const struct mw_msg *m, uint32_t *ids, unsigned int n)
{
	uint32_t v;
	unsigned int i;

	if (m->len != 4 + 4 * (size_t)n)
		return -1;
	memcpy(&v, m->body, 4);
	if (ntohl(v) != n)
		return -1;
	for (i = 0; i < n && ids; i++) {
		memcpy(&v, m->body + 4 + 4 * i, 4);
		ids[i] = ntohl(v);
	}
	return 0;
}

/* A STEP: one of the destination's steps, printed as it arrives. */
static int mig_read_step(const struct mw_msg *m, uint32_t want)
{
	uint32_t step, ok, us;

	if (m->len != 12)
		return -1;
	memcpy(&step, m->body, 4);
	memcpy(&ok, m->body + 4, 4);
	memcpy(&us, m->body + 8, 4);
	step = ntohl(step);
	ok = ntohl(ok);
	if (step != want || ok > 1)
		return -1;
	mig_report("destination", step, ntohl(us) / 1e3, ok);
	return 0;
}

/*
 * A source's guardian.  xswctl migrate runs the migration in a child, the
 * worker; the parent, its guardian, waits.  The worker journals how far
 * it got and, from the save on, the saved data (journal.h): if the worker
 * is killed, the guardian finishes for it from there, so that a killed
 * process does not leave the VM's ports on neither host.  A guardian
 * killed leaves the worker to go on alone.  With journal FILE the journal
 * outlives both, for xswctl migrate SWITCH recover FILE.
 */
static struct mj mig_journal = { .fd = -1 };
/* NULL when the migration has no journal (none could be had in memory). */
static struct mj *mig_j;

/* 0, or -1 (said) when the journal could not make the phase durable. */
static int mig_journal_phase(uint32_t phase)
{
	if (!mig_j || !mj_phase(mig_j, phase))
		return 0;
	fprintf(stderr, "xswctl: migrate: journal: %s\n", strerror(errno));
	return -1;
}

/* The saved data and the new ids, before anything is taken off. */
static int mig_journal_save(const uint32_t *ids, const char *buf, size_t len)
{
	char why[256];

	if (!mig_j)
		return 0;
	if (mj_save(mig_j, ids, buf, len, why, sizeof(why))) {
		fprintf(stderr, "xswctl: migrate: %s\n", why);
		return -1;
	}
	return 0;
}

/* Puts the ports of @sf back on this host, from the saved data. */
static int mig_put_back(struct xnl *nl, const char *sw,
			const struct savefile *sf, unsigned int n)
{
	struct resumed r;
	unsigned int i;
	int err = 0;

	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		if (vm_new_port(nl, sw, &sf->ports[i], 0, &r.id) ||
		    vm_add_props(nl, sw, r.id, &sf->ports[i]) ||
		    vm_add_nics(nl, sw, r.id, &sf->ports[i], &r)) {
			fprintf(stderr, "xswctl: migrate: port %u could not be put back\n",
				sf->ports[i].old_id);
			if (r.id)
				vm_take_off(nl, sw, r.id, &sf->ports[i], true);
			vm_note(nl, sw, sf->ports[i].old_id, XSWITCH_OUTCOME_LEFT,
				XSWITCH_ROLE_SOURCE);
			err = -1;
			continue;
		}
		vm_note(nl, sw, r.id, XSWITCH_OUTCOME_PUT_BACK, XSWITCH_ROLE_SOURCE);
		fprintf(stderr, "xswctl: migrate: port %u is back on %s as port %u\n",
			sf->ports[i].old_id, sw, r.id);
		/* Upstream may have learned its MACs elsewhere meanwhile. */
		vm_announce(nl, sw, r.id, &sf->ports[i]);
	}
	return err;
}

/* How the migration ended here, the source, for @a's ports from @from on. */
static void mig_note_from(struct xnl *nl, const struct mig_args *a,
			  unsigned int from, uint32_t outcome)
{
	unsigned int i;

	if (!nl)
		return;
	for (i = from; i < a->n; i++)
		vm_note(nl, a->sw, a->ids[i], outcome, XSWITCH_ROLE_SOURCE);
}

static void mig_note(struct xnl *nl, const struct mig_args *a,
		     uint32_t outcome)
{
	mig_note_from(nl, a, 0, outcome);
}

static void mig_json(const char *outcome, const struct mig_args *a,
		     const uint32_t *ids, double blackout, double total)
{
	unsigned int i;

	if (!xswctl.json)
		return;
	/* The name is of letters, digits and ".-_": JSON as it is. */
	printf("{\"outcome\":\"%s\",\"switch\":\"%s\",\"destination\":\"%s\",\"ports\":[",
	       outcome, a->sw, mig_dest);
	for (i = 0; i < a->n; i++)
		printf("%s{\"port\":%lu,\"new-port\":%u}", i ? "," : "", a->ids[i],
		       ids ? ids[i] : 0);
	printf("],\"blackout-ms\":%.3f,\"total-ms\":%.3f}\n", blackout, total);
}

/* The ports are on the destination: said, and reported. */
static void mig_done(struct xnl *nl, const struct mig_args *a,
		     const uint32_t *ids, double blackout, double total)
{
	mig_note(nl, a, XSWITCH_OUTCOME_MIGRATED);
	mig_journal_phase(MJ_ENDED);
	mig_json("migrated", a, ids, blackout, total);
}

/*
 * What the destination answered, its steps printed as they come: 0, 1
 * for a refusal (printed), -1 for none (the connection, or nonsense).
 * Its STEPs come in their order, all of them before the answer due:
 * 1-3, 4-5 (and 11-12 with @gated) before PREPARED; 11-13 (13) before
 * DONE.
 */
static int mig_answer(struct mw *w, uint8_t want, struct mw_msg *m,
		      bool gated)
{
	static const uint32_t prepared[] = {
		MIG_VALIDATE, MIG_OPERATIONAL, MIG_GATED,
	};
	const uint32_t done = gated ? MIG_RESTORE : MIG_NICS;
	const uint32_t *order = want == MW_PREPARED ? prepared : &done;
	unsigned int n = want == MW_PREPARED ? 2 + gated : 1, steps = 0;
	char text[MW_TEXT_MAX];
	uint32_t step;

	for (;;) {
		if (mw_recv(w, m)) {
			fprintf(stderr, "xswctl: migrate: the destination: %s\n",
				w->why);
			return -1;
		}
		if (m->type != MW_STEP)
			break;
		/* A destination that does not make sense: as one silent. */
		if (steps == n || mig_read_step(m, order[steps++])) {
			fprintf(stderr, "xswctl: migrate: %s\n",
				"the destination sent a malformed step message");
			free(m->body);
			m->body = NULL;
			return -1;
		}
		free(m->body);
		m->body = NULL;
	}
	if (m->type == want && steps == n)
		return 0;
	if (m->type == want) {
		free(m->body);
		m->body = NULL;
		/* As one silent: after the COMMIT, it is asked what it did. */
		fprintf(stderr, "xswctl: migrate: %s\n",
			"the destination answered before its steps ended");
		return -1;
	}
	if (m->type != MW_FAIL)
		fprintf(stderr, "xswctl: migrate: the destination sent a %s message out of turn\n",
			mw_type_name(m->type));
	else if (mw_parse_fail(m, &step, text, sizeof(text)))
		fprintf(stderr, "xswctl: migrate: the destination sent a malformed fail message\n");
	else if (!step)
		/* Not a step's failure: what the source sent, or the wire. */
		fprintf(stderr, "xswctl: migrate: the destination refused: %s\n",
			text);
	else
		fprintf(stderr, "xswctl: migrate: the destination refused step %s: %s\n",
			mig_step_name(step), text);
	free(m->body);
	m->body = NULL;
	return 1;
}

/* Writes @sf for vm resume, when the outcome is the destination's. */
static void mig_keep(const struct mig_args *a, const struct savefile *sf)
{
	int fd, err;
	FILE *f;

	if (!a->keep) {
		fprintf(stderr, "xswctl: migrate: the saved data is not kept (no keep FILE)\n");
		return;
	}
	/* The run-time data is the VM's: its owner's alone, and never replaced. */
	fd = open(a->keep, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f && fd >= 0)
		close(fd);
	err = !f || savefile_write(sf, f);
	if (f && fclose(f))
		err = 1;
	if (err)
		fprintf(stderr, "xswctl: migrate: keep %s: %s\n", a->keep,
			strerror(errno));
	else
		fprintf(stderr, "xswctl: migrate: the saved ports are in %s\n",
			a->keep);
}

/*
 * The first @n ports of @sf back here; the saved data written to keep
 * FILE if one cannot be.  Journaled first, so that a guardian finishes a
 * put-back that its worker began.  The migration has failed.
 */
static int mig_back(struct xnl *nl, const struct mig_args *a,
		    const struct savefile *sf, unsigned int n)
{
	mig_journal_phase(MJ_BACK);
	if (mig_put_back(nl, a->sw, sf, n))
		mig_keep(a, sf);
	else
		mig_journal_phase(MJ_ENDED);
	return XSWCTL_EXIT_FAILURE;
}

/*
 * Whether the destination ended its side before the commit: a FAIL, or
 * the end of the connection, waiting already.  It acts only on a commit
 * it has whole, so the ports can come back here.
 */
static bool mig_gave_up(struct mw *w)
{
	struct pollfd p = { .fd = w->fd, .events = POLLIN | POLLRDHUP };

	return poll(&p, 1, 0) > 0;
}

/* A port's state in an ANSWER. */
enum mig_held {
	MIG_GONE,		/* not on the destination */
	MIG_KEPT,		/* there, and kept: the migration finished */
	MIG_HELD,		/* there, provisional: its session runs still */
};

/* One QUERY on a connection of its own: 1 kept, 0 gone, 2 held, -1. */
static int mig_query_once(struct mw *w, const struct mig_args *a,
			  const uint32_t *ids)
{
	uint32_t body[1 + SAVE_PORTS_MAX], v;
	unsigned int i, kept = 0, held = 0;
	struct mw_msg m = {};
	int r = -1;

	w->fd = mig_connect(a, true);
	if (w->fd < 0)
		return -1;
	body[0] = htonl(a->n);
	for (i = 0; i < a->n; i++)
		body[1 + i] = htonl(ids[i]);
	if (mig_hello(w, a) ||
	    mw_send(w, MW_QUERY, body, 4 * (1 + a->n)) || mw_recv(w, &m))
		goto out;
	if (m.type != MW_ANSWER || m.len != 4 * (1 + a->n))
		goto out;
	memcpy(&v, m.body, 4);
	if (ntohl(v) != a->n)
		goto out;
	for (i = 0; i < a->n; i++) {
		memcpy(&v, m.body + 4 * (1 + i), 4);
		kept += ntohl(v) == MIG_KEPT;
		held += ntohl(v) == MIG_HELD;
	}
	/* Kept together (one call): a mix of kept and gone is no answer. */
	r = held ? MIG_HELD : kept == a->n ? MIG_KEPT : !kept ? MIG_GONE : -1;
out:
	free(m.body);
	close(w->fd);
	w->fd = -1;
	return r;
}

/*
 * No answer to the commit: the destination finished and its DONE was
 * lost, or it failed or ended (a destination's ports are held by its
 * session until the instant before DONE, and go with it).  Its agent
 * tells which, asked on a connection of its own once a second, until the
 * timeout: a port held still is a session that has not decided yet.
 */
static int mig_outcome(struct mw *w, const struct mig_args *a,
		       const uint32_t *ids)
{
	double end = mig_now() + a->timeout * 1e3;
	int r;

	fprintf(stderr, "xswctl: migrate: asking the destination what became of the ports\n");
	close(w->fd);
	for (;;) {
		r = mig_query_once(w, a, ids);
		if ((r != MIG_HELD && r >= 0) || mig_now() >= end)
			return r == MIG_HELD ? -1 : r;
		usleep(1000 * 1000);
	}
}

/* The commit went unanswered: the outcome asked for, and followed. */
static int mig_unanswered(struct xnl *nl, struct mw *w,
			  const struct mig_args *a, const struct savefile *sf,
			  const uint32_t *ids)
{
	switch (mig_outcome(w, a, ids)) {
	case MIG_KEPT:
		fprintf(stderr, "xswctl: migrate: %s\n",
			"the destination has the ports: migrated, its answer lost");
		if (!xswctl.json)
			printf("migrated %u ports (the answer to the commit was lost)\n",
			       a->n);
		mig_done(nl, a, ids, 0, 0);
		return 0;
	case MIG_GONE:
		fprintf(stderr, "xswctl: migrate: %s\n",
			"the destination has none of the ports: putting them back");
		return mig_back(nl, a, sf, a->n);
	}
	fprintf(stderr, "xswctl: migrate: no answer from the destination: %s\n",
		"it has the data, and decides");
	mig_note(nl, a, XSWITCH_OUTCOME_LEFT);
	mig_keep(a, sf);
	return XSWCTL_EXIT_FAILURE;
}

/* Whether the take-off began: before it, a failure leaves the ports untouched. */
static bool mig_left;

static int mig_source(struct xnl *nl, struct mw *w, const struct mig_args *a,
		      struct savefile *sf)
{
	uint32_t ids[SAVE_PORTS_MAX];
	struct nic_at at = { .sw = a->sw };
	double t0 = mig_now(), t, off = 0;
	uint32_t opts = a->gated ? MW_PREP_GATED : 0;
	struct mw_msg m;
	unsigned int i;
	size_t len;
	char *buf;
	int r;

	if (mig_pack_opts(sf, &opts, &buf, &len))
		return XSWCTL_EXIT_FAILURE;
	r = mig_hello(w, a) ?: mw_send(w, MW_PREPARE, buf, len);
	free(buf);
	if (r) {
		fprintf(stderr, "xswctl: migrate: %s; nothing was moved\n", w->why);
		return XSWCTL_EXIT_FAILURE;
	}
	r = mig_answer(w, MW_PREPARED, &m, a->gated);
	if (!r && mig_read_ids(&m, ids, a->n)) {
		fprintf(stderr, "xswctl: migrate: the destination's answer is malformed\n");
		r = -1;
	}
	free(m.body);
	if (r) {
		fprintf(stderr, "xswctl: migrate: the ports stay on %s, untouched\n",
			a->sw);
		return XSWCTL_EXIT_FAILURE;
	}
	t = mig_now();
	for (i = 0; i < a->n; i++) {
		at.port = a->ids[i];
		if (vm_save_records(nl, &sf->ports[i], &at))
			break;
	}
	mig_report("source", MIG_SAVE, mig_now() - t, i == a->n);
	if (i < a->n) {
		mw_send(w, MW_ABORT, NULL, 0);
		fprintf(stderr, "xswctl: migrate: %s: the ports stay on %s, connected\n",
			"the save failed", a->sw);
		return XSWCTL_EXIT_FAILURE;
	}
	/* Packed before the blackout, and journaled for the guardian. */
	if (mig_pack(sf, &buf, &len) || mig_journal_save(ids, buf, len)) {
		free(buf);
		mw_send(w, MW_ABORT, NULL, 0);
		fprintf(stderr, "xswctl: migrate: %s: the ports stay on %s, connected\n",
			"the saved data cannot be kept", a->sw);
		return XSWCTL_EXIT_FAILURE;
	}
	off = mig_now();
	mig_left = true;
	for (i = 0; i < a->n; i++)
		if (vm_take_off(nl, a->sw, a->ids[i], &sf->ports[i], false))
			break;
	mig_report("source", MIG_TAKE_OFF, mig_now() - off, i == a->n);
	if (i < a->n) {
		/* What is left of the port that failed goes, and all come back. */
		vm_take_off(nl, a->sw, a->ids[i], &sf->ports[i], true);
		free(buf);
		mw_send(w, MW_ABORT, NULL, 0);
		/* The ports after it never left. */
		mig_note_from(nl, a, i + 1, XSWITCH_OUTCOME_UNTOUCHED);
		return mig_back(nl, a, sf, i + 1);
	}
	if (mig_gave_up(w)) {
		free(buf);
		fprintf(stderr, "xswctl: migrate: the destination gave up before the commit; %s\n",
			"putting the ports back");
		return mig_back(nl, a, sf, a->n);
	}
	/*
	 * Journaled before it leaves: a journal read after a crash that says
	 * SAVED is one whose COMMIT never left, and so can be put back here
	 * even if the destination does not answer.
	 */
	if (mig_journal_phase(MJ_COMMITTED)) {
		free(buf);
		mw_send(w, MW_ABORT, NULL, 0);
		return mig_back(nl, a, sf, a->n);
	}
	if (mw_send(w, MW_COMMIT, buf, len)) {
		free(buf);
		/* Not all of it left: the destination cannot act on it. */
		fprintf(stderr, "xswctl: migrate: sending the saved data: %s; %s\n",
			w->why, "putting the ports back");
		return mig_back(nl, a, sf, a->n);
	}
	free(buf);
	r = mig_answer(w, MW_DONE, &m, a->gated);
	if (r > 0)
		return mig_back(nl, a, sf, a->n);
	if (r < 0 || mig_read_ids(&m, NULL, a->n)) {
		free(m.body);
		return mig_unanswered(nl, w, a, sf, ids);
	}
	free(m.body);
	t = mig_now();
	if (!xswctl.json)
		printf("migrated %u ports: blackout %.1f ms, total %.1f ms\n",
		       a->n, t - off, t - t0);
	mig_done(nl, a, ids, t - off, t - t0);
	return 0;
}

/* The ports here of the names of @sf's, found by a dump. */
struct mig_named {
	const struct savefile *sf;
	uint32_t ids[2 * SAVE_PORTS_MAX];
	unsigned int which[2 * SAVE_PORTS_MAX];
	unsigned int n;
};

static int mig_named_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mig_named *c = data;
	const struct nlattr *a, *want;
	const char *name = NULL;
	uint32_t id = 0;
	unsigned int i;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == XSWITCH_A_PORT_ID &&
		    !mnl_attr_validate(a, MNL_TYPE_U32))
			id = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) == XSWITCH_A_PORT_NAME &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			name = mnl_attr_get_str(a);
	}
	for (i = 0; id && name && i < c->sf->nports &&
	     c->n < MNL_ARRAY_SIZE(c->ids); i++) {
		want = sattrs_get(&c->sf->ports[i].attrs, XSWITCH_A_PORT_NAME);
		if (want && !strcmp(mnl_attr_get_str(want), name)) {
			c->ids[c->n] = id;
			c->which[c->n++] = i;
			break;
		}
	}
	return MNL_CB_OK;
}

/*
 * Takes off what a killed worker left of the VM's ports here, found by
 * their names: a port it had not reached, one half taken off, or one half
 * put back.
 */
static void mig_clear(struct xnl *nl, const char *sw, const struct savefile *sf)
{
	static char buf[XNL_REQ_SIZE];
	struct nlmsghdr *nlh = xnl_msg(buf, XSWITCH_CMD_PORT_GET, NLM_F_DUMP);
	struct mig_named c = { .sf = sf };
	unsigned int i;

	if (!mnl_attr_put_strz_check(nlh, sizeof(buf), XSWITCH_A_PORT_SWITCH, sw))
		return;
	nl->obj = &port_object;
	if (xnl_talk(nl, nlh, mig_named_cb, &c))
		return;
	for (i = 0; i < c.n; i++)
		vm_take_off(nl, sw, c.ids[i], &sf->ports[c.which[i]], true);
}

/*
 * The worker was killed, or the host went down with it: its migration
 * finished from the journal.  The journal says MJ_ENDED once all is said.
 * @later: from a journal file, perhaps long after, when the destination's
 * ids may name other ports: a COMMIT that never left is not asked about.
 */
static int mig_recover(struct mw *w, const struct mig_args *a, bool later)
{
	uint32_t phase = mj_get_phase(mig_j);
	struct savefile sf = { .kind = SAVE_KIND_VM };
	struct xnl *nl = xnl_get(&port_object);
	char why[256];
	int r = -1;

	if (phase == MJ_UNTOUCHED) {
		fprintf(stderr, "xswctl: migrate: nothing had left: the ports stay on %s\n",
			a->sw);
		mig_note(nl, a, XSWITCH_OUTCOME_UNTOUCHED);
		mig_journal_phase(MJ_ENDED);
		return XSWCTL_EXIT_FAILURE;
	}
	if (mj_load(mig_j, &sf, why, sizeof(why))) {
		fprintf(stderr, "xswctl: migrate: the journal cannot be read back: %s\n",
			why);
		return XSWCTL_EXIT_FAILURE;
	}
	/* Past the COMMIT, it may have arrived: the destination says. */
	if (phase == MJ_COMMITTED || (phase == MJ_SAVED && !later))
		r = mig_outcome(w, a, mig_j->h->new_ids);
	if (r == MIG_KEPT) {
		fprintf(stderr, "xswctl: migrate: %s\n",
			"the destination has the ports: migrated");
		mig_done(nl, a, mig_j->h->new_ids, 0, 0);
		savefile_free(&sf);
		return 0;
	}
	if (r < 0 && phase == MJ_COMMITTED) {
		fprintf(stderr, "xswctl: migrate: no answer from the destination: %s\n",
			"it has the data, and decides");
		mig_note(nl, a, XSWITCH_OUTCOME_LEFT);
		mig_keep(a, &sf);
	} else if (nl) {
		fprintf(stderr, "xswctl: migrate: putting the ports back on %s\n",
			a->sw);
		mig_clear(nl, a->sw, &sf);
		mig_back(nl, a, &sf, sf.nports);
	}
	savefile_free(&sf);
	return XSWCTL_EXIT_FAILURE;
}

/* The journal's end: removed once all is said, else kept and named. */
static void mig_journal_close(void)
{
	bool ended;

	if (!mig_j)
		return;
	ended = mj_get_phase(mig_j) == MJ_ENDED;
	if (!ended && mig_j->path)
		fprintf(stderr, "xswctl: migrate: the journal %s stays: %s\n",
			mig_j->path, "xswctl migrate SWITCH recover FILE finishes");
	mj_close(mig_j, ended);
	mig_j = NULL;
}

/* In the worker: its guardian, not it, ends the journal. */
static bool mig_worker;
static pid_t mig_guardian;

/*
 * Makes the journal, then forks the worker; in the guardian, waits for it
 * and returns its exit status, or finishes its migration if it was
 * killed.  Returns -1 in the worker (it goes on), or when no guardian can
 * be had (the migration then runs unguarded in this process, journaled
 * still if it can be); XSWCTL_EXIT_FAILURE, nothing moved, if journal
 * FILE cannot be made.
 */
static int mig_guard(struct mw *w, const struct mig_args *a)
{
	const struct mj_of of = {
		.sw = a->sw, .host = a->host, .service = a->service,
		.name = a->name, .timeout = a->timeout, .ids = a->ids,
		.n = a->n,
	};
	char why[256];
	int status, r;
	pid_t pid;

	if (mj_create(&mig_journal, a->journal, &of, why, sizeof(why))) {
		fprintf(stderr, "xswctl: migrate: %s%s\n", why,
			a->journal ? "; nothing was moved" : "");
		return a->journal ? XSWCTL_EXIT_FAILURE : -1;
	}
	mig_j = &mig_journal;
	mig_guardian = getpid();
	pid = fork();
	if (pid <= 0) {
		if (pid < 0)
			fprintf(stderr, "xswctl: migrate: no guardian: %s\n",
				strerror(errno));
		mig_worker = !pid;
		return -1;
	}
	/* Ctrl-C, or the terminal gone, ends the worker: this one puts back. */
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	unsetenv("XSWCTL_KILL_AT");
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return XSWCTL_EXIT_FAILURE;
	if (WIFEXITED(status)) {
		r = WEXITSTATUS(status);
	} else {
		fprintf(stderr, "xswctl: migrate: the migration's process was killed (%s)\n",
			strsignal(WTERMSIG(status)));
		/* For testers: the host down with the worker (testing.rst). */
		if (getenv("XSWCTL_KILL_GUARDIAN"))
			raise(SIGKILL);
		r = mig_recover(w, a, false);
	}
	mig_journal_close();
	return r;
}

/*
 * migrate SWITCH recover FILE: a migration whose processes are gone,
 * finished from its journal as its guardian would have.
 */
static int mig_recover_journal(struct mw *w, const struct mig_args *given)
{
	struct mig_args a = *given;
	const struct mj_hdr *h;
	char why[256];
	unsigned int i;
	int r;

	if (mj_open(&mig_journal, given->journal, why, sizeof(why))) {
		fprintf(stderr, "xswctl: migrate: %s; nothing was changed\n", why);
		return XSWCTL_EXIT_FAILURE;
	}
	mig_j = &mig_journal;
	h = mig_j->h;
	if (strcmp(h->sw, a.sw)) {
		fprintf(stderr, "xswctl: migrate: journal %s is of switch %s, not %s; %s\n",
			a.journal, h->sw, a.sw, "nothing was changed");
		mj_close(mig_j, false);
		return XSWCTL_EXIT_FAILURE;
	}
	a.host = h->host;
	a.service = h->service;
	a.name = *h->name ? h->name : NULL;
	a.n = h->nports;
	for (i = 0; i < a.n; i++)
		a.ids[i] = h->ids[i];
	if (!a.timeout_set)
		w->timeout_ms = h->timeout * 1000;
	a.timeout = w->timeout_ms / 1000;
	if (mj_get_phase(mig_j) == MJ_ENDED) {
		fprintf(stderr, "xswctl: migrate: the journal's migration had ended\n");
		r = 0;
	} else {
		r = mig_recover(w, &a, true);
	}
	mig_journal_close();
	return r;
}

int do_migrate(int argc, char **argv)
{
	struct mig_args a = { .service = MIG_PORT, .timeout = MIG_TIMEOUT_DEFAULT };
	struct savefile sf = { .kind = SAVE_KIND_VM };
	struct nic_at at;
	struct mw w = { .fd = -1 };
	struct xnl *nl;
	int r, err = XSWCTL_EXIT_FAILURE;
	unsigned int j;

	if (argc < 1 || !strcmp(argv[0], "help")) {
		fputs(migrate_help, argc < 1 ? stderr : stdout);
		return argc < 1 ? XSWCTL_EXIT_USAGE : 0;
	}
	a.sw = argv[0];
	r = mig_parse(&a, argc - 1, argv + 1, false);
	if (r)
		return r;
	if (a.recover) {
		if (a.n || a.host || a.name || a.gated || strcmp(a.service, MIG_PORT))
			return usage_error("migrate: recover takes %s from its journal",
					   "the ports and the destination");
		r = mig_key(&w, &a) ?: mig_recover_journal(&w, &a);
		mw_forget(&w);
		return r;
	}
	if (!a.n)
		return usage_error("%s", "migrate: no port given");
	if (!a.host)
		return usage_error("%s", "migrate: no destination given (to HOST)");
	r = mig_key(&w, &a);
	if (r)
		return r;
	fflush(NULL);
	r = mig_guard(&w, &a);
	if (r >= 0) {
		mw_forget(&w);
		return r;
	}
	nl = xnl_get(&port_object);
	if (!nl)
		return XSWCTL_EXIT_FAILURE;
	at.sw = a.sw;
	for (j = 0; j < a.n; j++) {
		at.port = a.ids[j];
		/* No port of that id: no migration of it to speak of. */
		if (vm_save_port(nl, &sf, &at, false)) {
			mig_journal_phase(MJ_ENDED);
			goto out;
		}
	}
	w.fd = mig_connect(&a, false);
	if (w.fd >= 0) {
		err = mig_source(nl, &w, &a, &sf);
		close(w.fd);
	}
	if (err && !mig_left) {
		mig_note(nl, &a, XSWITCH_OUTCOME_UNTOUCHED);
		mig_journal_phase(MJ_ENDED);
	}
out:
	/* A worker whose guardian was killed ends the journal itself. */
	if (!mig_worker || getppid() != mig_guardian)
		mig_journal_close();
	mw_forget(&w);
	savefile_free(&sf);
	return err;
}

/* The destination's side of one migration. */
struct agent {
	struct xnl *nl;
	struct mw *w;
	const char *sw;
	struct savefile prep;
	uint32_t ids[SAVE_PORTS_MAX];
	unsigned int made;
	bool gated;		/* its NICs pre-provisioned (MW_PREP_GATED) */
};

/*
 * A step of this side as it ends: logged, and told to the source.  One
 * that cannot leave is not worth stopping for: the answer after it
 * cannot leave either, and that ends the session.
 */
static void agent_step(struct agent *g, uint32_t step, bool ok, double ms)
{
	uint32_t v[3] = { htonl(step), htonl(ok), htonl((uint32_t)(ms * 1e3)) };

	fprintf(stderr, "agent: %s: %s (%.1f ms)\n", mig_step_name(step),
		ok ? "ok" : "failed", ms);
	mw_send(g->w, MW_STEP, v, sizeof(v));
}

/* PREPARED and DONE: the new ids. */
static int agent_send(struct agent *g, uint8_t type)
{
	uint8_t body[4 + 4 * SAVE_PORTS_MAX];
	uint32_t v = htonl(g->prep.nports);
	unsigned int i;
	size_t len = 4;

	memcpy(body, &v, 4);
	for (i = 0; i < g->prep.nports; i++, len += 4) {
		v = htonl(g->ids[i]);
		memcpy(body + len, &v, 4);
	}
	return mw_send(g->w, type, body, len);
}

static int agent_port_state(struct agent *g, uint32_t id, uint32_t *state);

/* Takes off what this migration made here, newest first. */
static void agent_undo(struct agent *g, const struct savefile *sf)
{
	uint32_t state;

	while (g->made) {
		g->made--;
		vm_take_off(g->nl, g->sw, g->ids[g->made], &sf->ports[g->made],
			    true);
		/* One left (held still) is the kernel's to release, and say. */
		if (!agent_port_state(g, g->ids[g->made], &state) &&
		    state == MIG_GONE)
			vm_note(g->nl, g->sw, g->ids[g->made],
				XSWITCH_OUTCOME_TAKEN_OFF,
				XSWITCH_ROLE_DESTINATION);
	}
	fprintf(stderr, "agent: what this migration made is taken off\n");
}

static int agent_fail(struct agent *g, uint32_t step)
{
	const char *why = xnl_last_error();

	mw_send_fail(g->w, step, *why ? why : "see the destination's log");
	return -1;
}

static bool agent_same_attrs(const struct sattrs *a, const struct sattrs *b)
{
	return a->len == b->len && !memcmp(a->buf, b->buf, a->len);
}

/* The commit's port is the one prepared: its id, parameters and NICs. */
static bool agent_same_port(const struct sport *c, const struct sport *p)
{
	unsigned int j;

	if (c->old_id != p->old_id || c->nnics != p->nnics ||
	    !agent_same_attrs(&c->attrs, &p->attrs))
		return false;
	for (j = 0; j < c->nnics; j++)
		if (c->nics[j].index != p->nics[j].index ||
		    !agent_same_attrs(&c->nics[j].attrs, &p->nics[j].attrs))
			return false;
	return true;
}

/* A save file the source sent, checked whole: @records or none. */
static int agent_parse(struct agent *g, const struct mw_msg *m,
		       struct savefile *sf, bool records)
{
	char why[256];
	unsigned int i, j;

	if (savefile_parse(sf, m->body, m->len, why, sizeof(why))) {
		fprintf(stderr, "agent: the source's data: %s\n", why);
		mw_send_fail(g->w, 0, why);
		return -1;
	}
	snprintf(why, sizeof(why), "%s",
		 sf->kind != SAVE_KIND_VM ? "not a VM's ports" : "");
	for (i = 0; i < sf->nports && !*why; i++) {
		for (j = 0; j < sf->ports[i].nnics; j++)
			if (!records && sf->ports[i].nics[j].nrecs)
				snprintf(why, sizeof(why), "%s",
					 "run-time data before the commit");
		if (records && (sf->nports != g->prep.nports ||
				!agent_same_port(&sf->ports[i], &g->prep.ports[i])))
			snprintf(why, sizeof(why), "%s",
				 "the commit names other ports than the preparation");
	}
	if (!sf->nports)
		snprintf(why, sizeof(why), "%s", "no port");
	if (*why) {
		fprintf(stderr, "agent: the source's data: %s\n", why);
		mw_send_fail(g->w, 0, why);
		savefile_free(sf);
		return -1;
	}
	return 0;
}

/* A PREPARE: its options, then its save file. */
static int agent_prepare_msg(struct agent *g, const struct mw_msg *m)
{
	struct mw_msg file = { .type = m->type };
	uint32_t opts;

	if (m->len < 4) {
		fprintf(stderr, "agent: a prepare without its options\n");
		mw_send_fail(g->w, 0, "a prepare without its options");
		return -1;
	}
	memcpy(&opts, m->body, 4);
	opts = ntohl(opts);
	if (opts & ~MW_PREP_ALL) {
		fprintf(stderr, "agent: a prepare of options %#x, of which this agent knows %#x\n",
			opts, MW_PREP_ALL);
		mw_send_fail(g->w, 0, "an option this agent does not know");
		return -1;
	}
	g->gated = opts & MW_PREP_GATED;
	file.len = m->len - 4;
	file.body = m->body + 4;
	return agent_parse(g, &file, &g->prep, false);
}

/* Early, the NICs connected gated shut: steps 11-12 before the save. */
static int agent_gated(struct agent *g)
{
	double t = mig_now();
	unsigned int i;

	for (i = 0; i < g->prep.nports; i++)
		if (vm_add_nics_gated(g->nl, g->sw, g->ids[i], &g->prep.ports[i]))
			break;
	agent_step(g, MIG_GATED, i == g->prep.nports, mig_now() - t);
	if (i == g->prep.nports)
		return 0;
	agent_fail(g, MIG_GATED);
	agent_undo(g, &g->prep);
	return -1;
}

/* Steps 1-5: 0, or -1 with this host as it was and the source told. */
static int agent_prepare(struct agent *g)
{
	double t = mig_now();
	unsigned int i;

	if (vm_validate(g->nl, g->sw, &g->prep, VM_PORT_PROVISIONAL)) {
		agent_step(g, MIG_VALIDATE, false, mig_now() - t);
		return agent_fail(g, MIG_VALIDATE);
	}
	agent_step(g, MIG_VALIDATE, true, mig_now() - t);
	t = mig_now();
	for (i = 0; i < g->prep.nports; i++) {
		if (vm_new_port(g->nl, g->sw, &g->prep.ports[i],
				VM_PORT_PROVISIONAL, &g->ids[i]))
			break;
		g->made++;
		if (vm_add_props(g->nl, g->sw, g->ids[i], &g->prep.ports[i]))
			break;
	}
	agent_step(g, MIG_OPERATIONAL, i == g->prep.nports, mig_now() - t);
	if (i < g->prep.nports) {
		agent_fail(g, MIG_OPERATIONAL);
		agent_undo(g, &g->prep);
		return -1;
	}
	if (g->gated && agent_gated(g))
		return -1;
	return agent_send(g, MW_PREPARED);
}

/*
 * After the restore, the VM's MACs announced as QEMU's announce-self
 * does by default: five rounds, the first at once, then 50 ms apart and
 * 100 ms more each time.  The first goes before DONE, the others after.
 */
#define MIG_ANNOUNCE_ROUNDS 5

static unsigned int agent_announce(struct agent *g, const struct savefile *sf)
{
	unsigned int i, sent = 0;

	for (i = 0; i < sf->nports; i++)
		sent += vm_announce(g->nl, g->sw, g->ids[i], &sf->ports[i]);
	return sent;
}

static void agent_announce_more(struct agent *g, const struct savefile *sf,
				unsigned int sent)
{
	unsigned int r;

	for (r = 1; r < MIG_ANNOUNCE_ROUNDS; r++) {
		usleep((50 + 100 * (r - 1)) * 1000);
		agent_announce(g, sf);
	}
	fprintf(stderr, "agent: %u MACs announced, %d times\n", sent,
		MIG_ANNOUNCE_ROUNDS);
}

/* Steps 11-13 from the source's saved data. */
static int agent_commit(struct agent *g, const struct mw_msg *m)
{
	struct savefile sf;
	struct resumed r;
	double t = mig_now();
	unsigned int i, sent = 0;
	int err = 0;

	if (agent_parse(g, m, &sf, true)) {
		agent_undo(g, &g->prep);
		return -1;
	}
	for (i = 0; i < sf.nports && !err; i++) {
		memset(&r, 0, sizeof(r));
		err = g->gated ?
		      vm_restore_gated(g->nl, g->sw, g->ids[i], &sf.ports[i], &r) :
		      vm_add_nics(g->nl, g->sw, g->ids[i], &sf.ports[i], &r);
	}
	if (!err) {
		sent = agent_announce(g, &sf);
		/* The ports work: from here they outlive this process. */
		err = vm_keep_ports(g->nl, g->sw, g->ids, sf.nports);
	}
	agent_step(g, g->gated ? MIG_RESTORE : MIG_NICS, !err, mig_now() - t);
	if (err) {
		agent_fail(g, g->gated ? MIG_RESTORE : MIG_NICS);
		agent_undo(g, &sf);
	} else {
		err = agent_send(g, MW_DONE);
		for (i = 0; i < sf.nports; i++) {
			fprintf(stderr, "agent: port %u of the source is port %u here\n",
				sf.ports[i].old_id, g->ids[i]);
			/* Kept either way; if DONE was lost, the source will ask. */
			vm_note(g->nl, g->sw, g->ids[i], XSWITCH_OUTCOME_MIGRATED,
				XSWITCH_ROLE_DESTINATION);
		}
		agent_announce_more(g, &sf, sent);
	}
	savefile_free(&sf);
	return err;
}

static int agent_port_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	*(uint32_t *)data = MIG_KEPT;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == XSWITCH_A_PORT_PROVISIONAL)
			*(uint32_t *)data = MIG_HELD;
	return MNL_CB_OK;
}

/* A port's state here, for an ANSWER; -1 if the kernel cannot say. */
static int agent_port_state(struct agent *g, uint32_t id, uint32_t *state)
{
	static char buf[XNL_REQ_SIZE];
	struct nlmsghdr *nlh = xnl_msg(buf, XSWITCH_CMD_PORT_GET, 0);
	int err;

	if (!mnl_attr_put_strz_check(nlh, sizeof(buf), XSWITCH_A_PORT_SWITCH, g->sw) ||
	    !mnl_attr_put_u32_check(nlh, sizeof(buf), XSWITCH_A_PORT_ID, id))
		return -1;
	*state = MIG_GONE;
	g->nl->obj = &port_object;
	g->nl->quiet = true;
	err = xnl_talk(g->nl, nlh, agent_port_cb, state);
	g->nl->quiet = false;
	return err && err != -ENOENT ? -1 : 0;
}

/* A QUERY: what became of the ports a migration made here. */
static void agent_answer(struct agent *g, const struct mw_msg *m)
{
	uint32_t body[1 + SAVE_PORTS_MAX], v = 0, state, n;
	unsigned int i;

	if (m->len >= 4)
		memcpy(&v, m->body, 4);
	n = ntohl(v);
	if (m->len < 4 || !n || n > SAVE_PORTS_MAX || m->len != 4 * (1 + n)) {
		fprintf(stderr, "agent: a malformed query\n");
		mw_send_fail(g->w, 0, "a malformed query");
		return;
	}
	body[0] = v;
	for (i = 0; i < n; i++) {
		memcpy(&v, m->body + 4 * (1 + i), 4);
		if (agent_port_state(g, ntohl(v), &state)) {
			mw_send_fail(g->w, 0, "the kernel cannot say");
			return;
		}
		fprintf(stderr, "agent: asked for port %u: %s\n", ntohl(v),
			state == MIG_KEPT ? "kept" :
			state == MIG_HELD ? "held by its migration" : "not here");
		body[1 + i] = htonl(state);
	}
	mw_send(g->w, MW_ANSWER, body, 4 * (1 + n));
}

/* A message of another type than the one due: said, and the source told. */
static void agent_out_of_turn(struct agent *g, uint8_t type, const char *want)
{
	const char *name = mw_type_name(type);
	char why[96];

	snprintf(why, sizeof(why), "%s %s message where %s was due",
		 strchr("aeiou", name[0]) ? "an" : "a", name, want);
	fprintf(stderr, "agent: %s\n", why);
	mw_send_fail(g->w, 0, why);
}

static int agent_serve(struct agent *g)
{
	unsigned int timeout = g->w->timeout_ms;
	struct mw_msg m;
	int err;

	/* A peer that does not prove the key holds the agent 5 s at most. */
	g->w->timeout_ms = timeout < 5000 ? timeout : 5000;
	err = mw_hello_dest(g->w) ?: mw_recv(g->w, &m);
	g->w->timeout_ms = timeout;
	if (err) {
		fprintf(stderr, "agent: %s\n", g->w->why);
		return -1;
	}
	if (m.type == MW_QUERY) {
		/* XSWCTL_KILL_AT kills migrations, not the answers about them. */
		unsetenv("XSWCTL_KILL_AT");
		agent_answer(g, &m);
		err = -1;
	} else if (m.type != MW_PREPARE) {
		agent_out_of_turn(g, m.type, "a prepare or a query");
		err = -1;
	} else {
		err = agent_prepare_msg(g, &m);
	}
	free(m.body);
	if (err)
		return -1;
	if (agent_prepare(g)) {
		/* PREPARED may not have left: what was made goes too. */
		agent_undo(g, &g->prep);
		goto out;
	}
	if (mw_recv(g->w, &m)) {
		/* Before the commit the ports are the source's still. */
		fprintf(stderr, "agent: %s before the commit\n", g->w->why);
		agent_undo(g, &g->prep);
		/* If the source is still there, it learns that nothing will happen here. */
		mw_send_fail(g->w, 0, g->w->why);
		goto out;
	}
	if (m.type == MW_COMMIT) {
		agent_commit(g, &m);
	} else if (m.type == MW_ABORT) {
		fprintf(stderr, "agent: the source aborted\n");
		agent_undo(g, &g->prep);
	} else {
		agent_out_of_turn(g, m.type, "the commit or an abort");
		agent_undo(g, &g->prep);
	}
	free(m.body);
out:
	savefile_free(&g->prep);
	return 0;
}

/* A connection that failed before it was accepted, or a signal: not the agent's end. */
static bool mig_accept_again(int err)
{
	return err == EINTR || err == EAGAIN || err == EWOULDBLOCK ||
	       err == ECONNABORTED || err == EPROTO ||
	       err == ENETDOWN || err == ENOPROTOOPT || err == EHOSTDOWN ||
	       err == ENONET || err == EHOSTUNREACH || err == ENETUNREACH ||
	       err == EOPNOTSUPP;
}

/* The most addresses an agent listens on (a name's, or both families). */
#define AGENT_MAX_LISTEN 8

struct agent_listen {
	struct pollfd fds[AGENT_MAX_LISTEN];
	unsigned int n;
};

/*
 * One listening socket on @ai into @l; -1 with errno if it cannot.  It does
 * not block, so that a connection reset between poll and accept holds up
 * no other socket; @v6only when the other family has a socket of its own.
 */
static int agent_listen_one(struct agent_listen *l, const struct addrinfo *ai,
			    bool v6only)
{
	int fd, one = 1, e;

	fd = socket(ai->ai_family,
		    ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ai->ai_family == AF_INET6 && v6only)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 1)) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	l->fds[l->n++] = (struct pollfd){ .fd = fd, .events = POLLIN };
	return 0;
}

/* The address of @ai, for a message. */
static const char *agent_addr(const struct addrinfo *ai, char *buf, size_t len)
{
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, buf, len, NULL, 0,
			NI_NUMERICHOST))
		snprintf(buf, len, "?");
	return buf;
}

/*
 * Every address ADDR names (without it, every address of both families),
 * so that a source reaches the agent by any of them.  An address the host
 * does not have (IPv6 turned off) is skipped when another one listens.
 */
static int agent_listen(const struct mig_args *a, struct agent_listen *l)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE }, *res, *ai;
	char buf[NI_MAXHOST];
	int err, e = 0;

	err = getaddrinfo(a->host, a->service, &hints, &res);
	if (err) {
		fprintf(stderr, "xswctl: agent: %s: %s\n", a->host ?: "*",
			gai_strerror(err));
		return -1;
	}
	for (ai = res; ai && l->n < AGENT_MAX_LISTEN; ai = ai->ai_next) {
		if (!agent_listen_one(l, ai, !a->host))
			continue;
		if (!e)
			e = errno;
		/* A family the host has not (IPv6 off) is no news. */
		if (errno != EAFNOSUPPORT && errno != EADDRNOTAVAIL)
			fprintf(stderr, "xswctl: agent: not listening on %s service %s: %s\n",
				agent_addr(ai, buf, sizeof(buf)), a->service,
				strerror(errno));
	}
	freeaddrinfo(res);
	if (l->n)
		return 0;
	fprintf(stderr, "xswctl: agent: listening on %s service %s: %s\n",
		a->host ?: "*", a->service, strerror(e));
	return -1;
}

/* The next connection on any of @l's sockets, or -1 with errno. */
static int agent_accept(struct agent_listen *l)
{
	unsigned int i;

	if (poll(l->fds, l->n, -1) < 0)
		return -1;
	for (i = 0; i < l->n; i++)
		if (l->fds[i].revents)
			return accept4(l->fds[i].fd, NULL, NULL, SOCK_CLOEXEC);
	errno = EINTR;
	return -1;
}

/* The most migrations an agent serves at once, a process each. */
#define AGENT_MAX_SESSIONS 8

/* One connection's migration, to its end. */
static void agent_session(struct mw *w, const char *sw)
{
	struct agent g = { .w = w, .sw = sw };
	int fd;

	/*
	 * The session's own netlink socket, numbered above the connection:
	 * a process that ends releases its files newest first, so the ports
	 * this socket holds are taken off before the source reads the end
	 * of the connection.
	 */
	xnl_put();
	fd = fcntl(w->fd, F_DUPFD_CLOEXEC, 0);
	if (fd >= 0 && fd < w->fd) {
		close(w->fd);
		w->fd = fd;
	} else if (fd >= 0) {
		close(fd);
	}
	g.nl = xnl_get(&port_object);
	if (g.nl)
		agent_serve(&g);
	close(w->fd);
}

/*
 * Each connection in a child of its own, on a netlink socket of its own,
 * so that one slow source (or one that never proves the key, for 5 s)
 * does not hold up the others; at most AGENT_MAX_SESSIONS at once.
 */
static void agent_fork(struct mw *w, const char *sw, struct agent_listen *l,
		       unsigned int *children)
{
	unsigned int i;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "xswctl: agent: fork: %s; served here\n",
			strerror(errno));
		agent_session(w, sw);
		return;
	}
	if (!pid) {
		for (i = 0; i < l->n; i++)
			close(l->fds[i].fd);
		agent_session(w, sw);
		mw_forget(w);
		/* Not exit(): the parent's unflushed stdio is not the child's to write. */
		_exit(0);
	}
	close(w->fd);
	(*children)++;
}

/* Reaps the children that ended; with @block, waits for one first. */
static void agent_reap(unsigned int *children, bool block)
{
	while (*children && waitpid(-1, NULL, block ? 0 : WNOHANG) > 0) {
		(*children)--;
		block = false;
	}
}

/* The name the agent says in its hello: name NAME, else the host's. */
static int agent_name(struct mw *w, const struct mig_args *a)
{
	char host[256] = "";

	if (!a->name && (gethostname(host, sizeof(host) - 1) || !mw_name_ok(host)))
		return usage_error("agent: the host's name \"%s\" %s", host,
				   "cannot name the agent: give name NAME");
	snprintf(w->name, sizeof(w->name), "%s", a->name ?: host);
	return 0;
}

int do_agent(int argc, char **argv)
{
	struct mig_args a = { .service = MIG_PORT, .timeout = MIG_TIMEOUT_DEFAULT };
	struct agent_listen l = {};
	struct mw w = { .fd = -1 };
	unsigned int i, children = 0;
	int r;

	if (argc < 1 || !strcmp(argv[0], "help")) {
		fputs(migrate_help, argc < 1 ? stderr : stdout);
		return argc < 1 ? XSWCTL_EXIT_USAGE : 0;
	}
	a.sw = argv[0];
	r = mig_parse(&a, argc - 1, argv + 1, true);
	if (r)
		return r;
	r = mig_key(&w, &a) ?: agent_name(&w, &a);
	if (r)
		return r;
	if (agent_listen(&a, &l))
		return XSWCTL_EXIT_FAILURE;
	fprintf(stderr, "agent: switch %s: %s listening on %s service %s\n",
		a.sw, w.name, a.host ?: "*", a.service);
	for (;;) {
		agent_reap(&children, children >= AGENT_MAX_SESSIONS);
		/* The family, resolved at the first (is the module loaded?). */
		if (!xnl_get(&port_object)) {
			r = XSWCTL_EXIT_FAILURE;
			break;
		}
		w.fd = agent_accept(&l);
		if (w.fd < 0 && mig_accept_again(errno))
			continue;
		if (w.fd < 0) {
			fprintf(stderr, "xswctl: agent: accept: %s\n", strerror(errno));
			r = XSWCTL_EXIT_FAILURE;
			break;
		}
		if (a.once) {
			agent_session(&w, a.sw);
			break;
		}
		agent_fork(&w, a.sw, &l, &children);
	}
	for (i = 0; i < l.n; i++)
		close(l.fds[i].fd);
	mw_forget(&w);
	return r;
}
