/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XSWCTL_H
#define XSWCTL_H

#include <stdbool.h>
#include <stdio.h>

struct xswctl {
	bool json;
	bool force;	/* -f: a batch goes on after a failing command */
	bool details;	/* -d: port stats shows every drop reason */
	bool timestamp;	/* -t: monitor prints each step's time */
};

extern struct xswctl xswctl;

/* argv starts after "monitor". */
int do_monitor(int argc, char **argv);

/*
 * Exit statuses: a request the kernel (or the system) refused is 1, as is
 * the convention; a command line that does not parse is 2, before anything
 * is asked of the kernel.
 */
#define XSWCTL_EXIT_FAILURE 1
#define XSWCTL_EXIT_USAGE 2

/* Says what is wrong with the command line; evaluates to XSWCTL_EXIT_USAGE.
 * A macro so that the compiler checks the format against its arguments.
 */
#define usage_error(...) \
	(fputs("xswctl: ", stderr), fprintf(stderr, __VA_ARGS__), usage_end())

int usage_end(void);

#endif
