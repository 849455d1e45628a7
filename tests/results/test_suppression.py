"""Small counts are never published, and no total gives a withheld count away (property-based)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from results.suppression import SECONDARY, SMALL, THRESHOLD, TOTAL, Cell, protect

CHANNELS = ["online", "paper", "phone", "on_site"]

counts = st.integers(min_value=0, max_value=40) | st.integers(min_value=0, max_value=4)


@st.composite
def tables(draw):
    rows = list(range(draw(st.integers(min_value=1, max_value=6))))
    values = {(row, column): draw(counts) for row in rows for column in CHANNELS}
    return rows, values


def _lines(table):
    rows, columns = table.rows, table.columns
    for row in [*rows, TOTAL]:
        yield [(row, column) for column in columns], (row, TOTAL)
    for column in [*columns, TOTAL]:
        yield [(row, column) for row in rows], (TOTAL, column)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_count_from_1_to_4_is_ever_published(data):
    rows, values = data
    table = protect(values, rows, CHANNELS)
    for cell in table.cells.values():
        assert cell.value is None or cell.value == 0 or cell.value >= THRESHOLD


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_line_has_exactly_one_withheld_entry(data):
    """A row or column with one withheld entry would give it away: total minus the others."""
    rows, values = data
    table = protect(values, rows, CHANNELS)
    for inner, total in _lines(table):
        withheld = [key for key in [*inner, total] if table.cells[key].is_suppressed]
        assert len(withheld) != 1, (inner, total, withheld)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_published_values_are_the_true_values_and_totals_add_up(data):
    rows, values = data
    table = protect(values, rows, CHANNELS)
    for row in rows:
        for column in CHANNELS:
            cell = table.cell(row, column)
            if not cell.is_suppressed:
                assert cell.value == values[(row, column)]
    for inner, total in _lines(table):
        cells = [table.cells[key] for key in inner]
        if not any(cell.is_suppressed for cell in [*cells, table.cells[total]]):
            assert sum(cell.value for cell in cells) == table.cells[total].value
    assert table.total().is_suppressed or table.total().value == sum(values.values())


def test_small_counts_are_shown_as_fewer_than_five_and_their_partner_as_x():
    table = protect({(1, "online"): 40, (1, "paper"): 3, (1, "phone"): 7}, [1], CHANNELS)
    assert table.cell(1, "paper") == Cell(None, SMALL)
    assert table.cell(1, "paper").display == "<5"
    # The row total (50) would reveal paper = 3 given online and phone: the smaller one goes.
    assert table.cell(1, "phone") == Cell(None, SECONDARY)
    assert table.cell(1, "phone").display == "x"
    assert table.cell(1, "online").display == "40"
    assert table.cell(1, TOTAL).value == 50


def test_zero_is_published_and_a_table_without_small_counts_is_unchanged():
    table = protect({(1, "online"): 12, (2, "online"): 5}, [1, 2], CHANNELS)
    assert not any(cell.is_suppressed for cell in table.cells.values())
    assert table.cell(1, "paper").value == 0
    assert table.total().value == 17


def test_a_single_district_does_not_repeat_a_withheld_count_in_its_totals():
    """With one row, a column total equals its only cell: it is withheld with it."""
    table = protect({(1, "online"): 9, (1, "paper"): 2}, [1], CHANNELS)
    assert table.cell(TOTAL, "paper").is_suppressed
    assert table.cell(1, "paper").is_suppressed
