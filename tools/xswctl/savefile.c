// SPDX-License-Identifier: GPL-2.0
/*
 * The saved-data file: write, read and check (see savefile.h).
 *
 *   offset 0   "XSWSAVE\0"
 *          8   version, u32 little endian (1)
 *         12   kind, u32 little endian (1: a NIC, 2: a VM)
 *         16   body length, u64 little endian
 *         24   body: netlink attributes XSWITCH_A_FILE_*, host order
 *   24 + len   CRC-32 (IEEE 802.3) of all the bytes before it, u32 LE
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/xswitch.h>

#include "savefile.h"

/*
 * A byte at a time from a table: a file is up to 80 MiB, and its CRC is
 * computed before a VM's ports are taken off and before they come back.
 */
uint32_t save_crc32(uint32_t crc, const void *buf, size_t len)
{
	static uint32_t table[256];
	const uint8_t *p = buf;
	uint32_t c;
	int i, k;

	if (!table[255]) {	/* filled last */
		for (i = 0; i < 256; i++) {
			c = i;
			for (k = 0; k < 8; k++)
				c = (c >> 1) ^ (0xedb88320U & -(c & 1));
			table[i] = c;
		}
	}
	crc = ~crc;
	while (len--)
		crc = (crc >> 8) ^ table[(crc ^ *p++) & 0xff];
	return ~crc;
}

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		p[i] = v >> (8 * i);
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;
	int i;

	for (i = bytes - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void sattrs_free(struct sattrs *a)
{
	free(a->buf);
	a->buf = NULL;
	a->len = 0;
}

static void snic_free(struct snic *n)
{
	unsigned int i;

	for (i = 0; i < n->nrecs; i++)
		free(n->recs[i].data);
	free(n->recs);
	sattrs_free(&n->attrs);
}

void savefile_free(struct savefile *sf)
{
	unsigned int i, j;

	for (i = 0; i < sf->nports; i++) {
		struct sport *p = &sf->ports[i];

		for (j = 0; j < p->nprops; j++)
			sattrs_free(&p->props[j]);
		for (j = 0; j < p->nnics; j++)
			snic_free(&p->nics[j]);
		free(p->props);
		free(p->nics);
		sattrs_free(&p->attrs);
	}
	free(sf->ports);
	memset(sf, 0, sizeof(*sf));
}

/* Grows the array *@v of *@n elements of @size by one, zeroed. */
/* One more element; the room doubles at each power of two, 1, 2, 4 ... */
static void *grow(void *v, unsigned int *n, size_t size)
{
	char *nv = v;

	if (!(*n & (*n - 1))) {
		nv = realloc(v, (*n ? 2 * (size_t)*n : 1) * size);
		if (!nv)
			return NULL;
	}
	memset(nv + *n * size, 0, size);
	++*n;
	return nv;
}

static int sattrs_copy(struct sattrs *a, const void *buf, size_t len)
{
	a->buf = malloc(len ?: 1);
	if (!a->buf)
		return -1;
	memcpy(a->buf, buf, len);
	a->len = len;
	return 0;
}

struct sport *savefile_add_port(struct savefile *sf, const void *attrs,
				size_t len, uint32_t old_id)
{
	struct sport *v = grow(sf->ports, &sf->nports, sizeof(*v)), *p;

	if (!v)
		return NULL;
	sf->ports = v;
	p = &v[sf->nports - 1];
	p->old_id = old_id;
	if (sattrs_copy(&p->attrs, attrs, len)) {
		sf->nports--;
		return NULL;
	}
	return p;
}

struct sattrs *savefile_add_prop(struct sport *p, const void *attrs,
				 size_t len)
{
	struct sattrs *v = grow(p->props, &p->nprops, sizeof(*v));

	if (!v)
		return NULL;
	p->props = v;
	if (sattrs_copy(&v[p->nprops - 1], attrs, len)) {
		p->nprops--;
		return NULL;
	}
	return &v[p->nprops - 1];
}

struct snic *savefile_add_nic(struct sport *p, const void *attrs, size_t len,
			      uint16_t index)
{
	struct snic *v = grow(p->nics, &p->nnics, sizeof(*v)), *n;

	if (!v)
		return NULL;
	p->nics = v;
	n = &v[p->nnics - 1];
	n->index = index;
	if (sattrs_copy(&n->attrs, attrs, len)) {
		p->nnics--;
		return NULL;
	}
	return n;
}

struct srec *savefile_add_rec(struct snic *n)
{
	struct srec *v = grow(n->recs, &n->nrecs, sizeof(*v));

	if (!v)
		return NULL;
	n->recs = v;
	return &v[n->nrecs - 1];
}

/* The body being written, grown as needed. */
struct wbuf {
	uint8_t *buf;
	size_t len, cap;
};

/* Appends an attribute (header and payload) to @w: 0, or -1. */
static int wput(struct wbuf *w, uint16_t type, const void *data, size_t len)
{
	size_t need = MNL_ATTR_HDRLEN + MNL_ALIGN(len);
	struct nlattr *a;

	if (len > UINT16_MAX - MNL_ATTR_HDRLEN) {
		errno = EMSGSIZE;
		return -1;
	}
	if (w->len + need > w->cap) {
		size_t cap = (w->cap ?: 65536) * 2;
		uint8_t *nb;

		while (cap < w->len + need)
			cap *= 2;
		nb = realloc(w->buf, cap);
		if (!nb)
			return -1;
		w->buf = nb;
		w->cap = cap;
	}
	a = (struct nlattr *)(w->buf + w->len);
	a->nla_type = type;
	a->nla_len = MNL_ATTR_HDRLEN + len;
	memcpy(w->buf + w->len + MNL_ATTR_HDRLEN, data, len);
	memset(w->buf + w->len + MNL_ATTR_HDRLEN + len, 0,
	       MNL_ALIGN(len) - len);
	w->len += need;
	return 0;
}

/* A record's header, nested as the record attribute set. */
static int wput_rec(struct wbuf *w, const struct srec *r)
{
	uint8_t nest[128 + sizeof(r->name)];
	struct wbuf n = { .buf = nest, .cap = sizeof(nest) };
	uint32_t size = r->len;
	int err;

	err = wput(&n, XSWITCH_A_RECORD_EXT_ID, r->ext_id, 16) ||
	      wput(&n, XSWITCH_A_RECORD_FEATURE_CLASS, r->feature_class, 16) ||
	      wput(&n, XSWITCH_A_RECORD_NAME, r->name, strlen(r->name) + 1) ||
	      wput(&n, XSWITCH_A_RECORD_SIZE, &size, sizeof(size));
	/* The nest is sized for its fixed attributes: it never grows. */
	if (err || n.buf != nest)
		return -1;
	return wput(w, XSWITCH_A_FILE_RECORD | NLA_F_NESTED, nest, n.len);
}

static int wput_nic(struct wbuf *w, const struct snic *n)
{
	unsigned int i;
	uint32_t off;

	if (wput(w, XSWITCH_A_FILE_NIC | NLA_F_NESTED, n->attrs.buf,
		 n->attrs.len))
		return -1;
	for (i = 0; i < n->nrecs; i++) {
		const struct srec *r = &n->recs[i];

		if (wput_rec(w, r))
			return -1;
		for (off = 0; off < r->len; off += SAVE_CHUNK)
			if (wput(w, XSWITCH_A_FILE_DATA, r->data + off,
				 r->len - off < SAVE_CHUNK ? r->len - off : SAVE_CHUNK))
				return -1;
	}
	return 0;
}

static int wput_port(struct wbuf *w, const struct sport *p)
{
	unsigned int i;

	if (wput(w, XSWITCH_A_FILE_PORT | NLA_F_NESTED, p->attrs.buf,
		 p->attrs.len))
		return -1;
	for (i = 0; i < p->nprops; i++)
		if (wput(w, XSWITCH_A_FILE_PROP | NLA_F_NESTED, p->props[i].buf,
			 p->props[i].len))
			return -1;
	for (i = 0; i < p->nnics; i++)
		if (wput_nic(w, &p->nics[i]))
			return -1;
	return 0;
}

int savefile_write(const struct savefile *sf, FILE *f)
{
	uint8_t head[SAVE_HEADER_SIZE], tail[SAVE_TRAILER_SIZE];
	struct wbuf w = {};
	unsigned int i;
	uint32_t crc;
	int err = 0;

	for (i = 0; i < sf->nports && !err; i++)
		err = wput_port(&w, &sf->ports[i]);
	if (!err) {
		memcpy(head, SAVE_MAGIC, 8);
		put_le(head + 8, SAVE_VERSION, 4);
		put_le(head + 12, sf->kind, 4);
		put_le(head + 16, w.len, 8);
		crc = save_crc32(0, head, sizeof(head));
		crc = save_crc32(crc, w.buf, w.len);
		put_le(tail, crc, 4);
		err = fwrite(head, sizeof(head), 1, f) != 1 ||
		      (w.len && fwrite(w.buf, w.len, 1, f) != 1) ||
		      fwrite(tail, sizeof(tail), 1, f) != 1 || fflush(f);
	}
	free(w.buf);
	return err ? -1 : 0;
}

const struct nlattr *sattrs_get(const struct sattrs *a, int type)
{
	const struct nlattr *attr;
	size_t off;

	for (off = 0; off + MNL_ATTR_HDRLEN <= a->len;
	     off += MNL_ALIGN(attr->nla_len)) {
		attr = (const struct nlattr *)(a->buf + off);
		if (mnl_attr_get_type(attr) == type)
			return attr;
	}
	return NULL;
}

/* What the reader of a body keeps between attributes. */
struct rstate {
	struct savefile *sf;
	struct sport *port;
	struct snic *nic;
	struct srec *rec;
	uint32_t have;		/* payload bytes of @rec read */
	char *why;
	size_t whylen;
};

/* Says why the file is refused; a macro so that the format is checked. */
#define bad(s, ...) ({						\
	struct rstate *_s = (s);					\
									\
	snprintf(_s->why, _s->whylen, __VA_ARGS__);			\
	-1;								\
})

