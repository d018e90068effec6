"""Charts of the Statistiques page, and the small one of Accueil, as inline SVG.

Python works out the geometry (value scales, whole-number ticks, where each bar, point
and label goes); the templates of render/templates/charts/ write the markup, autoescaped
like every page. An inline SVG needs no script and no network, so it shows from file://.
Text, axes and grid are in `currentColor`, so a chart takes the page's text colour in the
light and the dark palette; series colours read on both. Same table, same bytes. The only
id inside a chart, its title's, starts with the chart's id, so several charts can share a
page. A chart has a viewBox and a natural width, which the page's CSS shrinks to fit.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from build_tools.render.environment import environment
from build_tools.stats import Table, months_between

#: Series colours, legible on white and on Material's dark slate.
PALETTE = ("#e4572e", "#3f88c5", "#44af69", "#f2a541", "#9c6ade", "#8d99ae")
MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
#: Font size, in the viewBox's units.
FONT = 12
#: There are no font metrics at build time: a label's width is estimated at 0.6 em a
#: character, a little more than the average letter of a sans-serif font, so labels get
#: a little more room than they need rather than less.
CHAR = 0.6 * FONT
#: Natural widths; the page's CSS shrinks a chart to a narrower page.
WIDTH = 680
SMALL_WIDTH = 600
# The phone version of every chart: drawn this wide, it is shown at about its own size on a
# 390-pixel screen, so that its text stays FONT pixels high (archive.css picks the version).
NARROW_WIDTH = 340
PAD = 8  # around a chart, and between an axis and its labels
KEY_ROW = 18  # a legend row's height
KEY_MARK = 18  # a legend key's mark and the space before its name (see charts/_svg.j2)
ROW = 24  # a row of a horizontal bar chart
MAX_COLUMN = 40  # a column's width, at most: a chart of one or two months has no broad blocks
MAX_VALUE_TICKS = 6  # intervals on a value axis, at most
HIGH_OPACITY = 0.35  # the "fourchette haute" bar, behind the solid low one
#: A unit's singular and plural, for the values shown when a bar or point is hovered.
INCIDENTS = ("incident", "incidents")
LAUNCHED = ("drone lancé", "drones lancés")
DOWNED = ("drone abattu", "drones abattus")
KILLED = ("tué", "tués")
INJURED = ("blessé", "blessés")


def month_label(month: str) -> str:
    """2025-07 → "juil. 2025"."""
    return f"{MONTHS_SHORT[int(month[5:7]) - 1]} {month[:4]}"


def month_ticks(months: list[str]) -> list[tuple[int, str]]:
    """The months the axis labels, (index, label) each: every month of a span of a year or
    less; of a longer one, each January by its year, and the first month in full. A
    January one or two months after the first month goes unlabelled: the labels would
    overlap, and the first month's label already gives the year before it."""
    if len(months) <= 12:
        return [(i, month_label(m)) for i, m in enumerate(months)]
    return [
        (i, m[:4] if m.endswith("-01") else month_label(m))
        for i, m in enumerate(months)
        if i == 0 or (m.endswith("-01") and not 0 < i <= 2)
    ]


def nice_ticks(largest: int) -> list[int]:
    """Whole-number ticks from 0, a step of 1, 2 or 5 times a power of ten apart, the last
    at or above largest; 0 and 1 when every value is 0."""
    if largest <= 0:
        return [0, 1]
    steps = (factor * 10**power for power in itertools.count() for factor in (1, 2, 5))
    step = next(s for s in steps if math.ceil(largest / s) <= MAX_VALUE_TICKS)
    return list(range(0, step * math.ceil(largest / step) + 1, step))


def quantity(value: int, unit: tuple[str, str]) -> str:
    """12 incidents, 1 incident, 0 incident (French keeps 0 and 1 singular)."""
    return f"{value} {unit[0] if value <= 1 else unit[1]}"


def text_width(text: str) -> float:
    return len(text) * CHAR


def _r(value: float) -> float:
    """A coordinate to a tenth of a unit: short markup, and the same bytes every build."""
    return round(value, 1)


@dataclass(frozen=True)
class Tick:
    """A labelled position along an axis."""

    at: float
    label: str


