"""Turns oha's JSON report (stdin) into one Markdown table row."""
import json
import sys

backend, path = sys.argv[1], sys.argv[2]
report = json.load(sys.stdin)
summary, latency = report["summary"], report["latencyPercentiles"]
statuses = ", ".join(f"{code}: {count}" for code, count in report.get("statusCodeDistribution", {}).items())
print(
    f"| {backend} | `{path}` | {summary['requestsPerSec']:.1f} | "
    f"{latency['p50'] * 1000:.0f} ms | {latency['p99'] * 1000:.0f} ms | {statuses} |"
)
