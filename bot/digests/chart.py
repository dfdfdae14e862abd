"""The digest's trend chart: each pulse dimension's weekly score, rendered headless to PNG bytes in memory."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

COLOURS = {"alignment": "#1f6feb", "empowerment": "#2da44e", "outcome": "#bf8700"}


def trend_chart(title: str, weeks: Sequence[str], series: Mapping[str, Sequence[float | None]]) -> bytes:
    """A line per dimension (scores 0–100) over `weeks` (labels, oldest first); a week with nothing to show leaves
    a gap rather than a zero."""
    figure = Figure(figsize=(8, 3.6), dpi=100)
    canvas = FigureCanvasAgg(figure)  # headless: no GUI backend, no pyplot global state
    axes = figure.subplots()
    for dimension, scores in series.items():
        values = [float("nan") if s is None else s for s in scores]
        axes.plot(weeks, values, marker="o", label=dimension.capitalize(), color=COLOURS.get(dimension))
    axes.set_ylim(0, 100)
    axes.set_ylabel("Score (0–100)")
    axes.set_title(title)
    axes.grid(axis="y", alpha=0.3)
    if series:
        axes.legend(loc="lower left", frameon=False, ncols=len(series))
    figure.tight_layout()
    buffer = io.BytesIO()
    canvas.print_png(buffer)
    return buffer.getvalue()
