// SPDX-License-Identifier: GPL-2.0
/*
 * The saved-data file: what is written reads back the same, and every
 * damaged or hostile file is refused with its reason, never half read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/xswitch.h>

#include "../savefile.h"
#include "check.h"

/* Attributes of one nest, built with libmnl into @buf. */
static size_t attrs(char *buf, size_t size, int kind)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	uint8_t mac[6] = { 0, 0x15, 0x5d, 0, 0, 1 }, id[16] = { 1 };
	size_t len;

	switch (kind) {
	case 0:
		mnl_attr_put_strz_check(nlh, size, XSWITCH_A_PORT_NAME, "vm1");
		mnl_attr_put_u32_check(nlh, size, XSWITCH_A_PORT_TYPE, 2);
		mnl_attr_put_u32_check(nlh, size, XSWITCH_A_PORT_ID, 7);
		break;
	case 1:
		mnl_attr_put_u32_check(nlh, size, XSWITCH_A_PROP_TYPE, 1);
		mnl_attr_put_check(nlh, size, XSWITCH_A_PROP_ID, 16, id);
		mnl_attr_put_u16_check(nlh, size, XSWITCH_A_PROP_VERSION, 256);
		mnl_attr_put_check(nlh, size, XSWITCH_A_PROP_DATA, 3, "abc");
		break;
	case 3:	/* a device name of 16 bytes */
		mnl_attr_put_strz_check(nlh, size, XSWITCH_A_NIC_IFNAME,
					"0123456789abcdef");
		break;
	case 4:	/* an ifindex, which a file never keeps */
		mnl_attr_put_u32_check(nlh, size, XSWITCH_A_NIC_IFINDEX, 3);
		break;
	default:
		mnl_attr_put_u16_check(nlh, size, XSWITCH_A_NIC_INDEX, 0);
		mnl_attr_put_strz_check(nlh, size, XSWITCH_A_NIC_NAME, "nic");
		mnl_attr_put_check(nlh, size, XSWITCH_A_NIC_VM_MAC, 6, mac);
		mnl_attr_put_strz_check(nlh, size, XSWITCH_A_NIC_IFNAME,
					"0123456789abcde");
		break;
	}
	len = nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
	memmove(buf, buf + MNL_NLMSG_HDRLEN, len);
	return len;
}

static void make(struct savefile *sf)
{
	static const uint32_t lens[] = { 0, 10, 40000 };
	char buf[512];
	struct sport *p;
	struct snic *n;
	unsigned int i, j;

	memset(sf, 0, sizeof(*sf));
	sf->kind = SAVE_KIND_VM;
	p = savefile_add_port(sf, buf, attrs(buf, sizeof(buf), 0), 7);
	savefile_add_prop(p, buf, attrs(buf, sizeof(buf), 1));
	n = savefile_add_nic(p, buf, attrs(buf, sizeof(buf), 2), 0);
	for (i = 0; i < 3; i++) {
		struct srec *r = savefile_add_rec(n);

		r->ext_id[0] = 0x10 + i;
		r->feature_class[15] = i;
		snprintf(r->name, sizeof(r->name), "ext%u", i);
		r->len = lens[i];
		r->data = malloc(r->len + 1);
		for (j = 0; j < r->len; j++)
			r->data[j] = i + j;
		n->bytes += r->len;
	}
}

static uint8_t *to_bytes(const struct savefile *sf, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	CHECK(f && !savefile_write(sf, f));
	fclose(f);
	return (uint8_t *)buf;
}

static int parse(const uint8_t *buf, size_t len, char *why)
{
	struct savefile sf;
	int err = savefile_parse(&sf, buf, len, why, 256);

	if (!err)
		savefile_free(&sf);
	return err;
}

/* @buf with a fresh checksum, so that only the body's sense is judged. */
static void reseal(uint8_t *buf, size_t len)
{
	uint32_t crc = save_crc32(0, buf, len - 4);

	memcpy(buf + len - 4, &crc, 4);
}

