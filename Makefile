# SPDX-License-Identifier: GPL-2.0
#
# make                 build xswitch.ko (+ KUnit and extensions) and xswctl
# make KDIR=<dir>      build the modules for another kernel's build tree
# make check           every test; ends with "N passed, N failed"
# make demo            the main job: boot a guest and show a switch at work
# make regen           regenerate the netlink code from the YNL spec
# make install         install module, header, xswctl and its man page

ifneq ($(KERNELRELEASE),)
include $(src)/Kbuild
else

# Without KDIR, the running kernel's build tree, else Debian's stock 6.1.
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
		    $(lastword $(sort $(wildcard /usr/src/linux-headers-6.1.*-amd64))))
PREFIX ?= /usr/local
DESTDIR ?=

all: modules tools

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools/xswctl

check:
	scripts/check.sh

demo:
	scripts/demo.sh

regen:
	scripts/ynl-regen.sh

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	install -D -m 0644 include/uapi/linux/xswitch.h \
		$(DESTDIR)$(PREFIX)/include/linux/xswitch.h
	install -D -m 0644 include/net/xswitch.h \
		$(DESTDIR)$(PREFIX)/include/xswitch/net/xswitch.h
	$(MAKE) -C tools/xswctl install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools/xswctl clean
	rm -rf build

.PHONY: all modules tools check demo regen install clean
endif
