// SPDX-License-Identifier: GPL-2.0
/*
 * xsw_testext: test extensions driven from debugfs, as netdevsim drives a
 * fake device, so that a kernel without KUnit can exercise what only an
 * extension can cause: vetoes, slow callbacks, feature-status answers of
 * any size and references that hold deletes up.  Written against
 * include/net/xswitch.h only, as an out-of-tree extension would be.
 *
 * It registers one extension per class: test-capture, test-filter and
 * test-forward.  Each has a folder /sys/kernel/debug/xsw_testext/<name>/
 * whose knobs apply to every switch the extension is attached to:
 *
 *   veto    "[every] HOOK ERRNO [MESSAGE]": the next (or every) HOOK step
 *           fails with ERRNO (-4095 to -1) and, if given, the extack
 *           MESSAGE (printable ASCII); "clear" drops every rule.  HOOK is
 *           a vetoable step by the name "xswctl monitor" prints
 *           (port-create, nic-create, port-prop-add ...) or its number, or
 *           attach or activate.
 *   sleep   "[every] HOOK MS": the next (or every) HOOK callback sleeps MS
 *           (1 to 10000) milliseconds first; any step, or attach, detach,
 *           activate, deactivate, complete, feature-status.  "clear".
 *   status  "UUID LEN": feature status UUID is answered with LEN bytes,
 *           byte i being (i ^ (i >> 8)) & 0xff; "UUID -ERRNO": the query
 *           fails with ERRNO; "clear".  At most 8 ids.
 *   refs    "port SWITCH PORT" or "nic SWITCH PORT INDEX": takes and holds
 *           a reference (switch names are those of the writer's network
 *           namespace; only enabled attachments take references);
 *           "release ID" or "release all" drops them.  Reading lists the
 *           held ones: "ID SWITCH port PORT [nic INDEX]".
 *   timer   "start SWITCH FIRST LAST": a timer, every jiffy in softirq
 *           context, looks ports FIRST to LAST (at most 16) and their NIC
 *           at index 0 up under rcu_read_lock(), references what it can
 *           and holds that until its next run; "stop SWITCH".
 *   save    "RECORDS LEN": each save of a NIC gives RECORDS records
 *           (at most 1048576) of LEN bytes (at most 1 MiB), byte i of
 *           record n being (tx_pattern(i) + n) & 0xff; "clear" is "0 0".
 *           A restore checks each record it gets against that pattern,
 *           by its position among the records the NIC's restore gave.
 *           The hooks nic-save and nic-restore can be vetoed and slept
 *           on, nic-save-complete and nic-restore-complete slept on.
 *   log     every callback, one line each: "SWITCH WHAT", WHAT being
 *           attach, detach, activate, deactivate, "learn OBJECT" (what
 *           ->activate found), "STEP OBJECT" (with " veto ERRNO" when this
 *           extension vetoed it, even if the core ignored the veto),
 *           "complete STEP OBJECT status N", "feature-status ...", "sleep
 *           HOOK MS", "dropped OBJECT"; of a save or restore, once per
 *           NIC: "nic-save OBJECT records N" (or "... veto ERRNO"),
 *           "nic-save-complete OBJECT status N", "nic-restore OBJECT veto
 *           ERRNO", "nic-restore-complete OBJECT status N records N bad
 *           N".  OBJECT is written as "xswctl monitor" writes it.  Writing
 *           "clear" empties it.
 *
 * Every write is one whole command; anything else is refused with
 * -EINVAL.  The extension takes references on purpose and drops them only
 * when told: its teardown and disconnect callbacks leave them held, so
 * that deletes wait for them.
 */
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <net/net_namespace.h>
#include <net/xswitch.h>

enum { TX_CAPTURE, TX_FILTER, TX_FORWARD, TX_NUM };

/* Hooks: the steps by their enum xswitch_op value, then the other calls. */
enum {
	TX_HOOK_ATTACH = XSWITCH_OP_MIGRATION + 1,
	TX_HOOK_DETACH,
	TX_HOOK_ACTIVATE,
	TX_HOOK_DEACTIVATE,
	TX_HOOK_COMPLETE,
	TX_HOOK_FEATURE_STATUS,
	TX_HOOK_NUM
};

static const char *const tx_hook_names[TX_HOOK_NUM] = {
	[XSWITCH_OP_PORT_CREATE] = "port-create",
	[XSWITCH_OP_PORT_UPDATE] = "port-update",
	[XSWITCH_OP_PORT_TEARDOWN] = "port-teardown",
	[XSWITCH_OP_PORT_DELETE] = "port-delete",
	[XSWITCH_OP_NIC_CREATE] = "nic-create",
	[XSWITCH_OP_NIC_CONNECT] = "nic-connect",
	[XSWITCH_OP_NIC_UPDATE] = "nic-update",
	[XSWITCH_OP_NIC_DISCONNECT] = "nic-disconnect",
	[XSWITCH_OP_NIC_DELETE] = "nic-delete",
	[XSWITCH_OP_PORT_PROP_ADD] = "port-prop-add",
	[XSWITCH_OP_PORT_PROP_UPDATE] = "port-prop-update",
	[XSWITCH_OP_PORT_PROP_DELETE] = "port-prop-delete",
	[XSWITCH_OP_SWITCH_PROP_ADD] = "switch-prop-add",
	[XSWITCH_OP_SWITCH_PROP_UPDATE] = "switch-prop-update",
	[XSWITCH_OP_SWITCH_PROP_DELETE] = "switch-prop-delete",
	[XSWITCH_OP_NIC_SAVE] = "nic-save",
	[XSWITCH_OP_NIC_SAVE_COMPLETE] = "nic-save-complete",
	[XSWITCH_OP_NIC_RESTORE] = "nic-restore",
	[XSWITCH_OP_NIC_RESTORE_COMPLETE] = "nic-restore-complete",
	[TX_HOOK_ATTACH] = "attach",
	[TX_HOOK_DETACH] = "detach",
	[TX_HOOK_ACTIVATE] = "activate",
	[TX_HOOK_DEACTIVATE] = "deactivate",
	[TX_HOOK_COMPLETE] = "complete",
	[TX_HOOK_FEATURE_STATUS] = "feature-status",
};

/* The hooks whose callback can return an error. */
static bool tx_hook_vetoable(u32 hook)
{
	switch (hook) {
	case XSWITCH_OP_PORT_CREATE:
	case XSWITCH_OP_NIC_CREATE:
	case XSWITCH_OP_PORT_PROP_ADD:
	case XSWITCH_OP_PORT_PROP_UPDATE:
	case XSWITCH_OP_PORT_PROP_DELETE:
	case XSWITCH_OP_SWITCH_PROP_ADD:
	case XSWITCH_OP_SWITCH_PROP_UPDATE:
	case XSWITCH_OP_SWITCH_PROP_DELETE:
	case XSWITCH_OP_NIC_SAVE:
	case XSWITCH_OP_NIC_RESTORE:
	case TX_HOOK_ATTACH:
	case TX_HOOK_ACTIVATE:
		return true;
	}
	return false;
}