/* The nested attributes of @a, each valid and of a known type. */
static int check_nest(struct rstate *s, const struct nlattr *a,
		      const char *what, const uint8_t *types, int max)
{
	const struct nlattr *n;
	unsigned int seen = 0;
	int t;

	mnl_attr_for_each_nested(n, a) {
		t = mnl_attr_get_type(n);
		if (t < 1 || t > max || types[t] == MNL_TYPE_UNSPEC)
			return bad(s, "a %s has an unknown attribute %d", what, t);
		if (seen & (1U << t))
			return bad(s, "a %s has attribute %d twice", what, t);
		seen |= 1U << t;
		if (mnl_attr_validate(n, types[t]) < 0)
			return bad(s, "a %s's attribute %d is malformed", what, t);
	}
	if ((const char *)n != (const char *)mnl_attr_get_payload(a) +
				mnl_attr_get_payload_len(a))
		return bad(s, "a %s ends in the middle of an attribute", what);
	return 0;
}

static const uint8_t port_types[XSWITCH_A_PORT_MAX + 1] = {
	[XSWITCH_A_PORT_ID] = MNL_TYPE_U32,
	[XSWITCH_A_PORT_NAME] = MNL_TYPE_NUL_STRING,
	[XSWITCH_A_PORT_FRIENDLY_NAME] = MNL_TYPE_NUL_STRING,
	[XSWITCH_A_PORT_TYPE] = MNL_TYPE_U32,
};

