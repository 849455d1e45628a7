"""Signed links and the proof-of-work challenge."""

import pytest
from django.test import override_settings

from appointments import challenge, tokens
from tests.appointments.factories import BookingFactory

pytestmark = pytest.mark.django_db


def test_each_link_finds_its_booking_only_for_its_own_purpose():
    booking = BookingFactory()
    assert tokens.booking_for(tokens.manage_token(booking), purpose="manage") == booking
    assert tokens.booking_for(tokens.confirm_token(booking), purpose="confirm") == booking
    assert tokens.booking_for(tokens.manage_token(booking), purpose="confirm") is None
    assert tokens.booking_for(tokens.offer_token(booking), purpose="manage") is None


def test_a_forged_or_garbled_token_finds_nothing():
    booking = BookingFactory()
    token = tokens.manage_token(booking)
    assert tokens.booking_for(token[:-2] + "xx", purpose="manage") is None
    assert tokens.booking_for("\x00" * 500, purpose="manage") is None
    assert tokens.booking_for(booking.reference, purpose="manage") is None


def test_links_expire():
    booking = BookingFactory()
    token = tokens.confirm_token(booking)
    with override_settings(APPOINTMENTS_HOLD_MINUTES=-61), pytest.raises(tokens.ExpiredToken):
        tokens.booking_for(token, purpose="confirm")
    manage = tokens.manage_token(booking)
    with override_settings(APPOINTMENTS_LINK_DAYS=-1), pytest.raises(tokens.ExpiredToken):
        tokens.booking_for(manage, purpose="manage")


@override_settings(APPOINTMENTS_POW_BITS=8)
def test_a_solved_challenge_is_accepted_once():
    puzzle = challenge.new_challenge()
    solution = challenge.solve(puzzle)
    assert challenge.verify(puzzle, solution) is True
    assert challenge.verify(puzzle, solution) is False, "replayed"


@override_settings(APPOINTMENTS_POW_BITS=12)
def test_wrong_forged_or_odd_solutions_are_refused():
    puzzle = challenge.new_challenge()
    solution = challenge.solve(puzzle)
    wrong = str(int(solution) + 1)
    assert not challenge.is_solution(puzzle, wrong) or challenge.verify(puzzle, wrong)
    nonce, _sep, rest = puzzle.partition(".")
    assert challenge.verify(f"{nonce}.0{rest[1:]}", solution) is False  # easier difficulty, forged
    assert challenge.verify(puzzle, "") is False
    assert challenge.verify(puzzle, "abc") is False
    assert challenge.verify(None, solution) is False
    assert challenge.verify(["x"], solution) is False
