// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection at xswitch's own allocation sites, for kernels built
 * without CONFIG_FAULT_INJECTION.
 */
#include <kunit/visibility.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "xsw.h"

/**
 * DOC: Fault injection
 *
 * Every allocation xswitch makes on a request's behalf (objects, the ids of
 * its xarrays, replies and events) is an injection point:
 * xsw_should_fail() is asked first, and a true answer makes the site fail
 * as the allocation would have (NULL or -ENOMEM).  The points are armed
 * through /sys/kernel/debug/xswitch/fail_nth with the semantics of the
 * kernel's own /proc/thread-self/fail-nth, which stock kernels lack
 * (CONFIG_FAULT_INJECTION): writing N > 0 arms the writer's task, and the
 * N-th injection point that task passes fails; reading gives the count
 * that is left, 0 once the fault was injected (or nothing is armed);
 * writing 0 disarms.  One task is armed at a time, the last writer.  As
 * netlink requests run in the sender's task, a tester arms it right before
 * sending a request and reads it back after the answer ("xswctl" does so
 * when XSWCTL_FAIL_NTH is set, see Documentation/testing.rst).
 *
 * Where the kernel has its own fail-nth, it is the more thorough (it fails
 * the netlink core's allocations too) and testers use it; both may be
 * armed at once, each counts its own points.  When nothing is armed an
 * injection point costs the comparison of one pointer with current.
 */

/* The armed task, referenced while armed; NULL when nothing is. */
struct task_struct *xsw_fail_task __read_mostly;
EXPORT_SYMBOL_IF_KUNIT(xsw_fail_task);
static unsigned int xsw_fail_left;
static DEFINE_SPINLOCK(xsw_fail_lock);

/* Arms @task (referenced meanwhile) for the @n-th point; NULL, 0 disarms. */
void xsw_fail_arm(struct task_struct *task, unsigned int n)
{
	struct task_struct *old;

	if (task)
		get_task_struct(task);
	spin_lock(&xsw_fail_lock);
	old = xsw_fail_task;
	xsw_fail_left = n;
	WRITE_ONCE(xsw_fail_task, task);
	spin_unlock(&xsw_fail_lock);
	if (old)
		put_task_struct(old);
}
EXPORT_SYMBOL_IF_KUNIT(xsw_fail_arm);

/* The armed task passed an injection point: fail it if it is the N-th. */
bool xsw_fail_now(void)
{
	struct task_struct *task = NULL;

	spin_lock(&xsw_fail_lock);
	if (xsw_fail_task == current && !--xsw_fail_left) {
		task = xsw_fail_task;
		WRITE_ONCE(xsw_fail_task, NULL);
	}
	spin_unlock(&xsw_fail_lock);
	if (!task)
		return false;
	put_task_struct(task);
	pr_info("xswitch: fail_nth: injected a failure at %pS\n",
		__builtin_return_address(0));
	return true;
}

static ssize_t xsw_fail_nth_read(struct file *file, char __user *buf,
				 size_t count, loff_t *ppos)
{
	unsigned int left;
	char text[16];
	int len;

	spin_lock(&xsw_fail_lock);
	left = xsw_fail_left;
	spin_unlock(&xsw_fail_lock);
	len = scnprintf(text, sizeof(text), "%u\n", left);
	return simple_read_from_buffer(buf, count, ppos, text, len);
}

static ssize_t xsw_fail_nth_write(struct file *file, const char __user *buf,
				  size_t count, loff_t *ppos)
{
	unsigned int n;
	int err;

	err = kstrtouint_from_user(buf, count, 0, &n);
	if (err)
		return err;
	xsw_fail_arm(n ? current : NULL, n);
	return count;
}

static const struct file_operations xsw_fail_nth_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = xsw_fail_nth_read,
	.write = xsw_fail_nth_write,
	.llseek = default_llseek,
};

void xsw_fault_init(struct dentry *dir)
{
	debugfs_create_file("fail_nth", 0600, dir, NULL, &xsw_fail_nth_fops);
}

/* After the debugfs file is gone: drops the armed task, if any. */
void xsw_fault_exit(void)
{
	xsw_fail_arm(NULL, 0);
}