@dataclass(frozen=True)
class Bar:
    """A rectangle of a series, and what hovering it says."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    tip: str
    opacity: float = 1.0


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    tip: str


@dataclass(frozen=True)
class Line:
    """A claimant's line: its runs of consecutive months with a figure (a month without one
    is a gap, not a zero) and a marker on each figure."""

    colour: str
    runs: list[list[tuple[float, float]]]
    points: list[Point]


@dataclass(frozen=True)
class Key:
    """A legend entry: a box (or a line with a marker) in the series' colour, then its
    name; at (x, y) once `legend` has placed it."""

    label: str
    colour: str
    line: bool = False
    opacity: float = 1.0
    x: float = 0.0
    y: float = 0.0


def legend(entries: list[Key], left: float, right: float, top: float) -> tuple[list[Key], float]:
    """The entries laid out in rows from top, from left to right,
    a new row when one would pass right; and where the rows end."""
    keys, x, y = [], left, top
    for entry in entries:
        size = KEY_MARK + text_width(entry.label)
        if x > left and x + size > right:
            x, y = left, y + KEY_ROW
        keys.append(replace(entry, x=_r(x), y=_r(y + KEY_ROW / 2)))
        x += size + 2 * PAD
    return keys, (y + KEY_ROW if entries else top)


@dataclass(frozen=True)
class MonthAxis:
    """The horizontal axis shared by a month chart's panels: a slot per month, its labels
    (rotated when they would overlap side by side), and the depth they take under the plot."""

    left: float
    right: float
    count: int
    labels: list[tuple[int, str]]
    rotated: bool

    @property
    def slot(self) -> float:
        return (self.right - self.left) / self.count

    def x(self, index: int) -> float:
        """The centre of the month's slot."""
        return _r(self.left + (index + 0.5) * self.slot)

    @property
    def ticks(self) -> list[Tick]:
        return [Tick(self.x(i), label) for i, label in self.labels]

    @property
    def depth(self) -> float:
        widest = max(text_width(label) for _, label in self.labels)
        return _r((0.71 * widest if self.rotated else 0) + FONT + 2 * PAD)


def labels_overlap(labels: list[tuple[int, str]], slot: float) -> bool:
    """Whether two neighbouring labels, centred on their months, would touch."""
    return any(
        (j - i) * slot < (text_width(a) + text_width(b)) / 2 + PAD
        for (i, a), (j, b) in itertools.pairwise(labels)
    )


def month_axis(months: list[str], width: float, value_labels: list[str], titled: bool) -> MonthAxis:
    """The month axis of a chart whose value axis has these labels (and a title, or none):
    margins wide enough for the value labels and for the first and last month labels."""
    labels = month_ticks(months)
    value_axis = (FONT + PAD if titled else 0) + max(map(text_width, value_labels)) + PAD
    slot = (width - value_axis - 2 * PAD) / len(months)  # a first estimate, margins aside
    rotated = labels_overlap(labels, slot)
    (first, first_label), (last, last_label) = labels[0], labels[-1]
    if rotated:  # labels end at their month and run down to the left
        left_reach, right_reach = 0.71 * text_width(first_label) - (first + 0.5) * slot, 0.0
    else:
        left_reach = text_width(first_label) / 2 - (first + 0.5) * slot
        right_reach = text_width(last_label) / 2 - (len(months) - last - 0.5) * slot
    left = PAD + max(value_axis, left_reach)
    right = width - PAD - max(0.0, right_reach)
    return MonthAxis(_r(left), _r(right), len(months), labels, rotated)


@dataclass(frozen=True)
class Panel:
    """A plot area of a month chart, top to bottom: its value ticks, the title of its value
    axis, the legend above it, and what it draws."""

    top: float
    bottom: float
    ticks: list[int]
    title: str | None = None
    keys: tuple[Key, ...] = ()
    bars: tuple[Bar, ...] = ()
    lines: tuple[Line, ...] = ()

    def y(self, value: float) -> float:
        return _r(self.bottom - (self.bottom - self.top) * value / self.ticks[-1])

    @property
    def value_ticks(self) -> list[Tick]:
        return [Tick(self.y(v), str(v)) for v in self.ticks]

    @property
    def middle(self) -> float:
        return _r((self.top + self.bottom) / 2)


@dataclass(frozen=True)
class MonthChart:
    """Panels stacked over one month axis."""

    width: float
    axis: MonthAxis
    panels: list[Panel]

    @property
    def height(self) -> float:
        return _r(self.panels[-1].bottom + self.axis.depth)

    @property
    def labels_y(self) -> float:
        """Where the month labels hang from."""
        return _r(self.panels[-1].bottom + PAD)

    @property
    def title_x(self) -> float:
        """The baseline of the value axes' titles, written upwards."""
        return PAD + FONT


