/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_PARSE_H
#define XSWCTL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The values of the command line, each taken only when it is well formed
 * as a whole: no leading blanks or signs, nothing left over, nothing that
 * does not fit.
 */
bool parse_uint(const char *arg, unsigned long max, unsigned long *v);
int parse_hex(const char *arg, uint8_t *buf, size_t max);
bool parse_mac(const char *arg, uint8_t *mac);
bool parse_uuid(const char *arg, uint8_t *uuid);

/*
 * A list of numbers from @min to @max such as "10,20,30-40" into the
 * bitmap @set (bit N of byte N / 8), which the caller zeroed: false if it
 * is not one.  And back: the shortest such list of @set, the numbers
 * ascending, into @buf (always terminated): its length, or @size or more
 * if it did not fit.
 */
bool parse_list(const char *arg, unsigned long min, unsigned long max,
		uint8_t *set);
size_t format_list(const uint8_t *set, unsigned long max, char *buf,
		   size_t size);

#define MAC_LEN 6
#define UUID_LEN 16

/*
 * Words (objects, commands, keywords, names) may be abbreviated to any
 * leading part that no other word shares; a word spelt whole wins.
 */
#define WORD_NONE (-1)
#define WORD_AMBIGUOUS (-2)

unsigned int word_match(const char *arg, const char *const *words,
			unsigned int n, unsigned int *idx);
int word_lookup(const char *what, const char *arg, const char *const *words,
		unsigned int n, const char *kind, const char *obj);

#endif
