/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel interface for xswitch extensions.
 *
 * Extensions register a const ops table with xswitch and see every control
 * step of the switches they are attached to.  The table is defined by the
 * control-path work; this header is where it will live.
 */
#ifndef _NET_XSWITCH_H
#define _NET_XSWITCH_H

#include <uapi/linux/xswitch.h>

#endif /* _NET_XSWITCH_H */