static const uint8_t prop_types[XSWITCH_A_PROP_MAX + 1] = {
	[XSWITCH_A_PROP_TYPE] = MNL_TYPE_U32,
	[XSWITCH_A_PROP_ID] = MNL_TYPE_BINARY,
	[XSWITCH_A_PROP_VERSION] = MNL_TYPE_U16,
	[XSWITCH_A_PROP_INSTANCE_ID] = MNL_TYPE_BINARY,
	[XSWITCH_A_PROP_DATA] = MNL_TYPE_BINARY,
	[XSWITCH_A_PROP_SECURITY] = MNL_TYPE_NESTED,
	[XSWITCH_A_PROP_VLAN] = MNL_TYPE_NESTED,
};

/* What the standard properties' nests hold; allowed VLANs repeat. */
static const uint8_t security_types[XSWITCH_A_PROP_SECURITY_MAX + 1] = {
	[XSWITCH_A_PROP_SECURITY_MAC_SPOOFING] = MNL_TYPE_FLAG,
	[XSWITCH_A_PROP_SECURITY_IEEE_PRIORITY_TAG] = MNL_TYPE_FLAG,
	[XSWITCH_A_PROP_SECURITY_VSID] = MNL_TYPE_U32,
};

static const uint8_t vlan_types[XSWITCH_A_PROP_VLAN_MAX + 1] = {
	[XSWITCH_A_PROP_VLAN_MODE] = MNL_TYPE_U32,
	[XSWITCH_A_PROP_VLAN_ACCESS_VLAN] = MNL_TYPE_U16,
	[XSWITCH_A_PROP_VLAN_NATIVE_VLAN] = MNL_TYPE_U16,
	[XSWITCH_A_PROP_VLAN_ALLOWED] = MNL_TYPE_U16,
};

