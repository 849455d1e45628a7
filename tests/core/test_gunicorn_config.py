"""gunicorn.conf.py's worker hook: the interpreter lock's switch interval (issue 17, round 2)."""

import runpy
import sys
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def restore_switch_interval():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def test_each_worker_hands_the_lock_on_after_half_a_millisecond(
    monkeypatch, restore_switch_interval
):
    monkeypatch.delenv("GUNICORN_SWITCH_INTERVAL", raising=False)
    sys.setswitchinterval(0.005)
    runpy.run_path(str(CONF))["post_fork"](None, None)
    assert sys.getswitchinterval() == pytest.approx(0.0005)


def test_the_switch_interval_comes_from_the_environment(monkeypatch, restore_switch_interval):
    monkeypatch.setenv("GUNICORN_SWITCH_INTERVAL", "0.002")
    runpy.run_path(str(CONF))["post_fork"](None, None)
    assert sys.getswitchinterval() == pytest.approx(0.002)
