#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""One line per KUnit suite, "STATUS kunit:SUITE DETAIL", from KTAP.

Usage: kunit-summary.py KERNEL-SRC KTAP-FILE LOG

Runs the kernel tree's kunit.py parse on KTAP-FILE (its own output goes
to LOG) and walks the JSON it writes.  A parameterised case is a group
there, not a case: its parameters are the group's cases, so a failed
parameter fails its suite and is named CASE[PARAMETER].  If kunit.py
says the run failed but no case accounts for it (a truncated or
malformed KTAP), a line "FAIL kunit ..." says so.  Exits 1 when kunit.py
wrote no JSON at all.
"""
import json
import os
import subprocess
import sys
import tempfile

OK = ("PASS", "SKIP")


def results(suite):
    """(name, status, is_parameter) of every result in a suite; a
    parameter is named CASE[PARAMETER]."""
    for case in suite["test_cases"]:
        # kunit.py names a result that never came (a truncated log) "".
        yield case["name"] or "(missing)", case["status"], False
    for group in suite["sub_groups"]:
        for name, status, _ in results(group):
            yield "%s[%s]" % (group["name"], name), status, True


def main(src, ktap, log):
    kunit_py = os.path.join(src, "tools/testing/kunit/kunit.py")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "kunit.json")
        with open(ktap) as inp, open(log, "w") as out:
            parse = subprocess.run([sys.executable, kunit_py, "parse",
                                    "--json=" + path], stdin=inp,
                                   stdout=out, stderr=subprocess.STDOUT)
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            return 1
        with open(path) as f:
            run = json.load(f)
    any_bad = False
    for suite in run["sub_groups"]:
        got = list(results(suite))
        bad = [name for name, status, _ in got if status not in OK]
        any_bad = any_bad or bool(bad) or not got
        params = sum(1 for _, _, is_param in got if is_param)
        if bad:
            print("FAIL", "kunit:" + suite["name"], "failed: " + ", ".join(bad))
        elif not got:
            print("FAIL", "kunit:" + suite["name"], "no cases ran")
        else:
            cases = len(suite["test_cases"]) + len(suite["sub_groups"])
            detail = "%d cases" % cases
            if params:
                detail += ", %d parameters" % params
            print("PASS", "kunit:" + suite["name"], detail)
    if parse.returncode != 0 and not any_bad:
        print("FAIL", "kunit", "kunit.py parse reports a failure no case"
              " accounts for (see %s)" % os.path.basename(log))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
