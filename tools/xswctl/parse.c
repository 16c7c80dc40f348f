// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the command line: words and their abbreviations, and the usage
 * errors.  Apart from main() so that the tests can link the engine.
 */
#include <stdio.h>
#include <string.h>

#include "xswctl.h"

/* ip(8) style: ARG may be any leading part of WORD. */
bool matches(const char *arg, const char *word)
{
	size_t len = strlen(arg);

	return len && len <= strlen(word) && !strncmp(arg, word, len);
}

int usage_end(void)
{
	fputc('\n', stderr);
	return XSWCTL_EXIT_USAGE;
}