static const uint8_t nic_types[XSWITCH_A_NIC_MAX + 1] = {
	[XSWITCH_A_NIC_INDEX] = MNL_TYPE_U16,
	[XSWITCH_A_NIC_NAME] = MNL_TYPE_NUL_STRING,
	[XSWITCH_A_NIC_FRIENDLY_NAME] = MNL_TYPE_NUL_STRING,
	[XSWITCH_A_NIC_MTU] = MNL_TYPE_U32,
	[XSWITCH_A_NIC_PERMANENT_MAC] = MNL_TYPE_BINARY,
	[XSWITCH_A_NIC_VM_MAC] = MNL_TYPE_BINARY,
	[XSWITCH_A_NIC_CURRENT_MAC] = MNL_TYPE_BINARY,
	[XSWITCH_A_NIC_VM_NAME] = MNL_TYPE_NUL_STRING,
	[XSWITCH_A_NIC_VM_FRIENDLY_NAME] = MNL_TYPE_NUL_STRING,
	/* The device it was bound to, by name: an ifindex would not do. */
	[XSWITCH_A_NIC_IFNAME] = MNL_TYPE_NUL_STRING,
};

static const uint8_t record_types[XSWITCH_A_RECORD_MAX + 1] = {
	[XSWITCH_A_RECORD_EXT_ID] = MNL_TYPE_BINARY,
	[XSWITCH_A_RECORD_FEATURE_CLASS] = MNL_TYPE_BINARY,
	[XSWITCH_A_RECORD_NAME] = MNL_TYPE_NUL_STRING,
	[XSWITCH_A_RECORD_SIZE] = MNL_TYPE_U32,
};

/* The nested attribute of type @type in @a, or NULL. */
static const struct nlattr *nest_get(const struct nlattr *a, int type)
{
	const struct nlattr *n;

	mnl_attr_for_each_nested(n, a)
		if (mnl_attr_get_type(n) == type)
			return n;
	return NULL;
}

/*
 * Strings (NUL-terminated, checked already) of at most 255 bytes, and
 * binaries of exactly @bin bytes; after check_nest().
 */
static int check_sizes(struct rstate *s, const struct nlattr *a,
		       const uint8_t *types, size_t bin, const char *what)
{
	const struct nlattr *n;

	mnl_attr_for_each_nested(n, a) {
		uint8_t t = types[mnl_attr_get_type(n)];
		uint16_t l = mnl_attr_get_payload_len(n);

		if (t == MNL_TYPE_NUL_STRING && l > XSWITCH_LONG_NAME_LEN)
			return bad(s, "a %s's name is longer than 255 bytes", what);
		if (t == MNL_TYPE_BINARY && bin && l != bin)
			return bad(s, "a %s's attribute %d is not %zu bytes", what,
				   mnl_attr_get_type(n), bin);
	}
	return 0;
}