static const char *const tx_prop_types[] = {
	[XSWITCH_PROP_TYPE_CUSTOM] = "custom",
	[XSWITCH_PROP_TYPE_SECURITY] = "security",
	[XSWITCH_PROP_TYPE_VLAN] = "vlan",
	[XSWITCH_PROP_TYPE_PROFILE] = "profile",
	[XSWITCH_PROP_TYPE_ISOLATION] = "isolation",
	[XSWITCH_PROP_TYPE_ROUTING_DOMAIN] = "routing-domain",
};

#define TX_CMD_MAX		255	/* longest command a knob takes */
#define TX_MSG_MAX		200	/* longest extack message */
#define TX_MSGS_MAX		256	/* distinct extack messages kept */
#define TX_SLEEP_MAX_MS		10000
#define TX_STATUS_IDS		8
#define TX_REFS_MAX		256
#define TX_TIMER_PORTS		16
#define TX_LOG_SIZE		(64 * 1024)
#define TX_OBJ_LEN		128
#define TX_SAVE_RECORDS_MAX	1048576
#define TX_SAVE_LEN_MAX		XSW_SAVE_RECORD_MAX

/*
 * A veto or sleep rule: @val is the errno or the milliseconds, 0 for no
 * rule; @msg is an interned extack message (see tx_intern()) or NULL.
 */
struct tx_rule {
	int val;
	bool every;
	const char *msg;
};

struct tx_status {
	uuid_t id;
	bool used;
	int err;
	u32 len;
};

/*
 * What one NIC's restore gave an extension so far.  Restores of different
 * NICs run at the same time, so each has its own, found by the NIC.
 */
struct tx_tally {
	struct list_head list;	/* in tx->tallies */
	const struct xsw_nic *nic;
	u32 records;
	u32 bad;
};

/* One extension: its knobs' state, for all the switches it is attached to. */
struct tx_ext {
	const char *name;
	struct mutex lock;	/* everything below */
	struct tx_rule veto[TX_HOOK_NUM];
	struct tx_rule sleep[TX_HOOK_NUM];
	struct tx_status status[TX_STATUS_IDS];
	u32 save_records;
	u32 save_len;
	struct list_head tallies;	/* struct tx_tally.list */
	struct list_head atts;	/* struct tx_att.list */
	struct list_head refs;	/* struct tx_ref.list */
	unsigned int n_refs;
	u32 next_ref_id;
	char *log;
	size_t log_len;
	unsigned long log_dropped;
};

static struct tx_ext tx_exts[TX_NUM] = {
	[TX_CAPTURE] = { .name = "test-capture" },
	[TX_FILTER] = { .name = "test-filter" },
	[TX_FORWARD] = { .name = "test-forward" },
};

/*
 * The softirq referencer: each run references what it finds into one of
 * the two sets, then drops the other, so that the attachment's count of
 * references never dips to zero while there is something to reference.
 * Only the timer touches the sets while @on; the rest only with it
 * stopped.
 */
struct tx_timer {
	struct timer_list t;
	bool on;
	bool configured;
	u32 first;
	u32 count;
	unsigned int cur;
	struct xsw_port *port[2][TX_TIMER_PORTS];
	struct xsw_nic *nic[2][TX_TIMER_PORTS];
	unsigned long ticks, port_refs, port_busy, nic_refs, nic_busy;
};

/* One attachment: the private area of struct xsw_ext. */
struct tx_att {
	struct xsw_ext *ext;
	struct tx_ext *tx;
	struct list_head list;	/* in tx->atts */
	bool active;		/* enabled: may take references */
	struct tx_timer timer;
};

/* A reference taken through the refs knob. */
struct tx_ref {
	struct list_head list;
	struct tx_att *att;
	struct xsw_port *port;
	struct xsw_nic *nic;	/* NULL for a port reference */
	u32 id;
	u32 port_id;
	u16 index;
	char sw[XSWITCH_NAME_LEN];
};

/*
 * Extack messages stay until the module goes: netlink copies one into its
 * answer only after the request's handler returned, when a knob write may
 * already have replaced the rule that pointed at it.
 */
struct tx_msg {
	struct list_head list;
	char text[];
};

static DEFINE_MUTEX(tx_msgs_lock);
static LIST_HEAD(tx_msgs);
static unsigned int tx_n_msgs;
static struct dentry *tx_root;

static const char *tx_intern(const char *text)
{
	struct tx_msg *m;
	size_t len = strlen(text);

	mutex_lock(&tx_msgs_lock);
	list_for_each_entry(m, &tx_msgs, list)
		if (!strcmp(m->text, text))
			goto out;
	m = NULL;
	if (tx_n_msgs >= TX_MSGS_MAX)
		goto out;
	m = kmalloc(struct_size(m, text, len + 1), GFP_KERNEL);
	if (!m)
		goto out;
	memcpy(m->text, text, len + 1);
	list_add_tail(&m->list, &tx_msgs);
	tx_n_msgs++;
out:
	mutex_unlock(&tx_msgs_lock);
	return m ? m->text : NULL;
}

static void tx_msgs_free(void)
{
	struct tx_msg *m, *tmp;

	list_for_each_entry_safe(m, tmp, &tx_msgs, list)
		kfree(m);
}

static struct tx_att *tx_att(struct xsw_ext *ext)
{
	return xsw_ext_priv(ext);
}

static const char *tx_sw_name(const struct tx_att *att)
{
	return xsw_switch_name(xsw_ext_switch(att->ext));
}

/* Appends "SWITCH TEXT\n" to the log; a full log counts what it drops. */
static __printf(3, 4) void tx_note(struct tx_ext *tx, const struct tx_att *att,
				   const char *fmt, ...)
{
	char line[TX_OBJ_LEN + 64];
	va_list ap;
	int len;

	len = scnprintf(line, sizeof(line), "%s ", tx_sw_name(att));
	va_start(ap, fmt);
	len += vscnprintf(line + len, sizeof(line) - len, fmt, ap);
	va_end(ap);
	mutex_lock(&tx->lock);
	if (tx->log_len + len + 1 <= TX_LOG_SIZE) {
		memcpy(tx->log + tx->log_len, line, len);
		tx->log[tx->log_len + len] = '\n';
		tx->log_len += len + 1;
	} else {
		tx->log_dropped++;
	}
	mutex_unlock(&tx->lock);
}

