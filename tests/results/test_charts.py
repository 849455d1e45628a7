"""Chart geometry: every value as text, no bar for withheld counts, bars within the chart."""

import pytest
from django.utils import translation

from results import charts
from results.statistics import DistrictRef
from results.suppression import SECONDARY, SMALL, Cell


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _row(label, *cells):
    return {"key": label, "label": label, "cells": [*cells]}


def test_channel_chart_labels_every_bar_and_skips_empty_figures():
    chart = charts.channel_chart(
        [
            _row("ideas", Cell(40), Cell(None, SMALL), Cell(None, SECONDARY), Cell(0), Cell(47)),
            _row("registrations", Cell(0), Cell(0), Cell(0), Cell(0), Cell(0)),
        ]
    )
    assert [group.title for group in chart.groups] == ["Ideas"]
    bars = chart.groups[0].bars
    assert [bar.value_text for bar in bars] == ["40", "<5", "x", "0"]
    assert bars[0].width == charts.WIDTH - charts.VALUE_SPACE - charts.CHANNEL_LABEL_WIDTH
    assert [bar.width for bar in bars[1:]] == [0, 0, 0]
    assert "Registrations: none." in chart.description
    assert "Ideas: Online 40, Paper form <5, Phone x, On site 0." in chart.description
    for bar in bars:
        assert bar.text_x + 30 <= charts.WIDTH
    # One pattern per channel for the <defs>, each with its own id.
    assert len({key for key, _style in chart.styles}) == 4


def test_district_chart_wraps_long_names_and_stays_inside():
    district = DistrictRef(19, "Thalkirchen-Obersendling-Forstenried-Fürstenried-Solln")
    chart = charts.district_chart(
        [{"district": district, "cells": [Cell(0), Cell(0), Cell(12)]}],
        measure_index=2,
        measure_label="ideas",
        chart_id="chart-districts",
    )
    bar = chart.groups[0].bars[0]
    assert len(bar.label_lines) == 2
    assert all(len(line) <= charts.LABEL_CHARACTERS for line in bar.label_lines)
    assert bar.y_bar >= bar.label_rows[-1][0]
    assert chart.height >= bar.y_bar + charts.BAR_HEIGHT
    assert chart.title == "Ideas by city district"
