"""The benchmark harness (bench/): wrk's figures, the goals per page and mode, the ratios and the
table, the replayed booking requests, the proof of work and the bench resident — everything that
can be checked without running wrk. (The resident's cookie and a prepared booking against a real
gunicorn: tests/core/test_production_server.py.)"""

import importlib

import pytest

from bench import peak, residents, runner, targets, wrk
from bench.targets import CACHED, LOGGED_IN, UNCACHED

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.00ms   10.00ms 100.00ms   70.00%
    Req/Sec   400.00     50.00   500.00     70.00%
  Latency Distribution
     50%   18.50ms
     75%   25.00ms
     90%   40.00ms
     99%    1.25s
  4000 requests in 5.00s, 1.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:    800.00
Transfer/sec:    200.00KB
STATUS 200 3990
STATUS 302 10
REPLAY booked 10
REPLAY seconds 4.5000
""".replace("1.25s", "1.25s ")  # wrk pads a figure in seconds with a space


def test_parse_reads_rate_latency_statuses_and_replay_figures():
    result = wrk.parse(WRK_OUTPUT, expected=("200", "302"))

    assert result.requests_per_second == 800.0
    assert result.requests == 4000
    assert result.latency_p50_ms == 18.5
    # wrk writes a figure in seconds with a trailing space ("1.25s ").
    assert result.latency_p99_ms == 1250.0
    assert result.statuses == {"200": 3990, "302": 10}
    assert result.replay == {"booked": 10.0, "seconds": 4.5}
    assert result.errors == ["socket errors: read 2, timeout 1"]


def test_parse_counts_every_status_but_the_expected_ones_as_errors():
    result = wrk.parse(WRK_OUTPUT)

    assert "responses other than 200: 10 x 302" in result.errors


def test_parse_reports_a_run_without_a_request():
    assert "wrk completed no request" in wrk.parse("").errors


def test_command_passes_headers_and_the_scripts_arguments_after_the_url():
    arguments = wrk.command(
        "http://127.0.0.1:8000/",
        duration=2.4,
        threads=2,
        connections=8,
        headers={"Cookie": "sessionid=abc"},
        script="replay.lua",
        script_args=["records.tsv", "2", "once"],
    )

    assert "--duration=2s" in arguments
    assert "--script=replay.lua" in arguments
    assert arguments[arguments.index("--header") + 1] == "Cookie: sessionid=abc"
    assert arguments[-5:] == ["http://127.0.0.1:8000/", "--", "records.tsv", "2", "once"]


# --- the pages and their goals ------------------------------------------------------------------
PAGES = {page.name: page for page in targets.PAGES}


def test_page_names_are_unique_and_every_page_is_measured_in_some_mode():
    assert len(PAGES) == len(targets.PAGES)
    assert all(page.modes for page in targets.PAGES)


def test_the_goals_are_issue_17s():
    for page in targets.PAGES:
        if page.name in {"search", "suggestions"}:
            continue
        if CACHED in page.modes and page.name != "service_first":
            assert page.goals[CACHED] == 0.60, page.name
        if UNCACHED in page.modes and page.name != "service_first":
            assert page.goals[UNCACHED] == 0.20, page.name
        if LOGGED_IN in page.modes and page.name != "meine_daten":
            assert page.goals[LOGGED_IN] == 0.20, page.name
    assert PAGES["search"].goals == {CACHED: 0.30, UNCACHED: 0.30, LOGGED_IN: 0.30}
    assert PAGES["suggestions"].goals == {CACHED: 0.50, UNCACHED: 0.50, LOGGED_IN: 0.50}
    assert PAGES["meine_daten"].goals == {LOGGED_IN: 0.10}
    assert PAGES["service_first"].goals == {CACHED: 0.60, UNCACHED: 0.30, LOGGED_IN: 0.20}
    assert PAGES["booking"].modes == (UNCACHED, LOGGED_IN)
    assert PAGES["suggestions"].path == "/dienstleistungen/vorschlaege/?q=reis"


def test_the_residents_own_pages_are_measured_logged_in_only():
    for name in ("konto", "meine_daten", "termine", "antraege"):
        assert PAGES[name].modes == (LOGGED_IN,)
        assert PAGES[name] not in targets.TARGETS  # bench/queries.py: anonymous pages


def test_every_custom_benchmark_names_a_function():
    for dotted in targets.CUSTOM_BENCHMARKS:
        module, _, function = dotted.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), dotted
    assert "bench.peak:booking_post_benchmark" in targets.CUSTOM_BENCHMARKS
    assert "bench.peak:peak_benchmark" in targets.CUSTOM_BENCHMARKS


def test_only_selects_pages_by_name_in_all_their_modes():
    uncached, production = runner.select_jobs({"home", "konto"}, set())

    assert [(page.name, mode) for page, mode in uncached] == [("home", UNCACHED)]
    assert [(page.name, mode) for page, mode in production] == [
        ("home", CACHED),
        ("home", LOGGED_IN),
        ("konto", LOGGED_IN),
    ]


def test_mode_restricts_the_modes():
    uncached, production = runner.select_jobs(set(), {UNCACHED})

    assert production == []
    assert {page.name for page, _mode in uncached} == {
        page.name for page in targets.PAGES if UNCACHED in page.modes
    }


def test_only_the_logged_in_mode_sends_the_residents_cookie():
    assert "Cookie" not in runner.mode_headers(CACHED, "sessionid=abc")
    assert "Cookie" not in runner.mode_headers(UNCACHED, "sessionid=abc")
    headers = runner.mode_headers(LOGGED_IN, "sessionid=abc")
    assert headers["Cookie"] == "sessionid=abc"
    assert headers["X-Forwarded-Proto"] == "https"


# --- ratios and the table -----------------------------------------------------------------------
def _result(target, mode, rate, *, p50=2.0, p99=9.0, errors=()):
    figures = wrk.WrkResult(
        requests_per_second=rate, requests=int(rate * 5), latency_p50_ms=p50, latency_p99_ms=p99
    )
    return runner.TargetResult(target, mode, wrk=figures, errors=list(errors))


def _server_run(name, baselines, results):
    run = runner.ServerRun(name)
    run.baselines = [_result(targets.BASELINE, CACHED, rate) for rate in baselines]
    run.results = results
    run.compute_ratios()
    return run


def test_each_ratio_is_against_the_baselines_right_before_and_after_the_page():
    home = _result(PAGES["home"], LOGGED_IN, 200)
    konto = _result(PAGES["konto"], LOGGED_IN, 60)
    run = _server_run("production", [1000, 600, 200], [home, konto])

    assert home.baseline_rate == 800
    assert home.ratio == 0.25
    assert home.ratio_met is True  # goal 0.20
    assert konto.baseline_rate == 400
    assert konto.ratio == 0.15
    assert konto.ratio_met is False
    assert run.baseline_rate == 600
    assert home.as_dict()["baseline_requests_per_second"] == 800


def test_each_page_gets_its_median_rounds_figures_and_every_baseline_is_kept():
    """Three rounds of the same two pages: each page's figures are those of the round with its
    median ratio, whichever round that was; a round with an error makes the page's result that
    error."""

    def round_of(home_rate, konto_rate, *, konto_errors=()):
        return _server_run(
            "production",
            [1000, 1000, 1000],
            [
                _result(PAGES["home"], LOGGED_IN, home_rate),
                _result(PAGES["konto"], LOGGED_IN, konto_rate, errors=konto_errors),
            ],
        )

    rounds = [round_of(100, 300), round_of(400, 200), round_of(250, 100)]
    run = runner.ServerRun.median_of(rounds)

    home, konto = run.results
    assert (home.ratio, konto.ratio) == (0.25, 0.2)
    assert home is rounds[2].results[0] and konto is rounds[1].results[1]
    assert home.round_ratios == [0.1, 0.4, 0.25]
    assert home.as_dict()["round_ratios"] == [0.1, 0.4, 0.25]
    assert len(run.baselines) == 9 and run.rounds == 3
    assert "the median of 3 rounds" in "\n".join(runner.report_table([run]))

    failing = [round_of(100, 300), round_of(400, 200, konto_errors=["wrk lost 3 requests"])]
    konto = runner.ServerRun.median_of(failing).results[1]
    assert konto.errors == ["wrk lost 3 requests"] and konto.verdict == "ERROR"
    # Two rounds: the lower of the two middle ratios.
    assert runner.ServerRun.median_of(failing).results[0].ratio == 0.1


def test_the_table_has_a_row_per_page_and_columns_per_mode():
    production = _server_run(
        "production",
        [1000, 1000, 1000, 1000],
        [
            _result(PAGES["home"], CACHED, 800),
            _result(PAGES["home"], LOGGED_IN, 100),
            _result(PAGES["konto"], LOGGED_IN, 300, errors=["/konto/ answered 302, not 200"]),
        ],
    )
    uncached = _server_run("uncached", [500, 700], [_result(PAGES["home"], UNCACHED, 150)])
    production.results[0].wrk.latency_p99_ms = 1234.5  # whole milliseconds from 100 ms

    lines = runner.report_table([uncached, production])

    assert lines[0].split() == ["cached", "uncached", "logged", "in"]
    home = next(line for line in lines if line.startswith("home "))
    assert home.split() == [
        "home",
        *("800", "0.80", "≥0.60", "2.0", "1234", "ok"),
        *("150", "0.25", "≥0.20", "2.0", "9.0", "ok"),
        *("100", "0.10", "≥0.20", "2.0", "9.0", "MISSED"),
    ]
    konto = next(line for line in lines if line.startswith("konto "))
    assert konto.split() == ["konto", "300", "0.30", "≥0.20", "2.0", "9.0", "ERROR"]
    assert len(konto) > len("konto") + 2 * runner.CELL  # in the logged-in column
    assert "baseline of the uncached server: 2 measurements before, between and after its " in (
        "\n".join(lines)
    )
    assert "500 to 700 req/s (mean 600)" in "\n".join(lines)


def test_the_summary_keeps_every_mode_of_a_page():
    run = _server_run("production", [1000, 1000], [_result(PAGES["search"], CACHED, 250)])

    summary = runner.pages_summary([run])

    assert summary["search"]["path"] == "/dienstleistungen/?q=reisepass"
    assert summary["search"][CACHED]["ratio"] == 0.25
    assert summary["search"][CACHED]["goal"] == 0.30
    assert summary["search"][CACHED]["met"] is False


# --- the booking requests -----------------------------------------------------------------------
def test_a_record_is_one_line_of_tab_separated_fields():
    record = peak.Record(
        "book", "POST", "/termin/?tag=1", {"Cookie": "csrftoken=x", "Origin": "https://h"}, "a=1"
    )

    assert (
        record.line() == "book\tPOST\t/termin/?tag=1\tCookie: csrftoken=x\x1fOrigin: https://h\ta=1"
    )
    with pytest.raises(ValueError, match="tab or newline"):
        peak.Record("get", "GET", "/", {}, "a\tb").line()


def test_every_client_has_an_address_of_its_own():
    addresses = {peak.client_address(n) for n in range(70_000)}

    assert len(addresses) == 70_000
    assert peak.client_address(257) == "10.0.1.1"


def test_the_solution_is_accepted_by_the_portals_check(settings):
    from appointments import challenge

    settings.APPOINTMENTS_POW_BITS = 10
    issued = challenge.new_challenge()

    solution = peak.solve(issued, 10)

    assert challenge.is_solution(issued, solution)
    assert not any(challenge.is_solution(issued, str(n)) for n in range(int(solution)))


def _replay(**figures):
    return wrk.WrkResult(
        requests=10, replay={name: float(value) for name, value in figures.items()}
    )


def test_a_booking_run_without_faults_has_no_errors():
    figures = peak._booking_figures(
        _replay(booked=3, seconds=1.5), records=3, made=3, slots={"slots_held_over_capacity": 0}
    )

    assert figures["errors"] == []
    assert figures["answered"] == figures["booked_http"] == 3


def test_a_booking_run_reports_refusals_lost_bookings_and_overbooking():
    figures = peak._booking_figures(
        _replay(booked=2, form_again=1, other=0, seconds=1.0),
        records=4,
        made=2,
        slots={"slots_held_over_capacity": 1},
    )

    assert figures["errors"] == [
        "1 bookings answered with the form and its errors",
        "1 of 4 bookings got no answer",
        "2 of 4 bookings in the database",
        "slots_held_over_capacity: 1",
    ]


@pytest.mark.django_db
def test_overbooked_finds_counters_that_differ_from_the_bookings():
    from appointments.models import Slot
    from munich_portal.audit.guard import allow_untracked_writes

    appointment_type = peak.ensure_slots(1)
    slot = Slot.objects.filter(appointment_type=appointment_type).order_by("starts_at").first()
    assert peak.overbooked(appointment_type) == {
        "slots_taken_over_capacity": 0,
        "slots_held_over_capacity": 0,
        "slots_counter_mismatch": 0,
    }

    with allow_untracked_writes():
        Slot.objects.filter(pk=slot.pk).update(taken=1)  # a place taken without a booking

    assert peak.overbooked(appointment_type)["slots_counter_mismatch"] == 1


@pytest.mark.django_db
def test_free_places_hands_out_each_place_once_and_makes_more_days():
    appointment_type, places = peak.free_places(2 * peak.CAPACITY + 1)

    assert len(places) == 2 * peak.CAPACITY + 1
    slot_ids = [slot_id for slot_id, _day in places]
    assert slot_ids.count(slot_ids[0]) == peak.CAPACITY  # a slot's places in a row
    assert len(set(slot_ids)) == 3
    assert appointment_type.office.slug == peak.OFFICE_SLUG


# --- the bench resident -------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_residents_cookie_logs_them_in(client):
    user = residents.ensure_resident()
    assert residents.ensure_resident().pk == user.pk  # idempotent

    cookie = residents.session_cookie(user)
    for part in cookie.split("; "):
        name, _, value = part.partition("=")
        client.cookies[name] = value
    response = client.get("/konto/", secure=True)

    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert f"csrftoken={residents.CSRF_COOKIE}" in cookie


@pytest.mark.django_db
def test_without_the_audit_helper_the_records_say_so(monkeypatch):
    monkeypatch.setattr(
        importlib.import_module("bench.domains.audit"),
        "ensure_resident_records",
        None,
        raising=False,
    )

    assert residents.ensure_records()["records"] is None