/* What a step is about, as "xswctl monitor" writes it. */
static void tx_obj(char *buf, size_t size, const struct xsw_port *port,
		   const struct xsw_nic *nic, const struct xsw_property *prop)
{
	const struct xsw_nic_info *ni;
	const char *type = NULL;
	int len = 0;

	if (nic) {
		ni = xsw_nic_info(nic);
		scnprintf(buf, size, "port %u nic %u", ni->port_id, ni->index);
		return;
	}
	if (port)
		len = scnprintf(buf, size, "port %u%s", xsw_port_info(port)->id,
				prop ? " " : "");
	if (!prop) {
		if (!port)
			buf[0] = '\0';
		return;
	}
	if (prop->type < ARRAY_SIZE(tx_prop_types))
		type = tx_prop_types[prop->type];
	if (type)
		scnprintf(buf + len, size - len, "prop-type %s instance-id %pUb",
			  type, &prop->instance_id);
	else
		scnprintf(buf + len, size - len, "prop-type %u instance-id %pUb",
			  prop->type, &prop->instance_id);
}

/* Takes the rule of @hook from @rules, consuming a one-shot one. */
static struct tx_rule tx_take(struct tx_ext *tx, struct tx_rule *rules,
			      u32 hook)
{
	struct tx_rule r;

	mutex_lock(&tx->lock);
	r = rules[hook];
	if (r.val && !r.every)
		rules[hook].val = 0;
	mutex_unlock(&tx->lock);
	return r;
}

static void tx_sleep(struct tx_att *att, u32 hook)
{
	struct tx_rule r = tx_take(att->tx, att->tx->sleep, hook);

	if (!r.val)
		return;
	tx_note(att->tx, att, "sleep %s %d", tx_hook_names[hook], r.val);
	msleep(r.val);
}

/* The veto rule of @hook, if any: its errno, with its message set. */
static int tx_veto(struct tx_att *att, u32 hook,
		   struct netlink_ext_ack *extack)
{
	struct tx_rule r = tx_take(att->tx, att->tx->veto, hook);

	if (r.val && r.msg && extack)
		extack->_msg = r.msg;
	return r.val;
}

/* A step of the stack: recorded, slept on and vetoed as the knobs say. */
static int tx_step(struct xsw_ext *ext, u32 op, struct xsw_port *port,
		   struct xsw_nic *nic, const struct xsw_property *prop,
		   struct netlink_ext_ack *extack)
{
	struct tx_att *att = tx_att(ext);
	char obj[TX_OBJ_LEN];
	int err;

	tx_sleep(att, op);
	tx_obj(obj, sizeof(obj), port, nic, prop);
	err = tx_veto(att, op, extack);
	if (err)
		tx_note(att->tx, att, "%s %s veto %d", tx_hook_names[op], obj,
			err);
	else
		tx_note(att->tx, att, "%s %s", tx_hook_names[op], obj);
	return err;
}

static int tx_port_create(struct xsw_ext *ext, struct xsw_port *port,
			  struct netlink_ext_ack *extack)
{
	return tx_step(ext, XSWITCH_OP_PORT_CREATE, port, NULL, NULL, extack);
}

static int tx_nic_create(struct xsw_ext *ext, struct xsw_nic *nic,
			 struct netlink_ext_ack *extack)
{
	return tx_step(ext, XSWITCH_OP_NIC_CREATE, xsw_nic_port(nic), nic,
		       NULL, extack);
}

static int tx_port_prop_add(struct xsw_ext *ext, struct xsw_port *port,
			    const struct xsw_property *prop,
			    struct netlink_ext_ack *extack)
{
	return tx_step(ext, XSWITCH_OP_PORT_PROP_ADD, port, NULL, prop, extack);
}

static int tx_port_prop_update(struct xsw_ext *ext, struct xsw_port *port,
			       const struct xsw_property *prop,
			       struct netlink_ext_ack *extack)
{
	return tx_step(ext, XSWITCH_OP_PORT_PROP_UPDATE, port, NULL, prop,
		       extack);
}

static int tx_port_prop_delete(struct xsw_ext *ext, struct xsw_port *port,
			       const struct xsw_property *prop,
			       struct netlink_ext_ack *extack)
{
	return tx_step(ext, XSWITCH_OP_PORT_PROP_DELETE, port, NULL, prop,
		       extack);
}

static int tx_switch_prop_add(struct xsw_ext *ext,
			      const struct xsw_property *prop,
			      struct netlink_ext_ack *extack)
{
	return tx_step(ext, XSWITCH_OP_SWITCH_PROP_ADD, NULL, NULL, prop,
		       extack);
}

static int tx_switch_prop_update(struct xsw_ext *ext,
				 const struct xsw_property *prop,
				 struct netlink_ext_ack *extack)
{
	return tx_step(ext, XSWITCH_OP_SWITCH_PROP_UPDATE, NULL, NULL, prop,
		       extack);
}

static int tx_switch_prop_delete(struct xsw_ext *ext,
				 const struct xsw_property *prop,
				 struct netlink_ext_ack *extack)
{
	return tx_step(ext, XSWITCH_OP_SWITCH_PROP_DELETE, NULL, NULL, prop,
		       extack);
}

static void tx_complete(struct xsw_ext *ext, const struct xsw_step *step,
			int status)
{
	struct tx_att *att = tx_att(ext);
	char obj[TX_OBJ_LEN];

	tx_sleep(att, TX_HOOK_COMPLETE);
	tx_obj(obj, sizeof(obj), step->port, step->nic, step->prop);
	tx_note(att->tx, att, "complete %s %s status %d",
		step->op < ARRAY_SIZE(tx_hook_names) && tx_hook_names[step->op] ?
		tx_hook_names[step->op] : "unknown", obj, status);
}

static void tx_port_update(struct xsw_ext *ext, struct xsw_port *port)
{
	tx_step(ext, XSWITCH_OP_PORT_UPDATE, port, NULL, NULL, NULL);
}

/* The port's delete waits for whatever references are still held. */
static void tx_port_teardown(struct xsw_ext *ext, struct xsw_port *port)
{
	tx_step(ext, XSWITCH_OP_PORT_TEARDOWN, port, NULL, NULL, NULL);
}

static void tx_port_delete(struct xsw_ext *ext, struct xsw_port *port)
{
	tx_step(ext, XSWITCH_OP_PORT_DELETE, port, NULL, NULL, NULL);
}

static void tx_nic_connect(struct xsw_ext *ext, struct xsw_nic *nic)
{
	tx_step(ext, XSWITCH_OP_NIC_CONNECT, NULL, nic, NULL, NULL);
}

static void tx_nic_update(struct xsw_ext *ext, struct xsw_nic *nic)
{
	tx_step(ext, XSWITCH_OP_NIC_UPDATE, NULL, nic, NULL, NULL);
}

/* Likewise, references to the NIC stay held. */
static void tx_nic_disconnect(struct xsw_ext *ext, struct xsw_nic *nic)
{
	tx_step(ext, XSWITCH_OP_NIC_DISCONNECT, NULL, nic, NULL, NULL);
}

static void tx_nic_delete(struct xsw_ext *ext, struct xsw_nic *nic)
{
	tx_step(ext, XSWITCH_OP_NIC_DELETE, NULL, nic, NULL, NULL);
}

