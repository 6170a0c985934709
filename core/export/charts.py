"""Static chart images (PNG, matplotlib) for Word documents. Interactive charts on pages use plotly;
documents need pictures, and matplotlib draws them without a browser."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from core.text import sanitize_text  # noqa: E402

COLORS = ["#1f6f8b", "#e07a5f", "#81b29a", "#f2cc8f", "#3d405b", "#99a1a6"]


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def bar_chart(
    labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str, ylabel: str, horizontal: bool = False
) -> bytes:
    """Grouped bars: one group per label, one bar per series."""
    fig, ax = plt.subplots(figsize=(8, 4.2))
    n = max(1, len(series))
    width = 0.8 / n
    positions = range(len(labels))
    for i, (name, values) in enumerate(series.items()):
        offsets = [p + (i - (n - 1) / 2) * width for p in positions]
        if horizontal:
            ax.barh(offsets, values, height=width, label=sanitize_text(name), color=COLORS[i % len(COLORS)])
        else:
            ax.bar(offsets, values, width=width, label=sanitize_text(name), color=COLORS[i % len(COLORS)])
    short = [sanitize_text(label)[:40] for label in labels]
    if horizontal:
        ax.set_yticks(list(positions), short)
        ax.set_xlabel(ylabel)
        ax.invert_yaxis()
    else:
        ax.set_xticks(list(positions), short, rotation=20, ha="right")
        ax.set_ylabel(ylabel)
    ax.set_title(sanitize_text(title))
    ax.spines[["top", "right"]].set_visible(False)
    if n > 1:
        ax.legend(frameon=False)
    return _png(fig)


def radar_chart(labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str, max_value: float) -> bytes:
    """A radar (spider) chart, one closed line per series, on a 0..max_value scale."""
    count = len(labels)
    angles = [2 * math.pi * i / count for i in range(count)] + [0.0]
    fig, ax = plt.subplots(figsize=(6, 6), subplot_kw={"polar": True})
    for i, (name, values) in enumerate(series.items()):
        closed = list(values) + [values[0]]
        ax.plot(angles, closed, color=COLORS[i % len(COLORS)], label=sanitize_text(name))
        ax.fill(angles, closed, color=COLORS[i % len(COLORS)], alpha=0.15)
    ax.set_xticks(angles[:-1], [sanitize_text(label)[:30] for label in labels])
    ax.set_ylim(0, max_value)
    ax.set_title(sanitize_text(title), pad=20)
    if len(series) > 1:
        ax.legend(loc="lower right", bbox_to_anchor=(1.25, -0.05), frameon=False)
    return _png(fig)


def line_chart(x: Sequence[str], series: dict[str, Sequence[float | None]], *, title: str, ylabel: str) -> bytes:
    fig, ax = plt.subplots(figsize=(8, 4))
    for i, (name, values) in enumerate(series.items()):
        ax.plot(
            list(x),
            [math.nan if v is None else v for v in values],
            marker="o",
            color=COLORS[i % len(COLORS)],
            label=sanitize_text(name),
        )
    ax.set_title(sanitize_text(title))
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", rotation=30)
    if len(series) > 1:
        ax.legend(frameon=False)
    return _png(fig)
