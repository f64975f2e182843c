#!/usr/bin/env python3
"""Turns a full benchmark run into the Markdown tables of docs/benchmarks.md.

Usage: python3 benchmarks/report.py benchmarks/target/jmh.json benchmarks/target/jmh.log

jmh.json is JMH's -rf json output; jmh.log is the run's console output, which carries what the benchmarks print
(bytes of log text, stored bytes, app-thread allocation per call, events kept). Medians: the median measurement
iteration for AverageTime and SingleShotTime, the p50 of all samples for SampleTime.
"""
import json
import re
import statistics
import sys

FRAMEWORKS = [("Logback", "LOGBACK"), ("Log4j2", "LOG4J2")]


def load(path):
    runs = {}
    for r in json.load(open(path)):
        method = r["benchmark"].rsplit(".", 2)
        key = (method[-2], method[-1], r["mode"], (r.get("params") or {}).get("variant", ""))
        runs[key] = r
    return runs


def median_iteration(run):
    return statistics.median(v for fork in run["primaryMetric"]["rawData"] for v in fork)


def median_secondary(run, name):
    metric = run["secondaryMetrics"].get(name)
    if not metric:
        return float("nan")
    return statistics.median(v for fork in metric["rawData"] for v in fork)


def log_facts(path):
    """Per variant: last app-thread allocation per thread name, events kept, e2e text/stored bytes."""
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


def median_or_dash(values):
    """The median of the values printed, or "-" when the shots did not print them (an older log)."""
    known = [v for v in values if v is not None]
    return "%.0f" % statistics.median(known) if known else "-"


def ratio(a, b):
    return "%.2fx" % (a / b) if b else "n/a"


def cost_table(out, runs, title, methods, mean_of):
    """One app-thread cost table: file, async and osslog per framework and thread count; mean_of picks the mean."""
    out.append(title)
    out.append("| framework | threads | file appender (reference): mean / p50 / p99 | async appender: mean / p50 / p99 "
               "| osslog: mean / p50 / p99 | ratio osslog / async (mean, p50) |")
    out.append("|---|---|---|---|---|---|")
    for name, prefix in FRAMEWORKS:
        for method, threads in methods:
            cells, means, p50s = [], [], []
            for variant in (prefix + "_FILE", prefix + "_ASYNC", prefix + "_OSS"):
                avgt = runs.get(("AppThreadBenchmark", method, "avgt", variant))
                sample = runs.get(("AppThreadBenchmark", method, "sample", variant))
                try:
                    mean = mean_of(avgt, sample)
                except (TypeError, KeyError):
                    mean = float("nan")
                pct = sample["primaryMetric"]["scorePercentiles"] if sample else {}
                p50, p99 = pct.get("50.0", float("nan")), pct.get("99.0", float("nan"))
                means.append(mean)
                p50s.append(p50)
                cells.append("%.0f / %.0f / %.0f" % (mean, p50, p99))
            out.append("| %s | %d | %s | %s | %s | %s, %s |" % (name, threads, cells[0], cells[1], cells[2],
                                                                ratio(means[2], means[1]), ratio(p50s[2], p50s[1])))


def main(json_path, log_path):
    runs = load(json_path)
    alloc, kept, e2e = log_facts(log_path)
    out = []

    cost_table(out, runs, "### Application-thread cost of one log call (ns; lower is better)\n",
               (("oneThread", 1), ("twoThreads", 2)), mean_of=lambda avgt, sample: median_iteration(avgt))
    cost_table(out, runs, "\n### Application-thread cost, paced: each thread works ~3 µs between calls (ns; lower is better)\n",
               (("pacedOneThread", 1), ("pacedTwoThreads", 2)),
               mean_of=lambda avgt, sample: sample["primaryMetric"]["score"])

    out.append("\n### Allocation per log call (bytes; lower is better)\n")
    out.append("| framework | regime | threads | async: app thread / whole JVM | osslog: app thread / whole JVM "
               "| ratio (app thread) |")
    out.append("|---|---|---|---|---|---|")
    for name, prefix in FRAMEWORKS:
        for method, threads, regime, mode in (
                ("oneThread", 1, "saturated", "avgt"), ("twoThreads", 2, "saturated", "avgt"),
                ("pacedOneThread", 1, "paced", "sample"), ("pacedTwoThreads", 2, "paced", "sample")):
            cells, own = [], []
            for variant in (prefix + "_ASYNC", prefix + "_OSS"):
                run = runs.get(("AppThreadBenchmark", method, mode, variant))
                jvm = median_secondary(run, "gc.alloc.rate.norm") if run else float("nan")
                mine = statistics.median(alloc.get((variant, method), [float("nan")]))
                own.append(mine)
                cells.append("%.0f / %.0f" % (mine, jvm))
            out.append("| %s | %s | %d | %s | %s | %s |" % (name, regime, threads, cells[0], cells[1],
                                                            ratio(own[1], own[0])))

    out.append("\n### Events kept (share of log calls that reached the file / osslog's buffer)\n")
    out.append("| variant (regime) | kept (median over the trials) |")
    out.append("|---|---|")
    for variant in sorted(kept):
        out.append("| %s | %.1f%% |" % (variant, statistics.median(kept[variant])))

    out.append("\n### End-to-end throughput, one logging thread (higher is better)\n")
    out.append("| framework | variant | events/s | MB/s of log text | stored / text | last call returned / logging thread "
               "on a CPU (ms) | CPU in the shot: benchmark JVM / local OSS (ms) | ratio vs file | gzip vs plain |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for name, prefix in FRAMEWORKS:
        rates = {}
        for suffix in ("_FILE", "_OSS", "_OSS_GZIP"):
            variant = prefix + suffix
            run = runs.get(("EndToEndBenchmark", "logAndDeliver", "ss", variant))
            if not run:
                continue
            events = int(run["params"]["events"])
            seconds = median_iteration(run) / 1000.0
            # the teardown prints every shot; the measured ones are the last
            shots = e2e.get(variant, [(0, 0, 0, 0, None, None)])[-len(run["primaryMetric"]["rawData"][0]):]
            raw, stored = shots[-1][:2]
            last = statistics.median(s[2] for s in shots)
            cpu = statistics.median(s[3] for s in shots)
            rates[suffix] = events / seconds
            out.append("| %s | %s | %.0f | %.1f | %.1f%% | %.0f / %.0f | %s / %s | %s | %s |" % (
                name, variant, events / seconds, raw / seconds / 1e6, 100.0 * stored / raw if raw else 0, last, cpu,
                median_or_dash(s[4] for s in shots), median_or_dash(s[5] for s in shots),
                ratio(rates[suffix], rates.get("_FILE", 0)),
                ratio(rates[suffix], rates["_OSS"]) if suffix == "_OSS_GZIP" and "_OSS" in rates else ""))

    out.append("\n### Core parts\n")
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
            run = runs.get(("CorePartsBenchmark", method, mode, ""))
            if run:
                out.append("| %s | %.1f | %s |" % (label, median_iteration(run) * scale, unit))
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
