// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl: drive the xswitch kernel module over generic netlink.
 */
#include <stdio.h>
#include <string.h>

#include "out.h"
#include "xswctl.h"

#ifndef XSWCTL_VERSION
#define XSWCTL_VERSION "unknown"
#endif

struct xswctl xswctl;

static const char help[] =
	"Usage: xswctl [OPTIONS] OBJECT COMMAND [ARGS]\n"
	"\n"
	"OBJECT := switch\n"
	"OPTIONS := -j | --json     print JSON\n"
	"           -h | --help     print this help\n"
	"           -V | --version  print the version\n"
	"\n"
	"\"xswctl OBJECT help\" tells an object's commands. Commands may be\n"
	"abbreviated as in ip(8): \"xswctl sw s\" is \"xswctl switch show\".\n";

/* ip(8) style: ARG may be any leading part of WORD. */
bool matches(const char *arg, const char *word)
{
	size_t len = strlen(arg);

	return len && len <= strlen(word) && !strncmp(arg, word, len);
}

int usage_end(void)
{
	fputc('\n', stderr);
	return 1;
}

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *opt = argv[i];

		if (!strcmp(opt, "-j") || !strcmp(opt, "--json")) {
			xswctl.json = true;
			continue;
		}
		if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
			fputs(help, stdout);
			return 0;
		}
		if (!strcmp(opt, "-V") || !strcmp(opt, "--version")) {
			printf("xswctl %s\n", XSWCTL_VERSION);
			return 0;
		}
		usage_error("unknown option \"%s\"", opt);
		fputs(help, stderr);
		return 1;
	}
	if (i == argc) {
		fputs(help, stderr);
		return 1;
	}
	out_init(stdout, xswctl.json);
	if (matches(argv[i], "switch"))
		return do_switch(argc - i - 1, argv + i + 1);
	if (matches(argv[i], "help")) {
		fputs(help, stdout);
		return 0;
	}
	return usage_error("unknown object \"%s\"; try \"xswctl help\"", argv[i]);
}
