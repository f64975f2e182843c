#!/usr/bin/env python3
"""Turns full benchmark runs into the Markdown tables of docs/benchmarks.md.

Usage: python3 benchmarks/report.py RUN.json RUN.log [RUN.json RUN.log ...]

Each RUN.json is JMH's -rf json output of one full run; RUN.log is that run's console output, which carries what the
benchmarks print (bytes of log text, stored bytes, app-thread allocation per call, events kept). Within a run:
the median measurement iteration for AverageTime and SingleShotTime, the p50 of all samples for SampleTime. Every
ratio is computed within one run (osslog against the baseline measured in the same run); across runs each figure
is the median of the runs' figures, and each ratio is given with its range (lowest-highest) over the runs.
"""
import json
import re
import statistics
import sys

FRAMEWORKS = [("Logback", "LOGBACK"), ("Log4j2", "LOG4J2")]
NAN = float("nan")


class Run:
    """One full run: JMH's results by (class, method, mode, variant) and the facts its console printed."""

    def __init__(self, json_path, log_path):
        self.results = {}
        for r in json.load(open(json_path)):
            method = r["benchmark"].rsplit(".", 2)
            key = (method[-2], method[-1], r["mode"], (r.get("params") or {}).get("variant", ""))
            self.results[key] = r
        self.alloc, self.kept, self.e2e = log_facts(log_path)

    def get(self, cls, method, mode, variant=""):
        return self.results.get((cls, method, mode, variant))


def median_iteration(result):
    return statistics.median(v for fork in result["primaryMetric"]["rawData"] for v in fork)


def median_secondary(result, name):
    metric = result["secondaryMetrics"].get(name) if result else None
    if not metric:
        return NAN
    return statistics.median(v for fork in metric["rawData"] for v in fork)


def log_facts(path):
    """Per variant: app-thread allocation per thread name, events kept, e2e text/stored bytes per shot."""
    text = open(path, errors="replace").read()
    alloc, kept, e2e = {}, {}, {}
    for v, thread, b in re.findall(r"\n(\w+): (\S+) allocated (\d+) bytes per call", text):
        method = re.search(r"AppThreadBenchmark\.(\w+)-jmh-worker", thread).group(1)
        alloc.setdefault((v, method), []).append(int(b))
    for v, paced, calls, events, pct in re.findall(
            r"\n(\w+)( paced)?: (\d+) log calls, (\d+) events [^(]*\(([\d.]+)%\)", text):
        kept.setdefault(v + paced, []).append(float(pct))
    for v, n, ms, last, cpu, raw, stored, jvm, server in re.findall(
            r"\n(\w+): (\d+) events in (\d+) ms \(the last call returned at (\d+) ms, after (\d+) ms on a CPU\):"
            r" .*?; (\d+) bytes of text, (\d+) bytes stored[^;\n]*"
            r"(?:; CPU during the shot: this JVM (\d+) ms, the local OSS (?:(\d+) ms|n/a))?", text):
        e2e.setdefault(v, []).append((int(raw), int(stored), int(last), int(cpu),
                                      int(jvm) if jvm else None, int(server) if server else None))
    return alloc, kept, e2e


def med(values):
    known = [v for v in values if v is not None and v == v]
    return statistics.median(known) if known else NAN


def num(values, fmt="%.0f"):
    """The median of the runs' values, or "-" when no run printed one."""
    m = med(values)
    return fmt % m if m == m else "-"


def ratio(values):
    """Per-run ratios: their median, and the range when there is more than one run."""
    known = [v for v in values if v == v]
    if not known:
        return "n/a"
    if len(known) == 1:
        return "%.2fx" % known[0]
    return "%.2fx (%.2f–%.2f)" % (statistics.median(known), min(known), max(known))


def div(a, b):
    return a / b if b and a == a and b == b else NAN


# --- figures of one run ---------------------------------------------------------------------------------------------

def app_cost(run, method, variant, paced):
    """(mean, p50, p99) ns of one log call: mean from AverageTime's median iteration, or the paced samples' mean."""
    avgt = run.get("AppThreadBenchmark", method, "avgt", variant)
    sample = run.get("AppThreadBenchmark", method, "sample", variant)
    if paced:
        mean = sample["primaryMetric"]["score"] if sample else NAN
    else:
        mean = median_iteration(avgt) if avgt else NAN
    pct = sample["primaryMetric"]["scorePercentiles"] if sample else {}
    return mean, pct.get("50.0", NAN), pct.get("99.0", NAN)


def own_alloc(run, variant, method):
    return statistics.median(run.alloc.get((variant, method), [NAN]))