static void round_trip(void)
{
	const struct nlattr *dev;
	struct savefile a, b;
	char why[256] = "";
	size_t len;
	uint8_t *buf;

	make(&a);
	buf = to_bytes(&a, &len);
	CHECK(!savefile_parse(&b, buf, len, why, sizeof(why)));
	CHECK(b.kind == SAVE_KIND_VM && b.nports == 1);
	CHECK(b.ports[0].old_id == 7 && b.ports[0].nprops == 1);
	CHECK(b.ports[0].nnics == 1 && b.ports[0].nics[0].nrecs == 3);
	CHECK(b.ports[0].attrs.len == a.ports[0].attrs.len &&
	      !memcmp(b.ports[0].attrs.buf, a.ports[0].attrs.buf,
		      a.ports[0].attrs.len));
	CHECK(b.ports[0].nics[0].recs[2].len == 40000 &&
	      !memcmp(b.ports[0].nics[0].recs[2].data,
		      a.ports[0].nics[0].recs[2].data, 40000));
	CHECK(!strcmp(b.ports[0].nics[0].recs[1].name, "ext1"));
	CHECK(b.ports[0].nics[0].recs[1].feature_class[15] == 1);
	dev = sattrs_get(&b.ports[0].nics[0].attrs, XSWITCH_A_NIC_IFNAME);
	CHECK(dev && !strcmp(mnl_attr_get_str(dev), "0123456789abcde"));
	CHECK(!sattrs_get(&b.ports[0].nics[0].attrs, XSWITCH_A_NIC_IFINDEX));
	savefile_free(&a);
	savefile_free(&b);
	free(buf);
}

static void damaged(void)
{
	struct savefile a;
	char why[256];
	size_t len, l;
	uint8_t *buf;

	make(&a);
	buf = to_bytes(&a, &len);
	savefile_free(&a);
	buf[0] ^= 1;
	CHECK(parse(buf, len, why) && strstr(why, "bad magic"));
	buf[0] ^= 1;
	buf[8] = 2;
	CHECK(parse(buf, len, why) && strstr(why, "version 2"));
	buf[8] = 1;
	buf[12] = 9;
	CHECK(parse(buf, len, why) && strstr(why, "kind 9"));
	buf[12] = SAVE_KIND_VM;
	for (l = 0; l < len; l += l < 64 ? 1 : 997)
		CHECK(parse(buf, l, why));
	CHECK(parse(buf, len - 1, why) && strstr(why, "truncated"));
	/* Cut inside the header, after the magic or in it: truncated. */
	CHECK(parse(buf, 20, why) && strstr(why, "truncated: 20 bytes"));
	CHECK(parse(buf, 3, why) && strstr(why, "truncated: 3 bytes"));
	CHECK(parse(buf, 0, why) && strstr(why, "truncated: 0 bytes"));
	buf[16]++;
	CHECK(parse(buf, len, why) && strstr(why, "truncated"));
	buf[16] -= 2;
	CHECK(parse(buf, len, why) && strstr(why, "longer than its header"));
	buf[16]++;
	for (l = 0; l < len; l += 101) {
		buf[l] ^= 0x40;
		CHECK(parse(buf, len, why));
		buf[l] ^= 0x40;
	}
	buf[100] ^= 0x40;
	CHECK(parse(buf, len, why) && strstr(why, "checksum"));
	buf[100] ^= 0x40;
	CHECK(!parse(buf, len, why));
	free(buf);
}

/* A body that passes the checksum but means nothing sound. */
static void hostile(void)
{
	uint8_t buf[256] = "XSWSAVE";
	struct nlattr *na = (struct nlattr *)(buf + SAVE_HEADER_SIZE);
	char why[256];
	uint32_t body;

	buf[8] = 1;
	buf[12] = SAVE_KIND_NIC;
	/* Data before any record. */
	na->nla_type = XSWITCH_A_FILE_DATA;
	na->nla_len = 8;
	body = 8;
	buf[16] = body;
	reseal(buf, SAVE_HEADER_SIZE + body + 4);
	CHECK(parse(buf, SAVE_HEADER_SIZE + body + 4, why) &&
	      strstr(why, "outside a record"));
	/* An unknown attribute. */
	na->nla_type = 99;
	reseal(buf, SAVE_HEADER_SIZE + body + 4);
	CHECK(parse(buf, SAVE_HEADER_SIZE + body + 4, why) &&
	      strstr(why, "unknown attribute 99"));
	/* An attribute longer than the body. */
	na->nla_type = XSWITCH_A_FILE_PORT;
	na->nla_len = 200;
	reseal(buf, SAVE_HEADER_SIZE + body + 4);
	CHECK(parse(buf, SAVE_HEADER_SIZE + body + 4, why) &&
	      strstr(why, "middle of an attribute"));
	/* A port without a type. */
	na->nla_len = 4;
	body = 4;
	buf[16] = body;
	reseal(buf, SAVE_HEADER_SIZE + body + 4);
	CHECK(parse(buf, SAVE_HEADER_SIZE + body + 4, why) &&
	      strstr(why, "no type"));
}

