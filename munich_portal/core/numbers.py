"""Form numbers of printed registration sheets, with a Damm check digit.

A form number is the year the sheet was printed, a serial of at least six digits from a database
sequence, and one check digit::

    2026 004711 1   printed as  2026-004711-1   encoded in the QR code as  20260047111

Why the Damm algorithm (H. Michael Damm, 2004): its check digit catches every single-digit error
(one digit typed wrong) and every transposition of two adjacent digits ("47" for "74") in numbers
of any length, the two mistakes people make most when copying numbers. The Luhn code misses the
transposition 09/90, Verhoeff needs permutation tables as well, ISO 7064 MOD 11-2 needs an "X".
Damm uses one 10x10 table, only decimal digits, and a number with its check digit validates to 0.

Why it catches them (tests/core/test_numbers.py checks each property over the
whole table and, in addition, over every number of a range):

- the table is a Latin square, so for a fixed interim digit two different input digits give two
  different interim digits, and for a fixed input digit different interim digits stay different:
  once a single substitution makes the interim differ, it differs until the end;
- the table is *weakly totally anti-symmetric*: ``(c*x)*y == (c*y)*x`` only if ``x == y``, so
  swapping two adjacent different digits always changes the interim digit.

The QR code holds the digits only. A hand scanner acts as a keyboard and "types" the code's
characters; digits come out the same under any keyboard layout, while a hyphen sent by a scanner
set to a US layout arrives as "ß" on a German one. :func:`parse` therefore accepts the printed
form with hyphens or spaces as well as the bare digits the scanner sends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "DAMM_TABLE",
    "FormNumber",
    "InvalidFormNumber",
    "check_digit",
    "format_number",
    "is_valid",
    "make_number",
    "parse",
]

# Damm's quasigroup of order 10 (weakly totally anti-symmetric, zero diagonal).
DAMM_TABLE: tuple[tuple[int, ...], ...] = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

YEAR_DIGITS = 4
MIN_SERIAL_DIGITS = 6
# Year + serial + check digit; serials beyond 999,999 simply get longer.
MIN_LENGTH = YEAR_DIGITS + MIN_SERIAL_DIGITS + 1
MAX_LENGTH = 20
# What a person may type between digit groups: spaces, hyphens and dashes.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


class InvalidFormNumber(ValueError):
    """A form number that cannot be one: ``reason`` is ``"format"`` or ``"check_digit"``."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


def _interim(digits: str) -> int:
    interim = 0
    for digit in digits:
        interim = DAMM_TABLE[interim][ord(digit) - 48]
    return interim


def check_digit(digits: str) -> str:
    """The Damm check digit of a string of decimal digits."""
    if not digits.isascii() or not digits.isdigit():
        raise ValueError("A check digit is computed over decimal digits only.")
    return str(_interim(digits))


def is_valid(digits: str) -> bool:
    """Whether ``digits`` (check digit last) pass the Damm check."""
    return digits.isascii() and digits.isdigit() and _interim(digits) == 0


@dataclass(frozen=True, order=True)
class FormNumber:
    """A checked form number: ``str()`` is the printed form, :attr:`digits` what a scanner types."""

    digits: str

    @property
    def year(self) -> int:
        return int(self.digits[:YEAR_DIGITS])

    @property
    def serial(self) -> int:
        return int(self.digits[YEAR_DIGITS:-1])

    @property
    def printed(self) -> str:
        return format_number(self.digits)

    def __str__(self) -> str:
        return self.printed


def make_number(*, year: int, serial: int) -> FormNumber:
    """The form number for ``serial`` (from the sequence) printed in ``year``."""
    if not 1000 <= year <= 9999:
        raise ValueError("The year has four digits.")
    if serial < 1:
        raise ValueError("Serials start at 1.")
    body = f"{year:04d}{serial:0{MIN_SERIAL_DIGITS}d}"
    return FormNumber(body + check_digit(body))


def format_number(digits: str) -> str:
    """``20260047111`` → ``2026-004711-1``: year, serial and check digit as on the sheet."""
    return f"{digits[:YEAR_DIGITS]}-{digits[YEAR_DIGITS:-1]}-{digits[-1]}"


def parse(value: str) -> FormNumber:
    """A typed or scanned form number, checked; raises :class:`InvalidFormNumber`.

    Hyphens, dashes and spaces between the digits are ignored, so the printed form and the
    scanner's bare digits are both accepted.
    """
    digits = _SEPARATORS.sub("", value or "")
    if not digits:
        raise InvalidFormNumber("Enter the form number.", reason="empty")
    if not (digits.isascii() and digits.isdigit()) or not MIN_LENGTH <= len(digits) <= MAX_LENGTH:
        raise InvalidFormNumber(
            "A form number has at least eleven digits, for example 2026-004711-1.",
            reason="format",
        )
    if _interim(digits) != 0:
        raise InvalidFormNumber(
            "This form number is not valid: its check digit does not match.",
            reason="check_digit",
        )
    return FormNumber(digits)