def end_to_end(run, variant):
    """(events/s, MB/s of text, stored/text, last call ms, on-CPU ms, JVM CPU ms, server CPU ms) or None."""
    result = run.get("EndToEndBenchmark", "logAndDeliver", "ss", variant)
    if not result:
        return None
    events = int(result["params"]["events"])
    seconds = median_iteration(result) / 1000.0
    # the teardown prints every shot; the measured ones are the last
    shots = run.e2e.get(variant, [(0, 0, 0, 0, None, None)])[-len(result["primaryMetric"]["rawData"][0]):]
    raw, stored = shots[-1][:2]
    return (events / seconds, raw / seconds / 1e6, stored / raw if raw else NAN,
            med(s[2] for s in shots), med(s[3] for s in shots), med(s[4] for s in shots), med(s[5] for s in shots))


# --- tables ---------------------------------------------------------------------------------------------------------

PACED = (("pacedOneThread", 1), ("pacedTwoThreads", 2))
SATURATED = (("oneThread", 1), ("twoThreads", 2))


def goals(out, runs):
    out.append("| goal | ratio: median (range) over %d run(s) | met in every run |" % len(runs))
    out.append("|---|---|---|")

    def row(goal, per_run, ok):
        known = [v for v in per_run if v == v]
        met = "-" if len(known) < len(per_run) else "yes" if all(ok(v) for v in known) else "**no**"
        out.append("| %s | %s | %s |" % (goal, ratio(per_run), met))

    for label, methods, paced in (("paced", PACED, True), ("saturated", SATURATED, False)):
        for name, prefix in FRAMEWORKS:
            for method, threads in methods:
                per_run = [div(app_cost(r, method, prefix + "_OSS", paced)[0],
                               app_cost(r, method, prefix + "_ASYNC", paced)[0]) for r in runs]
                row("app-thread mean ≤ %s async appender, %s, %d thread%s" % (
                    name, label, threads, "s" if threads > 1 else ""), per_run, lambda v: v <= 1.0)
    for name, prefix in FRAMEWORKS:
        per_run = [div((end_to_end(r, prefix + "_OSS") or [NAN])[0], (end_to_end(r, prefix + "_FILE") or [NAN])[0])
                   for r in runs]
        row("end-to-end events/s ≥ %s file appender" % name, per_run, lambda v: v >= 1.0)
    for name, prefix in FRAMEWORKS:
        per_run = [max(div(own_alloc(r, prefix + "_OSS", m), own_alloc(r, prefix + "_ASYNC", m))
                       for m in ("oneThread", "twoThreads", "pacedOneThread", "pacedTwoThreads")) for r in runs]
        row("allocation per call ≤ %s async appender (app thread; the worst of 4 trials)" % name, per_run,
            lambda v: v <= 1.0)
    for name, prefix in FRAMEWORKS:
        per_run = [(end_to_end(r, prefix + "_OSS_GZIP") or [NAN] * 3)[2] for r in runs]
        out.append("| gzip, %s: bytes stored ≤ 20%% of the text | %s | %s |" % (
            name, " / ".join("%.1f%%" % (100 * v) for v in per_run),
            "yes" if all(v <= 0.2 for v in per_run) else "**no**"))
    for name, prefix in FRAMEWORKS:
        per_run = [div((end_to_end(r, prefix + "_OSS_GZIP") or [NAN])[0], (end_to_end(r, prefix + "_OSS") or [NAN])[0])
                   for r in runs]
        row("gzip end to end ≥ 0.7x plain, %s" % name, per_run, lambda v: v >= 0.7)


def cost_table(out, runs, title, methods, paced):
    out.append(title)
    out.append("| framework | threads | file appender (reference): mean / p50 / p99 | async appender: mean / p50 / p99 "
               "| osslog: mean / p50 / p99 | ratio osslog / async: mean | ratio osslog / async: p50 |")
    out.append("|---|---|---|---|---|---|---|")
    for name, prefix in FRAMEWORKS:
        for method, threads in methods:
            cells = []
            for suffix in ("_FILE", "_ASYNC", "_OSS"):
                figures = [app_cost(r, method, prefix + suffix, paced) for r in runs]
                cells.append(" / ".join(num(f[i] for f in figures) for i in range(3)))
            mean_ratio = [div(app_cost(r, method, prefix + "_OSS", paced)[0],
                              app_cost(r, method, prefix + "_ASYNC", paced)[0]) for r in runs]
            p50_ratio = [div(app_cost(r, method, prefix + "_OSS", paced)[1],
                             app_cost(r, method, prefix + "_ASYNC", paced)[1]) for r in runs]
            out.append("| %s | %d | %s | %s | %s | %s | %s |" % (name, threads, cells[0], cells[1], cells[2],
                                                                 ratio(mean_ratio), ratio(p50_ratio)))


