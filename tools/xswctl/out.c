// SPDX-License-Identifier: GPL-2.0
/*
 * Table and JSON output.  JSON is written by hand: the schema is nearly
 * flat (objects of strings, numbers and booleans, and a few values that
 * their printers render whole) and a library would be the only dependency
 * besides libmnl.
 */
#include <stdio.h>

#include "out.h"

static struct {
	FILE *f;
	bool json, record;
	const struct out_col *cols;
	int ncols, col, shown, rows;
} o;

void out_init(FILE *f, bool json)
{
	o.f = f;
	o.json = json;
}

void out_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void out_start(const struct out_col *cols, int ncols, bool record)
{
	o.cols = cols;
	o.ncols = ncols;
	o.rows = 0;
	o.record = record;
}

/* An empty table prints nothing but, as JSON, "[]". */
void out_table_start(const struct out_col *cols, int ncols)
{
	out_start(cols, ncols, false);
	if (o.json)
		fputc('[', o.f);
}

static void out_heading(void)
{
	int i;

	for (i = 0; i < o.ncols; i++)
		fprintf(o.f, i < o.ncols - 1 ? "%-*s " : "%-*s\n",
			o.cols[i].width, o.cols[i].head);
}

void out_record_start(const struct out_col *cols, int ncols)
{
	out_start(cols, ncols, true);
}

void out_row_start(void)
{
	o.col = 0;
	o.shown = 0;
	if (o.json)
		fputs(o.rows && !o.record ? ",{" : "{", o.f);
	else if (!o.rows && !o.record)
		out_heading();
	o.rows++;
}

/* Before a value: its key, as JSON or in a record. */
static void out_key(void)
{
	if (o.json) {
		if (o.shown)
			fputc(',', o.f);
		out_json_string(o.f, o.cols[o.col].key);
		fputc(':', o.f);
	} else if (o.record) {
		fprintf(o.f, "%s%s ", o.shown ? " " : "", o.cols[o.col].key);
	}
}

/* After a value of @len characters: a table pads it to its column. */
static void out_next(int len)
{
	if (!o.json && !o.record && o.col < o.ncols - 1)
		fprintf(o.f, "%*s ", o.cols[o.col].width > len ?
			o.cols[o.col].width - len : 0, "");
	o.col++;
	o.shown++;
}

void out_str(const char *v)
{
	out_key();
	if (o.json) {
		out_json_string(o.f, v);
		out_next(0);
	} else {
		out_next(fprintf(o.f, "%s", v));
	}
}

void out_uint(unsigned long long v)
{
	out_key();
	out_next(fprintf(o.f, "%llu", v));
}

void out_int(long long v)
{
	out_key();
	out_next(fprintf(o.f, "%lld", v));
}

void out_bool(bool v, const char *yes, const char *no)
{
	if (o.json) {
		out_key();
		out_next(fprintf(o.f, v ? "true" : "false"));
	} else {
		out_str(v ? yes : no);
	}
}

void out_hex(const unsigned char *b, int len)
{
	int i;

	out_key();
	if (o.json)
		fputc('"', o.f);
	for (i = 0; i < len; i++)
		fprintf(o.f, "%02x", b[i]);
	if (o.json)
		fputc('"', o.f);
	out_next(2 * len);
}

void out_rendered(const char *json, const char *text)
{
	out_key();
	out_next(fprintf(o.f, "%s", o.json ? json : text));
}

/* A value the object does not have: left out, or "-" in a table. */
void out_skip(void)
{
	if (!o.json && !o.record) {
		out_next(fprintf(o.f, "-"));
		o.shown--;
		return;
	}
	o.col++;
}

void out_row_end(void)
{
	if (o.json)
		fputs(o.record ? "}\n" : "}", o.f);
	else
		fputc('\n', o.f);
	if (o.record)
		fflush(o.f);
}

void out_table_end(void)
{
	if (o.json && !o.record)
		fputs("]\n", o.f);
}
