#!/usr/bin/env python3
"""Writes PERFORMANCE.md and the README's Performance section from scripts/perf-report.sh's
raw outputs (the directory given as the only argument).

Nothing here measures: it reads the tables the benchmarks printed, checks them against the
performance contract (issue 14) and lays them out. A missing output leaves its part out and
says so, rather than keeping stale numbers.
"""
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])
root = pathlib.Path(__file__).resolve().parent.parent
BEGIN = "<!-- perf-report:begin -->"
END = "<!-- perf-report:end -->"


def read(name):
    path = out / f"{name}.out"
    return path.read_text() if path.exists() else None


def tables(text):
    """Markdown tables of `text`, each a list of rows (lists of cells), header row first."""
    found, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                current.append(cells)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def number(cell):
    match = re.search(r"[-+]?\d+(\.\d+)?", cell.replace(",", ""))
    return float(match.group()) if match else None


def peers_contract(text):
    """(rows of the per-scheme table as dicts, allocation cells of hooksign's rows)."""
    every, per_scheme = tables(text)[:2]
    head = per_scheme[0]
    rows = [dict(zip(head, r)) for r in per_scheme[1:]]
    allocs = [r[-1] for r in every[1:] if r[1] == "hooksign" and r[2] == "verify_at"]
    return rows, allocs


def verdicts(rows, allocs):
    """One line per contract target: whether it holds in this run, and where it does not."""
    def ratios(cell):
        return [number(x) for x in cell.split("/") if number(x) is not None]

    fastest, wv, five, sixty = [], [], [], []
    for r in rows:
        where = f"{r['scheme']} {r['size']}"
        ratio = number(r["hooksign ÷ fastest peer"])
        if ratio is not None and ratio > 1.00:
            fastest.append(f"{where} ({ratio:.2f})")
        if r["size"] == "1 KiB":
            values = ratios(r["webhook-verify ÷ hooksign"])
            if any(value < 1.2 for value in values):
                wv.append(f"{r['scheme']} " + " / ".join(f"{v:.2f}" for v in values))
            added = [number(r[c]) for c in ("map − bare", "pairs − bare")]
            if any(a is not None and a > 60 for a in added):
                sixty.append(f"{r['scheme']} " + " / ".join(f"{a:+.0f}" for a in added if a is not None))
        for column in ("svix ÷ hooksign", "standardwebhooks ÷ hooksign"):
            for value in ratios(r[column]):
                if value < 5:
                    five.append(f"{where} {column.split()[0]} ({value:.2f})")
    nonzero = [a for a in allocs if a not in ("0", "0.0")]

    def verdict(misses):
        return "holds" if not misses else "missed: " + ", ".join(misses)

    return [
        ("≤ 1.00 × the fastest peer, every scheme and size", verdict(fastest)),
        ("≥ 1.2 × faster than webhook-verify at 1 KiB (HeaderMap / pairs)", verdict(wv)),
        ("≥ 5 × faster than svix and standardwebhooks, every size", verdict(five)),
        ("≤ 60 ns over the bare primitive at 1 KiB, every family (map / pairs, ns)", verdict(sixty)),
        ("zero allocations per verification", verdict(nonzero)),
    ]


def load_summary(text):
    pick = lambda pattern: (re.search(pattern, text) or [None, None])[1]
    return {
        "verified": pick(r"verified ([\d.]+) us, bare"),
        "hmac": pick(r"bare HMAC ([\d.]+) us, unverified"),
        "unverified": pick(r"unverified ([\d.]+) us\n"),
        "added_v": pick(r"verification ([-\d.]+) us, bare"),
        "added_h": pick(r"bare HMAC ([-\d.]+) us:"),
        "ratio": pick(r": ([\d.inf]+)x \(target"),
        "rps": pick(r"verified / unverified: (\d+) /"),
        "non2xx": sorted(set(re.findall(r"non-2xx: (\d+)", text))),
        "rss": (pick(r"(?m)^RSS before: (.+)$"), pick(r"(?m)^RSS after: (.+)$")),
    }


def section_peers(lines, full):
    runs = [(i, read(f"peers-{i}")) for i in (1, 2)]
    runs = [(i, t) for i, t in runs if t]
    if not runs:
        lines.append("*(`benches/peers/run.sh` was not run: no peers tables.)*\n")
        return
    checked = [(i, verdicts(*peers_contract(t))) for i, t in runs]
    lines.append("| target | " + " | ".join(f"run {i}" for i, _ in checked) + " |")
    lines.append("|---|" + "---|" * len(checked))
    for k, (target, _) in enumerate(checked[0][1]):
        lines.append(f"| {target} | " + " | ".join(v[k][1] for _, v in checked) + " |")
    lines.append("")
    for i, text in runs:
        per_scheme = tables(text)[1]
        lines.append(f"<details><summary>Run {i}: per scheme and size (ns per verification, medians)</summary>\n")
        lines.append("| " + " | ".join(per_scheme[0]) + " |")
        lines.append("|" + "---|" * len(per_scheme[0]))
        lines.extend("| " + " | ".join(r) + " |" for r in per_scheme[1:])
        lines.append("\n</details>\n")
        full.append(f"### Peers, run {i}: `bash benches/peers/run.sh`\n")
        full.append(text.strip() + "\n")


