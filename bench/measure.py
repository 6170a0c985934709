"""Interleaved measurement for `make bench`: a figure and its bare reference, run by run, in one process state.

Timing all runs of a page and then all runs of its reference lets the machine's load change between the two
(another process starts, the CPU slows): on a loaded 2-core machine the same code gave ratios from 0.4 to 6.6.
Here the two alternate -- page, reference, reference, page, page, reference ... (the order flips every pair so
neither always runs first, on a warmer cache) -- and each pair gives one ratio. A row reports:

- the median of the per-pair ratios (what to read), with the medians of the page's and the reference's times;
- the interquartile range of those ratios (Q1..Q3, quartiles by linear interpolation between the closest ranks,
  numpy's default and `statistics.quantiles(method="inclusive")`);
- "noisy" when that range is wide: Q3 - Q1 greater than NOISY_SPREAD (25 %) of the median ratio. A noisy row says
  the machine moved under the measurement; its median is still the best figure the run has, but a target met or
  missed by less than the spread is not a verdict to trust.

Targets are ratios too (`Target`): met or missed is decided on the median ratio.

Never imports streamlit, never times anything by itself beyond calling `timer`: tests pass a fake timer.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

NOISY_SPREAD = 0.25  # IQR / median ratio above this: "noisy"


def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile (0 <= q <= 1) by linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("no values")
    if not 0 <= q <= 1:
        raise ValueError("q must be between 0 and 1")
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Target:
    """A limit on a figure: `at_most` (ratio or ms must be <= it) or `at_least` (>=), with its wording."""

    limit: float
    at_least: bool = False
    label: str = ""

    def met(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit

    def describe(self) -> str:
        return self.label or f"{'>=' if self.at_least else '<='} {self.limit:g}x"


@dataclass
class Comparison:
    """Interleaved pairs of one figure and its reference (times in ms)."""

    what: str
    page_ms: list[float]
    reference_ms: list[float]
    target: Target | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ratios(self) -> list[float]:
        return [p / r for p, r in zip(self.page_ms, self.reference_ms, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def q1(self) -> float:
        return quantile(self.ratios, 0.25)

    @property
    def q3(self) -> float:
        return quantile(self.ratios, 0.75)

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1

    @property
    def noisy(self) -> bool:
        return self.iqr > NOISY_SPREAD * self.ratio

    def row(self) -> dict:
        """The row of the results table (rounded for reading), with the target's verdict."""
        row = {
            "what": self.what,
            "ms": round(statistics.median(self.page_ms), 1),
            "reference_ms": round(statistics.median(self.reference_ms), 1),
            "ratio": round(self.ratio, 2),
            "iqr": [round(self.q1, 2), round(self.q3, 2)],
            "pairs": len(self.ratios),
            "noisy": self.noisy,
            **self.extra,
        }
        if self.target is not None:
            row["target"] = self.target.describe()
            row["met"] = self.target.met(self.ratio)
        return row


def interleaved(
    what: str,
    page: Callable[[], object],
    reference: Callable[[], object],
    pairs: int,
    *,
    before_page: Callable[[int], object] | None = None,
    target: Target | None = None,
    timer: Callable[[], float] = time.perf_counter,
) -> Comparison:
    """Time `page` and `reference` alternately, `pairs` times each; the order flips every pair
    (page first in pairs 0, 2, 4 ...; reference first in 1, 3, 5 ...).

    `before_page(n)` runs, untimed, just before the page's n-th run (e.g. a change to the workspace's data, for
    "the first run after a change"). `timer` returns seconds (`time.perf_counter`; tests pass a fake one).
    """
    if pairs < 1:
        raise ValueError("at least one pair")
    page_ms: list[float] = []
    reference_ms: list[float] = []

    def timed(fn: Callable[[], object]) -> float:
        start = timer()
        fn()
        return (timer() - start) * 1000

    for n in range(pairs):
        if n % 2 == 0:
            if before_page:
                before_page(n)
            page_ms.append(timed(page))
            reference_ms.append(timed(reference))
        else:
            reference_ms.append(timed(reference))
            if before_page:
                before_page(n)
            page_ms.append(timed(page))
    return Comparison(what, page_ms, reference_ms, target)


def from_pairs(what: str, pairs: Sequence[tuple[float, float]], target: Target | None = None) -> Comparison:
    """A comparison of pairs timed elsewhere (in a browser, across processes): [(page ms, reference ms), ...]."""
    return Comparison(what, [p for p, _ in pairs], [r for _, r in pairs], target)


def figure_row(what: str, ms: float, *, target: Target | None = None, **extra) -> dict:
    """A row with no reference (an absolute figure such as an export under a second, or a room's p95)."""
    row = {"what": what, "ms": round(ms, 1), **extra}
    if target is not None:
        row["target"] = target.describe()
        row["met"] = target.met(ms)
    return row


def _cell(value) -> str:
    return "" if value is None else str(value)


def table(rows: list[dict]) -> str:
    """One markdown table: the figure, its reference, the median ratio of the pairs, its IQR, the target.
    A row's "value" (e.g. "1.2 MB/session"), when it has one, stands in the figure's column instead of "ms"."""
    lines = [
        "| what | median ms | reference ms | ratio (median of pairs) | IQR of ratios | target |",
        "|---|---:|---:|---:|---|---|",
    ]
    for r in rows:
        if "error" in r:
            error = " ".join(str(r["error"]).split()).replace("|", "/")  # one table row, whatever the message
            lines.append(f"| {r['what']} | error: {error} | | | | |")
            continue
        iqr = f"{r['iqr'][0]}-{r['iqr'][1]}" + (" **noisy**" if r.get("noisy") else "") if "iqr" in r else ""
        verdict = ""
        if "target" in r:
            verdict = f"{r['target']}: {'met' if r['met'] else '**missed**'}"
        figure = _cell(r.get("value", r.get("ms")))
        lines.append(
            f"| {r['what']} | {figure} | {_cell(r.get('reference_ms'))} | {_cell(r.get('ratio'))} | {iqr} | {verdict} |"
        )
    return "\n".join(lines)
