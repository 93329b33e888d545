#!/usr/bin/env python3
"""Turns BenchmarkDotNet's JSON results into a markdown table and an SVG bar chart of ratios.

Usage: chart.py [RESULTS_DIR ...] [--svg OUT.svg] [--markdown OUT.md] [--statistic mean|median]
(outputs default to benchmarks/chart/out/, which git ignores)

Each RESULTS_DIR holds the *-report*.json files written by `--exporters json`
(default: BenchmarkDotNet.Artifacts/results). Standard library only.
"""

import argparse
import glob
import json
import os
import sys
from xml.sax.saxutils import escape

# The method each class is measured against, and which library methods race which peers.
STATISTIC = "Mean"  # set from --statistic; BenchmarkDotNet's own Ratio column uses the mean
BASELINES = {"RawHmacSha256", "BareEndpoint"}
PEERS = {"StripeNet", "Octokit", "OctokitMapGitHubWebhooks"}
# Rows that are not contenders. The HMAC alone is not a request (tabled, not charted); the floor is an endpoint
# that does only the bare read, that HMAC and a constant-time compare: no verifying endpoint can be faster.
REFERENCES = {"HmacOfBodyOnly"}
FLOORS = {"BareEndpointPlusHmac"}
RACES = [
    ("HubSignature", "Octokit"),
    ("Infisical", "Octokit"),
    ("HubSignature", "StripeNet"),
    ("Infisical", "StripeNet"),
    ("WebhookSignatures", "OctokitMapGitHubWebhooks"),
    ("WebhookSignaturesNoExactlyOnce", "OctokitMapGitHubWebhooks"),
]


def load(results_dirs):
    files = sorted(f for d in results_dirs for f in glob.glob(os.path.join(d, "*-report*.json")))
    if not files:
        sys.exit(f"no *-report*.json in {', '.join(results_dirs)}; run the benchmarks with --exporters json")
    rows, host = [], None
    seen = set()
    for path in files:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        host = host or data.get("HostEnvironmentInfo", {})
        for b in data.get("Benchmarks", []):
            stats = b.get("Statistics") or {}
            if "Mean" not in stats:
                continue  # a benchmark that failed has no statistics
            key = (b["Type"], b["Method"], b.get("Parameters", ""))
            if key in seen:
                continue  # brief and full reports of one run repeat each benchmark
            seen.add(key)
            rows.append({
                "type": b["Type"],
                "method": b["Method"],
                "params": b.get("Parameters", ""),
                "mean_ns": stats[STATISTIC],
                "error_ns": stats.get("StandardError", 0.0),
                "allocated": (b.get("Memory") or {}).get("BytesAllocatedPerOperation"),
            })
    return rows, host or {}


def group(rows):
    """{(type, params): {method: row}} in first-seen order."""
    groups = {}
    for r in rows:
        groups.setdefault((r["type"], r["params"]), {})[r["method"]] = r
    return groups


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:,.2f} {unit}"
    return f"{ns:,.1f} ns"


def fmt_bytes(b):
    if b is None:
        return "?"
    if b >= 1024:
        return f"{b / 1024:,.2f} KB"
    return f"{b} B"


def baseline_of(methods):
    return next((m for m in methods if m in BASELINES), None)


def markdown(groups, host):
    lines = []
    if host:
        lines.append(
            f"{host.get('ProcessorName', '?')} ({host.get('PhysicalCoreCount', '?')} physical / "
            f"{host.get('LogicalCoreCount', '?')} logical cores), {host.get('OsVersion', '?')}, "
            f"{host.get('RuntimeVersion', '?')}, BenchmarkDotNet {host.get('BenchmarkDotNetVersion', '?')}"
        )
        lines.append("")
    lines.append(f"| Class | Params | Method | {STATISTIC} | Ratio to baseline | Allocated |")
    lines.append("| --- | --- | --- | ---: | ---: | ---: |")
    for (typ, params), methods in groups.items():
        base = baseline_of(methods)
        for name, r in methods.items():
            ratio = f"{r['mean_ns'] / methods[base]['mean_ns']:.2f}" if base else "-"
            lines.append(
                f"| {typ} | {params or '-'} | {name}{' (baseline)' if name == base else ''} | "
                f"{fmt_time(r['mean_ns'])} | {ratio} | {fmt_bytes(r['allocated'])} |"
            )
    for (typ, params), methods in groups.items():
        for floor in (m for m in methods if m in FLOORS):
            for name in (m for m in methods if m not in BASELINES | REFERENCES | FLOORS | PEERS):
                extra = methods[name]["mean_ns"] - methods[floor]["mean_ns"]
                lines += ["", f"{typ}: {name} takes {fmt_time(abs(extra))} {'more' if extra >= 0 else 'less'} than {floor}."]
    races = race_rows(groups)
    if races:
        lines += ["", "| Params | Library | Peer | Peer time / library time | Library bytes | Peer bytes |",
                  "| --- | --- | --- | ---: | ---: | ---: |"]
        for params, ours, peer, speedup, ob, pb in races:
            lines.append(f"| {params or '-'} | {ours} | {peer} | {speedup:.2f}x | {fmt_bytes(ob)} | {fmt_bytes(pb)} |")
    return "\n".join(lines) + "\n"