def stacked_panels(
    months: list[str],
    width: float,
    plots: Sequence[tuple[str | None, list[int], list[Key]]],
    height: float,
) -> tuple[MonthAxis, list[Panel]]:
    """The month axis and the empty panels of a chart: one panel for each (value-axis
    title, ticks, legend entries), each `height` high under its legend."""
    axis = month_axis(
        months,
        width,
        [str(t) for _, ticks, _ in plots for t in ticks],
        any(title for title, _, _ in plots),
    )
    panels: list[Panel] = []
    top: float = PAD
    for title, ticks, entries in plots:
        keys, top = legend(entries, axis.left, axis.right, top)
        panels.append(Panel(top, top + height, ticks, title, tuple(keys)))
        top += height + 3 * PAD
    return axis, panels


def column(
    axis: MonthAxis,
    panel: Panel,
    index: int,
    low: float,
    high: float,
    colour: str,
    tip: str,
    opacity: float = 1.0,
) -> Bar:
    """The bar of a month from value low to value high. Its ends are the rounded positions
    of those values, so that stacked bars meet and add up to the column's total."""
    width = _r(min(0.8 * axis.slot, MAX_COLUMN))
    return Bar(
        _r(axis.x(index) - width / 2),
        panel.y(high),
        width,
        _r(panel.y(low) - panel.y(high)),
        colour,
        tip,
        opacity,
    )


def stacked_columns(
    months: list[str],
    series: dict[str | None, list[int]],
    title: str | None,
    width: float,
    height: float,
) -> MonthChart:
    """Columns by month, one segment per series stacked in series order; a legend when the
    series have names."""
    totals = [sum(values) for values in zip(*series.values(), strict=True)]
    entries = [
        Key(name, PALETTE[n % len(PALETTE)]) for n, name in enumerate(series) if name is not None
    ]
    axis, (panel,) = stacked_panels(
        months, width, [(title, nice_ticks(max(totals)), entries)], height
    )
    bars, base = [], [0] * len(months)
    for n, (name, values) in enumerate(series.items()):
        for i, value in enumerate(values):
            if value:
                where = month_label(months[i]) + (f", {name}" if name else "")
                bars.append(
                    column(
                        axis,
                        panel,
                        i,
                        base[i],
                        base[i] + value,
                        PALETTE[n % len(PALETTE)],
                        f"{where} : {quantity(value, INCIDENTS)}",
                    )
                )
                base[i] += value
    return MonthChart(width, axis, [replace(panel, bars=tuple(bars))])


def incidents_by_month_chart(table: Table, width: float) -> MonthChart:
    months = [str(r[0]) for r in table.rows]
    series: dict[str | None, list[int]] = {
        str(name): [int(r[i + 1]) for r in table.rows] for i, name in enumerate(table.columns[1:])
    }
    return stacked_columns(months, series, "incidents", width, 200)


def drones_by_claimant_chart(table: Table, width: float) -> MonthChart:
    """One line per claimant, never stacked: two claimants' figures are not to be added.
    A month without a figure from a claimant is a gap, not a zero."""
    months = months_between(min(str(r[0]) for r in table.rows), max(str(r[0]) for r in table.rows))
    groups = list(dict.fromkeys(str(r[1]) for r in table.rows))
    colours = {group: PALETTE[n % len(PALETTE)] for n, group in enumerate(groups)}
    figures = ((2, "drones lancés", LAUNCHED), (3, "drones abattus", DOWNED))
    entries = [Key(group, colours[group], line=True) for group in groups]
    plots = [
        (title, nice_ticks(max(int(r[col]) for r in table.rows)), entries if col == 2 else [])
        for col, title, _ in figures
    ]
    axis, panels = stacked_panels(months, width, plots, 150)
    for p, (col, _, unit) in enumerate(figures):
        given = {(str(r[1]), months.index(str(r[0]))): int(r[col]) for r in table.rows if r[col]}
        lines = [
            claimant_line(axis, panels[p], group, colours[group], unit, months, given)
            for group in groups
        ]
        panels[p] = replace(panels[p], lines=tuple(lines))
    return MonthChart(width, axis, panels)


