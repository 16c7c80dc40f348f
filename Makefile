# SPDX-License-Identifier: GPL-2.0
#
# make                 build xswitch.ko (+ KUnit and extensions) and xswctl
# make KDIR=<dir>      build the modules for another kernel's build tree
# make check           every test; ends with "N passed, N failed"
# make demo            the main job: boot a guest and show a switch at work
# make bench           the benchmarks, each in its own guest (not tests)
# make soak            the long runs: migrations with random faults, the
#                      agent fuzzed, the stress tests for half an hour
# make regen           regenerate the netlink code from the YNL spec
# make install         install the modules, the headers and symbol versions
#                      extensions are built against, xswctl and its man page

ifneq ($(KERNELRELEASE),)
include $(src)/Kbuild
else

# Without KDIR, the running kernel's build tree, else Debian's newest
# stock 6.1 by version (a lexical sort would pick 6.1.0-9 over 6.1.0-57).
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
		    $(shell ls -d /usr/src/linux-headers-6.1.*-amd64 2>/dev/null | \
			    sort -V | tail -n 1))
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

# One guest at a time: each benchmark measures against a neighbour in the
# same guest, and two guests would measure each other.
bench:
	scripts/bench-dp.sh
	scripts/bench-dp.sh -i -r 2 -d 1
	scripts/bench-control.sh
	scripts/bench-control.sh -v
	scripts/bench-save.sh
	scripts/bench-migrate.sh
	scripts/bench-flood.sh

soak:
	scripts/soak.sh

regen:
	scripts/ynl-regen.sh

# An extension built out of tree finds <net/xswitch.h> and the
# <uapi/linux/xswitch.h> it includes under include/xswitch/, and the
# symbols' versions for its kernel in lib/xswitch/RELEASE/Module.symvers
# (Documentation/extensions.rst, "Building out of tree").
KRELEASE = $(shell $(MAKE) -s -C $(KDIR) kernelrelease)
SDK = $(DESTDIR)$(PREFIX)

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=extra modules_install
	install -D -m 0644 include/uapi/linux/xswitch.h \
		$(SDK)/include/linux/xswitch.h
	install -D -m 0644 include/uapi/linux/xswitch.h \
		$(SDK)/include/xswitch/uapi/linux/xswitch.h
	install -D -m 0644 include/net/xswitch.h \
		$(SDK)/include/xswitch/net/xswitch.h
	install -D -m 0644 Module.symvers \
		$(SDK)/lib/xswitch/$(KRELEASE)/Module.symvers
	$(MAKE) -C tools/xswctl install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools/xswctl clean
	rm -rf build

.PHONY: all modules tools check demo bench soak regen install clean
endif
