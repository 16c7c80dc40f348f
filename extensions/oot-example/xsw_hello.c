// SPDX-License-Identifier: GPL-2.0
/*
 * The smallest useful xswitch extension, built out of tree against an
 * installed xswitch (see Documentation/extensions.rst): a capture
 * extension that learns the ports a switch already has when it is
 * enabled, counts those created later, and says so in the kernel log.
 */
#include <linux/module.h>
#include <net/xswitch.h>

struct hello {
	unsigned int ports;
};

static int hello_count(struct xsw_port *port, void *arg)
{
	((struct hello *)arg)->ports++;
	return 0;
}

static int hello_activate(struct xsw_ext *ext, struct netlink_ext_ack *extack)
{
	struct hello *h = xsw_ext_priv(ext);
	struct xsw_switch *sw = xsw_ext_switch(ext);

	h->ports = 0;
	xsw_switch_walk_ports(sw, hello_count, h);
	pr_info("xsw_hello: switch %s has %u ports\n", xsw_switch_name(sw),
		h->ports);
	return 0;
}

static int hello_port_create(struct xsw_ext *ext, struct xsw_port *port,
			     struct netlink_ext_ack *extack)
{
	return 0;
}

static void hello_complete(struct xsw_ext *ext, const struct xsw_step *step,
			   int status)
{
	struct hello *h = xsw_ext_priv(ext);

	if (step->op == XSWITCH_OP_PORT_CREATE && !status)
		pr_info("xsw_hello: port %u is the switch's port number %u\n",
			xsw_port_info(step->port)->id, ++h->ports);
}

static void hello_port_delete(struct xsw_ext *ext, struct xsw_port *port)
{
	((struct hello *)xsw_ext_priv(ext))->ports--;
}

static const struct xsw_extension_ops hello_ops = {
	.name = "hello",
	.uuid = UUID_INIT(0x2b6f1d8e, 0x3c4a, 0x4e5f, 0x8a, 0x9b, 0x0c, 0x1d,
			  0x2e, 0x3f, 0x40, 0x51),
	.class = XSWITCH_EXT_CLASS_CAPTURE,
	.owner = THIS_MODULE,
	.priv_size = sizeof(struct hello),
	.activate = hello_activate,
	.port_create = hello_port_create,
	.complete = hello_complete,
	.port_delete = hello_port_delete,
};

static int __init hello_init(void)
{
	return xsw_extension_register(&hello_ops);
}

static void __exit hello_exit(void)
{
	xsw_extension_unregister(&hello_ops);
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_DESCRIPTION("xswitch example extension built out of tree");
MODULE_LICENSE("GPL");
