// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: what is alive, for tests and for whoever wonders where a
 * reference went.
 */
#include <linux/debugfs.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>

#include "xsw.h"

/**
 * DOC: debugfs
 *
 * /sys/kernel/debug/xswitch/counts has one line per kind of object
 * (switches, ports, NICs, attachments, properties) with how many are
 * allocated in all namespaces, and how many deletes are pending on
 * references.  /sys/kernel/debug/xswitch/objects lists every switch, port
 * and NIC with its state and counters: users (1 + the references
 * extensions hold) and refs (memory: 1 + sleepers); an idle object has
 * both at 1.  /sys/kernel/debug/xswitch/fail_nth arms xswitch's own
 * injection points (see "DOC: Fault injection").
 */

static struct dentry *xsw_debugfs;

static int xsw_counts_show(struct seq_file *m, void *v)
{
	seq_printf(m, "switches %d\n", atomic_read(&xsw_counts.switches));
	seq_printf(m, "ports %d\n", atomic_read(&xsw_counts.ports));
	seq_printf(m, "nics %d\n", atomic_read(&xsw_counts.nics));
	seq_printf(m, "exts %d\n", atomic_read(&xsw_counts.exts));
	seq_printf(m, "props %d\n", atomic_read(&xsw_counts.props));
	seq_printf(m, "pending %d\n", atomic_read(&xsw_counts.pending));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xsw_counts);

static void xsw_show_port(struct seq_file *m, struct xsw_port *port)
{
	struct xsw_nic *nic;
	int i;

	seq_printf(m, "  port %u state %u%s users %u refs %u\n",
		   port->info.id, port->info.state,
		   port->deleting ? " deleting" : "",
		   refcount_read(&port->users), refcount_read(&port->refs));
	for (i = 0; i <= XSWITCH_MAX_NIC_INDEX; i++) {
		nic = xsw_port_nic(port, i);
		if (!nic)
			continue;
		seq_printf(m, "    nic %u state %u%s users %u refs %u\n",
			   nic->info.index, nic->info.state,
			   nic->deleting ? " deleting" : "",
			   refcount_read(&nic->users),
			   refcount_read(&nic->refs));
	}
}

static void xsw_show_net(struct seq_file *m, struct net *net)
{
	struct xsw_net *xn = xsw_net(net);
	struct xsw_switch *sw;
	struct xsw_port *port;
	struct xsw_ext *ext;
	unsigned long id;

	mutex_lock(&xn->lock);
	xa_for_each(&xn->switches, id, sw) {
		seq_printf(m, "switch %s id %u netns %u ports %u refs %u\n",
			   sw->name, sw->id, net->ns.inum, sw->n_ports,
			   refcount_read(&sw->refs));
		list_for_each_entry(ext, &sw->exts, list)
			seq_printf(m, "  ext %s enabled %d refs %d\n",
				   ext->ops->name, ext->enabled,
				   max(atomic_read(&ext->refs) - 1, 0));
		list_for_each_entry(port, &sw->port_list, list)
			xsw_show_port(m, port);
	}
	mutex_unlock(&xn->lock);
}

static int xsw_objects_show(struct seq_file *m, void *v)
{
	struct net *net;

	down_read(&net_rwsem);
	for_each_net(net)
		xsw_show_net(m, net);
	up_read(&net_rwsem);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xsw_objects);

void xsw_debugfs_init(void)
{
	xsw_debugfs = debugfs_create_dir("xswitch", NULL);
	debugfs_create_file("counts", 0444, xsw_debugfs, NULL,
			    &xsw_counts_fops);
	debugfs_create_file("objects", 0444, xsw_debugfs, NULL,
			    &xsw_objects_fops);
	xsw_fault_init(xsw_debugfs);
}

void xsw_debugfs_exit(void)
{
	debugfs_remove_recursive(xsw_debugfs);
	xsw_fault_exit();
}
