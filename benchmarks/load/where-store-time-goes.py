#!/usr/bin/env python3
"""Sorts the samples of `perf script` from a load receiver into what its requests spend CPU on.

Usage: perf script -i perf.data | where-store-time-goes.py --rate REQUESTS_PER_SECOND

Like benchmarks/profile/where-time-goes.py, for the receiver of `benchmarks/load/run.sh stores`: a sample goes to
the category of the innermost frame that a rule recognises, so the runtime's and the kernel's work (allocation,
sockets, thread wake-ups) counts for the code that called it. With --rate (the requests per second of the round the
samples cover), each category is also given in microseconds of CPU per request. Standard library only.
"""

import argparse
import importlib.util
import os
import re
import sys

# Categories in table order; a frame is tested against each rule in this order.
RULES = [
    ("idle: thread pool and socket engine waiting or spinning",
     re.compile(r"LowLevelLifoSemaphore|sched_yield|futex_wait|SpinWait|SocketAsyncEngine::EventLoop|epoll_wait")),
    ("HMAC-SHA256 (OpenSSL)", re.compile(r"libcrypto\.so")),
    ("StackExchange.Redis client, its sockets and completions", re.compile(r"\[StackExchange\.Redis\]|\[RESPite|\[Pipelines\.Sockets\.Unofficial\]")),
    ("Redis delivery store (WebhookSignatures.Redis)", re.compile(r"\[WebhookSignatures\.Redis\]")),
    ("webhook verification and memory store (WebhookSignatures)", re.compile(r"\[WebhookSignatures(\.AspNetCore)?\]")),
    ("the endpoint's own body read", re.compile(r"ReadBodyAsync")),
    ("Kestrel and ASP.NET Core, their sockets", re.compile(r"\[Microsoft\.AspNetCore|\[Microsoft\.Extensions")),
]
RUNTIME = "runtime and kernel, with no caller above"


# The sample reader and the categorizer are the profile script's; only the rules differ.
_spec = importlib.util.spec_from_file_location(
    "where_time_goes", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "profile", "where-time-goes.py"))
_profile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_profile)
samples = _profile.samples


def categorize(frames):
    return _profile.categorize(frames, RULES, RUNTIME)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, help="requests per second during the sampled round")
    parser.add_argument("--title", default="where the receiver's CPU time goes")
    args = parser.parse_args()

    counts, cpu_ns, total, total_ns, seconds = _profile.tally(samples(sys.stdin), categorize)
    if total == 0:
        sys.exit("no samples")
    _profile.print_table(args.title, 60, [n for n, _ in RULES] + [RUNTIME], counts, cpu_ns, total, total_ns, args.rate, seconds)


if __name__ == "__main__":
    main()
