/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_H
#define XSWCTL_H

#include <stdbool.h>

struct xswctl {
	bool json;
};

extern struct xswctl xswctl;

/* Each object's command: argv starts after the object's name. */
int do_switch(int argc, char **argv);

bool matches(const char *arg, const char *word);
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
