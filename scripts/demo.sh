#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The main job: build the module and xswctl, boot a guest on Debian's
# stock kernel (XSW_DEMO_KERNEL=test for the debug one), run the demo in
# it and print what it showed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$XSW_TOP/scripts/deps.sh"
kernel=${XSW_DEMO_KERNEL:-stock-6.1}
echo "==> booting a $kernel guest (TCG) and running scripts/guest/demo.sh"
"$XSW_TOP/scripts/vm.sh" -v -k "$kernel" "$XSW_TOP/scripts/guest/demo.sh"