def section_load(lines, full):
    runs = [(i, read(f"load-{i}")) for i in (1, 2, 3)]
    runs = [(i, t) for i, t in runs if t]
    if not runs:
        lines.append("*(`scripts/load.sh` was not run.)*\n")
        return
    lines.append("| run | verified | bare HMAC | unverified | verification adds | bare HMAC adds | ratio (target ≤ 1.25) | verified req/s | non-2xx | RSS before → after |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for i, text in runs:
        s = load_summary(text)
        if s["ratio"] == "inf":
            # The bare HMAC's added CPU came out at or below zero: the round-to-round noise is
            # larger than the quantity, and no ratio is meaningful.
            s["ratio"] = "none (noise)"
        lines.append(
            f"| {i} | {s['verified']} µs | {s['hmac']} µs | {s['unverified']} µs | {s['added_v']} µs "
            f"| {s['added_h']} µs | {s['ratio']} | {s['rps']} | {', '.join(s['non2xx']) or '0'} "
            f"| {s['rss'][0]} → {s['rss'][1]} |"
        )
        full.append(f"### Load, run {i}: `DURATION=10s ROUNDS=3 bash scripts/load.sh`\n")
        full.append("```text\n" + text.strip() + "\n```\n")
    lines.append("")
    icounts = [(i, read(f"load-icount-{i}")) for i in (1, 2)]
    icounts = [(i, t) for i, t in icounts if t]
    if icounts:
        lines.append("The same question in instructions per request (`bash scripts/load-icount.sh`: the receiver")
        lines.append("under callgrind, 2,000 keep-alive requests per endpoint; steady where the timed CPU above")
        lines.append("moves by more than the microsecond being measured):")
        lines.append("")
        lines.append("| run | unverified | bare HMAC | verified | verification adds | bare HMAC adds | ratio (target ≤ 1.25) |")
        lines.append("|---|---|---|---|---|---|---|")
        for i, text in icounts:
            get = lambda path: (re.search(re.escape(path) + r" +(\d+)", text) or [None, "?"])[1]
            ratio = (re.search(r": ([\d.]+)x", text) or [None, "?"])[1]
            u, h, v = get("/bench/unverified"), get("/bench/hmac"), get("/webhooks/github")
            added = lambda x: f"{int(x) - int(u):,}" if x.isdigit() and u.isdigit() else "?"
            lines.append(f"| {i} | {int(u):,} | {int(h):,} | {int(v):,} | {added(v)} | {added(h)} | {ratio} |")
            full.append(f"### Load in instructions, run {i}: `bash scripts/load-icount.sh`\n")
            full.append("```text\n" + text.strip() + "\n```\n")
        lines.append("")


def section_raw(lines, full, name, command, what):
    text = read(name)
    if not text:
        lines.append(f"*(`{command}` was not run.)*\n")
        return
    keep = [l for l in text.splitlines() if l.strip() and not l.startswith("receiver /stats")]
    lines.append("```text\n" + "\n".join(keep) + "\n```\n")
    full.append(f"### {what}: `{command}`\n")
    full.append("```text\n" + text.strip() + "\n```\n")


when = (out / "when").read_text().strip() if (out / "when").exists() else "unknown"
lines = [
    BEGIN,
    "",
    f"Generated by `bash scripts/perf-report.sh` ({when}); every table is what the command beside it",
    "printed in that sitting, and [PERFORMANCE.md](PERFORMANCE.md) has the complete outputs. Rerun",
    "the script to refresh this section (it is rewritten between its markers).",
    "",
    "### Beside the other crates: `bash benches/peers/run.sh`, twice",
    "",
    "Each scheme's verifiers on the same bytes in one process, interleaved rounds, medians; the",
    "bare primitive (the pre-keyed HMAC of the signed bytes; for the other families their MAC,",
    "comparison or signature check with keys parsed in advance) is measured in the same run.",
    "What each row calls is in [benches/peers/README.md](benches/peers/README.md).",
    "",
]
full = [
    "# Performance: the complete outputs",
    "",
    f"Generated by `bash scripts/perf-report.sh` ({when}). The README's Performance section",
    "summarises these; each heading names the command that printed what follows it.",
    "",
]
section_peers(lines, full)
lines += [
    "### Under load: `bash scripts/load.sh`, three runs",
    "",
    "The receiver example on one core, `wrk` on the other; server CPU per request (medians of",
    "three alternating rounds) for the verified endpoint, the same handler unverified, and a",
    "control endpoint that computes only a bare HMAC-SHA256 of the body.",
    "",
]
section_load(lines, full)
lines += ["### The sender: `bash scripts/load-send.sh`", ""]
section_raw(lines, full, "send", "bash scripts/load-send.sh", "The sender")
lines += ["### Queues and the idempotency store: `bash scripts/queue-costs.sh`", ""]
section_raw(lines, full, "queue", "bash scripts/queue-costs.sh", "Queues and the store")
lines.append(END)

(root / "PERFORMANCE.md").write_text("\n".join(full) + "\n")
readme = (root / "README.md").read_text()
start, end = readme.find(BEGIN), readme.find(END)
if start < 0 or end < 0:
    sys.exit("README.md has no perf-report markers")
(root / "README.md").write_text(readme[:start] + "\n".join(lines) + readme[end + len(END):])
print("wrote PERFORMANCE.md and README.md's Performance section", file=sys.stderr)
