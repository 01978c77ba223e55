#!/usr/bin/env python3
"""Parse an exposition with client_python's parsers, as an independent check of Lookout's output.

Usage: parse-exposition.py (text|openmetrics) FILE
Prints one line per family ("name type samples") and exits 0, or prints the parser's
error and exits 1. Needs the prometheus_client package (pip install prometheus_client).
"""
import sys

try:
    from prometheus_client.parser import text_string_to_metric_families as parse_text
    from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
except ImportError:
    sys.exit("prometheus_client is not installed: python3 -m pip install prometheus_client (or run `make test`)")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("text", "openmetrics"):
        sys.exit(__doc__)
    with open(sys.argv[2], encoding="utf-8") as handle:
        body = handle.read()
    parse = parse_text if sys.argv[1] == "text" else parse_openmetrics
    try:
        for family in parse(body):
            print(f"{family.name} {family.type} {len(family.samples)}")
    except Exception as error:  # the parsers raise ValueError and friends
        print(f"parse error: {error}", file=sys.stderr)
        sys.exit(1)


main()
