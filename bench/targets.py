"""What ``make bench`` measures. Later features add their pages and benchmarks here.

HTTP targets are measured with wrk against the same gunicorn server as the baseline, a view that
does nothing but pass the full middleware stack; a page's goal is its requests per second as a
share of the baseline's, which makes the goal independent of the machine's speed.

Other benchmarks (PDF rendering, imports, a selector's queries, …) are functions named in
CUSTOM_BENCHMARKS as ``"module:function"``. Each is called with a :class:`bench.runner.BenchContext`
after the HTTP measurements, prints its own figures and returns a JSON-serialisable dict for
bench/results/latest.json; a ``"goal_met": False`` entry in that dict counts as a missed goal.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class HttpTarget:
    name: str
    path: str
    # Minimum requests/s relative to the baseline (0.60 = at least 60 % of the baseline's rate).
    goal_ratio: float | None = None
    # When set, the page is also fetched like a browser (HTML plus the CSS, JavaScript and images
    # it references, gzip accepted): its transferred bytes must stay below this many bytes, and
    # it must load nothing from a third-party host.
    page_weight_goal: int | None = None
    # When set (with page_weight_goal), the page's HTML as rendered, uncompressed, must stay below
    # this many bytes (issue 16: the home page under 60 KB whether or not the client takes gzip).
    html_bytes_goal: int | None = None


BASELINE = HttpTarget("baseline", "/_bench/baseline")

TARGETS: list[HttpTarget] = [
    # Issue 16: the top tasks' home page, anonymous (from the page cache), ≥ 60 % of the baseline
    # and its HTML under 60 KB uncompressed; everything it loads (gzip) under 60 KB (issue 8).
    HttpTarget("home", "/", goal_ratio=0.60, page_weight_goal=60 * 1024, html_bytes_goal=60 * 1024),
    HttpTarget("catalogue", "/dienstleistungen/", goal_ratio=0.60),
    HttpTarget("service", "/dienstleistungen/wohnsitz-anmelden/", goal_ratio=0.60),
    HttpTarget("office", "/dienststellen/buergerbuero-ruppertstrasse/", goal_ratio=0.60),
    HttpTarget("participation", "/beteiligung/", goal_ratio=0.60),
    HttpTarget("process", "/beteiligung/innenstadtkonzept/", goal_ratio=0.60),
    HttpTarget("event", "/veranstaltungen/innenstadt-werkstatt-altstadt/", goal_ratio=0.60),
    HttpTarget("results", "/beteiligung/radverkehr-westend/ergebnisse/", goal_ratio=0.60),
]

CUSTOM_BENCHMARKS: list[str] = [
    "bench.queries:count",
    "bench.domains.services:search_benchmark",
    "bench.domains.participation:bench_concurrent_registrations",
    # 500 simultaneous booking attempts for 50 appointment places (issue 5).
    "bench.domains.appointments:bench_concurrent_bookings",
    # The service-first page at 30 offices x 60 days of slots, cached and uncached (issue 16).
    "bench.domains.appointments:bench_service_times",
    # Online request submission throughput through the views (issue 5).
    "bench.domains.online_requests:bench_request_submissions",
    "bench.domains.paper:bench_clerk_entry",
    # Phone entry save-and-next and the door's scan form at 5,000 registrations (issue 15).
    "bench.domains.paper:bench_phone_entry",
    "bench.domains.paper:bench_check_in",
    # The e-mail outbox (issue 13): messages rendered, queued and delivered by the worker per
    # second, and what a registration's e-mail adds to its latency (goal: under 10 %).
    "bench.domains.messaging:bench_outbox_throughput",
    "bench.domains.messaging:bench_registration_mail_latency",
    # The idea list at 5,000 ideas / 50,000 comments: constant queries, 60 % of the baseline.
    "bench.domains.ideas:bench_idea_list",
    # The results page of a process with 5,000 ideas and 50,000 comments (issue 7).
    "bench.domains.results:bench_results_page",
    # The data-use audit trail (issue 3): 1,000,000 events, verification, Meine Daten, and the
    # admin's throughput with and without its logging.
    "bench.audit:log_benchmark",
    "bench.audit:admin_benchmark",
    "bench.audit:chain_concurrency_benchmark",
    # Lighthouse on the main pages: accessibility 100, performance at least 95 (issue 8).
    "bench.lighthouse:lighthouse_benchmark",
]