def claimant_line(
    axis: MonthAxis,
    panel: Panel,
    group: str,
    colour: str,
    unit: tuple[str, str],
    months: list[str],
    given: dict[tuple[str, int], int],
) -> Line:
    """The claimant's line through the months where it gave a figure (given: the figures
    by (claimant, month index)), broken where it gave none."""
    indices = sorted(i for g, i in given if g == group)
    return Line(
        colour,
        [
            [(axis.x(i), panel.y(given[group, i])) for i in run]
            for run in consecutive_runs(indices)
            if len(run) > 1
        ],
        [
            Point(
                axis.x(i),
                panel.y(given[group, i]),
                f"{month_label(months[i])}, {group} : {quantity(given[group, i], unit)}",
            )
            for i in indices
        ],
    )


def consecutive_runs(indices: list[int]) -> list[list[int]]:
    """Sorted indices cut where one is not the next of the one before: [1, 2, 4] → [[1, 2], [4]]."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def casualties_by_month_chart(table: Table, width: float) -> MonthChart:
    """Two panels, killed and injured: each month's high figure as a light bar behind its
    low figure as a solid one."""
    months = [str(r[0]) for r in table.rows]
    figures = ((1, 2, "tués", KILLED, PALETTE[0]), (3, 4, "blessés", INJURED, PALETTE[1]))
    plots = [
        (
            title,
            nice_ticks(max(int(r[high]) for r in table.rows)),
            [
                Key("fourchette haute", colour, opacity=HIGH_OPACITY),
                Key("fourchette basse", colour),
            ],
        )
        for _, high, title, _, colour in figures
    ]
    axis, panels = stacked_panels(months, width, plots, 150)
    for p, (low, high, _, unit, colour) in enumerate(figures):
        bars = []
        for i, row in enumerate(table.rows):
            for col, bound, opacity in (
                (high, "fourchette haute", HIGH_OPACITY),
                (low, "fourchette basse", 1.0),
            ):
                if row[col]:
                    tip = f"{month_label(months[i])}, {bound} : {quantity(int(row[col]), unit)}"
                    bars.append(column(axis, panels[p], i, 0, int(row[col]), colour, tip, opacity))
        panels[p] = replace(panels[p], bars=tuple(bars))
    return MonthChart(width, axis, panels)


@dataclass(frozen=True)
class Row:
    """A row of a horizontal bar chart: its name (shortened to fit; the whole name is in the
    bar's tip, which hovering the row shows), its bar, and a note at the bar's end."""

    y: float
    label: str
    bar: Bar
    note: str | None = None

    @property
    def note_x(self) -> float:
        return _r(self.bar.x + self.bar.width)


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, names on the left, the value axis at the bottom."""

    width: float
    left: float
    right: float
    top: float
    bottom: float
    rows: list[Row]
    ticks: list[Tick]
    title: str

    @property
    def height(self) -> float:
        return _r(self.bottom + 2 * FONT + 3 * PAD)

    @property
    def ticks_y(self) -> float:
        return _r(self.bottom + PAD)

    @property
    def title_y(self) -> float:
        return _r(self.bottom + FONT + 2 * PAD)

    @property
    def middle(self) -> float:
        return _r((self.left + self.right) / 2)


def shortened(name: str, room: float) -> str:
    """The name, cut with an ellipsis when it is estimated wider than room."""
    return name if text_width(name) <= room else name[: max(1, int(room / CHAR) - 1)] + "…"


def horizontal_bars(
    bars: Sequence[tuple[str, float, str, str, str | None]],
    ticks: list[int],
    ceiling: float,
    title: str,
    width: float,
) -> BarChart:
    """Bars of (name, value, colour, tip, note at the bar's end) from the top down, on a
    value axis from 0 to ceiling with these ticks. The names' column is as wide as the
    longest name, up to a little over half the chart; the plot leaves room for the notes."""
    room = min(max(text_width(name) for name, *_ in bars), 0.55 * width)
    left = 2 * PAD + room
    right = width - PAD - text_width(str(ticks[-1])) / 2
    for _, value, _, _, note in bars:
        if note and value:  # the note must end inside the chart
            right = min(
                right, left + (width - PAD - text_width(note) - PAD / 2 - left) * ceiling / value
            )
    scale = (right - left) / ceiling
    rows = [
        Row(
            _r(PAD + ROW * (n + 0.5)),
            shortened(name, room),
            Bar(
                _r(left), _r(PAD + ROW * (n + 0.15)), _r(value * scale), _r(0.7 * ROW), colour, tip
            ),
            note,
        )
        for n, (name, value, colour, tip, note) in enumerate(bars)
    ]
    return BarChart(
        width,
        _r(left),
        _r(right),
        PAD,
        PAD + ROW * len(bars),
        rows,
        [Tick(_r(left + t * scale), str(t)) for t in ticks],
        title,
    )


def ranking_chart(table: Table, width: float) -> BarChart:
    counts = [(str(name), int(n)) for name, n in table.rows]
    ticks = nice_ticks(max(n for _, n in counts))
    bars = [(name, n, PALETTE[1], f"{name} : {quantity(n, INCIDENTS)}", None) for name, n in counts]
    return horizontal_bars(bars, ticks, ticks[-1], table.columns[1].lower(), width)


def limits_chart(table: Table, width: float) -> BarChart:
    """The share of incidents each row counts, with "n / m" at the bar's end; the first
    row (figures that disagree) in another colour. The axis runs to 115 % to leave room
    for the notes."""
    bars = []
    for n, (label, count, total) in enumerate(table.rows):
        share = 100 * int(count) / int(total) if total else 0
        bars.append(
            (
                str(label),
                share,
                PALETTE[0] if n == 0 else PALETTE[5],
                f"{label} : {count} / {total} ({share:.0f} %)",
                f"{count} / {total}",
            )
        )
    return horizontal_bars(bars, list(range(0, 101, 20)), 115, "% des incidents", width)


#: How each chart is drawn (from its table, at a width), and its template under charts/.
CHARTS: dict[str, tuple[Callable[[Table, float], MonthChart | BarChart], str]] = {
    "incidents-par-mois": (incidents_by_month_chart, "months"),
    "drones-par-mois": (drones_by_claimant_chart, "months"),
    "victimes-par-mois": (casualties_by_month_chart, "months"),
    "cibles": (ranking_chart, "bars"),
    "lieux": (ranking_chart, "bars"),
    "limites": (limits_chart, "bars"),
}


def chart_svg(table: Table, width: float = WIDTH, prefix: str | None = None) -> Markup:
    """The table's chart as an inline <svg> element `width` wide, titled with the table's
    title, its ids starting with `prefix` (the table's id); empty when the table has no row."""
    prefix = prefix or table.id
    if not table.rows:
        return empty_svg(prefix, table.title, width)
    draw, template = CHARTS[table.id]
    return render(template, prefix, table.title, draw(table, width))


def small_months_svg(table: Table, width: float = SMALL_WIDTH, prefix: str | None = None) -> Markup:
    """A small chart of incidents per month, all countries together, for Accueil."""
    prefix = prefix or "accueil-" + table.id
    if not table.rows:
        return empty_svg(prefix, table.title, width)
    months = [str(r[0]) for r in table.rows]
    totals = [sum(int(c) for c in r[1:]) for r in table.rows]
    chart = stacked_columns(months, {None: totals}, None, width, 110)
    return render("months", prefix, table.title, chart)


def page_chart(table: Table) -> Markup:
    """The statistics page's chart of the table, for wide screens and for phones."""
    return both_widths(chart_svg(table), chart_svg(table, NARROW_WIDTH, f"{table.id}-etroit"))


def page_small_months(table: Table) -> Markup:
    """Accueil's chart of incidents per month, for wide screens and for phones."""
    narrow = small_months_svg(table, NARROW_WIDTH, f"accueil-{table.id}-etroit")
    return both_widths(small_months_svg(table), narrow)


def both_widths(wide: Markup, narrow: Markup) -> Markup:
    """Each version of a chart in the box that archive.css shows on its kind of screen."""
    return Markup(
        f'<div class="archive-chart-wide">{wide}</div>\n'
        f'<div class="archive-chart-narrow">{narrow}</div>'
    )


def empty_svg(prefix: str, title: str, width: float) -> Markup:
    return render("empty", prefix, title, {"width": width, "height": 2 * PAD})


def render(template: str, prefix: str, title: str, chart: MonthChart | BarChart | dict) -> Markup:
    svg = (
        environment()
        .get_template(f"charts/{template}.svg.j2")
        .render(prefix=prefix, title=title, chart=chart, font=FONT)
    )
    return Markup(svg.strip())
