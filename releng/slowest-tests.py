#!/usr/bin/env python3
"""Prints the slowest test classes of a run, read from every module's target/surefire-reports.

    releng/slowest-tests.py [--since EPOCH_SECONDS] [COUNT]

.ci/run calls it after the suite, passed or failed, so that a class growing slower shows in every
CI log before it costs the suite its time. --since skips the reports older than the run (a module
the run did not reach keeps an earlier run's reports in its target/).
"""
import argparse
import glob
import os
import sys
import xml.etree.ElementTree as ET


def suites(root, since):
    """Yields (seconds, class, module, outcome) for each report, the newest report of a class winning."""
    seen = {}
    pattern = os.path.join(root, "**", "target", "surefire-reports", "TEST-*.xml")
    for path in glob.glob(pattern, recursive=True):
        if since is not None and os.path.getmtime(path) < since:
            continue
        try:
            suite = ET.parse(path).getroot()
        except ET.ParseError:
            continue  # a report cut short by a killed run
        name = suite.get("name", os.path.basename(path)[5:-4])
        try:
            seconds = float(suite.get("time", "0").replace(",", ""))
        except ValueError:
            continue
        bad = int(suite.get("failures", "0") or 0) + int(suite.get("errors", "0") or 0)
        module = os.path.relpath(path, root).split(os.sep + "target" + os.sep)[0]
        key = (module, name)
        if key not in seen or seen[key][0] < os.path.getmtime(path):
            seen[key] = (os.path.getmtime(path), (seconds, name, module, "FAILED" if bad else ""))
    return [row for _, row in seen.values()]


def main():
    parser = argparse.ArgumentParser(description="The slowest test classes of the last run")
    parser.add_argument("count", nargs="?", type=int, default=15)
    parser.add_argument("--since", type=float, default=None, help="ignore reports older than this (epoch seconds)")
    parser.add_argument("--root", default=".")
    args = parser.parse_args()
    rows = sorted(suites(args.root, args.since), reverse=True)
    total = sum(r[0] for r in rows)
    print()
    print(f"Slowest test classes ({min(args.count, len(rows))} of {len(rows)}, {total / 60:.1f} min in all):")
    for seconds, name, module, outcome in rows[: args.count]:
        print(f"{seconds:8.1f} s  {name.rsplit('.', 1)[-1]:<40} {module} {outcome}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
