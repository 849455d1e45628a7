"""Site-wide proof (issue 8, item 5): every page a guest, a resident, a clerk and a case worker
can reach by following links passes axe-core's WCAG 2.0/2.1/2.2 A and AA rules, fits 320 CSS
pixels without horizontal scrolling, and loses no content at 200 % text size.

The crawler starts at the home page (and, for staff, the staff area after logging in with password
and authenticator code), follows every same-origin link breadth-first and checks each page it
reaches. What it deliberately does not follow, and why:

- logout links (the crawl would end), delete confirmations in the staff area (one step from
  deleting; their page is Django's own), and downloads — PDF, CSV, JSON, calendar files, videos,
  captions, exports — which are not HTML pages;
- more than :data:`PER_PATTERN` page of one URL pattern per language (the hundredth service page
  has the same template as the first; the data differ, the markup does not: the pages of one
  pattern with different data are the per-app browser tests' part), and more than
  :data:`MAX_PAGES` pages per role, so the run stays bounded. One page per pattern leaves the
  budget to patterns not yet seen: axe-core costs most of the crawl's time;
- for the clerk and the case worker, public pages beyond their start pages: the public site's
  templates are the guest's and the resident's crawl (logged in, the same markup), and what a
  staff member sees differently there — the header's link to the staff area — is on the start
  pages, which their crawl checks.

The staff area asks for the purpose of work before it shows personal data; the crawler chooses the
first purpose offered, as a person would choose theirs, and checks that page too.

Demo data (the same loaders as ``manage.py loaddemo``) give the catalogue, participation and the
staff lists real content. Every problem is collected first and reported together — page, check,
rule and elements — so one run shows the whole picture.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from munich_portal.core.roles import Role
from tests.browser.support import (
    REPO_ROOT,
    assert_no_horizontal_scroll,
    axe_violations,
    enter_totp_code,
    log_in,
    set_text_size,
)
from tests.factories import DEFAULT_PASSWORD, UserFactory, current_totp_code

pytestmark = pytest.mark.browser

MAX_PAGES = 150
PER_PATTERN = 1
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
ARTIFACTS = REPO_ROOT / "test-artifacts" / "crawl"

# Not pages, or pages that end the crawl or sit one click from deleting data.
SKIP = re.compile(
    r"""(
        /logout/? | /abmelden/?
      | /delete/? | /loeschen/bestaetigen
      | \.(pdf|csv|json|ics|xlsx|zip|mp4|webm|vtt|png|jpe?g|svg|txt)$
      | /export | /download | /herunterladen | /drucken | /druck/ | /pdf/
      | /kalender | /gebaerdensprache/video/
      | ^/static/ | ^/_private/ | ^/_bench/
    )""",
    re.VERBOSE,
)
# Where staff work: the staff crawls follow links within these only (the guest and resident
# crawls cover the public pages).
STAFF_AREAS = re.compile(r"^(/en)?/(admin|erfassung)/")

# Measures elements that cut their own content off (overflow hidden/clip with more inside).
CLIPPED_SCRIPT = r"""() => {
  const offenders = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest('.visually-hidden, .skip-link, [hidden], [aria-hidden="true"]')) continue;
    if (['SCRIPT', 'STYLE', 'TEMPLATE', 'OPTION', 'SELECT', 'TEXTAREA', 'INPUT', 'VIDEO',
         'svg', 'IMG'].includes(element.tagName)) continue;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    // Icon buttons that push their text out of view on purpose (Django's selector arrows).
    if (parseFloat(style.textIndent) < -100) continue;
    const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
    const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
    // A few pixels of a descender are no lost content; a quarter of a line is.
    const slack = Math.max(2, parseFloat(style.fontSize) * 0.25);
    const lostX = clipsX && element.scrollWidth > element.clientWidth + slack;
    const lostY = clipsY && element.scrollHeight > element.clientHeight + slack;
    if ((lostX || lostY) && (element.innerText || '').trim()) {
      const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
        (element.classList.length ? '.' + [...element.classList].join('.') : '');
      const text = element.innerText.trim().replace(/\s+/g, ' ').slice(0, 40);
      offenders.push(`${name} (${lostX ? 'width' : ''}${lostY ? ' height' : ''}): "${text}"`);
    }
  }
  return offenders.slice(0, 10);
}"""

LINKS_SCRIPT = "() => [...document.querySelectorAll('a[href]')].map((a) => a.href)"


@dataclass
class Problem:
    url: str
    check: str
    rule: str
    detail: str


@dataclass
class Crawl:
    origin: str
    visited: set[str] = field(default_factory=set)
    queued: set[str] = field(default_factory=set)
    per_pattern: dict[str, int] = field(default_factory=dict)
    checked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    role: str = "crawl"
    screenshots: list[str] = field(default_factory=list)

    def normalise(self, href: str) -> str | None:
        """``href`` as a path with query, or ``None`` when it is not a page to crawl."""
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        path = parts.path or "/"
        if SKIP.search(path):
            return None
        query = parse_qsl(parts.query, keep_blank_values=True)
        if any(key in {"_popup", "_to_field"} for key, _value in query):
            return None
        return urlunsplit(("", "", path, urlencode(sorted(query)), ""))

    def pattern(self, target: str) -> str:
        """Which template a path shows: its URL name, language and (public pages) query keys."""
        parts = urlsplit(target)
        path, language = parts.path, "de"
        if path.startswith("/en/"):
            path, language = path[3:], "en"
        try:
            # The language prefix is already stripped: resolve without one, whatever language
            # an earlier test left active in this thread.
            with translation.override("de"):
                name = resolve(path).view_name
        except Resolver404:
            name = path
        if name.startswith("admin:"):
            # The staff area's templates are the same in both languages; its query strings
            # (filters, ordering, facets) change the rows, not the markup.
            return name
        keys = sorted({key for key, _value in parse_qsl(parts.query, keep_blank_values=True)})
        return f"{language}|{name}|{','.join(keys)}"

    def offer(self, href: str) -> str | None:
        """The page ``href`` leads to, once: ``None`` if not crawled or already queued."""
        target = self.normalise(href)
        if target is None or target in self.queued or target in self.visited:
            return None
        self.queued.add(target)
        return target


def _choose_first_purpose(page: Page, crawl: Crawl) -> None:
    """The staff area asks for the purpose of work: check that page, then pick the first one."""
    _check(page, crawl, page.url)
    radio = page.locator("#content-main form input[type=radio]").first
    if radio.count() == 0:
        return
    radio.check()
    with page.expect_navigation(wait_until="load"):
        page.locator("#content-main form [type=submit]").first.click()


def _check(page: Page, crawl: Crawl, label: str) -> None:
    path = urlsplit(label).path + (f"?{urlsplit(label).query}" if urlsplit(label).query else "")
    if path in crawl.checked:
        return
    crawl.checked.append(path)
    for violation in axe_violations(page):
        targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        crawl.problems.append(
            Problem(path, "axe", violation["id"], f"{violation['help']} — {targets}")
        )
    # 200 % text (WCAG 1.4.4): nothing cut off, no sideways scrolling on the desktop window.
    set_text_size(page, 200)
    clipped = page.evaluate(CLIPPED_SCRIPT)
    if clipped:
        crawl.problems.append(Problem(path, "text-200", "clipped-content", ", ".join(clipped)))
        _screenshot(page, crawl, "text-200")
    try:
        assert_no_horizontal_scroll(page)
    except AssertionError as error:
        crawl.problems.append(Problem(path, "text-200", "horizontal-scroll", str(error)))
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    # 320 CSS pixels (WCAG 1.4.10 Reflow).
    page.set_viewport_size(NARROW)
    try:
        assert_no_horizontal_scroll(page)
    except AssertionError as error:
        crawl.problems.append(Problem(path, "reflow-320", "horizontal-scroll", str(error)))
        _screenshot(page, crawl, "reflow-320")
    page.set_viewport_size(DESKTOP)


def _screenshot(page: Page, crawl: Crawl, check: str) -> None:
    """The first few failures of each check as pictures, for whoever fixes them."""
    taken = sum(1 for name in crawl.screenshots if name.startswith(check))
    if taken >= 3:
        return
    name = f"{crawl.role}-{check}-{taken + 1}.png"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / name))
    except PlaywrightError:
        return  # a picture is a help for whoever fixes the page, not part of the check
    crawl.screenshots.append(name)


def crawl_site(
    page: Page, origin: str, start: list[str], *, role: str = "crawl", staff: bool = False
) -> Crawl:
    """Breadth-first from ``start``. Staff follow links within the staff area only: of the
    public site they check their ``start`` pages (the header names the staff area), the rest is
    the guest's and the resident's crawl."""
    crawl = Crawl(origin=origin, role=role)
    queue: deque[str] = deque()

    def enqueue(href: str, *, starting: bool = False) -> None:
        target = crawl.offer(href)
        if target and (starting or not staff or STAFF_AREAS.match(target)):
            queue.append(target)

    for path in start:
        enqueue(origin + path, starting=True)
    while queue and len(crawl.checked) < MAX_PAGES:
        target = queue.popleft()
        crawl.visited.add(target)
        pattern = crawl.pattern(target)
        if crawl.per_pattern.get(pattern, 0) >= PER_PATTERN:
            crawl.skipped.append(target)
            continue
        try:
            response = page.goto(target, wait_until="load")
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                crawl.skipped.append(target)
                continue
            crawl.problems.append(Problem(target, "load", "navigation-error", str(error)[:300]))
            continue
        if "/admin/zweck/" in page.url:
            _choose_first_purpose(page, crawl)
            response = page.goto(target, wait_until="load")
        if response is None or response.status >= 400:
            status = response.status if response else "no response"
            crawl.problems.append(Problem(target, "load", f"http-{status}", page.url))
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            crawl.skipped.append(target)
            continue
        final = crawl.normalise(page.url)
        if final is None:
            crawl.skipped.append(target)
            continue
        crawl.visited.add(final)
        final_pattern = crawl.pattern(final)
        if final != target and crawl.per_pattern.get(final_pattern, 0) >= PER_PATTERN:
            crawl.skipped.append(target)
            continue
        crawl.per_pattern[final_pattern] = crawl.per_pattern.get(final_pattern, 0) + 1
        _check(page, crawl, final)
        for href in page.evaluate(LINKS_SCRIPT):
            enqueue(href)
    return crawl


def report(crawl: Crawl, role: str) -> str:
    """Write the findings to test-artifacts/crawl/<role>.json and return them as text."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{role}.json").write_text(
        json.dumps(
            {
                "checked": crawl.checked,
                "skipped": crawl.skipped,
                "screenshots": crawl.screenshots,
                "problems": [
                    {"url": p.url, "check": p.check, "rule": p.rule, "detail": p.detail}
                    for p in crawl.problems
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    lines = [f"{len(crawl.problems)} problem(s) on {len(crawl.checked)} pages as {role}:"]
    by_rule: dict[tuple[str, str], list[Problem]] = {}
    for problem in crawl.problems:
        by_rule.setdefault((problem.check, problem.rule), []).append(problem)
    for (check, rule), problems in sorted(by_rule.items()):
        lines.append(f"- {check} {rule}: {len(problems)} page(s)")
        for problem in problems:
            lines.append(f"    {problem.url}: {problem.detail[:400]}")
    return "\n".join(lines)


# --- roles --------------------------------------------------------------------------------------


@pytest.fixture
def demo_site(live_server):
    """The demo data set (catalogue, participation, accessibility, one account per role)."""
    from munich_portal.portal.demo import load_all

    load_all()
    return live_server


def _log_in_resident(page: Page) -> list[str]:
    resident = UserFactory(email="crawl.resident@example.org", full_name="Clara Crawl")
    log_in(page, resident.email, DEFAULT_PASSWORD)
    return ["/", "/konto/", "/en/"]


def _log_in_staff(role: str, *work_pages: str):
    def do(page: Page) -> list[str]:
        staff = UserFactory(staff=True, roles=[role], mfa=True)
        log_in(page, staff.email, DEFAULT_PASSWORD, next_path="/admin/")
        assert "/2fa/authenticate/" in page.url, f"no second-factor step, at {page.url}"
        enter_totp_code(page, current_totp_code())
        assert urlsplit(page.url).path.startswith("/admin/"), page.url
        return ["/admin/", *work_pages, "/"]

    return do


ROLES = {
    "guest": lambda page: ["/", "/en/"],
    "resident": _log_in_resident,
    # The clerks' entry screen for printed forms is their starting page, bookmarked, not linked.
    "clerk": _log_in_staff(Role.DATA_ENTRY, "/erfassung/", "/erfassung/briefe/"),
    "caseworker": _log_in_staff(Role.CASEWORK),
}


# Every role without exceptions, the staff area included (its fixes: docs/accessibility.md, "The
# staff area"; targeted tests in test_admin_accessibility.py). One test for the four roles: the
# demo data are loaded once (a transactional test's data go with it), each role in its own
# browser context.
def test_every_reachable_page_is_accessible(demo_site, page_at):
    """Crawl as each role: zero axe violations (WCAG 2.0/2.1/2.2 A and AA), no horizontal
    scrolling at 320 px, nothing clipped or scrolling sideways at 200 % text, no broken link."""
    summaries, failed = [], False
    for role, log_in_as in ROLES.items():
        page = page_at(**DESKTOP)
        start = log_in_as(page)
        crawl = crawl_site(
            page, demo_site.url, start, role=role, staff=role in {"clerk", "caseworker"}
        )
        page.context.close()
        summaries.append(report(crawl, role))
        assert len(crawl.checked) >= 10, f"the crawl as {role} reached only {crawl.checked}"
        failed = failed or bool(crawl.problems)
    summary = "\n\n".join(summaries)
    print(summary)
    if failed:
        pytest.fail(summary, pytrace=False)


# --- the crawler's own rules --------------------------------------------------------------------


def test_crawler_follows_only_pages_of_this_site():
    """Other hosts, downloads, logout and delete pages, popups and fragments are not followed;
    query strings are kept in one order, so the same page is visited once."""
    crawl = Crawl(origin="http://testserver")
    assert crawl.normalise("http://testserver/dienstleistungen/?b=2&a=1#x") == (
        "/dienstleistungen/?a=1&b=2"
    )
    for href in [
        "https://example.org/",
        "http://testserver/konto/logout/",
        "http://testserver/admin/participation/event/1/delete/",
        "http://testserver/open-data/dienstleistungen.csv",
        "http://testserver/veranstaltungen/x/kalender.ics",
        "http://testserver/gebaerdensprache/video/1/captions/",
        "http://testserver/admin/core/department/?_popup=1",
        "mailto:someone@example.org",
    ]:
        assert crawl.normalise(href) is None, href
    assert crawl.offer("http://testserver/kontakt/") == "/kontakt/"
    assert crawl.offer("http://testserver/kontakt/#top") is None  # already queued


def test_crawler_groups_pages_by_template():
    """Pages of one URL pattern count together (per language for the public site, across
    languages and query strings for the staff area)."""
    crawl = Crawl(origin="http://testserver")
    assert crawl.pattern("/dienstleistungen/a/") == crawl.pattern("/dienstleistungen/b/")
    assert crawl.pattern("/dienstleistungen/a/") != crawl.pattern("/en/dienstleistungen/a/")
    assert crawl.pattern("/dienstleistungen/?q=x") != crawl.pattern("/dienstleistungen/")
    assert crawl.pattern("/admin/core/stadtbezirk/?o=1") == crawl.pattern(
        "/en/admin/core/stadtbezirk/"
    )


def test_clipping_check_finds_text_cut_off_by_a_fixed_height(page):
    """The 200 % check reports a box whose overflow:hidden cuts off its text, not one that fits."""
    page.set_content(
        '<!DOCTYPE html><html lang="de"><body>'
        '<div id="cut" style="height:1em;overflow:hidden">Eine Zeile<br>und noch eine</div>'
        '<div id="fits" style="overflow:hidden">Alles sichtbar</div>'
        '<div class="visually-hidden" style="height:1px;overflow:hidden">Nur für Screenreader'
        "<br>zweite Zeile</div></body></html>"
    )
    offenders = page.evaluate(CLIPPED_SCRIPT)
    assert len(offenders) == 1
    assert offenders[0].startswith("div#cut (")