static int read_port(struct rstate *s, const struct nlattr *a)
{
	const struct nlattr *id;

	if (s->sf->nports >= SAVE_PORTS_MAX)
		return bad(s, "more than %d ports", SAVE_PORTS_MAX);
	if (check_nest(s, a, "port", port_types, XSWITCH_A_PORT_MAX) ||
	    check_sizes(s, a, port_types, 0, "port"))
		return -1;
	if (!nest_get(a, XSWITCH_A_PORT_TYPE))
		return bad(s, "a port has no type");
	id = nest_get(a, XSWITCH_A_PORT_ID);
	s->port = savefile_add_port(s->sf, mnl_attr_get_payload(a),
				    mnl_attr_get_payload_len(a),
				    id ? mnl_attr_get_u32(id) : 0);
	s->nic = NULL;
	s->rec = NULL;
	return s->port ? 0 : bad(s, "out of memory");
}

/*
 * The nest of a standard property, if @prop has it: every attribute of a
 * known type and size, and whole (what they say, the kernel checks).
 */
static int check_std_nest(struct rstate *s, const struct nlattr *prop,
			  int type, const char *what, const uint8_t *types,
			  int max)
{
	const struct nlattr *nest = nest_get(prop, type), *n;
	int t;

	if (!nest)
		return 0;
	mnl_attr_for_each_nested(n, nest) {
		t = mnl_attr_get_type(n);
		if (t < 1 || t > max || types[t] == MNL_TYPE_UNSPEC ||
		    mnl_attr_validate(n, types[t]) < 0 ||
		    ((types[t] == MNL_TYPE_U16 || types[t] == MNL_TYPE_U32) &&
		     mnl_attr_get_payload_len(n) != (types[t] == MNL_TYPE_U16 ? 2 : 4)))
			return bad(s, "a property's %s attribute %d is malformed",
				   what, t);
	}
	if ((const char *)n != (const char *)mnl_attr_get_payload(nest) +
				mnl_attr_get_payload_len(nest))
		return bad(s, "a property's %s attributes end in the middle of one",
			   what);
	return 0;
}

static int read_prop(struct rstate *s, const struct nlattr *a)
{
	const struct nlattr *n;

	if (!s->port || s->nic)
		return bad(s, "a property outside a port, or after its NICs");
	if (s->port->nprops >= SAVE_PROPS_MAX)
		return bad(s, "a port has more than %d properties", SAVE_PROPS_MAX);
	if (check_nest(s, a, "property", prop_types, XSWITCH_A_PROP_MAX))
		return -1;
	/* Its ids are 16 bytes, its data at most XSWITCH_MAX_PROP_DATA. */
	if (!nest_get(a, XSWITCH_A_PROP_TYPE) || !nest_get(a, XSWITCH_A_PROP_VERSION))
		return bad(s, "a property has no type or version");
	n = nest_get(a, XSWITCH_A_PROP_DATA);
	if (n && mnl_attr_get_payload_len(n) > XSWITCH_MAX_PROP_DATA)
		return bad(s, "a property's data is longer than %d bytes",
			   XSWITCH_MAX_PROP_DATA);
	mnl_attr_for_each_nested(n, a)
		if ((mnl_attr_get_type(n) == XSWITCH_A_PROP_ID ||
		     mnl_attr_get_type(n) == XSWITCH_A_PROP_INSTANCE_ID) &&
		    mnl_attr_get_payload_len(n) != 16)
			return bad(s, "a property's id is not 16 bytes");
	if (check_std_nest(s, a, XSWITCH_A_PROP_SECURITY, "security",
			   security_types, XSWITCH_A_PROP_SECURITY_MAX) ||
	    check_std_nest(s, a, XSWITCH_A_PROP_VLAN, "vlan", vlan_types,
			   XSWITCH_A_PROP_VLAN_MAX))
		return -1;
	return savefile_add_prop(s->port, mnl_attr_get_payload(a),
				 mnl_attr_get_payload_len(a)) ? 0 :
	       bad(s, "out of memory");
}

