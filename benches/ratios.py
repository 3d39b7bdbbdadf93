#!/usr/bin/env python3
"""Prints the tables of benches/README.md from criterion's last run (target/criterion).

    cargo bench --bench clean -- --warm-up-time 1 --measurement-time 5 && python3 benches/ratios.py

Throughput is the mean time's MB/s (1 MB = 10^6 bytes); ratios are throughput ratios.
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"


def load(group):
    out = {}
    base = ROOT / group
    if not base.is_dir():
        return out
    for bench in base.rglob("new/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())
        size = (meta.get("throughput") or {}).get("Bytes")
        if not size:
            continue
        name = meta.get("function_id") or meta["title"]
        if meta.get("value_str"):
            name += "/" + meta["value_str"]
        out[name] = size / (est["mean"]["point_estimate"] * 1e-9) / 1e6
    return out


def table(group):
    r = load(group)
    if "articlean_default" not in r:
        print(f"({group}: no results under {ROOT / group})\n")
        return
    refs = [k for k in ("ammonia_default", "html5ever_roundtrip", "html5ever_parse") if k in r]
    print(f"### {group}\n")
    print("| benchmark | MB/s | " + " | ".join(f"÷ {k}" for k in refs) + " |")
    print("|---|---:|" + "---:|" * len(refs))
    order = ["html5ever_parse", "html5ever_roundtrip", "ammonia_default", "articlean_default"]
    names = [k for k in order if k in r] + sorted(k for k in r if k not in order)
    for k in names:
        ratios = " | ".join(f"{r[k] / r[ref]:.2f}×" for ref in refs)
        print(f"| `{k}` | {r[k]:.1f} | {ratios} |")
    print()


def scaling():
    r = load("scaling")
    if not r:
        return
    print("### scaling (repeated article)\n")
    print("| size | articlean MB/s | ÷ articlean at 8KB | html5ever_parse MB/s | ÷ parse at 8KB | articlean ÷ parse |")
    print("|---|---:|---:|---:|---:|---:|")
    a0 = r.get("articlean_default/8KB")
    p0 = r.get("html5ever_parse/8KB")
    for label in ("8KB", "64KB", "512KB", "4MB", "8MB"):
        a = r.get(f"articlean_default/{label}")
        p = r.get(f"html5ever_parse/{label}")
        if a is None:
            continue
        cells = [f"{a:.1f}", f"{a / a0:.2f}×" if a0 else "-"]
        cells += [f"{p:.1f}", f"{p / p0:.2f}×" if p0 else "-", f"{a / p:.2f}×"] if p else ["-"] * 3
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()


if __name__ == "__main__":
    groups = sys.argv[1:] or ["readability", "real", "articles", "scaling"]
    for g in groups:
        if g != "scaling":
            table(g)
    scaling()
