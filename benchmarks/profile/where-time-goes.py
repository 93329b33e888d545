#!/usr/bin/env python3
"""Sorts the samples of `perf script` output into what a webhook request spends its time on.

Usage: perf script -i perf.data | where-time-goes.py [--rate REQUESTS_PER_SECOND] [--skip SECONDS]

A sample goes to the category of the innermost frame that a rule recognises, so the runtime's work
(allocation, GC, stubs) counts for the code that called it; only a stack with nothing else in it counts
as runtime. With --rate (what the profile loop printed for the part the samples cover), each category is
also given in microseconds of CPU per request. Standard library only.
"""

import argparse
import re
import sys

# Categories in table order; a frame is tested against each rule in this order.
RULES = [
    ("thread pool: idle workers spinning or waiting", re.compile(r"LowLevelLifoSemaphore|sched_yield|futex_wait")),
    ("HMAC-SHA256 (OpenSSL)", re.compile(r"libcrypto\.so")),
    ("delivery store", re.compile(r"WebhookDeliveryStore|WebhookDeliveryReservation|WebhookExactlyOnce|ReserveAsync|WebhookDeliveryId")),
    ("webhook verification, other", re.compile(r"\[WebhookSignatures(\.AspNetCore)?\]")),
    ("Octokit.Webhooks", re.compile(r"\[Octokit\.Webhooks")),
    ("the endpoint's own body read", re.compile(r"ReadBodyAsync")),
    ("TestServer and HttpClient", re.compile(r"\[Microsoft\.AspNetCore\.TestHost\]|\[System\.Net\.Http\]")),
    ("ASP.NET Core pipeline (routing, hosting, features)", re.compile(r"\[Microsoft\.AspNetCore|\[Microsoft\.Extensions")),
]
RUNTIME = "runtime and kernel, with no caller above"
OTHER = "other"


def samples(lines):
    header = re.compile(r"^\S.*?\s(\d+\.\d+):\s+(\d+)\s")
    sample = None
    for line in lines:
        match = header.match(line)
        if match:
            if sample:
                yield sample
            sample = (float(match.group(1)), int(match.group(2)), [])
        elif line.strip() and sample:
            sample[2].append(line.strip())
    if sample:
        yield sample


def categorize(frames, rules=None, runtime=RUNTIME):
    """The first rule (of `rules`, this script's by default) that the innermost recognised frame matches."""
    for frame in frames:  # innermost first
        for name, rule in rules or RULES:
            if rule.search(frame):
                return name
    return runtime if frames else OTHER


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", type=float, default=0.0, help="seconds of samples to leave out at the start")
    parser.add_argument("--rate", type=float, help="requests per second the profiled loop reported")
    args = parser.parse_args()

    counts, cpu_ns, total, total_ns, seconds = tally(samples(sys.stdin), categorize, args.skip)
    if total == 0:
        sys.exit("no samples after the skipped start")
    print_table("where the CPU time goes", 52, [n for n, _ in RULES] + [RUNTIME, OTHER], counts, cpu_ns, total, total_ns, args.rate, seconds)


def tally(sampled, categorize, skip=0.0):
    """Per category: samples and the CPU time they stand for (each sample carries its own period, in ns)."""
    counts, cpu_ns, total, total_ns, first, start, last = {}, {}, 0, 0, None, None, None
    for time, period, frames in sampled:
        first = time if first is None else first
        if time - first < skip:
            continue
        start = time if start is None else start
        last = time
        category = categorize(frames)
        counts[category] = counts.get(category, 0) + 1
        cpu_ns[category] = cpu_ns.get(category, 0) + period
        total += 1
        total_ns += period
    return counts, cpu_ns, total, total_ns, (last - start) if total else 0.0


def print_table(title, width, names, counts, cpu_ns, total, total_ns, rate, seconds):
    """One line per category (share, and microseconds of CPU per request when the request rate is known)."""
    requests = rate * seconds if rate and seconds > 0 else None
    print(f"{title:<{width}} {'share':>7}" + (f" {'us/request':>11}" if requests else ""))
    for name in names:
        line = f"{name:<{width}} {100.0 * counts.get(name, 0) / total:6.1f}%"
        if requests:
            line += f" {cpu_ns.get(name, 0) / 1000.0 / requests:11.2f}"
        print(line)
    footer = f"{'all (' + str(total) + ' samples)':<{width}} {100.0:6.1f}%"
    if requests:
        footer += f" {total_ns / 1000.0 / requests:11.2f}"
    print(footer)


if __name__ == "__main__":
    main()