static int read_nic(struct rstate *s, const struct nlattr *a)
{
	const struct nlattr *idx, *dev;

	if (!s->port)
		return bad(s, "a NIC outside a port");
	if (s->rec && s->have < s->rec->len)
		return bad(s, "a record's payload ends early");
	if (s->port->nnics >= SAVE_NICS_MAX)
		return bad(s, "a port has more than %d NICs", SAVE_NICS_MAX);
	if (check_nest(s, a, "NIC", nic_types, XSWITCH_A_NIC_MAX) ||
	    check_sizes(s, a, nic_types, 6, "NIC"))
		return -1;
	idx = nest_get(a, XSWITCH_A_NIC_INDEX);
	if (idx && mnl_attr_get_u16(idx) > XSWITCH_MAX_NIC_INDEX)
		return bad(s, "a NIC's index is above %d", XSWITCH_MAX_NIC_INDEX);
	dev = nest_get(a, XSWITCH_A_NIC_IFNAME);
	if (dev && mnl_attr_get_payload_len(dev) > IFNAMSIZ)
		return bad(s, "a NIC's device name is longer than %d bytes",
			   IFNAMSIZ - 1);
	s->nic = savefile_add_nic(s->port, mnl_attr_get_payload(a),
				  mnl_attr_get_payload_len(a),
				  idx ? mnl_attr_get_u16(idx) : 0);
	s->rec = NULL;
	return s->nic ? 0 : bad(s, "out of memory");
}

static int read_rec(struct rstate *s, const struct nlattr *a)
{
	const struct nlattr *n;
	struct srec *r;

	if (!s->nic)
		return bad(s, "a record outside a NIC");
	if (s->rec && s->have < s->rec->len)
		return bad(s, "a record's payload ends early");
	if (s->nic->nrecs >= SAVE_RECORDS_MAX)
		return bad(s, "a NIC has more than %d records", SAVE_RECORDS_MAX);
	if (check_nest(s, a, "record", record_types, XSWITCH_A_RECORD_MAX) ||
	    check_sizes(s, a, record_types, 16, "record"))
		return -1;
	n = nest_get(a, XSWITCH_A_RECORD_SIZE);
	if (!nest_get(a, XSWITCH_A_RECORD_EXT_ID) || !n)
		return bad(s, "a record has no ExtensionId or size");
	if (mnl_attr_get_u32(n) > SAVE_RECORD_MAX ||
	    mnl_attr_get_u32(n) > SAVE_BYTES_MAX - s->nic->bytes)
		return bad(s, "a record is larger than 1 MiB, or the NIC's past 64 MiB");
	r = savefile_add_rec(s->nic);
	if (!r)
		return bad(s, "out of memory");
	r->len = mnl_attr_get_u32(n);
	r->data = malloc(r->len ?: 1);
	if (!r->data) {
		s->nic->nrecs--;
		return bad(s, "out of memory");
	}
	mnl_attr_for_each_nested(n, a) {
		const void *v = mnl_attr_get_payload(n);
		uint16_t l = mnl_attr_get_payload_len(n);

		switch (mnl_attr_get_type(n)) {
		case XSWITCH_A_RECORD_EXT_ID:
			memcpy(r->ext_id, v, 16);
			break;
		case XSWITCH_A_RECORD_FEATURE_CLASS:
			memcpy(r->feature_class, v, 16);
			break;
		case XSWITCH_A_RECORD_NAME:
			memcpy(r->name, v, l);
			break;
		}
	}
	s->nic->bytes += r->len;
	s->rec = r;
	s->have = 0;
	return 0;
}

static int read_data(struct rstate *s, const struct nlattr *a)
{
	uint16_t l = mnl_attr_get_payload_len(a);

	if (!s->rec)
		return bad(s, "a record's payload outside a record");
	if (l > SAVE_CHUNK || l > s->rec->len - s->have)
		return bad(s, "a record's payload is longer than its size");
	memcpy(s->rec->data + s->have, mnl_attr_get_payload(a), l);
	s->have += l;
	return 0;
}