/* Byte i of every answer: a pattern in which no 256-byte block repeats. */
static u8 tx_pattern(u32 i)
{
	return (i ^ (i >> 8)) & 0xff;
}

static int tx_feature_status(struct xsw_ext *ext, struct xsw_port *port,
			     const uuid_t *id, void *buf, u32 *len)
{
	struct tx_att *att = tx_att(ext);
	struct tx_ext *tx = att->tx;
	struct tx_status st = {};
	u8 *p = buf;
	u32 i;

	tx_sleep(att, TX_HOOK_FEATURE_STATUS);
	mutex_lock(&tx->lock);
	for (i = 0; i < TX_STATUS_IDS; i++)
		if (tx->status[i].used && uuid_equal(&tx->status[i].id, id))
			st = tx->status[i];
	mutex_unlock(&tx->lock);
	if (!st.used)
		return -EOPNOTSUPP;
	if (port)
		tx_note(tx, att, "feature-status port %u id %pUb size %u",
			xsw_port_info(port)->id, id, *len);
	else
		tx_note(tx, att, "feature-status id %pUb size %u", id, *len);
	if (st.err)
		return st.err;
	if (*len < st.len) {
		*len = st.len;
		return -ENOSPC;
	}
	for (i = 0; i < st.len; i++)
		p[i] = tx_pattern(i);
	*len = st.len;
	return 0;
}

static u8 tx_record_byte(u32 n, u32 i)
{
	return (tx_pattern(i) + n) & 0xff;
}

/*
 * One record per call, until the knob's count is given: the core counts
 * what this extension gave in this save, so no per-save state is needed.
 */
static int tx_nic_save(struct xsw_ext *ext, struct xsw_nic *nic,
		       struct xsw_save *save, struct netlink_ext_ack *extack)
{
	struct tx_att *att = tx_att(ext);
	struct tx_ext *tx = att->tx;
	u32 n = xsw_save_given(save), records, len, size, i;
	char obj[TX_OBJ_LEN];
	u8 *buf;
	int err;

	tx_sleep(att, XSWITCH_OP_NIC_SAVE);
	tx_obj(obj, sizeof(obj), NULL, nic, NULL);
	err = tx_veto(att, XSWITCH_OP_NIC_SAVE, extack);
	if (err) {
		tx_note(tx, att, "nic-save %s veto %d", obj, err);
		return err;
	}
	mutex_lock(&tx->lock);
	records = tx->save_records;
	len = tx->save_len;
	mutex_unlock(&tx->lock);
	if (n >= records) {
		tx_note(tx, att, "nic-save %s records %u", obj, n);
		return 0;
	}
	buf = xsw_save_buf(save, &size);
	if (size < len)
		return xsw_save_need(save, len);
	for (i = 0; i < len; i++)
		buf[i] = tx_record_byte(n, i);
	return xsw_save_record(save, NULL, "testext", len);
}

static void tx_nic_save_complete(struct xsw_ext *ext, struct xsw_nic *nic,
				 int status)
{
	struct tx_att *att = tx_att(ext);
	char obj[TX_OBJ_LEN];

	tx_sleep(att, XSWITCH_OP_NIC_SAVE_COMPLETE);
	tx_obj(obj, sizeof(obj), NULL, nic, NULL);
	tx_note(att->tx, att, "nic-save-complete %s status %d", obj, status);
}

/* @nic's tally, made on its restore's first record; tx->lock held. */
static struct tx_tally *tx_tally(struct tx_ext *tx, const struct xsw_nic *nic,
				 bool create)
{
	struct tx_tally *t;

	lockdep_assert_held(&tx->lock);
	list_for_each_entry(t, &tx->tallies, list)
		if (t->nic == nic)
			return t;
	if (!create)
		return NULL;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	t->nic = nic;
	list_add_tail(&t->list, &tx->tallies);
	return t;
}

static int tx_nic_restore(struct xsw_ext *ext, struct xsw_nic *nic,
			  const struct xsw_record *rec,
			  struct netlink_ext_ack *extack)
{
	struct tx_att *att = tx_att(ext);
	struct tx_ext *tx = att->tx;
	const u8 *data = rec->data;
	char obj[TX_OBJ_LEN];
	struct tx_tally *t;
	bool bad = false;
	u32 n, i;
	int err;

	tx_sleep(att, XSWITCH_OP_NIC_RESTORE);
	err = tx_veto(att, XSWITCH_OP_NIC_RESTORE, extack);
	if (err) {
		tx_obj(obj, sizeof(obj), NULL, nic, NULL);
		tx_note(tx, att, "nic-restore %s veto %d", obj, err);
		return err;
	}
	mutex_lock(&tx->lock);
	t = tx_tally(tx, nic, true);
	n = t ? t->records : 0;
	mutex_unlock(&tx->lock);
	if (!t)
		return -ENOMEM;
	for (i = 0; i < rec->len && !bad; i++)
		bad = data[i] != tx_record_byte(n, i);
	mutex_lock(&tx->lock);
	t->records++;
	t->bad += bad;
	mutex_unlock(&tx->lock);
	return 0;
}

static void tx_nic_restore_complete(struct xsw_ext *ext, struct xsw_nic *nic,
				    int status)
{
	struct tx_att *att = tx_att(ext);
	struct tx_ext *tx = att->tx;
	char obj[TX_OBJ_LEN];
	struct tx_tally *t;
	u32 records = 0, bad = 0;

	tx_sleep(att, XSWITCH_OP_NIC_RESTORE_COMPLETE);
	mutex_lock(&tx->lock);
	t = tx_tally(tx, nic, false);
	if (t) {
		records = t->records;
		bad = t->bad;
		list_del(&t->list);
		kfree(t);
	}
	mutex_unlock(&tx->lock);
	tx_obj(obj, sizeof(obj), NULL, nic, NULL);
	tx_note(tx, att, "nic-restore-complete %s status %d records %u bad %u",
		obj, status, records, bad);
}

/* ->activate: what the switch already holds, in the order it is walked. */
struct tx_learn {
	struct tx_att *att;
	struct xsw_port *port;
};

static int tx_learn_prop(const struct xsw_property *prop, void *arg)
{
	struct tx_learn *l = arg;
	char obj[TX_OBJ_LEN];

	tx_obj(obj, sizeof(obj), l->port, NULL, prop);
	tx_note(l->att->tx, l->att, "learn %s", obj);
	return 0;
}

static int tx_learn_nic(struct xsw_nic *nic, void *arg)
{
	struct tx_learn *l = arg;
	char obj[TX_OBJ_LEN];

	tx_obj(obj, sizeof(obj), NULL, nic, NULL);
	tx_note(l->att->tx, l->att, "learn %s", obj);
	return 0;
}