def race_rows(groups):
    out = []
    for (typ, params), methods in groups.items():
        for ours, peer in RACES:
            if ours in methods and peer in methods:
                o, p = methods[ours], methods[peer]
                out.append((params, ours, peer, p["mean_ns"] / o["mean_ns"], o["allocated"], p["allocated"]))
    return out


def svg(groups, host):
    # Two panels: each method's time relative to its baseline (lower is better, 1.0 = the baseline),
    # then each peer's time relative to the library's (higher is better for the library).
    bars = []
    for (typ, params), methods in groups.items():
        base = baseline_of(methods)
        if not base:
            continue
        for name, r in methods.items():
            label = f"{typ.replace('Benchmarks', '')} {params} {name}"
            if name in FLOORS:
                bars.append((f"{typ.replace('Benchmarks', '')} floor: {name}", r["mean_ns"] / methods[base]["mean_ns"], "floor"))
            elif name != base and name not in REFERENCES:
                bars.append((label, r["mean_ns"] / methods[base]["mean_ns"], "peer" if name in PEERS else "ours"))
    races = [(f"{ours} vs {peer} {params}", speedup) for params, ours, peer, speedup, _, _ in race_rows(groups)]

    label_w, plot_w, row_h, pad = 480, 420, 18, 14
    width = label_w + plot_w + 90

    def panel(y, title, items, reference_label, colour_of):
        parts = [f'<text x="{pad}" y="{y + 16}" font-weight="bold">{escape(title)}</text>']
        y += 28
        top = y
        peak = max([v for _, v, *_ in items] + [1.0]) * 1.05
        for item in items:
            label, value = item[0], item[1]
            w = plot_w * value / peak
            parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>')
            parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 5}" fill="{colour_of(item)}"/>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{value:.2f}x</text>')
            y += row_h
        x1 = label_w + plot_w / peak
        parts.append(f'<line x1="{x1:.1f}" y1="{top - 2}" x2="{x1:.1f}" y2="{y}" stroke="#333" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{x1 + 3:.1f}" y="{top - 4}" font-size="10">{escape(reference_label)}</text>')
        return parts, y + 10

    body = []
    y = pad
    subtitle = f"{host.get('ProcessorName', '')}, {host.get('RuntimeVersion', '')}, ratios of {STATISTIC.lower()}s".strip(", ")
    body.append(f'<text x="{pad}" y="{y + 14}" font-size="14" font-weight="bold">WebhookSignatures benchmarks</text>')
    body.append(f'<text x="{pad}" y="{y + 30}" fill="#555">{escape(subtitle)}</text>')
    y += 40
    if bars:
        parts, y = panel(y, "Time relative to the baseline (raw HMAC / bare endpoint); lower is better", bars,
                         "1.0 = baseline", lambda item: {"peer": "#c0504d", "floor": "#a0a0a0"}.get(item[2], "#4f81bd"))
        body += parts
    if races:
        parts, y = panel(y, "Peer's time divided by WebhookSignatures' time; higher is better", races,
                         "1.0 = as fast as the peer", lambda item: "#9bbb59")
        body += parts
    height = y + pad
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="white"/>\n'
        + "\n".join(body) + "\n</svg>\n"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="*", default=["BenchmarkDotNet.Artifacts/results"])
    parser.add_argument("--svg", default="benchmarks/chart/out/benchmarks.svg")
    parser.add_argument("--markdown", default="benchmarks/chart/out/benchmarks.md")
    parser.add_argument("--statistic", choices=["mean", "median"], default="mean")
    args = parser.parse_args()
    global STATISTIC
    STATISTIC = args.statistic.capitalize()
    rows, host = load(args.results)
    groups = group(rows)
    for path in (args.markdown, args.svg):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(args.markdown, "w", encoding="utf-8") as f:
        f.write(markdown(groups, host))
    with open(args.svg, "w", encoding="utf-8") as f:
        f.write(svg(groups, host))
    print(f"wrote {args.markdown} and {args.svg} from {len(rows)} results")


if __name__ == "__main__":
    main()
