// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the command line: numbers, hex bytes, MACs and UUIDs, words and
 * their abbreviations, and the usage errors.  Apart from main() so that
 * the tests can link the engine.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "xswctl.h"

/*
 * An unsigned number up to @max: decimal, hex after 0x or octal after 0,
 * as strtoul() reads them, but only digits from the first character on
 * (strtoul() would skip blanks and take a sign, negating "-1" into range).
 */
bool parse_uint(const char *arg, unsigned long max, unsigned long *v)
{
	char *end;

	if (!isdigit((unsigned char)*arg))
		return false;
	errno = 0;
	*v = strtoul(arg, &end, 0);
	return !*end && !errno && *v <= max;
}

/* The decimal number of a list at *@arg, from @min to @max; past it. */
static bool parse_list_number(const char **arg, unsigned long min,
			      unsigned long max, unsigned long *v)
{
	char *end;

	if (!isdigit((unsigned char)**arg))
		return false;
	errno = 0;
	*v = strtoul(*arg, &end, 10);
	if (errno || *v < min || *v > max)
		return false;
	*arg = end;
	return true;
}

bool parse_list(const char *arg, unsigned long min, unsigned long max,
		uint8_t *set)
{
	unsigned long lo, hi, v;

	do {
		if (!parse_list_number(&arg, min, max, &lo))
			return false;
		hi = lo;
		if (*arg == '-') {
			arg++;
			if (!parse_list_number(&arg, min, max, &hi) || hi < lo)
				return false;
		}
		if (*arg && *arg != ',')
			return false;
		for (v = lo; v <= hi; v++)
			set[v / 8] |= 1 << (v % 8);
	} while (*arg++);
	return true;
}

static bool list_has(const uint8_t *set, unsigned long v)
{
	return set[v / 8] & (1 << (v % 8));
}

size_t format_list(const uint8_t *set, unsigned long max, char *buf,
		   size_t size)
{
	size_t len = 0, room;
	unsigned long lo, hi;
	char *at;
	int n;

	if (size)
		*buf = 0;
	for (lo = 0; lo <= max; lo = hi + 1) {
		if (!list_has(set, lo)) {
			hi = lo;
			continue;
		}
		for (hi = lo; hi < max && list_has(set, hi + 1); hi++)
			;
		at = len < size ? buf + len : NULL;
		room = len < size ? size - len : 0;
		if (hi > lo)
			n = snprintf(at, room, "%s%lu-%lu", len ? "," : "", lo, hi);
		else
			n = snprintf(at, room, "%s%lu", len ? "," : "", lo);
		len += n;
	}
	return len;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Two hex digits at @s into *@b. */
static bool parse_octet(const char *s, uint8_t *b)
{
	int hi = hex_digit(s[0]), lo = hi < 0 ? -1 : hex_digit(s[1]);

	if (lo < 0)
		return false;
	*b = hi << 4 | lo;
	return true;
}

/*
 * An even number of hex digits, at least two and at most 2 * @max, into
 * @buf: how many bytes, or -1.
 */
int parse_hex(const char *arg, uint8_t *buf, size_t max)
{
	size_t len = strlen(arg), i;

	if (!len || len % 2 || len / 2 > max)
		return -1;
	for (i = 0; i < len / 2; i++)
		if (!parse_octet(arg + 2 * i, &buf[i]))
			return -1;
	return len / 2;
}

/* Six two-digit hex octets, all separated by ':' or all by '-'. */
bool parse_mac(const char *arg, uint8_t *mac)
{
	int i;

	if (strlen(arg) != 3 * MAC_LEN - 1 || (arg[2] != ':' && arg[2] != '-'))
		return false;
	for (i = 0; i < MAC_LEN; i++) {
		if (!parse_octet(arg + 3 * i, &mac[i]))
			return false;
		if (i < MAC_LEN - 1 && arg[3 * i + 2] != arg[2])
			return false;
	}
	return true;
}

/* The canonical form: 8-4-4-4-12 hex digits. */
bool parse_uuid(const char *arg, uint8_t *uuid)
{
	int i = 0, n = 0;

	if (strlen(arg) != 2 * UUID_LEN + 4)
		return false;
	while (n < UUID_LEN) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (arg[i++] != '-')
				return false;
			continue;
		}
		if (!parse_octet(arg + i, &uuid[n++]))
			return false;
		i += 2;
	}
	return true;
}

/* ip(8) style: @arg is a leading part of @word, or all of it. */
static bool abbreviates(const char *arg, const char *word)
{
	size_t len = strlen(arg);

	return len && !strncmp(arg, word, len);
}

/*
 * How many of @words (NULL ones are holes) @arg can name: 1 for the one
 * it spells whole, else as many as it abbreviates.  *@idx is the first.
 */
unsigned int word_match(const char *arg, const char *const *words,
			unsigned int n, unsigned int *idx)
{
	unsigned int i, found = 0;

	for (i = 0; i < n; i++) {
		if (!words[i])
			continue;
		if (!strcmp(arg, words[i])) {
			*idx = i;
			return 1;
		}
		if (abbreviates(arg, words[i]) && !found++)
			*idx = i;
	}
	return found;
}

/*
 * The index of the word of @words that @arg names.  Else a usage error,
 * after @what: WORD_AMBIGUOUS, said with the words @arg could be, or
 * WORD_NONE, said as an unknown @kind (unless @kind is NULL) that the help
 * of @obj (or the general help if NULL) lists.
 */
int word_lookup(const char *what, const char *arg, const char *const *words,
		unsigned int n, const char *kind, const char *obj)
{
	unsigned int i, idx = 0, found = word_match(arg, words, n, &idx);
	const char *sep = "";

	if (found == 1)
		return idx;
	if (!found) {
		if (kind)
			usage_error("%sunknown %s \"%s\"; try \"xswctl %s%shelp\"",
				    what, kind, arg, obj ?: "", obj ? " " : "");
		return WORD_NONE;
	}
	fprintf(stderr, "xswctl: %s\"%s\" is ambiguous:", what, arg);
	for (i = 0; i < n; i++) {
		if (words[i] && abbreviates(arg, words[i])) {
			fprintf(stderr, "%s %s", sep, words[i]);
			sep = ",";
		}
	}
	usage_end();
	return WORD_AMBIGUOUS;
}

int usage_end(void)
{
	fputc('\n', stderr);
	return XSWCTL_EXIT_USAGE;
}