static int tx_learn_port(struct xsw_port *port, void *arg)
{
	struct tx_learn *l = arg;

	l->port = port;
	tx_note(l->att->tx, l->att, "learn port %u", xsw_port_info(port)->id);
	return xsw_port_walk_nics(port, tx_learn_nic, l) ?:
	       xsw_port_walk_props(port, tx_learn_prop, l);
}

static int tx_activate(struct xsw_ext *ext, struct netlink_ext_ack *extack)
{
	struct tx_att *att = tx_att(ext);
	struct xsw_switch *sw = xsw_ext_switch(ext);
	struct tx_learn l = { .att = att };
	int err;

	tx_sleep(att, TX_HOOK_ACTIVATE);
	err = tx_veto(att, TX_HOOK_ACTIVATE, extack);
	if (err) {
		tx_note(att->tx, att, "activate veto %d", err);
		return err;
	}
	tx_note(att->tx, att, "activate");
	err = xsw_switch_walk_props(sw, tx_learn_prop, &l) ?:
	      xsw_switch_walk_ports(sw, tx_learn_port, &l);
	if (err)
		return err;
	mutex_lock(&att->tx->lock);
	att->active = true;
	mutex_unlock(&att->tx->lock);
	return 0;
}

/* Drops the references of set @set of @att's timer. */
static void tx_timer_drop(struct tx_att *att, unsigned int set)
{
	struct tx_timer *tm = &att->timer;
	unsigned int i;

	for (i = 0; i < TX_TIMER_PORTS; i++) {
		if (tm->nic[set][i])
			xsw_nic_unref(att->ext, tm->nic[set][i]);
		if (tm->port[set][i])
			xsw_port_unref(att->ext, tm->port[set][i]);
		tm->nic[set][i] = NULL;
		tm->port[set][i] = NULL;
	}
}

static void tx_timer_fn(struct timer_list *t)
{
	struct tx_att *att = from_timer(att, t, timer.t);
	struct xsw_switch *sw = xsw_ext_switch(att->ext);
	struct tx_timer *tm = &att->timer;
	unsigned int next = !tm->cur, i;
	struct xsw_port *port;
	struct xsw_nic *nic;

	rcu_read_lock();
	for (i = 0; i < tm->count; i++) {
		port = xsw_port_lookup_rcu(sw, tm->first + i);
		if (!port)
			continue;
		if (!xsw_port_ref(att->ext, port)) {
			tm->port[next][i] = port;
			WRITE_ONCE(tm->port_refs, tm->port_refs + 1);
		} else {
			WRITE_ONCE(tm->port_busy, tm->port_busy + 1);
		}
		nic = xsw_nic_lookup_rcu(port, 0);
		if (!nic)
			continue;
		if (!xsw_nic_ref(att->ext, nic)) {
			tm->nic[next][i] = nic;
			WRITE_ONCE(tm->nic_refs, tm->nic_refs + 1);
		} else {
			WRITE_ONCE(tm->nic_busy, tm->nic_busy + 1);
		}
	}
	rcu_read_unlock();
	tx_timer_drop(att, tm->cur);
	tm->cur = next;
	WRITE_ONCE(tm->ticks, tm->ticks + 1);
	if (READ_ONCE(tm->on))
		mod_timer(t, jiffies + 1);
}

/* Stops @att's timer and drops what it held; with tx->lock held. */
static void tx_timer_stop(struct tx_att *att)
{
	struct tx_timer *tm = &att->timer;

	WRITE_ONCE(tm->on, false);
	timer_delete_sync(&tm->t);
	tx_timer_drop(att, 0);
	tx_timer_drop(att, 1);
}

/*
 * The core refuses to disable or detach an attachment that holds
 * references, and closes it to new ones in the same atomic step, so
 * nothing is left here; a reference that is would be a core bug, and is
 * dropped loudly rather than leaked.
 */
static void tx_drop_refs(struct tx_att *att)
{
	struct tx_ext *tx = att->tx;
	struct tx_ref *ref, *tmp;

	list_for_each_entry_safe(ref, tmp, &tx->refs, list) {
		if (ref->att != att)
			continue;
		pr_warn("%s: switch %s: dropping reference %u, taken while the extension was being disabled\n",
			tx->name, ref->sw, ref->id);
		list_del(&ref->list);
		tx->n_refs--;
		if (ref->nic)
			xsw_nic_unref(att->ext, ref->nic);
		else
			xsw_port_unref(att->ext, ref->port);
		kfree(ref);
	}
}

static void tx_deactivate(struct xsw_ext *ext)
{
	struct tx_att *att = tx_att(ext);
	struct tx_ext *tx = att->tx;

	tx_sleep(att, TX_HOOK_DEACTIVATE);
	mutex_lock(&tx->lock);
	att->active = false;
	tx_timer_stop(att);
	tx_drop_refs(att);
	mutex_unlock(&tx->lock);
	tx_note(tx, att, "deactivate");
}

static int tx_attach(struct xsw_ext *ext, struct tx_ext *tx)
{
	struct tx_att *att = tx_att(ext);
	int err;

	att->ext = ext;
	att->tx = tx;
	tx_sleep(att, TX_HOOK_ATTACH);
	err = tx_veto(att, TX_HOOK_ATTACH, NULL);
	if (err) {
		tx_note(tx, att, "attach veto %d", err);
		return err;
	}
	timer_setup(&att->timer.t, tx_timer_fn, 0);
	mutex_lock(&tx->lock);
	list_add_tail(&att->list, &tx->atts);
	mutex_unlock(&tx->lock);
	tx_note(tx, att, "attach");
	return 0;
}

static void tx_detach(struct xsw_ext *ext)
{
	struct tx_att *att = tx_att(ext);
	struct tx_ext *tx = att->tx;

	tx_sleep(att, TX_HOOK_DETACH);
	mutex_lock(&tx->lock);
	WRITE_ONCE(att->timer.on, false);
	timer_shutdown_sync(&att->timer.t);
	tx_timer_drop(att, 0);
	tx_timer_drop(att, 1);
	tx_drop_refs(att);
	list_del(&att->list);
	mutex_unlock(&tx->lock);
	tx_note(tx, att, "detach");
}

/* The API gives an attachment, not its ops: one attach per extension. */
static int tx_attach_capture(struct xsw_ext *ext)
{
	return tx_attach(ext, &tx_exts[TX_CAPTURE]);
}

static int tx_attach_filter(struct xsw_ext *ext)
{
	return tx_attach(ext, &tx_exts[TX_FILTER]);
}

static int tx_attach_forward(struct xsw_ext *ext)
{
	return tx_attach(ext, &tx_exts[TX_FORWARD]);
}

