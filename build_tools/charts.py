"""Charts of the Statistiques page, drawn at build time by matplotlib as inline SVG.

An inline SVG needs no script and no network, so it shows from file://. Text, axes and
grid are drawn in a placeholder colour that becomes `currentColor`, so a chart takes the
page's text colour in the light and the dark palette; series colours read on both. The
output is deterministic: fixed hash salt, no date in the metadata, ids prefixed by the
chart's id so that several charts can share a page.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup

from build_tools.stats import Table, months_between

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Series colours, legible on white and on Material's dark slate.
PALETTE = ("#e4572e", "#3f88c5", "#44af69", "#f2a541", "#9c6ade", "#8d99ae")
# Placeholder colours replaced in the SVG: foreground (text, axes) and grid.
_INK = "#010203"
_GRID = "#040506"
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "archive",
    "font.family": "sans-serif",
    "font.size": 10,
    "text.color": _INK,
    "axes.labelcolor": _INK,
    "axes.edgecolor": _INK,
    "xtick.color": _INK,
    "ytick.color": _INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": _GRID,
    "grid.alpha": 0.25,
    "axes.facecolor": "none",
    "figure.facecolor": "none",
    "legend.frameon": False,
}


def month_label(month: str) -> str:
    """2025-07 → "juil. 2025"."""
    return f"{MONTHS_SHORT[int(month[5:7]) - 1]} {month[:4]}"


def _month_axis(ax: Axes, months: list[str]) -> None:
    """Label every month of a short span; of a long one, each January by its year, and
    the first month in full."""
    if len(months) <= 12:
        ticks = {i: month_label(m) for i, m in enumerate(months)}
    else:
        ticks = {i: m[:4] if m.endswith("-01") else month_label(m) for i, m in enumerate(months) if i == 0 or m.endswith("-01")}
    ax.set_xticks(list(ticks), list(ticks.values()))
    ax.tick_params(axis="x", labelrotation=0 if len(ticks) <= 6 else 45)
    ax.set_xlim(-0.6, len(months) - 0.4)


def _stacked_months(ax: Axes, months: list[str], series: dict[str, list[int]]) -> None:
    bottom = [0] * len(months)
    for n, (name, values) in enumerate(series.items()):
        ax.bar(range(len(months)), values, bottom=bottom, label=name, color=PALETTE[n % len(PALETTE)], width=0.8)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    _month_axis(ax, months)
    _whole_numbers(ax, "y", max(bottom, default=0))


def _whole_numbers(ax: Axes, axis: str, largest: int) -> None:
    """Integer ticks on the value axis, and 0 to 1 rather than a scale around 0 when
    every value is 0."""
    (ax.yaxis if axis == "y" else ax.xaxis).get_major_locator().set_params(integer=True)
    if largest == 0:
        (ax.set_ylim if axis == "y" else ax.set_xlim)(0, 1)


def _incidents_by_month(fig: Figure, table: Table) -> None:
    ax = fig.subplots()
    months = [r[0] for r in table.rows]
    series = {name: [r[i + 1] for r in table.rows] for i, name in enumerate(table.columns[1:])}
    _stacked_months(ax, months, series)
    ax.set_ylabel("incidents")
    ax.legend(loc="upper left")


def _drones_by_claimant(fig: Figure, table: Table) -> None:
    """One line per claimant, never stacked: two claimants' figures are not to be added.
    A month without a figure from a claimant is a gap, not a zero."""
    months = months_between(min(r[0] for r in table.rows), max(r[0] for r in table.rows))
    groups = list(dict.fromkeys(r[1] for r in table.rows))
    axes = fig.subplots(2, 1, sharex=True)
    for ax, column, label in zip(axes, (2, 3), ("drones lancés", "drones abattus"), strict=True):
        values: dict[str, list[float]] = defaultdict(lambda: [math.nan] * len(months))
        for row in table.rows:
            if row[column]:
                values[row[1]][months.index(row[0])] = row[column]
        for n, group in enumerate(groups):
            ax.plot(range(len(months)), values[group], label=group, color=PALETTE[n % len(PALETTE)], marker="o", markersize=4, linewidth=1.2)
        _month_axis(ax, months)
        _whole_numbers(ax, "y", max((r[column] for r in table.rows), default=0))
        ax.set_ylim(bottom=0)
        ax.set_ylabel(label)
    axes[0].legend(loc="upper left", fontsize=8)


def _casualties_by_month(fig: Figure, table: Table) -> None:
    months = [r[0] for r in table.rows]
    axes = fig.subplots(2, 1, sharex=True)
    for ax, (low, high), label, colour in zip(axes, ((1, 2), (3, 4)), ("tués", "blessés"), PALETTE[:2], strict=True):
        positions = range(len(months))
        ax.bar(positions, [r[high] for r in table.rows], color=colour, alpha=0.35, width=0.8, label="fourchette haute")
        ax.bar(positions, [r[low] for r in table.rows], color=colour, width=0.8, label="fourchette basse")
        _month_axis(ax, months)
        _whole_numbers(ax, "y", max((r[high] for r in table.rows), default=0))
        ax.set_ylabel(label)
        ax.legend(loc="upper left", fontsize=8)


def _ranking(fig: Figure, table: Table) -> None:
    ax = fig.subplots()
    names = [str(r[0]) for r in table.rows][::-1]
    ax.barh(names, [r[1] for r in table.rows][::-1], color=PALETTE[1])
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    _whole_numbers(ax, "x", max((r[1] for r in table.rows), default=0))
    ax.set_xlabel(table.columns[1].lower())


def _limits(fig: Figure, table: Table) -> None:
    ax = fig.subplots()
    rows = table.rows[::-1]
    shares = [100 * r[1] / r[2] if r[2] else 0 for r in rows]
    bars = ax.barh([str(r[0]) for r in rows], shares, color=[PALETTE[0] if i == len(rows) - 1 else PALETTE[5] for i in range(len(rows))])
    ax.bar_label(bars, [f"{r[1]} / {r[2]}" for r in rows], padding=3)
    ax.set_xlim(0, 115)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel("% des incidents")


WIDTH = 7.0  # inches; the SVG scales to the page's width
#: How each chart is drawn, and its height in inches (for rankings: per row, plus margins).
DRAWERS: dict[str, tuple[Callable[[Figure, Table], None], Callable[[int], float]]] = {
    "incidents-par-mois": (_incidents_by_month, lambda rows: 3.2),
    "drones-par-mois": (_drones_by_claimant, lambda rows: 5.0),
    "victimes-par-mois": (_casualties_by_month, lambda rows: 5.0),
    "cibles": (_ranking, lambda rows: 0.8 + 0.32 * rows),
    "lieux": (_ranking, lambda rows: 0.8 + 0.32 * rows),
    "limites": (_limits, lambda rows: 0.8 + 0.4 * rows),
}


def chart_svg(table: Table) -> Markup:
    """The table's chart as an inline <svg> element, titled with the table's title."""
    draw, height = DRAWERS[table.id]
    return _svg((WIDTH, height(len(table.rows))), lambda fig: draw(fig, table) if table.rows else None, table.id, table.title)


def small_months_svg(table: Table) -> Markup:
    """A small chart of incidents per month, all countries together, for Accueil."""
    months, totals = [r[0] for r in table.rows], [sum(r[1:]) for r in table.rows]

    def draw(fig: Figure) -> None:
        if months:
            _stacked_months(fig.subplots(), months, {"incidents": totals})

    return _svg((6, 1.8), draw, "accueil-" + table.id, table.title)


def _svg(size: tuple[float, float], draw: Callable[[Figure], None], prefix: str, title: str) -> Markup:
    import matplotlib  # imported when a chart is drawn: a build whose charts are cached does without it

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=size, layout="constrained")
        draw(fig)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
        plt.close(fig)
    return inline_svg(out.getvalue(), prefix, title)


def inline_svg(document: str, prefix: str, title: str) -> Markup:
    """An SVG document made fit to inline in a page: no XML prolog nor metadata, ids
    prefixed, its style rule kept to itself, the placeholder colours turned into the page's
    text colour, a title for screen readers, no blank line (which would end a Markdown HTML
    block). Matplotlib escapes the text it draws; the title is escaped here."""
    svg = document[document.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}-{m.group(1)}"', svg)
    svg = svg.replace(_INK, "currentColor").replace(_GRID, "currentColor")
    svg = svg.replace("<svg ", f'<svg id="{prefix}" role="img" aria-labelledby="{prefix}-title" ', 1)
    svg = svg.replace("*{stroke-linejoin", f"#{prefix} *{{stroke-linejoin", 1)
    svg = re.sub(r"(<svg[^>]*>)", lambda m: f'{m.group(1)}<title id="{prefix}-title">{html.escape(title)}</title>', svg, count=1)
    return Markup("\n".join(line for line in svg.splitlines() if line.strip()))
