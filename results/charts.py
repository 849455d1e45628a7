"""Server-rendered SVG bar charts of the published figures (no JavaScript, no library).

:func:`channel_chart` and :func:`district_chart` compute the geometry of horizontal bar charts;
``templates/results/includes/bar_chart.html`` draws them. How they meet WCAG 2.2:

- the ``<svg>`` is ``role="img"`` named by its ``<title>`` and described by its ``<desc>`` (every
  value in words), and a real table with the same figures stands beside it (1.1.1, 1.3.1);
- every bar carries its label and its value as text, and each channel also has its own pattern
  (solid, stripes, dots, cross-hatching), so nothing depends on colour (1.4.1);
- bar colours have at least 4.5:1 against white and every bar has an outline in its colour
  (1.4.11); the chart's background is white in every display setting;
- labels sit above their bars, so the chart is narrow (360 units) and scales with the page: it
  reflows at 320 px and grows with the text at 200 % zoom (1.4.4, 1.4.10).

Withheld figures (:mod:`results.suppression`) get no bar, only their text ("<5",
"x"); the scale of a group is its largest published value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from munich_portal.core.channels import Channel

__all__ = ["CHANNEL_STYLES", "Bar", "Chart", "Group", "channel_chart", "district_chart"]

WIDTH = 360
FONT_SIZE = 16
LABEL_HEIGHT = 20
BAR_HEIGHT = 20
ROW_GAP = 8
GROUP_TITLE_HEIGHT = 28
GROUP_GAP = 14
VALUE_SPACE = 56
# Room for the longest channel name ("Papierformular") left of the bars.
CHANNEL_LABEL_WIDTH = 128
PADDING = 4
# Labels above their bars wrap after this many characters (the chart is 360 units wide).
LABEL_CHARACTERS = 36


@dataclass(frozen=True)
class Style:
    colour: str
    pattern: str  # solid, stripes, dots, cross


# Colours with at least 4.5:1 against white (text and bar outlines use the same colour).
CHANNEL_STYLES: dict[str, Style] = {
    Channel.ONLINE: Style("#005a9f", "solid"),
    Channel.PAPER: Style("#8a4600", "stripes"),
    Channel.PHONE: Style("#1e6b34", "dots"),
    Channel.ON_SITE: Style("#6b2c91", "cross"),
}
DISTRICT_STYLE = Style("#005a9f", "solid")


def _wrap(label: str, width: int = LABEL_CHARACTERS) -> list[str]:
    """Split a long label after hyphens or spaces into lines of at most ``width`` characters."""
    parts = re.findall(r"[^-\s]+(?:-|\s+|$)", label) or [label]
    lines, line = [], ""
    for part in parts:
        if line and len(line + part.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += part
    lines.append(line.rstrip())
    return lines


@dataclass
class Bar:
    label: str
    value_text: str
    style: Style
    y_label: int
    y_bar: int
    x: int
    width: float
    text_x: float

    @property
    def text_y(self) -> int:
        return self.y_bar + BAR_HEIGHT - 4

    label_lines: list[str] = field(default_factory=list)

    @property
    def label_y(self) -> int:
        if self.x:  # beside the bar: on the bar's baseline
            return self.text_y
        return self.y_label + LABEL_HEIGHT - 4

    @property
    def label_rows(self) -> list[tuple[int, str]]:
        """(baseline, text) of each line of a label above its bar."""
        lines = self.label_lines or [self.label]
        return [(self.label_y + LABEL_HEIGHT * index, line) for index, line in enumerate(lines)]

    @property
    def bar_x(self) -> float:
        return self.x + 0.75


@dataclass
class Group:
    title: str
    y_title: int
    bars: list[Bar] = field(default_factory=list)

    @property
    def title_y(self) -> int:
        return self.y_title + GROUP_TITLE_HEIGHT - 8


@dataclass
class Chart:
    id: str
    title: str
    description: str
    groups: list[Group]
    height: int
    width: int = WIDTH
    font_size: int = FONT_SIZE
    bar_height: int = BAR_HEIGHT

    @property
    def styles(self) -> list[tuple[str, Style]]:
        """The patterns the chart uses, for its ``<defs>`` (ids are prefixed by the chart's)."""
        seen: dict[str, Style] = {}
        for group in self.groups:
            for bar in group.bars:
                seen.setdefault(f"{bar.style.pattern}-{bar.style.colour[1:]}", bar.style)
        return list(seen.items())


def _layout(chart_id, title, description, groups_data, *, label_width: int = 0) -> Chart:
    """``groups_data``: [(group title or "", [(label, cell, style)])] -> a chart with geometry.

    With ``label_width`` the labels stand left of their bars (short labels such as channels),
    otherwise above them (long ones such as district names).
    """
    groups = []
    y = PADDING
    bar_space = WIDTH - VALUE_SPACE - label_width
    for group_title, items in groups_data:
        group = Group(title=group_title, y_title=y)
        if group_title:
            y += GROUP_TITLE_HEIGHT
        known = [cell.value for _label, cell, _style in items if cell.value is not None]
        scale_max = max(known, default=0)
        for label, cell, style in items:
            width = 0.0
            if cell.value and scale_max:
                width = round(bar_space * cell.value / scale_max, 1)
            lines = [label] if label_width else _wrap(label)
            bar_y = y if label_width else y + LABEL_HEIGHT * len(lines)
            group.bars.append(
                Bar(
                    label=label,
                    value_text=cell.display,
                    style=style,
                    y_label=y,
                    y_bar=bar_y,
                    x=label_width,
                    width=width,
                    text_x=round(label_width + width + 6, 1),
                    label_lines=lines,
                )
            )
            y = bar_y + BAR_HEIGHT + ROW_GAP
        groups.append(group)
        y += GROUP_GAP
    return Chart(
        id=chart_id, title=title, description=description, groups=groups, height=y + PADDING
    )


def _sentence(items) -> str:
    return ", ".join(f"{label} {cell.display}" for label, cell, _style in items)


def channel_chart(by_channel: list[dict], *, chart_id: str = "chart-channels") -> Chart:
    """Small multiples: per measure, one bar per channel (``PublishedFigures.by_channel()``).

    Measures with nothing counted get no panel; the description and the table still name them.
    """
    labels = dict(Channel.choices)
    groups_data = []
    sentences = []
    for row in by_channel:
        measure = str(row["label"]).capitalize()
        items = [
            (capfirst(str(labels[channel])), cell, CHANNEL_STYLES[channel])
            for channel, cell in zip(CHANNEL_STYLES, row["cells"], strict=False)
        ]
        if row["cells"][-1].value == 0:
            sentences.append(_("%(measure)s: none.") % {"measure": measure})
            continue
        groups_data.append((measure, items))
        sentences.append(f"{measure}: {_sentence(items)}.")
    return _layout(
        chart_id,
        _("Participation by channel"),
        " ".join(sentences),
        groups_data,
        label_width=CHANNEL_LABEL_WIDTH,
    )


def district_chart(
    by_district: list[dict], *, measure_index: int, measure_label, chart_id: str
) -> Chart:
    """One bar per district for one measure (``PublishedFigures.by_district()``)."""
    items = [
        (row["district"].label, row["cells"][measure_index], DISTRICT_STYLE) for row in by_district
    ]
    title = _("%(measure)s by city district") % {"measure": str(measure_label).capitalize()}
    return _layout(chart_id, title, f"{_sentence(items)}.", [("", items)])
