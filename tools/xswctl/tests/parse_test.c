// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of xswctl's word and value parsers: what each takes, to the
 * byte, and what it refuses.
 */
#include <stdio.h>
#include <string.h>

#include "../parse.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int failed;

#define check(cond, ...) \
	((cond) ? 0 : (fprintf(stderr, "FAIL: " __VA_ARGS__), failed = 1))

static void test_uint(void)
{
	static const char *const bad[] = {
		"", "12x", "x12", " 1", "1 ", "+1", "-1", "-0", "0x", "1.5",
		"08", "18446744073709551616", "99999999999999999999",
	};
	static const struct {
		const char *arg;
		unsigned long max;
		unsigned long long want;	/* above max: refused */
	} cases[] = {
		{ .arg = "0", .max = 255, .want = 0 },
		{ .arg = "255", .max = 255, .want = 255 },
		{ .arg = "0xff", .max = 255, .want = 255 },
		{ .arg = "0XFF", .max = 255, .want = 255 },
		{ .arg = "010", .max = 255, .want = 8 },
		{ .arg = "65535", .max = 65535, .want = 65535 },
		{ .arg = "4294967295", .max = 4294967295UL, .want = 4294967295U },
		{ .arg = "256", .max = 255, .want = 256 },
		{ .arg = "0x100", .max = 255, .want = 256 },
		{ .arg = "65536", .max = 65535, .want = 65536 },
		{ .arg = "4294967296", .max = 4294967295UL,
		  .want = 4294967296ULL },
	};
	unsigned long v;
	unsigned int i;
	bool ok, fits;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		v = ~cases[i].want;
		ok = parse_uint(cases[i].arg, cases[i].max, &v);
		fits = cases[i].want <= cases[i].max;
		check(ok == fits && (!ok || v == cases[i].want),
		      "parse_uint(\"%s\", %lu): %d, %lu\n", cases[i].arg,
		      cases[i].max, ok, v);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		check(!parse_uint(bad[i], 4294967295UL, &v),
		      "parse_uint(\"%s\") took it\n", bad[i]);
}

static void test_hex(void)
{
	static const char *const bad[] = {
		"", "a", "abc", "zz", "0g", "+1", " 1", "1 ", "0x0a", "0a:00",
		"0a-00", "0a 00",
	};
	uint8_t buf[4];
	unsigned int i;

	memset(buf, 0, sizeof(buf));
	check(parse_hex("0A0bfF", buf, sizeof(buf)) == 3 &&
	      !memcmp(buf, "\x0a\x0b\xff", 3), "parse_hex(\"0A0bfF\")\n");
	check(parse_hex("00112233", buf, sizeof(buf)) == 4,
	      "parse_hex() refused its most\n");
	check(parse_hex("0011223344", buf, sizeof(buf)) == -1,
	      "parse_hex() wrote past its most\n");
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		check(parse_hex(bad[i], buf, sizeof(buf)) == -1,
		      "parse_hex(\"%s\") took it\n", bad[i]);
}

static void test_mac(void)
{
	static const char *const bad[] = {
		"", "001122334455", "00:11:22:33:44", "00:11:22:33:44:55:66",
		"0:1:2:3:4:5", "00-11:22:33:44:55", "00:11:22:33:44-55",
		"00:11:22:33:44:5g", "00:11:22:33:44:55:", ":00:11:22:33:44:55",
		"00::11:22:33:44:55", "000:11:22:33:44:55", "00.11.22.33.44.55",
		" 0:11:22:33:44:55", "+0:11:22:33:44:55",
	};
	uint8_t mac[MAC_LEN];
	unsigned int i;

	check(parse_mac("00:15:5d:00:00:0A", mac) &&
	      !memcmp(mac, "\x00\x15\x5d\x00\x00\x0a", MAC_LEN),
	      "parse_mac(\"00:15:5d:00:00:0A\")\n");
	check(parse_mac("00-15-5D-FF-00-01", mac) &&
	      !memcmp(mac, "\x00\x15\x5d\xff\x00\x01", MAC_LEN),
	      "parse_mac(\"00-15-5D-FF-00-01\")\n");
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		check(!parse_mac(bad[i], mac), "parse_mac(\"%s\") took it\n",
		      bad[i]);
}

