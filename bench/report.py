#!/usr/bin/env python3
"""Prints the benchmark's results (bench/work/results/, written by bench/run.sh) as Markdown."""

import json
import os
import sys

OURS = "nkrr-onboard"
TOOLS = [OURS, "jsonschema-cli", "ajv-cli", "check-jsonschema"]


def read(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return default


def hyperfine(path):
    """name -> (mean, stddev, min) in seconds."""
    text = read(path)
    if not text:
        return {}
    return {r["command"]: (r["mean"], r["stddev"] or 0.0, r["min"]) for r in json.loads(text)["results"]}


def fmt_time(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def main():
    res = sys.argv[1]
    meta = dict(line.split("=", 1) for line in read(os.path.join(res, "meta.txt"), "").splitlines() if "=" in line)
    sizes = sorted((int(d) for d in os.listdir(res) if d.isdigit()))
    out = []
    p = out.append
    p(f"Date: {meta.get('date')}; machine: {meta.get('machine')}.")
    p("")
    for t in TOOLS:
        if t in meta:
            p(f"- {t} {meta[t]}")
        elif f"skipped {t}" in meta:
            p(f"- {t}: skipped, {meta[f'skipped {t}']}")
    p(f"- hyperfine {meta.get('hyperfine')}; the times are means of several runs (± standard deviation).")
    p("")

    agree = {}
    for n in sizes:
        d = os.path.join(res, str(n))
        expected = len(read(os.path.join(d, "expected.txt"), "").split())
        for t in TOOLS:
            a = read(os.path.join(d, f"agree-{t}"))
            if a is not None:
                agree.setdefault(t, []).append(a == "same")
        p(f"### Whole corpus, N = {n} ({expected} invalid files)")
        p("")
        times = hyperfine(os.path.join(d, "all.json"))
        table(p, times, agree, d)
        p("")

    if sizes:
        d = os.path.join(res, str(sizes[0]))
        one = hyperfine(os.path.join(d, "one.json"))
        bash = hyperfine(os.path.join(d, "bash.json")).get("bash", (0, 0, 0))[0]
        if one:
            p(f"### One file (the `bash` wrapper's {fmt_time(bash)} subtracted)")
            p("")
            net = {k: (max(v[0] - bash, 0), v[1], max(v[2] - bash, 0)) for k, v in one.items()}
            table(p, net, agree, None)
            p("")

        p("### Peak memory (maximum resident set size, whole corpus)")
        p("")
        p("| tool | " + " | ".join(f"N = {n}" for n in sizes) + " |")
        p("|---|" + "---:|" * len(sizes))
        for t in TOOLS:
            cells = []
            for n in sizes:
                kb = read(os.path.join(res, str(n), f"rss-{t}"))
                cells.append(f"{int(kb) / 1024:.0f} MB" if kb else "–")
            if any(c != "–" for c in cells):
                p(f"| {t} | " + " | ".join(cells) + " |")
        p("")

        p("### `diff` (N files, 10 changed) and `export` (N files)")
        p("")
        p("| command | " + " | ".join(f"N = {n}" for n in sizes) + " |")
        p("|---|" + "---:|" * len(sizes))
        for cmd in ("diff", "export"):
            cells = []
            for n in sizes:
                r = hyperfine(os.path.join(res, str(n), f"{cmd}.json")).get(cmd)
                code = read(os.path.join(res, str(n), f"{cmd}-exit"))
                if r:
                    cell = f"{fmt_time(r[0])} ± {fmt_time(r[1])} (exit {code})"
                    for line in (read(os.path.join(res, str(n), f"time-{cmd}.txt")) or "").splitlines():
                        if "Maximum resident set size" in line:
                            cell += f", peak {int(line.split()[-1]) / 1024:.0f} MB"
                    cells.append(cell)
                else:
                    cells.append("not available")
            p(f"| `{cmd}` | " + " | ".join(cells) + " |")
        p("")
    print("\n".join(out))


def table(p, times, agree, d):
    peers = {k: v for k, v in times.items() if k != OURS and all(agree.get(k, [True]))}
    fastest = min(peers.items(), key=lambda kv: kv[1][0]) if peers else None
    p("| tool | time | min | ratio to the fastest peer | flags the expected files |")
    p("|---|---:|---:|---:|---|")
    for t in TOOLS:
        if t not in times:
            continue
        mean, sd, mn = times[t]
        ok = all(agree.get(t, [True]))
        ratio = f"{mean / fastest[1][0]:.2f}" if fastest and fastest[1][0] > 0 else "–"
        if not ok:
            ratio = "void"
        p(f"| {t} | {fmt_time(mean)} ± {fmt_time(sd)} | {fmt_time(mn)} | {ratio} | {'yes' if ok else 'NO'} |")
    if OURS in times:
        parts = []
        for peer, target in (("jsonschema-cli", 0.7), ("ajv-cli", 0.35)):
            if peer in times and all(agree.get(peer, [True])) and times[peer][0] > 0:
                r = times[OURS][0] / times[peer][0]
                parts.append(f"{OURS} / {peer} = {r:.2f} (target ≤ {target}: {'met' if r <= target else 'missed'})")
        if parts and d is not None:
            p("")
            p("Ratios: " + "; ".join(parts) + ".")


if __name__ == "__main__":
    main()
