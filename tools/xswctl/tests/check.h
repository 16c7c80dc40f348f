/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_TESTS_CHECK_H
#define XSWCTL_TESTS_CHECK_H

#include <stdio.h>

/* The failures of the test program so far: its exit status is whether any. */
static int fails;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "FAIL: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		fails++;						\
	}								\
} while (0)

#endif
