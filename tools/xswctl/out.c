// SPDX-License-Identifier: GPL-2.0
/*
 * Table and JSON output.  JSON is written by hand: the schema is flat
 * (an array of objects of strings and numbers) and a library would be the
 * only dependency besides libmnl.
 */
#include <stdio.h>

#include "out.h"

static struct {
	FILE *f;
	bool json;
	const struct out_col *cols;
	int ncols, col, rows;
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

void out_table_start(const struct out_col *cols, int ncols)
{
	int i;

	o.cols = cols;
	o.ncols = ncols;
	o.rows = 0;
	if (o.json) {
		fputc('[', o.f);
		return;
	}
	for (i = 0; i < ncols; i++)
		fprintf(o.f, i < ncols - 1 ? "%-*s " : "%-*s\n",
			cols[i].width, cols[i].head);
}

void out_row_start(void)
{
	o.col = 0;
	if (o.json)
		fputs(o.rows ? ",{" : "{", o.f);
	o.rows++;
}

static void out_key(void)
{
	if (o.col)
		fputc(',', o.f);
	out_json_string(o.f, o.cols[o.col].key);
	fputc(':', o.f);
}

static void out_sep(void)
{
	fputc(o.col < o.ncols - 1 ? ' ' : '\n', o.f);
	o.col++;
}

void out_str(const char *v)
{
	if (o.json) {
		out_key();
		out_json_string(o.f, v);
		o.col++;
		return;
	}
	fprintf(o.f, "%-*s", o.cols[o.col].width, v);
	out_sep();
}

void out_uint(unsigned long long v)
{
	if (o.json) {
		out_key();
		fprintf(o.f, "%llu", v);
		o.col++;
		return;
	}
	fprintf(o.f, "%-*llu", o.cols[o.col].width, v);
	out_sep();
}

void out_row_end(void)
{
	if (o.json)
		fputc('}', o.f);
}

void out_table_end(void)
{
	if (o.json)
		fputs("]\n", o.f);
}
