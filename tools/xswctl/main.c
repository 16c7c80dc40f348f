// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl: drive the xswitch kernel module over generic netlink.
 */
#define _GNU_SOURCE	/* setns() */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "obj.h"
#include "out.h"
#include "save.h"
#include "vm.h"
#include "parse.h"
#include "xswctl.h"

#ifndef XSWCTL_VERSION
#define XSWCTL_VERSION "unknown"
#endif

#define BATCH_MAX_ARGS 64

/* Where "ip netns add" keeps its namespaces, as ip -n finds them. */
#define NETNS_RUN_DIR "/run/netns"

struct xswctl xswctl;

static const char help[] =
	"Usage: xswctl [ OPTIONS ] OBJECT { COMMAND | help } [ ARGS ]\n"
	"       xswctl [ OPTIONS ] -b FILE\n"
	"\n"
	"OBJECT := switch | port | nic | prop | feature | ext | monitor | vm |\n"
	"          migrate | agent\n"
	"OPTIONS := -j | --json      print JSON\n"
	"           -b | --batch FILE  run the commands of FILE (- for stdin),\n"
	"                            one per line, until one fails\n"
	"           -f | --force     with -b, run them all even when some fail\n"
	"           -d | --details   with port stats, every drop reason, also at 0\n"
	"           -t | --timestamp  with monitor, each step's time of day\n"
	"           -n | --netns NETNS  run in the network namespace NETNS\n"
	"                            (" NETNS_RUN_DIR "/NETNS), as ip -n does\n"
	"           -h | --help      print this help\n"
	"           -V | --version   print the version\n"
	"\n"
	"\"xswctl OBJECT help\" tells an object's commands. Their arguments are\n"
	"the switch, then KEYWORD VALUE pairs in any order, each keyword once.\n"
	"Objects, commands, keywords and TYPE names may be abbreviated to any\n"
	"leading part no other shares, as in ip(8): \"xswctl sw s\" is\n"
	"\"xswctl switch show\", while \"xswctl port s\" is ambiguous.\n";

static const struct object *const objects[] = {
	&switch_object, &port_object, &nic_object, &prop_object,
	&feature_object, &ext_object,
};

static int run(int argc, char **argv)
{
	/* The objects, then monitor and help. */
	const char *words[MNL_ARRAY_SIZE(objects) + 5];
	unsigned int i;
	int w;

	if (argc < 1) {
		fputs(help, stderr);
		return XSWCTL_EXIT_USAGE;
	}
	for (i = 0; i < MNL_ARRAY_SIZE(objects); i++)
		words[i] = objects[i]->name;
	words[i++] = "monitor";
	words[i++] = "vm";
	words[i++] = "migrate";
	words[i++] = "agent";
	words[i++] = "help";
	w = word_lookup("", argv[0], words, i, "object", NULL);
	if (w < 0)
		return XSWCTL_EXIT_USAGE;
	if (w < (int)MNL_ARRAY_SIZE(objects))
		return object_main(objects[w], argc - 1, argv + 1);
	if (w == (int)MNL_ARRAY_SIZE(objects))
		return do_monitor(argc - 1, argv + 1);
	if (w == (int)MNL_ARRAY_SIZE(objects) + 1)
		return do_vm(argc - 1, argv + 1);
	if (w == (int)MNL_ARRAY_SIZE(objects) + 2)
		return do_migrate(argc - 1, argv + 1);
	if (w == (int)MNL_ARRAY_SIZE(objects) + 3)
		return do_agent(argc - 1, argv + 1);
	fputs(help, stdout);
	return 0;
}

/* Splits @line in place into words; "double quotes" keep spaces. */
static int split(char *line, char **argv)
{
	int argc = 0;
	char *out;

	for (;;) {
		while (*line == ' ' || *line == '\t' || *line == '\n')
			line++;
		if (!*line || *line == '#')
			return argc;
		if (argc == BATCH_MAX_ARGS)
			return -1;
		out = line;
		argv[argc++] = out;
		while (*line && *line != ' ' && *line != '\t' && *line != '\n') {
			if (*line != '"') {
				*out++ = *line++;
				continue;
			}
			for (line++; *line && *line != '"'; )
				*out++ = *line++;
			if (!*line)
				return -1;
			line++;
		}
		if (*line)
			line++;
		*out = '\0';
	}
}