#define TX_OPS(idx, nm, cls, attach_fn, u)				\
	[idx] = {							\
		.name = nm,						\
		.uuid = UUID_INIT(0x7e57e47e, 0x0000, 0x4000, 0x80, 0x00, \
				  0, 0, 0, 0, 0, u),			\
		.class = cls,						\
		.owner = THIS_MODULE,					\
		.priv_size = sizeof(struct tx_att),			\
		.attach = attach_fn,					\
		.detach = tx_detach,					\
		.activate = tx_activate,				\
		.deactivate = tx_deactivate,				\
		.port_create = tx_port_create,				\
		.nic_create = tx_nic_create,				\
		.port_prop_add = tx_port_prop_add,			\
		.port_prop_update = tx_port_prop_update,		\
		.port_prop_delete = tx_port_prop_delete,		\
		.switch_prop_add = tx_switch_prop_add,			\
		.switch_prop_update = tx_switch_prop_update,		\
		.switch_prop_delete = tx_switch_prop_delete,		\
		.complete = tx_complete,				\
		.port_update = tx_port_update,				\
		.port_teardown = tx_port_teardown,			\
		.port_delete = tx_port_delete,				\
		.nic_connect = tx_nic_connect,				\
		.nic_update = tx_nic_update,				\
		.nic_disconnect = tx_nic_disconnect,			\
		.nic_delete = tx_nic_delete,				\
		.feature_status = tx_feature_status,			\
		.nic_save = tx_nic_save,				\
		.nic_save_complete = tx_nic_save_complete,		\
		.nic_restore = tx_nic_restore,				\
		.nic_restore_complete = tx_nic_restore_complete,	\
	}

static const struct xsw_extension_ops tx_ops[TX_NUM] = {
	TX_OPS(TX_CAPTURE, "test-capture", XSWITCH_EXT_CLASS_CAPTURE,
	       tx_attach_capture, 1),
	TX_OPS(TX_FILTER, "test-filter", XSWITCH_EXT_CLASS_FILTER,
	       tx_attach_filter, 2),
	TX_OPS(TX_FORWARD, "test-forward", XSWITCH_EXT_CLASS_FORWARD,
	       tx_attach_forward, 3),
};

/*
 * Knob input.  A write is one command: at most TX_CMD_MAX bytes of
 * printable ASCII, with one optional trailing newline; words are
 * separated by exactly one space.
 */
static char *tx_cmd(const char __user *ubuf, size_t count)
{
	char *buf;
	size_t i;

	if (!count || count > TX_CMD_MAX)
		return ERR_PTR(-EINVAL);
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return buf;
	if (buf[count - 1] == '\n')
		buf[--count] = '\0';
	for (i = 0; i < count; i++)
		if (buf[i] < ' ' || buf[i] > '~')
			break;
	if (!count || i < count) {
		kfree(buf);
		return ERR_PTR(-EINVAL);
	}
	return buf;
}

/* The next word of *@s, or NULL if there is none or it is empty. */
static char *tx_word(char **s)
{
	char *w = strsep(s, " ");

	return w && *w ? w : NULL;
}

/* Decimal digits only: kstrtou32() would also take a leading '+'. */
static int tx_parse_u32(const char *w, u32 *v)
{
	return !w || !isdigit(*w) || kstrtou32(w, 10, v) ? -EINVAL : 0;
}

static int tx_parse_errno(const char *w, int *err)
{
	u32 v;

	if (!w || *w != '-' || tx_parse_u32(w + 1, &v) || !v || v > MAX_ERRNO)
		return -EINVAL;
	*err = -(int)v;
	return 0;
}

static int tx_parse_hook(const char *w, u32 *hook)
{
	u32 i;

	if (!w)
		return -EINVAL;
	for (i = 0; i < TX_HOOK_NUM; i++) {
		if (tx_hook_names[i] && !strcmp(w, tx_hook_names[i])) {
			*hook = i;
			return 0;
		}
	}
	if (tx_parse_u32(w, &i) || i >= TX_HOOK_NUM || !tx_hook_names[i])
		return -EINVAL;
	*hook = i;
	return 0;
}

/* "[every] HOOK VALUE" into @r and @hook; *@s is left at what follows. */
static int tx_parse_rule(char **s, u32 *hook, struct tx_rule *r)
{
	char *w = tx_word(s);

	r->every = w && !strcmp(w, "every");
	if (r->every)
		w = tx_word(s);
	return tx_parse_hook(w, hook);
}

static void tx_show_rules(struct seq_file *m, const struct tx_rule *rules)
{
	u32 i;

	for (i = 0; i < TX_HOOK_NUM; i++) {
		if (!rules[i].val)
			continue;
		seq_printf(m, "%s %s %d", rules[i].every ? "every" : "once",
			   tx_hook_names[i], rules[i].val);
		if (rules[i].msg)
			seq_printf(m, " %s", rules[i].msg);
		seq_putc(m, '\n');
	}
}

