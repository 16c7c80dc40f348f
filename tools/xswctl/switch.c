// SPDX-License-Identifier: GPL-2.0
/*
 * xswctl switch add|del|show
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/xswitch.h>

#include "nl.h"
#include "out.h"
#include "xswctl.h"

static const char switch_help[] =
	"Usage: xswctl switch add NAME\n"
	"       xswctl switch del NAME\n"
	"       xswctl switch show [NAME]\n"
	"\n"
	"A switch lives in the network namespace xswctl runs in. NAME is 1 to\n"
	"15 bytes and unique in that namespace.\n";

static const struct out_col switch_cols[] = {
	{ "id", "ID", 6 },
	{ "name", "NAME", 0 },
};

static int switch_attr(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (type > XSWITCH_A_SWITCH_MAX)
		return MNL_CB_OK;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int switch_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[XSWITCH_A_SWITCH_MAX + 1] = {};

	(void)data;
	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), switch_attr, tb);
	if (!tb[XSWITCH_A_SWITCH_NAME] || !tb[XSWITCH_A_SWITCH_ID] ||
	    mnl_attr_validate(tb[XSWITCH_A_SWITCH_NAME], MNL_TYPE_NUL_STRING) ||
	    mnl_attr_validate(tb[XSWITCH_A_SWITCH_ID], MNL_TYPE_U32))
		return MNL_CB_OK;
	out_row_start();
	out_uint(mnl_attr_get_u32(tb[XSWITCH_A_SWITCH_ID]));
	out_str(mnl_attr_get_str(tb[XSWITCH_A_SWITCH_NAME]));
	out_row_end();
	return MNL_CB_OK;
}

static int switch_name_cmd(uint8_t cmd, int argc, char **argv, bool show)
{
	struct nlmsghdr *nlh;
	struct xnl nl;
	int err;

	if (argc > 1)
		return usage_error("unexpected argument \"%s\"", argv[1]);
	if (!show && argc < 1)
		return usage_error("switch name missing");
	if (argc && (!*argv[0] || strlen(argv[0]) >= XSWITCH_NAME_LEN))
		return usage_error("switch name \"%s\" is not 1 to %d bytes",
				   argv[0], XSWITCH_NAME_LEN - 1);
	if (xnl_open(&nl))
		return 1;

	nlh = xnl_msg(&nl, cmd, show && !argc ? NLM_F_DUMP : 0);
	if (argc)
		mnl_attr_put_strz(nlh, XSWITCH_A_SWITCH_NAME, argv[0]);
	if (show)
		out_table_start(switch_cols, MNL_ARRAY_SIZE(switch_cols));
	err = xnl_talk(&nl, nlh, show ? switch_show_cb : NULL, NULL);
	if (show && !err)
		out_table_end();
	xnl_close(&nl);
	return err ? 1 : 0;
}

int do_switch(int argc, char **argv)
{
	if (argc < 1 || matches(argv[0], "help")) {
		fputs(switch_help, argc < 1 ? stderr : stdout);
		return argc < 1;
	}
	if (matches(argv[0], "add"))
		return switch_name_cmd(XSWITCH_CMD_SWITCH_NEW, argc - 1, argv + 1,
				       false);
	if (matches(argv[0], "delete"))
		return switch_name_cmd(XSWITCH_CMD_SWITCH_DEL, argc - 1, argv + 1,
				       false);
	if (matches(argv[0], "show") || matches(argv[0], "list"))
		return switch_name_cmd(XSWITCH_CMD_SWITCH_GET, argc - 1, argv + 1,
				       true);
	return usage_error("unknown switch command \"%s\"; try \"xswctl switch help\"",
			   argv[0]);
}
