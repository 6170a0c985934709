"""Static chart images (PNG, matplotlib) for Word documents. Interactive charts on pages use plotly;
documents need pictures, and matplotlib draws them without a browser.

Speed: charts are most of an export's time (about 70-100 ms of matplotlib each, mostly per-artist
Python work and text shaping, hardly the pixels: a lower dpi saves little). So:

- each figure has a fixed layout (margins set once, room for long labels) and is drawn once at 110 dpi,
  without `bbox_inches="tight"` (which draws it twice to measure it) and, for bar charts, with the title's
  place fixed (matplotlib otherwise measures every tick label to see whether the title clears them; above
  bars whose ticks are all at the bottom and whose value axis has no "1e6" offset text, it always does), and
  for the radar (see there).
  110 dpi is sharp at the 5-7 inch width a page shows a chart;
- figures are made outside pyplot (no global figure list: safe when two sessions export at once);
- the PNG is written from the drawn pixels as RGB (the figure is opaque: alpha carries nothing) at zlib
  level 3, which is faster than matplotlib's RGBA at level 6 and still smaller;
- every chart is kept, as PNG bytes, in a small process-level cache keyed by all of its inputs (the kind of
  chart, its labels, every series' name and values, title, axis label, options, and the module's dpi and
  label length): the same workbook exported twice, or after a change in another step, draws none of its
  charts again. A chart whose inputs differ in anything is drawn anew; the cache holds at most
  CACHE_BYTES of images, the least recently used dropped first;
- Python's cyclic garbage collector is paused while a chart is drawn (`_collector_paused`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import math
import numbers
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from PIL import Image

from core.text import sanitize_text

COLORS = ["#1f6f8b", "#e07a5f", "#81b29a", "#f2cc8f", "#3d405b", "#99a1a6"]


DPI = 110
LABEL_CHARS = 38
PNG_COMPRESS_LEVEL = 3
CACHE_BYTES = 16 * 1024 * 1024  # about 300 charts of 30-120 KB

_cache: OrderedDict[tuple, bytes] = OrderedDict()
_cache_bytes = 0
_cache_lock = threading.Lock()


def _frozen(value: object) -> object:
    """`value` as a hashable key part that tells apart every input that could change a pixel:
    sequences and dicts become tuples (a dict's order kept: it is the legend's order), numbers stay
    numbers with their type's name (so True, 1 and 1.0 never share an entry by equality).
    Anything else (an iterator, an object of another kind) raises TypeError: the chart is then drawn, not kept."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, dict):
        return ("dict", tuple((_frozen(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, Sequence):
        return ("seq", tuple(_frozen(v) for v in value))
    if isinstance(value, numbers.Number):
        return (type(value).__name__, value)
    raise TypeError(f"a chart input of type {type(value).__name__} is not kept")


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector paused while one chart is drawn (about 0.1 s).

    A figure is thousands of short-lived objects in reference cycles. Collections while it is drawn found
    them all alive and moved them to the oldest generation, which then grew fast enough to make Python scan
    every object of the process (0.2-0.3 s of CPU with the app loaded) about every other export. Paused, the
    figure's objects are still young when it is done, and the next young-generation collection frees them.
    Re-enabled only if it was enabled (two exports at once leave it as they found it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _kept(draw: Callable[..., bytes]) -> Callable[..., bytes]:
    """Decorator: keep `draw`'s PNG under all of its arguments (and the module's drawing settings)."""

    @functools.wraps(draw)
    def cached(*args, **kwargs) -> bytes:
        global _cache_bytes
        try:
            key = (draw.__name__, DPI, LABEL_CHARS, PNG_COMPRESS_LEVEL, _frozen(args), _frozen(sorted(kwargs.items())))
            hash(key)
        except TypeError:  # an input the key cannot hold for sure: draw it, keep nothing
            with _collector_paused():
                return draw(*args, **kwargs)
        with _cache_lock:
            png = _cache.get(key)
            if png is not None:
                _cache.move_to_end(key)
                return png
        with _collector_paused():
            png = draw(*args, **kwargs)
        with _cache_lock:
            if key not in _cache:
                _cache[key] = png
                _cache_bytes += len(png)
            while _cache_bytes > CACHE_BYTES and _cache:
                _, dropped = _cache.popitem(last=False)
                _cache_bytes -= len(dropped)
        return png

    cached.uncached = draw  # type: ignore[attr-defined]  # the drawing itself (tests, the bench)
    return cached


def clear_cache() -> None:
    """Forget every kept chart (tests; the bench's builds with nothing kept)."""
    global _cache_bytes
    with _cache_lock:
        _cache.clear()
        _cache_bytes = 0


def _figure(width: float, height: float, **subplot_kw):
    """A figure and its axes, drawn by Agg at DPI, outside pyplot (no global figure list, safe in threads)."""
    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot(**subplot_kw)


def _png(fig) -> bytes:
    """The figure drawn once by Agg, written as an RGB PNG (the same pixels `savefig` gives, sooner)."""
    with warnings.catch_warnings():  # an emoji in a label has no glyph in the font: drawn as a box, not an error
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        fig.canvas.draw()
    rgba = fig.canvas.buffer_rgba()
    image = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL, dpi=(DPI, DPI))
    return buffer.getvalue()


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(sanitize_text(label).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@_kept
def bar_chart(
    labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str, ylabel: str, horizontal: bool = False
) -> bytes:
    """Grouped bars: one group per label, one bar per series. The legend sits in rows above the bars,
    as many columns as fit the figure's width (a legend wider than the figure lost its last series)."""
    n = max(1, len(series))
    rows = len(labels)
    names = [_short(name, 60) for name in series]
    per_entry = 0.6 + 0.075 * max((len(x) for x in names), default=0)  # inches at 10 pt, with its swatch
    ncol = max(1, min(n, int(7.6 // per_entry)))
    legend_rows = math.ceil(n / ncol) if n > 1 else 0
    head = 0.45 + 0.25 * legend_rows  # inches above the bars: the title and the legend's rows
    if horizontal:  # the height grows with the bars; the left margin holds 40-character labels
        height = min(9.0, max(3.0, 1.4 + 0.32 * rows * (1 + 0.35 * (n - 1)))) + 0.25 * legend_rows
        fig, ax = _figure(8, height)
        fig.subplots_adjust(left=0.4, right=0.97, top=1 - head / height, bottom=0.75 / height)
    else:
        tilt = max((len(x) for x in labels), default=0) > 14
        height = 4.6 + 0.25 * legend_rows
        fig, ax = _figure(8, height)
        fig.subplots_adjust(left=0.12, right=0.97, top=1 - head / height, bottom=(1.3 if tilt else 0.75) / height)
    width = 0.8 / n
    positions = range(len(labels))
    for i, (name, values) in enumerate(zip(names, series.values(), strict=True)):
        offsets = [p + (i - (n - 1) / 2) * width for p in positions]
        if horizontal:
            ax.barh(offsets, values, height=width, label=name, color=COLORS[i % len(COLORS)])
        else:
            ax.bar(offsets, values, width=width, label=name, color=COLORS[i % len(COLORS)])
    short = [_short(label) for label in labels]
    if horizontal:
        ax.set_yticks(list(positions), short)
        ax.set_xlabel(ylabel)
        ax.invert_yaxis()
    else:
        ax.set_xticks(list(positions), short, rotation=20 if tilt else 0, ha="right" if tilt else "center")
        ax.set_ylabel(ylabel)
    (ax.xaxis if horizontal else ax.yaxis).set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.spines[["top", "right"]].set_visible(False)
    if n > 1:  # rows above the bars, under the title: never on top of a long bar, never wider than the figure
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=ncol, borderaxespad=0.2)
        ax.set_title(_short(title, 80), pad=8 + 18 * legend_rows, y=1.0)
    else:
        ax.set_title(_short(title, 80), y=1.0)
    return _png(fig)


@_kept
def radar_chart(labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str, max_value: float) -> bytes:
    """A radar (spider) chart, one closed line per series, on a 0..max_value scale."""
    count = len(labels)
    angles = [2 * math.pi * i / count for i in range(count)] + [0.0]
    fig, ax = _figure(6.4, 6.6, polar=True)
    # Fixed room around the circle: the axis labels on every side, the title above, the legend below
    # (a legend beside the circle covered the "Sustainability" label).
    fig.subplots_adjust(left=0.17, right=0.83, top=0.84, bottom=0.2)
    for i, (name, values) in enumerate(series.items()):
        closed = list(values) + [values[0]]
        ax.plot(angles, closed, color=COLORS[i % len(COLORS)], label=sanitize_text(name))
        ax.fill(angles, closed, color=COLORS[i % len(COLORS)], alpha=0.15)
    ax.set_xticks(angles[:-1], [_short(label, 30) for label in labels])
    ax.set_ylim(0, max_value)
    ax.set_rlabel_position(360 / count / 2)  # the scale between the first two labels, not on top of one
    # The title's place fixed: 28 points clear a one-line label at the top of the circle (checked pixel for pixel
    # against matplotlib's own placement for 3 to 10 labels), and a 1-4 scale has no "1e6" offset text.
    ax.set_title(_short(title, 80), pad=28, y=1.0)
    if len(series) > 1:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=min(3, len(series)), frameon=False)
    return _png(fig)


@_kept
def line_chart(x: Sequence[str], series: dict[str, Sequence[float | None]], *, title: str, ylabel: str) -> bytes:
    fig, ax = _figure(8, 4.2)
    fig.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.24)
    for i, (name, values) in enumerate(series.items()):
        ax.plot(
            [_short(v, 20) for v in x],
            [math.nan if v is None else v for v in values],
            marker="o",
            color=COLORS[i % len(COLORS)],
            label=sanitize_text(name),
        )
    ax.set_title(_short(title, 80))  # placed by matplotlib: a "1e6" over the dollars axis may push it up
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", rotation=30)
    if len(series) > 1:
        ax.legend(frameon=False)
    return _png(fig)