static void test_uuid(void)
{
	static const char *const bad[] = {
		"", "0123456789abcdef0123456789abcdef",
		"0123-4567-89ab-cdef-0123-456789abcdef",
		"{01234567-89ab-cdef-0123-456789abcdef}",
		"01234567-89ab-cdef-0123-456789abcdeg",
		"01234567-89ab-cdef-0123-456789abcde",
		"01234567-89ab-cdef-0123-456789abcdef0",
		"01234567-89ab-cdef-0123_456789abcdef",
		"0123456-789ab-cdef-0123-456789abcdef",
		"01234567:89ab:cdef:0123:456789abcdef",
	};
	static const uint8_t want[UUID_LEN] = {
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	};
	uint8_t uuid[UUID_LEN];
	unsigned int i;

	check(parse_uuid("01234567-89ab-cdef-0123-456789abcdef", uuid) &&
	      !memcmp(uuid, want, UUID_LEN), "parse_uuid(lower case)\n");
	check(parse_uuid("01234567-89AB-CDEF-0123-456789ABCDEF", uuid) &&
	      !memcmp(uuid, want, UUID_LEN), "parse_uuid(upper case)\n");
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		check(!parse_uuid(bad[i], uuid), "parse_uuid(\"%s\") took it\n",
		      bad[i]);
}

static void test_words(void)
{
	static const char *const words[] = {
		NULL, "settle", "show", "set", NULL, "delete", "disconnect",
	};
	static const struct {
		const char *arg;
		unsigned int found, idx;	/* idx if found is 1 */
	} cases[] = {
		/* Spelt whole, though "settle" comes first. */
		{ .arg = "set", .found = 1, .idx = 3 },
		{ .arg = "sett", .found = 1, .idx = 1 },
		{ .arg = "settle", .found = 1, .idx = 1 },
		{ .arg = "se", .found = 2 },
		{ .arg = "s", .found = 3 },
		{ .arg = "sh", .found = 1, .idx = 2 },
		{ .arg = "d", .found = 2 },
		{ .arg = "del", .found = 1, .idx = 5 },
		{ .arg = "dis", .found = 1, .idx = 6 },
		{ .arg = "" },
		{ .arg = "x" },
		{ .arg = "sets" },
		{ .arg = "showx" },
	};
	unsigned int i, idx, found;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		idx = ~0U;
		found = word_match(cases[i].arg, words, ARRAY_SIZE(words), &idx);
		check(found == cases[i].found &&
		      (found != 1 || idx == cases[i].idx),
		      "word_match(\"%s\") = %u at %u\n", cases[i].arg, found,
		      idx);
	}
}

/* Lists of numbers, and their shortest form back. */
static void test_list(void)
{
	static const char *const bad[] = {
		"", ",", "0", "4095", "10,", ",10", "10,,20", "10-", "-10",
		"10-5", "10--20", "1-4095", "a", "10 ", " 10", "+10", "0x10",
		"10-20-30", "99999999999999999999",
	};
	static const struct {
		const char *arg, *back;
	} cases[] = {
		{ "10", "10" },
		{ "1", "1" },
		{ "4094", "4094" },
		{ "10,20,30-40", "10,20,30-40" },
		{ "30-40,20,10", "10,20,30-40" },
		{ "5,5,5", "5" },
		{ "1-3,4-6", "1-6" },
		{ "7,8", "7-8" },
		{ "010", "10" },
		{ "1-4094", "1-4094" },
	};
	uint8_t set[512];
	char buf[64];
	unsigned int i;
	size_t len;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(set, 0, sizeof(set));
		if (check(parse_list(cases[i].arg, 1, 4094, set),
			  "parse_list(\"%s\") refused it\n", cases[i].arg))
			continue;
		len = format_list(set, 4094, buf, sizeof(buf));
		check(len == strlen(cases[i].back) && !strcmp(buf, cases[i].back),
		      "format_list(\"%s\") = \"%s\" (%zu)\n", cases[i].arg,
		      buf, len);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(set, 0, sizeof(set));
		check(!parse_list(bad[i], 1, 4094, set),
		      "parse_list(\"%s\") took it\n", bad[i]);
	}
	/* Too small a buffer: terminated, and the length it needs. */
	memset(set, 0, sizeof(set));
	parse_list("1000,2000,3000", 1, 4094, set);
	len = format_list(set, 4094, buf, 6);
	check(len == 14 && !strcmp(buf, "1000,"), "format_list into 6: %zu \"%s\"\n",
	      len, buf);
}

int main(void)
{
	test_list();
	test_words();
	test_uint();
	test_hex();
	test_mac();
	test_uuid();
	if (!failed)
		printf("parse_test: ok\n");
	return failed;
}
