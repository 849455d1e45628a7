"""Form numbers: the Damm check digit catches every single-digit error and adjacent transposition.

Two kinds of proof. The table proofs check the two properties of Damm's quasigroup that make the
guarantee hold for numbers of *any* length (munich_portal/core/numbers.py explains why); they
cover every case, 10 x 10 x 10 at most. The range proofs then try every single substitution and
every adjacent transposition on every number of a real range of form numbers, check digit
included, and require each to be refused.
"""

import itertools

import pytest

from munich_portal.core import numbers
from munich_portal.core.numbers import (
    DAMM_TABLE,
    InvalidFormNumber,
    check_digit,
    format_number,
    is_valid,
    make_number,
    parse,
)

DIGITS = range(10)


def test_table_rows_and_columns_are_permutations():
    """A Latin square: in a fixed row (interim) or column (input digit) no value repeats, so one
    wrong digit changes the interim, and a changed interim stays changed to the end."""
    for row in DAMM_TABLE:
        assert sorted(row) == list(DIGITS)
    for column in DIGITS:
        assert sorted(DAMM_TABLE[row][column] for row in DIGITS) == list(DIGITS)


def test_table_is_weakly_totally_antisymmetric():
    """(c*x)*y == (c*y)*x only when x == y: every swap of two adjacent different digits changes
    the interim digit, whatever came before (all 10 x 10 x 10 cases)."""
    for interim, x, y in itertools.product(DIGITS, DIGITS, DIGITS):
        if x != y:
            assert DAMM_TABLE[DAMM_TABLE[interim][x]][y] != DAMM_TABLE[DAMM_TABLE[interim][y]][x]


def test_table_has_zero_diagonal():
    """x*x == 0, which makes a number followed by its own check digit validate to 0."""
    assert all(DAMM_TABLE[x][x] == 0 for x in DIGITS)


def test_known_check_digit():
    """The worked example of Damm's paper and Wikipedia: 572 has the check digit 4."""
    assert check_digit("572") == "4"
    assert is_valid("5724")
    assert not is_valid("5723")


def _range_of_numbers(count=3000, start=4000):
    return [make_number(year=2026, serial=serial).digits for serial in range(start, start + count)]


def test_every_single_digit_error_is_detected_over_a_range():
    """Every number of a range, every position (check digit included), every other digit:
    3,000 numbers x 11 positions x 9 wrong digits, all refused."""
    tried = 0
    for digits in _range_of_numbers():
        assert is_valid(digits)
        for position in range(len(digits)):
            for wrong in "0123456789":
                if wrong == digits[position]:
                    continue
                typo = digits[:position] + wrong + digits[position + 1 :]
                assert not is_valid(typo), (digits, typo)
                tried += 1
    assert tried == 3000 * 11 * 9


def test_every_adjacent_transposition_is_detected_over_a_range():
    """Every number of a range, every pair of neighbouring different digits swapped (the last
    serial digit and the check digit too), all refused."""
    tried = 0
    for digits in _range_of_numbers(count=10_000, start=1):
        for position in range(len(digits) - 1):
            a, b = digits[position], digits[position + 1]
            if a == b:
                continue
            swapped = digits[:position] + b + a + digits[position + 2 :]
            assert not is_valid(swapped), (digits, swapped)
            tried += 1
    assert tried > 10_000


def test_exactly_one_check_digit_validates_for_every_four_digit_body():
    """Exhaustive over all 10^4 four-digit bodies: the only check digit that validates is the
    computed one, so every substitution of the check digit is refused."""
    for body in range(10_000):
        text = f"{body:04d}"
        valid = [digit for digit in "0123456789" if is_valid(text + digit)]
        assert valid == [check_digit(text)]


def test_make_number_and_printed_form():
    """Year, zero-padded serial and check digit; printed with hyphens."""
    number = make_number(year=2026, serial=4711)
    assert number.digits == "20260047111"
    assert str(number) == "2026-004711-1"
    assert format_number(number.digits) == "2026-004711-1"
    assert (number.year, number.serial) == (2026, 4711)


def test_serials_beyond_six_digits_grow_the_number():
    """Serial 1,234,567 still makes a valid number, one digit longer."""
    number = make_number(year=2027, serial=1_234_567)
    assert len(number.digits) == 12
    assert parse(number.digits) == number


@pytest.mark.parametrize(
    "typed",
    [
        "20260047111",
        "2026-004711-1",
        " 2026 004711 1 ",
        "2026\u2013004711\u20131",
        "2026\u2212004711\u22121",
    ],
)
def test_parse_accepts_scanner_digits_and_printed_form(typed):
    """What a scanner sends (digits only) and what a person copies from the sheet both parse."""
    assert parse(typed).digits == "20260047111"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("2026-0047", "format"),
        ("2026-00471l-1", "format"),
        ("2026ß004711ß1", "format"),
        ("2026-004711-2", "check_digit"),
        ("2026-004117-1", "check_digit"),
        ("1" * 21, "format"),
    ],
)
def test_parse_refuses_with_a_reason(typed, reason):
    """Wrong length, other characters and a wrong check digit each have their own reason."""
    with pytest.raises(InvalidFormNumber) as caught:
        parse(typed)
    assert caught.value.reason == reason


def test_check_digit_refuses_non_digits():
    """Only decimal digits have a Damm check digit (no Unicode digits either)."""
    with pytest.raises(ValueError):
        check_digit("12a")
    with pytest.raises(ValueError):
        check_digit("١٢٣")
    assert not is_valid("١٢٣")


def test_make_number_refuses_impossible_values():
    """A year has four digits and serials start at 1."""
    with pytest.raises(ValueError):
        make_number(year=99, serial=1)
    with pytest.raises(ValueError):
        make_number(year=2026, serial=0)


def test_module_states_the_scheme():
    """The module names its scheme, as the issue asks (state which scheme and prove it)."""
    assert "Damm" in numbers.__doc__
