/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_OUT_H
#define XSWCTL_OUT_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Output as a human table or, with -j, as JSON: a command describes each
 * row once and the printer renders it in the chosen form.  A record is a
 * row on a line of its own ("key value ..." or one JSON object), for
 * streams such as the monitor.
 */
struct out_col {
	const char *key;	/* JSON key, and record key */
	const char *head;	/* table heading */
	int width;		/* table column width, 0 for the last */
};

void out_init(FILE *f, bool json);
void out_table_start(const struct out_col *cols, int ncols);
void out_record_start(const struct out_col *cols, int ncols);
void out_row_start(void);
void out_str(const char *v);
void out_uint(unsigned long long v);
void out_int(long long v);
void out_bool(bool v, const char *yes, const char *no);
void out_hex(const unsigned char *b, int len);
/* A value already rendered: @json (an object, an array) or, in a table
 * or a record, @text.
 */
void out_rendered(const char *json, const char *text);
void out_skip(void);
void out_row_end(void);
void out_table_end(void);
void out_json_string(FILE *f, const char *s);

#endif