static int read_body(struct rstate *s, const uint8_t *body, size_t len)
{
	const struct nlattr *a;
	size_t off = 0;
	int err = 0;

	while (!err && off < len) {
		a = (const struct nlattr *)(body + off);
		if (len - off < MNL_ATTR_HDRLEN || a->nla_len < MNL_ATTR_HDRLEN ||
		    a->nla_len > len - off)
			return bad(s, "the body ends in the middle of an attribute");
		switch (mnl_attr_get_type(a)) {
		case XSWITCH_A_FILE_PORT:
			err = read_port(s, a);
			break;
		case XSWITCH_A_FILE_PROP:
			err = read_prop(s, a);
			break;
		case XSWITCH_A_FILE_NIC:
			err = read_nic(s, a);
			break;
		case XSWITCH_A_FILE_RECORD:
			err = read_rec(s, a);
			break;
		case XSWITCH_A_FILE_DATA:
			err = read_data(s, a);
			break;
		default:
			return bad(s, "unknown attribute %d in the body",
				   mnl_attr_get_type(a));
		}
		off += MNL_ALIGN(a->nla_len);
	}
	if (!err && s->rec && s->have < s->rec->len)
		return bad(s, "the last record's payload ends early");
	return err;
}

int savefile_parse(struct savefile *sf, const uint8_t *buf, size_t len,
		   char *why, size_t whylen)
{
	struct rstate s = { .sf = sf, .why = why, .whylen = whylen };
	uint64_t body;
	int err;

	memset(sf, 0, sizeof(*sf));
	/* A file cut inside its header is truncated, not foreign. */
	if (memcmp(buf, SAVE_MAGIC, len < 8 ? len : 8))
		return bad(&s, "not an xswitch save file (bad magic)");
	if (len < SAVE_HEADER_SIZE)
		return bad(&s, "the file is truncated: %zu bytes, shorter than its %d-byte header",
			   len, SAVE_HEADER_SIZE);
	if (get_le(buf + 8, 4) != SAVE_VERSION)
		return bad(&s, "version %u of the file format is unknown (this xswctl reads %d)",
			   (unsigned int)get_le(buf + 8, 4), SAVE_VERSION);
	sf->kind = get_le(buf + 12, 4);
	if (sf->kind != SAVE_KIND_NIC && sf->kind != SAVE_KIND_VM)
		return bad(&s, "kind %u of saved data is unknown", sf->kind);
	body = get_le(buf + 16, 8);
	if (body > SAVE_BODY_MAX)
		return bad(&s, "the body is larger than %zu bytes", SAVE_BODY_MAX);
	if (len < SAVE_HEADER_SIZE + body + SAVE_TRAILER_SIZE)
		return bad(&s, "the file is truncated: %zu bytes, its header says %llu",
			   len, (unsigned long long)(SAVE_HEADER_SIZE + body +
						     SAVE_TRAILER_SIZE));
	if (len > SAVE_HEADER_SIZE + body + SAVE_TRAILER_SIZE)
		return bad(&s, "the file is longer than its header says");
	if (save_crc32(0, buf, SAVE_HEADER_SIZE + body) !=
	    get_le(buf + SAVE_HEADER_SIZE + body, 4))
		return bad(&s, "the checksum does not match: the file is corrupt");
	err = read_body(&s, buf + SAVE_HEADER_SIZE, body);
	if (err)
		savefile_free(sf);
	return err;
}

int savefile_read(struct savefile *sf, FILE *f, char *why, size_t whylen)
{
	size_t len = 0, cap = 65536, max = SAVE_HEADER_SIZE + SAVE_BODY_MAX +
					  SAVE_TRAILER_SIZE;
	uint8_t *buf = malloc(cap), *nb;
	size_t got;
	int err;

	/* Never more than one byte past the largest file is read. */
	while (buf) {
		size_t want = (cap < max + 1 ? cap : max + 1) - len;

		got = fread(buf + len, 1, want, f);
		len += got;
		if (len > max) {
			free(buf);
			snprintf(why, whylen, "the file is larger than %zu bytes", max);
			return -1;
		}
		if (got < want)
			break;
		nb = realloc(buf, cap * 2);
		if (!nb) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	if (!buf || ferror(f)) {
		snprintf(why, whylen, "reading the file: %s",
			 buf ? strerror(errno) : "out of memory");
		free(buf);
		return -1;
	}
	err = savefile_parse(sf, buf, len, why, whylen);
	free(buf);
	return err;
}