static int tx_veto_show(struct seq_file *m, void *v)
{
	struct tx_ext *tx = m->private;

	mutex_lock(&tx->lock);
	tx_show_rules(m, tx->veto);
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_veto_cmd(struct tx_ext *tx, char *s)
{
	struct tx_rule r = {};
	u32 hook;

	if (!strcmp(s, "clear")) {
		mutex_lock(&tx->lock);
		memset(tx->veto, 0, sizeof(tx->veto));
		mutex_unlock(&tx->lock);
		return 0;
	}
	if (tx_parse_rule(&s, &hook, &r) || !tx_hook_vetoable(hook) ||
	    tx_parse_errno(tx_word(&s), &r.val))
		return -EINVAL;
	if (s) {
		if (!*s || strlen(s) > TX_MSG_MAX)
			return -EINVAL;
		r.msg = tx_intern(s);
		if (!r.msg)
			return -ENOSPC;
	}
	mutex_lock(&tx->lock);
	tx->veto[hook] = r;
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_sleep_show(struct seq_file *m, void *v)
{
	struct tx_ext *tx = m->private;

	mutex_lock(&tx->lock);
	tx_show_rules(m, tx->sleep);
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_sleep_cmd(struct tx_ext *tx, char *s)
{
	struct tx_rule r = {};
	u32 hook, ms;

	if (!strcmp(s, "clear")) {
		mutex_lock(&tx->lock);
		memset(tx->sleep, 0, sizeof(tx->sleep));
		mutex_unlock(&tx->lock);
		return 0;
	}
	if (tx_parse_rule(&s, &hook, &r) || tx_parse_u32(tx_word(&s), &ms) ||
	    s || !ms || ms > TX_SLEEP_MAX_MS)
		return -EINVAL;
	r.val = ms;
	mutex_lock(&tx->lock);
	tx->sleep[hook] = r;
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_status_show(struct seq_file *m, void *v)
{
	struct tx_ext *tx = m->private;
	const struct tx_status *st;
	unsigned int i;

	mutex_lock(&tx->lock);
	for (i = 0; i < TX_STATUS_IDS; i++) {
		st = &tx->status[i];
		if (!st->used)
			continue;
		if (st->err)
			seq_printf(m, "%pUb %d\n", &st->id, st->err);
		else
			seq_printf(m, "%pUb %u\n", &st->id, st->len);
	}
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_status_cmd(struct tx_ext *tx, char *s)
{
	struct tx_status st = { .used = true }, *slot = NULL;
	char *w = tx_word(&s);
	unsigned int i;
	int err = 0;

	if (w && !strcmp(w, "clear") && !s) {
		mutex_lock(&tx->lock);
		memset(tx->status, 0, sizeof(tx->status));
		mutex_unlock(&tx->lock);
		return 0;
	}
	if (!w || strlen(w) != UUID_STRING_LEN || uuid_parse(w, &st.id))
		return -EINVAL;
	w = tx_word(&s);
	if (!w || s)
		return -EINVAL;
	if (w[0] == '-' ? tx_parse_errno(w, &st.err) : tx_parse_u32(w, &st.len))
		return -EINVAL;
	mutex_lock(&tx->lock);
	/* The id's own slot if it has one, else the first free one. */
	for (i = 0; i < TX_STATUS_IDS; i++) {
		if (tx->status[i].used && uuid_equal(&tx->status[i].id, &st.id)) {
			slot = &tx->status[i];
			break;
		}
		if (!slot && !tx->status[i].used)
			slot = &tx->status[i];
	}
	if (slot)
		*slot = st;
	else
		err = -ENOSPC;
	mutex_unlock(&tx->lock);
	return err;
}

/* The enabled attachment of @tx on switch @name of the writer's netns. */
static struct tx_att *tx_att_find(struct tx_ext *tx, const char *name)
{
	struct net *net = current->nsproxy->net_ns;
	struct xsw_switch *sw;
	struct tx_att *att;

	lockdep_assert_held(&tx->lock);
	list_for_each_entry(att, &tx->atts, list) {
		sw = xsw_ext_switch(att->ext);
		if (att->active && net_eq(xsw_switch_net(sw), net) &&
		    !strcmp(xsw_switch_name(sw), name))
			return att;
	}
	return NULL;
}

static int tx_refs_show(struct seq_file *m, void *v)
{
	struct tx_ext *tx = m->private;
	struct tx_ref *ref;

	mutex_lock(&tx->lock);
	list_for_each_entry(ref, &tx->refs, list) {
		seq_printf(m, "%u %s port %u", ref->id, ref->sw, ref->port_id);
		if (ref->nic)
			seq_printf(m, " nic %u", ref->index);
		seq_putc(m, '\n');
	}
	mutex_unlock(&tx->lock);
	return 0;
}

/* References port @port_id (and its NIC @index, unless negative). */
static int tx_ref_take(struct tx_ext *tx, struct tx_ref *ref, const char *sw,
		       u32 port_id, int index)
{
	struct xsw_port *port;
	struct tx_att *att;
	int err = -ENOENT;

	lockdep_assert_held(&tx->lock);
	if (tx->n_refs >= TX_REFS_MAX)
		return -ENOSPC;
	att = tx_att_find(tx, sw);
	if (!att)
		return -ENOENT;
	rcu_read_lock();
	port = xsw_port_lookup_rcu(xsw_ext_switch(att->ext), port_id);
	if (port && index < 0) {
		err = xsw_port_ref(att->ext, port);
	} else if (port) {
		ref->nic = xsw_nic_lookup_rcu(port, index);
		if (ref->nic)
			err = xsw_nic_ref(att->ext, ref->nic);
	}
	rcu_read_unlock();
	if (err)
		return err;
	ref->att = att;
	ref->port = port;
	ref->id = ++tx->next_ref_id;
	ref->port_id = port_id;
	ref->index = index < 0 ? 0 : index;
	strscpy(ref->sw, sw, sizeof(ref->sw));
	list_add_tail(&ref->list, &tx->refs);
	tx->n_refs++;
	return 0;
}

static void tx_ref_release(struct tx_ext *tx, struct tx_ref *ref)
{
	lockdep_assert_held(&tx->lock);
	list_del(&ref->list);
	tx->n_refs--;
	if (ref->nic)
		xsw_nic_unref(ref->att->ext, ref->nic);
	else
		xsw_port_unref(ref->att->ext, ref->port);
	kfree(ref);
}

static int tx_release_cmd(struct tx_ext *tx, const char *what)
{
	struct tx_ref *ref, *tmp;
	bool all = !strcmp(what, "all");
	int err = all ? 0 : -ENOENT;
	u32 id = 0;

	if (!all && tx_parse_u32(what, &id))
		return -EINVAL;
	mutex_lock(&tx->lock);
	list_for_each_entry_safe(ref, tmp, &tx->refs, list) {
		if (all || ref->id == id) {
			tx_ref_release(tx, ref);
			err = 0;
		}
	}
	mutex_unlock(&tx->lock);
	return err;
}

static int tx_refs_cmd(struct tx_ext *tx, char *s)
{
	char *what = tx_word(&s), *sw;
	struct tx_ref *ref;
	u32 port_id, index;
	int err;

	if (!what)
		return -EINVAL;
	if (!strcmp(what, "release")) {
		what = tx_word(&s);
		return !what || s ? -EINVAL : tx_release_cmd(tx, what);
	}
	sw = tx_word(&s);
	if (!sw || strlen(sw) >= XSWITCH_NAME_LEN ||
	    tx_parse_u32(tx_word(&s), &port_id))
		return -EINVAL;
	if (!strcmp(what, "nic")) {
		if (tx_parse_u32(tx_word(&s), &index) ||
		    index > XSWITCH_MAX_NIC_INDEX)
			return -EINVAL;
	} else if (!strcmp(what, "port")) {
		index = -1;
	} else {
		return -EINVAL;
	}
	if (s)
		return -EINVAL;
	ref = kzalloc(sizeof(*ref), GFP_KERNEL);
	if (!ref)
		return -ENOMEM;
	mutex_lock(&tx->lock);
	err = tx_ref_take(tx, ref, sw, port_id, (int)index);
	mutex_unlock(&tx->lock);
	if (err)
		kfree(ref);
	return err;
}

static int tx_timer_show(struct seq_file *m, void *v)
{
	struct tx_ext *tx = m->private;
	struct tx_timer *tm;
	struct tx_att *att;

	mutex_lock(&tx->lock);
	list_for_each_entry(att, &tx->atts, list) {
		tm = &att->timer;
		if (!tm->configured)
			continue;
		seq_printf(m, "%s %s ports %u-%u ticks %lu port-refs %lu port-busy %lu nic-refs %lu nic-busy %lu\n",
			   tx_sw_name(att), READ_ONCE(tm->on) ? "on" : "off",
			   tm->first, tm->first + tm->count - 1,
			   READ_ONCE(tm->ticks), READ_ONCE(tm->port_refs),
			   READ_ONCE(tm->port_busy), READ_ONCE(tm->nic_refs),
			   READ_ONCE(tm->nic_busy));
	}
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_timer_cmd(struct tx_ext *tx, char *s)
{
	char *what = tx_word(&s), *sw = tx_word(&s);
	u32 first = 0, last = 0;
	struct tx_timer *tm;
	struct tx_att *att;
	bool start;

	if (!what || !sw)
		return -EINVAL;
	start = !strcmp(what, "start");
	if (!start && strcmp(what, "stop"))
		return -EINVAL;
	if (start && (tx_parse_u32(tx_word(&s), &first) ||
		      tx_parse_u32(tx_word(&s), &last) || !first ||
		      last < first || last - first >= TX_TIMER_PORTS))
		return -EINVAL;
	if (s)
		return -EINVAL;
	mutex_lock(&tx->lock);
	att = tx_att_find(tx, sw);
	if (!att) {
		mutex_unlock(&tx->lock);
		return -ENOENT;
	}
	tm = &att->timer;
	tx_timer_stop(att);
	if (start) {
		tm->first = first;
		tm->count = last - first + 1;
		tm->ticks = 0;
		tm->port_refs = 0;
		tm->port_busy = 0;
		tm->nic_refs = 0;
		tm->nic_busy = 0;
		tm->configured = true;
		WRITE_ONCE(tm->on, true);
		mod_timer(&tm->t, jiffies + 1);
	}
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_save_show(struct seq_file *m, void *v)
{
	struct tx_ext *tx = m->private;

	mutex_lock(&tx->lock);
	seq_printf(m, "%u %u\n", tx->save_records, tx->save_len);
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_save_cmd(struct tx_ext *tx, char *s)
{
	u32 records = 0, len = 0;

	if (strcmp(s, "clear") &&
	    (tx_parse_u32(tx_word(&s), &records) ||
	     tx_parse_u32(tx_word(&s), &len) || s ||
	     records > TX_SAVE_RECORDS_MAX || len > TX_SAVE_LEN_MAX))
		return -EINVAL;
	mutex_lock(&tx->lock);
	tx->save_records = records;
	tx->save_len = len;
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_log_show(struct seq_file *m, void *v)
{
	struct tx_ext *tx = m->private;

	mutex_lock(&tx->lock);
	seq_write(m, tx->log, tx->log_len);
	if (tx->log_dropped)
		seq_printf(m, "dropped %lu\n", tx->log_dropped);
	mutex_unlock(&tx->lock);
	return 0;
}

static int tx_log_cmd(struct tx_ext *tx, char *s)
{
	if (strcmp(s, "clear"))
		return -EINVAL;
	mutex_lock(&tx->lock);
	tx->log_len = 0;
	tx->log_dropped = 0;
	mutex_unlock(&tx->lock);
	return 0;
}

#define TX_KNOB(knob, size)						\
static int tx_##knob##_open(struct inode *inode, struct file *file)	\
{									\
	return single_open_size(file, tx_##knob##_show,			\
				inode->i_private, size);		\
}									\
									\
static ssize_t tx_##knob##_write(struct file *file,			\
				 const char __user *ubuf,		\
				 size_t count, loff_t *ppos)		\
{									\
	struct seq_file *m = file->private_data;			\
	char *cmd = tx_cmd(ubuf, count);				\
	int err;							\
									\
	if (IS_ERR(cmd))						\
		return PTR_ERR(cmd);					\
	err = tx_##knob##_cmd(m->private, cmd);				\
	kfree(cmd);							\
	return err ?: count;						\
}									\
									\
static const struct file_operations tx_##knob##_fops = {		\
	.owner = THIS_MODULE,						\
	.open = tx_##knob##_open,					\
	.read = seq_read,						\
	.write = tx_##knob##_write,					\
	.llseek = seq_lseek,						\
	.release = single_release,					\
}

TX_KNOB(veto, PAGE_SIZE);
TX_KNOB(sleep, PAGE_SIZE);
TX_KNOB(status, PAGE_SIZE);
TX_KNOB(refs, TX_REFS_MAX * 64);
TX_KNOB(timer, PAGE_SIZE);
TX_KNOB(save, PAGE_SIZE);
TX_KNOB(log, TX_LOG_SIZE + 64);

static void tx_exts_free(void)
{
	int i;

	for (i = 0; i < TX_NUM; i++) {
		WARN_ON(!list_empty(&tx_exts[i].refs));
		WARN_ON(!list_empty(&tx_exts[i].tallies));
		kvfree(tx_exts[i].log);
		mutex_destroy(&tx_exts[i].lock);
	}
}

static int __init tx_init(void)
{
	struct dentry *dir;
	int i, err = -ENOMEM;

	for (i = 0; i < TX_NUM; i++) {
		mutex_init(&tx_exts[i].lock);
		INIT_LIST_HEAD(&tx_exts[i].atts);
		INIT_LIST_HEAD(&tx_exts[i].refs);
		INIT_LIST_HEAD(&tx_exts[i].tallies);
		tx_exts[i].log = kvmalloc(TX_LOG_SIZE, GFP_KERNEL);
	}
	for (i = 0; i < TX_NUM; i++)
		if (!tx_exts[i].log)
			goto err_free;

	tx_root = debugfs_create_dir("xsw_testext", NULL);
	for (i = 0; i < TX_NUM; i++) {
		dir = debugfs_create_dir(tx_exts[i].name, tx_root);
		debugfs_create_file("veto", 0600, dir, &tx_exts[i],
				    &tx_veto_fops);
		debugfs_create_file("sleep", 0600, dir, &tx_exts[i],
				    &tx_sleep_fops);
		debugfs_create_file("status", 0600, dir, &tx_exts[i],
				    &tx_status_fops);
		debugfs_create_file("refs", 0600, dir, &tx_exts[i],
				    &tx_refs_fops);
		debugfs_create_file("timer", 0600, dir, &tx_exts[i],
				    &tx_timer_fops);
		debugfs_create_file("save", 0600, dir, &tx_exts[i],
				    &tx_save_fops);
		debugfs_create_file("log", 0600, dir, &tx_exts[i],
				    &tx_log_fops);
	}

	for (i = 0; i < TX_NUM; i++) {
		err = xsw_extension_register(&tx_ops[i]);
		if (err)
			goto err_unregister;
	}
	return 0;

err_unregister:
	while (i--)
		xsw_extension_unregister(&tx_ops[i]);
	debugfs_remove_recursive(tx_root);
err_free:
	tx_exts_free();
	return err;
}

/*
 * Attachments pin the module, and an attachment that holds references
 * can be neither disabled nor detached: when this runs, no switch has the
 * extensions attached, so no timer runs and no reference is held.
 */
static void __exit tx_exit(void)
{
	int i;

	debugfs_remove_recursive(tx_root);
	for (i = 0; i < TX_NUM; i++)
		xsw_extension_unregister(&tx_ops[i]);
	tx_exts_free();
	tx_msgs_free();
}

module_init(tx_init);
module_exit(tx_exit);
MODULE_DESCRIPTION("xswitch test extensions driven from debugfs");
MODULE_LICENSE("GPL");
