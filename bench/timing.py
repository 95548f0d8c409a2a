"""Timing of the matching benchmark (bench/matching.py): repeated runs, p50/p95, one line each."""

import gc
import time
from dataclasses import dataclass, field


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[round(share * (len(ordered) - 1))]


@dataclass
class Timing:
    """Wall-clock and CPU milliseconds of repeated runs."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def timed(function, runs: int) -> tuple[Timing, object]:
    """Run `function` `runs` times. Like `timeit`, the garbage collector is off while a run is
    timed and collects between runs: a full collection walks every object of the process (here
    the generated catalogue and territory tree), which measures the heap, not the matcher."""
    timing = Timing()
    result = None
    for _ in range(runs):
        result = None
        gc.collect()
        gc.disable()
        try:
            wall, cpu = time.perf_counter(), time.process_time()
            result = function()
            timing.cpu.append((time.process_time() - cpu) * 1000)
            timing.wall.append((time.perf_counter() - wall) * 1000)
        finally:
            gc.enable()
    return timing, result


def report(label: str, timing: Timing, target: float | None = None) -> bool:
    """One line: wall-clock p50/p95 (the target applies to them) and CPU p50."""
    p50, p95 = percentile(timing.wall, 0.5), percentile(timing.wall, 0.95)
    verdict = ""
    ok = True
    if target is not None:
        ok = p95 < target
        verdict = f"  target p95 < {target} ms: {'met' if ok else 'MISSED'}"
    cpu = percentile(timing.cpu, 0.5)
    print(f"{label:<40} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  cpu p50 {cpu:7.1f} ms{verdict}")
    return ok