/* A NIC of attributes @kind, refused with @want. */
static void refused_nic(int kind, const char *want)
{
	struct savefile sf = { .kind = SAVE_KIND_VM };
	char buf[512], why[256] = "";
	struct sport *p;
	uint8_t *bytes;
	size_t len;

	p = savefile_add_port(&sf, buf, attrs(buf, sizeof(buf), 0), 7);
	savefile_add_nic(p, buf, attrs(buf, sizeof(buf), kind), 0);
	bytes = to_bytes(&sf, &len);
	savefile_free(&sf);
	CHECK(parse(bytes, len, why) && !strcmp(why, want));
	if (strcmp(why, want))
		fprintf(stderr, "  got: %s\n want: %s\n", why, want);
	free(bytes);
}

/* A VLAN property's nest, the allowed VLANs @len bytes each. */
static size_t vlan_prop(char *buf, size_t size, size_t len)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	uint32_t v = 10;
	struct nlattr *nest;

	mnl_attr_put_u32_check(nlh, size, XSWITCH_A_PROP_TYPE, 3);
	mnl_attr_put_u16_check(nlh, size, XSWITCH_A_PROP_VERSION, 1);
	nest = mnl_attr_nest_start_check(nlh, size, XSWITCH_A_PROP_VLAN);
	mnl_attr_put_u32_check(nlh, size, XSWITCH_A_PROP_VLAN_MODE, 2);
	mnl_attr_put_check(nlh, size, XSWITCH_A_PROP_VLAN_ALLOWED, len, &v);
	v = 20;
	mnl_attr_put_check(nlh, size, XSWITCH_A_PROP_VLAN_ALLOWED, len, &v);
	mnl_attr_nest_end(nlh, nest);
	len = nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
	memmove(buf, buf + MNL_NLMSG_HDRLEN, len);
	return len;
}

/* A standard property's nest reads back whole; a malformed one is refused. */
static void std_props(void)
{
	struct savefile a, b;
	char buf[512], why[256] = "";
	struct sport *p;
	size_t len, l;
	uint8_t *bytes;

	memset(&a, 0, sizeof(a));
	a.kind = SAVE_KIND_VM;
	p = savefile_add_port(&a, buf, attrs(buf, sizeof(buf), 0), 7);
	l = vlan_prop(buf, sizeof(buf), 2);
	savefile_add_prop(p, buf, l);
	bytes = to_bytes(&a, &len);
	CHECK(!savefile_parse(&b, bytes, len, why, sizeof(why)));
	CHECK(b.nports == 1 && b.ports[0].nprops == 1 &&
	      b.ports[0].props[0].len == l &&
	      !memcmp(b.ports[0].props[0].buf, buf, l));
	savefile_free(&b);
	free(bytes);
	savefile_free(&a);

	memset(&a, 0, sizeof(a));
	a.kind = SAVE_KIND_VM;
	p = savefile_add_port(&a, buf, attrs(buf, sizeof(buf), 0), 7);
	savefile_add_prop(p, buf, vlan_prop(buf, sizeof(buf), 4));
	bytes = to_bytes(&a, &len);
	CHECK(parse(bytes, len, why) &&
	      strstr(why, "a property's vlan attribute 4 is malformed"));
	free(bytes);
	savefile_free(&a);
}

int main(void)
{
	round_trip();
	std_props();
	damaged();
	hostile();
	refused_nic(3, "a NIC's device name is longer than 15 bytes");
	refused_nic(4, "a NIC has an unknown attribute 14");
	if (fails)
		return 1;
	puts("savefile_test: ok");
	return 0;
}