static int batch(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *argv[BATCH_MAX_ARGS], *line = NULL;
	size_t size = 0;
	int argc, lineno = 0, err = 0, failed = 0;

	if (!f) {
		fprintf(stderr, "xswctl: %s: %s\n", path, strerror(errno));
		return XSWCTL_EXIT_FAILURE;
	}
	while ((!failed || xswctl.force) && getline(&line, &size, f) >= 0) {
		lineno++;
		argc = split(line, argv);
		err = 0;
		if (argc < 0)
			err = usage_error("%s:%d: unbalanced quote or more than %d words",
					  path, lineno, BATCH_MAX_ARGS);
		else if (argc)
			err = run(argc, argv);
		if (err) {
			fprintf(stderr, "xswctl: %s:%d: command failed\n", path,
				lineno);
			failed = failed ?: err;
		}
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return failed;
}

/*
 * Moves this process into the network namespace @name, as "ip -n" does,
 * before the netlink socket is opened: the switches and the events are
 * then those of that namespace.
 */
static int enter_netns(const char *name)
{
	char path[sizeof(NETNS_RUN_DIR) + NAME_MAX + 1];
	int fd, err;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..") || strlen(name) > NAME_MAX)
		return usage_error("-n: \"%s\" is not a network namespace name",
				   name);
	snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "xswctl: cannot open network namespace \"%s\": %s\n",
			name, strerror(errno));
		return XSWCTL_EXIT_FAILURE;
	}
	err = setns(fd, CLONE_NEWNET);
	if (err)
		fprintf(stderr, "xswctl: cannot enter network namespace \"%s\": %s\n",
			name, strerror(errno));
	close(fd);
	return err ? XSWCTL_EXIT_FAILURE : 0;
}

/* The value of the option argv[*@i], which is given once, into *@val. */
static int option_value(int argc, char **argv, int *i, const char *what,
			const char **val)
{
	const char *opt = argv[*i];

	if (*val)
		return usage_error("%s given twice", opt);
	if (++*i == argc)
		return usage_error("%s needs %s", opt, what);
	*val = argv[*i];
	return 0;
}

int main(int argc, char **argv)
{
	const char *batch_file = NULL, *netns = NULL;
	int i = 1, err;

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *opt = argv[i];

		if (!strcmp(opt, "-j") || !strcmp(opt, "--json")) {
			xswctl.json = true;
			continue;
		}
		if (!strcmp(opt, "-b") || !strcmp(opt, "--batch")) {
			err = option_value(argc, argv, &i, "a file", &batch_file);
			if (err)
				return err;
			continue;
		}
		if (!strcmp(opt, "-n") || !strcmp(opt, "--netns")) {
			err = option_value(argc, argv, &i,
					   "a network namespace name", &netns);
			if (err)
				return err;
			continue;
		}
		if (!strcmp(opt, "-f") || !strcmp(opt, "--force")) {
			xswctl.force = true;
			continue;
		}
		if (!strcmp(opt, "-d") || !strcmp(opt, "--details")) {
			xswctl.details = true;
			continue;
		}
		if (!strcmp(opt, "-t") || !strcmp(opt, "--timestamp")) {
			xswctl.timestamp = true;
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
		return XSWCTL_EXIT_USAGE;
	}
	out_init(stdout, xswctl.json);
	if (batch_file && i < argc)
		return usage_error("-b takes no command \"%s\"", argv[i]);
	if (xswctl.force && !batch_file)
		return usage_error("-f goes with -b");
	if (netns) {
		err = enter_netns(netns);
		if (err)
			return err;
	}
	err = batch_file ? batch(batch_file) : run(argc - i, argv + i);
	xnl_put();
	return err;
}
