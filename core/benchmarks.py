"""What the page benchmarks (`make bench-cases`, `make bench-messages`) share: timing one
request per size in turns, and printing p50, p95 and how they grow with the size."""

import statistics
from collections.abc import Callable


def time_in_turns(
    clients: dict, measure: Callable[[object], float], *, runs: int, warm_up: int
) -> dict[int, tuple[float, float]]:
    """p50 and p95 (ms) of `measure(client)` for each size's client. The sizes take turns,
    request by request and in alternating order, so that whatever else the machine is doing
    weighs on each alike; the first `warm_up` rounds are not counted."""
    timings = {size: [] for size in clients}
    for run in range(warm_up + runs):
        turn = list(clients.items())
        for size, client in turn if run % 2 else reversed(turn):
            elapsed = measure(client)
            if run >= warm_up:
                timings[size].append(elapsed)
    figures = {}
    for size, measured in timings.items():
        measured.sort()
        p95 = measured[min(len(measured) - 1, round(0.95 * len(measured)) - 1)]
        figures[size] = (statistics.median(measured), p95)
    return figures


def figures_write(write: Callable[[str], None], figures: dict, *, unit: str, what: str) -> None:
    for size, (p50, p95) in figures.items():
        write(f"{size:>9,} {unit}: p50 {p50:7.2f} ms, p95 {p95:7.2f} ms ({what})")
    if len(figures) > 1:
        smallest, largest = min(figures), max(figures)
        write(
            f"ratio {largest:,} / {smallest:,} {unit}: "
            f"p50 {figures[largest][0] / figures[smallest][0]:.2f}, "
            f"p95 {figures[largest][1] / figures[smallest][1]:.2f}"
        )