def alloc_table(out, runs):
    out.append("| framework | regime | threads | async: app thread / whole JVM | osslog: app thread / whole JVM "
               "| ratio (app thread) |")
    out.append("|---|---|---|---|---|---|")
    for name, prefix in FRAMEWORKS:
        for method, threads, regime, mode in (
                ("oneThread", 1, "saturated", "avgt"), ("twoThreads", 2, "saturated", "avgt"),
                ("pacedOneThread", 1, "paced", "sample"), ("pacedTwoThreads", 2, "paced", "sample")):
            cells = []
            for variant in (prefix + "_ASYNC", prefix + "_OSS"):
                own = [own_alloc(r, variant, method) for r in runs]
                jvm = [median_secondary(r.get("AppThreadBenchmark", method, mode, variant), "gc.alloc.rate.norm")
                       for r in runs]
                cells.append("%s / %s" % (num(own), num(jvm)))
            per_run = [div(own_alloc(r, prefix + "_OSS", method), own_alloc(r, prefix + "_ASYNC", method))
                       for r in runs]
            out.append("| %s | %s | %d | %s | %s | %s |" % (name, regime, threads, cells[0], cells[1], ratio(per_run)))


def kept_table(out, runs):
    out.append("| variant (regime) | kept (median over the trials and runs) |")
    out.append("|---|---|")
    for variant in sorted(set(v for r in runs for v in r.kept)):
        out.append("| %s | %.1f%% |" % (variant, med(p for r in runs for p in r.kept.get(variant, []))))


def end_to_end_table(out, runs):
    out.append("| framework | variant | events/s | MB/s of log text | stored / text | last call returned / logging "
               "thread on a CPU (ms) | CPU in the shot: benchmark JVM / local OSS (ms) | ratio vs file | gzip vs plain |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for name, prefix in FRAMEWORKS:
        for suffix in ("_FILE", "_OSS", "_OSS_GZIP"):
            variant = prefix + suffix
            shots = [end_to_end(r, variant) for r in runs]
            if not any(shots):
                continue
            f = [s if s else (NAN,) * 7 for s in shots]
            vs_file = [div(s[0], (end_to_end(r, prefix + "_FILE") or [NAN])[0]) for s, r in zip(f, runs)]
            vs_plain = [div(s[0], (end_to_end(r, prefix + "_OSS") or [NAN])[0]) for s, r in zip(f, runs)]
            out.append("| %s | %s | %s | %s | %s | %s / %s | %s / %s | %s | %s |" % (
                name, variant, num(x[0] for x in f), num((x[1] for x in f), "%.1f"),
                num((100 * x[2] for x in f), "%.1f%%"), num(x[3] for x in f), num(x[4] for x in f),
                num(x[5] for x in f), num(x[6] for x in f), ratio(vs_file),
                ratio(vs_plain) if suffix == "_OSS_GZIP" else ""))


def core_parts_table(out, runs):
    out.append("| part | median | unit |")
    out.append("|---|---|---|")
    for method, label, scale, unit in (
            ("ringPublishDrain", "ring buffer: publish + drain one 120-byte record", 1, "ns/record"),
            ("ringPublishDrainBatch", "ring buffer: publish 64, drain them at once", 1, "ns/record"),
            ("crc64", "CRC-64 (osslog Crc64), 64 KiB", 1e-6, "MB/s"),
            ("crc32", "java.util.zip.CRC32, 64 KiB", 1e-6, "MB/s"),
            ("deflateQuick", "deflate a 256 KiB gzip member of log text: osslog level 1 (QuickDeflate)", 1e-6, "MB/s"),
            ("deflateZlib", "deflate a 256 KiB gzip member of log text: zlib level 1 (Deflater)", 1e-6, "MB/s"),
            ("signAppend", "V4 signature of an AppendObject request", 1, "ns/request")):
        for mode in ("avgt", "thrpt"):
            values = [median_iteration(res) * scale for res in (r.get("CorePartsBenchmark", method, mode) for r in runs)
                      if res]
            if values:
                out.append("| %s | %.1f | %s |" % (label, med(values), unit))


def main(paths):
    if len(paths) < 2 or len(paths) % 2:
        sys.exit("usage: report.py RUN.json RUN.log [RUN.json RUN.log ...]")
    runs = [Run(paths[i], paths[i + 1]) for i in range(0, len(paths), 2)]
    out = ["#### Goals\n"]
    goals(out, runs)
    cost_table(out, runs, "\n#### Application-thread cost of one log call (ns; lower is better)\n", SATURATED, False)
    cost_table(out, runs, "\n#### Application-thread cost, paced: each thread works ~3 µs between calls "
                          "(ns; lower is better)\n", PACED, True)
    out.append("\n#### Allocation per log call (bytes; lower is better)\n")
    alloc_table(out, runs)
    out.append("\n#### Events kept (share of log calls that reached the file / osslog's buffer)\n")
    kept_table(out, runs)
    out.append("\n#### End-to-end throughput, one logging thread (higher is better)\n")
    end_to_end_table(out, runs)
    out.append("\n#### Core parts\n")
    core_parts_table(out, runs)
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
