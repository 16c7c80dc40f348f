// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of xswctl's table and JSON printer: exact bytes out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../out.h"

static int failed;

static const struct out_col cols[] = {
	{ .key = "id", .head = "ID", .width = 4 },
	{ .key = "name", .head = "NAME" },
};

static void render(bool json, const char *expect)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	out_init(f, json);
	out_table_start(cols, 2);
	out_row_start();
	out_uint(7);
	out_str("sw\"0\\\n\x01");
	out_row_end();
	out_row_start();
	out_uint(12);
	out_str("b");
	out_row_end();
	out_table_end();
	fclose(f);
	if (strcmp(buf, expect)) {
		fprintf(stderr, "FAIL %s:\n got: %s\nwant: %s\n",
			json ? "json" : "table", buf, expect);
		failed = 1;
	}
	free(buf);
}

int main(void)
{
	render(true,
	       "[{\"id\":7,\"name\":\"sw\\\"0\\\\\\n\\u0001\"},{\"id\":12,\"name\":\"b\"}]\n");
	render(false, "ID   NAME\n7    sw\"0\\\n\x01\n12   b\n");
	if (!failed)
		printf("out_test: ok\n");
	return failed;
}
