"""Reads of the participation app for the public pages, the organisers' admin and Mein Konto.

Every function issues a fixed number of queries whatever the amount of data; the page tests hold
each page to that (``django_assert_max_num_queries``). "Today" is the date in Munich
(Europe/Berlin), whatever the server's time zone: a phase ending on 30 November is current until
midnight in Munich.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Func, Max, Min, Prefetch, Q, Sum, Value, Window
from django.urls import reverse
from django.utils import timezone

from munich_portal.core import scopes
from munich_portal.core.channels import Channel
from munich_portal.core.i18n import Translated
from munich_portal.core.models import Stadtbezirk
from munich_portal.core.page_cache import DataVersion
from munich_portal.core.paging import Page
from munich_portal.core.person_match import (
    contact_keys,
    matched_contacts,
    normalise_name,
)
from munich_portal.core.prepared import (
    ANY_ID,
    ANY_OTHER_ID,
    ANY_TEXT,
    PreparedRead,
    Reading,
    instance_from_row,
    model_columns,
    read_together,
)
from munich_portal.core.timezone import MUNICH, today_in_munich
from participation.models import (
    ACTIVE_STATUSES,
    AccessNeed,
    ErasedRegistrations,
    Event,
    ParticipationVersion,
    Phase,
    Process,
    ProcessStatus,
    Registration,
    RegistrationStatus,
    Topic,
)

PROCESS_PAGE_SIZE = 12


def _participation_token() -> str | None:
    row = ParticipationVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    return str(row) if row else None


#: The participation version's token as this process last read it. Database triggers
#: (participation/version_sql.py) give it a new token on every write to a table the public pages
#: show; their fragments are kept by it. ORM writes in this process forget it at once (apps.py).
participation_token = DataVersion(_participation_token)


def _moments() -> list[dt.datetime]:
    """Every moment at which an event page or a process's timeline changes by itself (one query):
    an event's start, end, registration opening and closing."""
    moments: set[dt.datetime] = set()
    for row in Event.objects.values_list(
        "starts_at", "ends_at", "registration_opens_at", "registration_closes_at"
    ):
        moments.update(moment for moment in row if moment is not None)
    return sorted(moments)


def time_part(now: dt.datetime | None = None) -> str:
    """What of the time the participation pages show: the day in Munich and how many of the
    events' moments (:func:`_moments`) have passed. A fragment key part: it changes exactly when
    a page would change by the clock alone. No query while the version token is unchanged."""
    now = now or timezone.now()
    moments = participation_token.memo("moments", _moments)
    # Left and right: a moment passing is seen both at the moment and just after it (the pages
    # compare with < and <=).
    passed = f"{bisect.bisect_left(moments, now)}:{bisect.bisect_right(moments, now)}"
    return f"{today_in_munich(now).isoformat()}+{passed}"


class ProcessState:
    UPCOMING = "upcoming"
    RUNNING = "running"
    FINISHED = "finished"

    CHOICES = (UPCOMING, RUNNING, FINISHED)


def state_of(starts_on: dt.date | None, ends_on: dt.date | None, today: dt.date) -> str:
    """upcoming / running / finished from a process's first and last phase dates."""
    if starts_on is None or today < starts_on:
        return ProcessState.UPCOMING
    if ends_on is not None and today > ends_on:
        return ProcessState.FINISHED
    return ProcessState.RUNNING


def current_phase(phases, today: dt.date) -> Phase | None:
    """The phase whose dates contain ``today`` (the later one if two overlap)."""
    current = None
    for phase in phases:
        if phase.is_current(today):
            current = phase
    return current


@dataclass(frozen=True)
class ProcessFilters:
    district: str = ""  # a Stadtbezirk slug
    topic: str = ""
    state: str = ""

    def __bool__(self):
        return bool(self.district or self.topic or self.state)


def _with_dates(queryset):
    return queryset.annotate(first_day=Min("phases__starts_on"), last_day=Max("phases__ends_on"))


def process_page(filters: ProcessFilters, number: int, *, today: dt.date | None = None) -> Page:
    """Published processes matching ``filters``, running ones first, then upcoming, finished.

    Three queries: the page (with its total), the districts and the phases of its processes.
    """
    today = today or today_in_munich()
    queryset = _with_dates(Process.objects.published()).select_related("department")
    if filters.district:
        queryset = queryset.filter(stadtbezirke__slug=filters.district)
    if filters.topic:
        queryset = queryset.filter(topic=filters.topic)
    if filters.state == ProcessState.UPCOMING:
        queryset = queryset.filter(Q(first_day__isnull=True) | Q(first_day__gt=today))
    elif filters.state == ProcessState.RUNNING:
        queryset = queryset.filter(first_day__lte=today, last_day__gte=today)
    elif filters.state == ProcessState.FINISHED:
        queryset = queryset.filter(last_day__lt=today)
    queryset = queryset.prefetch_related(
        Prefetch("stadtbezirke", queryset=Stadtbezirk.objects.only("number", "name", "slug")),
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "pk")),
    ).order_by("-last_day", "title_de")
    number = max(1, number)
    offset = (number - 1) * PROCESS_PAGE_SIZE
    items = list(queryset.annotate(total=Window(Count("pk")))[offset : offset + PROCESS_PAGE_SIZE])
    for process in items:
        _decorate(process, today)
    # Running processes first, then upcoming, then finished (within the page's order).
    order = {ProcessState.RUNNING: 0, ProcessState.UPCOMING: 1, ProcessState.FINISHED: 2}
    items.sort(key=lambda process: order[process.state])
    return Page(
        items=items,
        total=items[0].total if items else 0,
        number=number,
        per_page=PROCESS_PAGE_SIZE,
    )


def _decorate(process: Process, today: dt.date) -> None:
    phases = list(process.phases.all())
    process.state = state_of(
        phases[0].starts_on if phases else None,
        max((p.ends_on for p in phases), default=None),
        today,
    )
    process.current_phase = current_phase(phases, today)


def district_choices() -> list[Stadtbezirk]:
    """Districts that have at least one published process (one query)."""
    return list(
        Stadtbezirk.objects.filter(participation_processes__status=ProcessStatus.PUBLISHED)
        .distinct()
        .order_by("number")
    )


def topic_choices() -> list[tuple[str, str]]:
    return list(Topic.choices)


@dataclass
class TimelineItem:
    """One entry of a process's timeline: a phase or an event, in date order."""

    kind: str  # "phase" or "event"
    starts: dt.date
    obj: object
    is_current: bool = False
    is_past: bool = False


@dataclass
class ProcessPage:
    process: Process
    phases: list
    events: list
    documents: list
    timeline: list[TimelineItem] = field(default_factory=list)
    current_phase: Phase | None = None
    state: str = ProcessState.UPCOMING
    today: dt.date | None = None


def process_for_page(
    slug: str, *, include_drafts: bool = False, now: dt.datetime | None = None
) -> ProcessPage | None:
    """The process with everything its page shows, in five queries; ``None`` if not public."""
    queryset = Process.objects.all() if include_drafts else Process.objects.published()
    process = (
        queryset.select_related("department")
        .prefetch_related(
            "stadtbezirke",
            Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "pk")),
            Prefetch("documents"),
            Prefetch(
                "events", queryset=Event.objects.select_related("office").order_by("starts_at")
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if process is None:
        return None
    now = now or timezone.now()
    today = today_in_munich(now)
    phases = list(process.phases.all())
    events = list(process.events.all())
    current = current_phase(phases, today)
    timeline = [
        TimelineItem(
            kind="phase",
            starts=phase.starts_on,
            obj=phase,
            is_current=phase is current,
            is_past=phase.ends_on < today,
        )
        for phase in phases
    ]
    timeline += [
        TimelineItem(
            kind="event",
            starts=timezone.localtime(event.starts_at, MUNICH).date(),
            obj=event,
            is_past=event.ends_at < now,
        )
        for event in events
    ]
    # Phases before the events that fall on their first day.
    timeline.sort(key=lambda item: (item.starts, item.kind != "phase"))
    return ProcessPage(
        process=process,
        phases=phases,
        events=events,
        documents=list(process.documents.all()),
        timeline=timeline,
        current_phase=current,
        state=state_of(
            phases[0].starts_on if phases else None,
            max((p.ends_on for p in phases), default=None),
            today,
        ),
        today=today,
    )


def _public_event_statement(slug: str):
    return (
        Event.objects.filter(process__status=ProcessStatus.PUBLISHED, slug=slug)
        .order_by("starts_at", "pk")
        .values(*model_columns(Event), *model_columns(Process, "process__"))[:1]
    )


# Read on every rendered event page: built once per process (core.prepared); building the
# select_related query of some 50 columns took longer than the database's answer (issue 17,
# round 4).
_PUBLIC_EVENT = PreparedRead(_public_event_statement, slug=ANY_TEXT)


def event_for_page(slug: str, *, include_drafts: bool = False) -> Event | None:
    """The event with its process (one query); ``None`` if not public.

    Its office and the process's department are read when used: only the page's fragments use
    them, so a page served from its fragments reads neither. A query with their columns cost a
    logged-in resident's event page more than the rest of it (issue 17, round 3)."""
    if include_drafts:
        return Event.objects.select_related("process").filter(slug=slug).first()
    return _event_reading(slug).result()


def _event_reading(slug: str) -> Reading[Event | None]:
    return Reading(_PUBLIC_EVENT, {"slug": str(slug)}, _event_with_process)


def _event_with_process(rows) -> Event | None:
    if not rows:
        return None
    event = instance_from_row(Event, rows[0])
    Event.process.field.set_cached_value(event, instance_from_row(Process, rows[0], "process__"))
    return event


def event_and_registration(slug: str, user) -> tuple[Event | None, ActiveRegistration | None]:
    """:func:`event_for_page` (public events) and :func:`active_registration_for` a logged-in
    resident, in one round trip: the registration is looked up by the event's slug (issue 17,
    round 7)."""
    event, registration = read_together(
        _event_reading(slug),
        Reading(
            _ACTIVE_REGISTRATION_BY_SLUG, {"slug": str(slug), "user": user.pk}, _active_registration
        ),
    )
    return event, registration if event is not None else None


def waiting_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).count()


@dataclass(frozen=True)
class ActiveRegistration:
    """What the event page tells a resident of their own registration for the event."""

    status: str
    reference: str


def _active_registrations(user: int, **event):
    return (
        Registration.objects.filter(
            user_id=user,
            status__in=[
                RegistrationStatus.PENDING,
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITLISTED,
            ],
            **event,
        )
        .order_by("received_at", "pk")
        .values("status", "reference")[:1]
    )


def _active_registration_statement(event: int, user: int):
    return _active_registrations(user, event_id=event)


def _active_registration_by_slug_statement(slug: str, user: int):
    return _active_registrations(user, event__slug=slug)


# Read on every logged-in visit of an event page: built once per process (core.prepared); the
# ORM's building of it took longer than the database's answer (issue 17, round 4).
_ACTIVE_REGISTRATION = PreparedRead(_active_registration_statement, event=ANY_ID, user=ANY_OTHER_ID)
_ACTIVE_REGISTRATION_BY_SLUG = PreparedRead(
    _active_registration_by_slug_statement, slug=ANY_TEXT, user=ANY_ID
)


def active_registration_for(event: Event, user) -> ActiveRegistration | None:
    """The resident's registration for ``event`` that still holds or awaits a place (the oldest
    one), or ``None`` (one query; none for a visitor who is not logged in)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return _active_registration(_ACTIVE_REGISTRATION.rows(event=event.pk, user=user.pk))


def _active_registration(rows) -> ActiveRegistration | None:
    return ActiveRegistration(**rows[0]) if rows else None


def upcoming_events(*, limit: int = 3, now: dt.datetime | None = None) -> list[Event]:
    """The next events of published processes (for the home page); cancelled ones left out."""
    now = now or timezone.now()
    return list(
        Event.objects.filter(
            process__status=ProcessStatus.PUBLISHED, ends_at__gte=now, cancelled_at__isnull=True
        )
        .select_related("process", "office")
        .order_by("starts_at")[:limit]
    )


# --- organisers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedCount:
    need: str
    label: str
    registrations: int
    people: int


def access_needs_summary(
    event: Event, *, statuses=(RegistrationStatus.CONFIRMED,)
) -> list[NeedCount]:
    """Access needs of ``event``'s registrations summed up, most frequent first (one query).

    Counts registrations (and their people) per need, e.g. "3 x sign language, 2 x wheelchair".
    """
    rows = (
        Registration.objects.filter(event=event, status__in=statuses)
        .exclude(access_needs=[])
        .values_list("access_needs", "number_of_people")
    )
    registrations: Counter = Counter()
    people: Counter = Counter()
    for needs, count in rows:
        for need in needs:
            registrations[need] += 1
            people[need] += count
    labels = dict(AccessNeed.choices)
    return [
        NeedCount(
            need=need, label=str(labels.get(need, need)), registrations=n, people=people[need]
        )
        for need, n in sorted(registrations.items(), key=lambda item: (-item[1], item[0]))
    ]


def summary_text(summary: list[NeedCount]) -> str:
    """``3 × sign language interpreter, 2 × wheelchair access`` (a multiplication sign)."""  # noqa: RUF002
    return ", ".join(f"{item.registrations} \u00d7 {item.label}" for item in summary)


def registration_counts(event: Event) -> dict:
    """Registrations and people per status and channel, erased people's counts included (two
    queries)."""
    rows = (
        Registration.objects.filter(event=event)
        .values("status", "channel")
        .annotate(registrations=Count("pk"), people=Sum("number_of_people"))
    )
    # Erased people's registrations are left as counts with the same status and channel.
    erased = ErasedRegistrations.objects.filter(event=event).values(
        "status", "channel", "registrations", "people"
    )
    counts = {"by_status": Counter(), "people_by_status": Counter(), "by_channel": Counter()}
    for row in [*rows, *erased]:
        counts["by_status"][row["status"]] += row["registrations"]
        counts["people_by_status"][row["status"]] += row["people"] or 0
        if row["status"] != RegistrationStatus.CANCELLED:
            counts["by_channel"][row["channel"]] += row["registrations"]
    return counts


def registrations_for_event(event: Event, *, search: str = ""):
    """The event's registrations for the organisers' list and the door, in order of receipt."""
    queryset = Registration.objects.filter(event=event).order_by("received_at", "pk")
    search = search.strip()
    if search:
        condition = Q(reference=normalise_code(search))
        for word in search.split()[:3]:
            condition |= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        queryset = queryset.filter(condition)
    return queryset


def normalise_code(text: str) -> str:
    """A reference code as stored (``B7K-4QX9``) from what was typed or scanned.

    Case, spaces and the hyphen do not matter; a scanner's trailing Enter is already gone."""
    code = "".join(text.split()).upper().replace("-", "")[:20]
    return f"{code[:3]}-{code[3:]}" if len(code) == 7 else code


def registration_by_reference(reference: str) -> Registration | None:
    code = normalise_code(reference)
    return Registration.objects.select_related("event").filter(reference=code).first()


def registration_for_check_in(code: str, *, event: Event, user) -> Registration | None:
    """The registration of ``event`` with the check-in ``code``, if ``user`` may see it.

    The code is the registration's reference (random, unique in the database, printed and as a QR
    code on every confirmation: docs/participation.md). Another event's code, or a registration
    outside the organiser's scope (:mod:`munich_portal.core.scopes`), resolves to nothing.

    A code of a registration merged into another one (the duplicate report, or a paper sheet
    judged the same person) resolves to the registration it is linked to: the person keeps the
    place there, whichever confirmation they bring."""
    queryset = Registration.objects.select_related("event", "checked_in_by").filter(
        event=event, reference=normalise_code(code)
    )
    found = scopes.for_staff(queryset, user).first()
    if found is None or found.linked_to_id is None:
        return found
    kept = Registration.objects.select_related("event", "checked_in_by").filter(
        event=event, pk=found.linked_to_id
    )
    return scopes.for_staff(kept, user).first()


# --- Duplicates: the same person registered twice ---------------------------------------------

#: Channels where a registration is written by staff for the person (no proof of the address).
OFFLINE_CHANNELS = (Channel.PAPER, Channel.PHONE, Channel.ON_SITE)
#: Registrations that hold a place or wait for one (a pending guest holds nothing yet).
PLACE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

_MATCH_FIELDS = (
    "pk",
    "event_id",
    "channel",
    "status",
    "first_name",
    "last_name",
    "email",
    "phone",
    "postal_code",
    "received_at",
    "form_number",
    "number_of_people",
    "reference",
)


@dataclass(frozen=True)
class Match:
    """A registration that looks like the person asked about, and the contacts that matched."""

    registration: Registration
    matched_on: tuple[str, ...]  # of munich_portal.core.person_match.CONTACTS


def person_matches(
    *,
    event: Event,
    first_name: str,
    last_name: str = "",
    email: str = "",
    phone: str = "",
    postal_code: str = "",
    channels=None,
    statuses=ACTIVE_STATUSES,
    exclude_pk: int | None = None,
) -> list[Match]:
    """Registrations of ``event`` with the same normalised name and at least one equal contact.

    Only registrations not linked to another one (a linked one is represented by the one it
    links to), with one of ``statuses`` and, if given, one of ``channels``; in order of receipt.
    """
    name = normalise_name(first_name, last_name)
    wanted = contact_keys(email=email, phone=phone, postal_code=postal_code)
    if not name or not any(wanted.values()):
        return []
    rows = (
        Registration.objects.filter(event=event, status__in=statuses, linked_to__isnull=True)
        .annotate(
            phone_digits=Func(
                F("phone"), Value(r"\D"), Value(""), Value("g"), function="regexp_replace"
            ),
            postal_digits=Func(
                F("postal_code"), Value(r"\D"), Value(""), Value("g"), function="regexp_replace"
            ),
        )
        .filter(_contact_prefilter(wanted))
        .only(*_MATCH_FIELDS)
    )
    if channels is not None:
        rows = rows.filter(channel__in=channels)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    matches = []
    # The contact prefilter leaves a handful of rows even at thousands of registrations; comparing
    # normalised names in Python spares the database a function index for umlaut folding.
    for row in rows.order_by("received_at", "pk"):
        if normalise_name(row.first_name, row.last_name) != name:
            continue
        matched = matched_contacts(wanted, _contacts_of(row))
        if matched:
            matches.append(Match(registration=row, matched_on=matched))
    return matches


def _contact_prefilter(wanted: dict[str, str]) -> Q:
    """Rows that may match one of the ``wanted`` contacts, in SQL: a superset of the matches (the
    phone by its last six digits), so that an event with thousands of registrations does not
    load them all (bench: phone entry at 5,000 registrations); the exact comparison stays in
    Python (:func:`matched_contacts`)."""
    condition = Q(pk__in=[])
    if wanted["email"]:
        condition |= Q(email__iexact=wanted["email"])
    if wanted["postal_code"]:
        condition |= Q(postal_digits=wanted["postal_code"])
    if wanted["phone"]:
        condition |= Q(phone_digits__endswith=wanted["phone"][-6:])
    return condition


def _contacts_of(registration: Registration) -> dict[str, str]:
    return contact_keys(
        email=registration.email, phone=registration.phone, postal_code=registration.postal_code
    )


def offline_matches_for_account(event: Event, user) -> list[Match]:
    """Paper, phone and on-site registrations of ``event`` that look like the account's person.

    Matched on the account's own data only — its name and its e-mail address, which the
    resident proved when signing up — never on what was typed into the form: a resident
    learns only about registrations made with their own address (docs/decisions.md).
    """
    if not getattr(user, "is_authenticated", False) or not user.email:
        return []
    return person_matches(
        event=event,
        first_name=user.full_name,
        email=user.email,
        channels=OFFLINE_CHANNELS,
        statuses=PLACE_STATUSES,
    )


def offline_matches_for_guest(registration: Registration) -> list[Match]:
    """Paper, phone and on-site registrations that look like a guest's pending registration.

    Name plus the e-mail address only: the guest reads this behind the link sent to that address,
    so they learn only about registrations made with an address they have shown to be theirs.
    A match on phone or postal code alone is left to the organisers' duplicate report.
    """
    return person_matches(
        event=registration.event,
        first_name=registration.first_name,
        last_name=registration.last_name,
        email=registration.email,
        channels=OFFLINE_CHANNELS,
        statuses=PLACE_STATUSES,
        exclude_pk=registration.pk,
    )


@dataclass(frozen=True)
class DuplicatePair:
    """Two registrations of one event from different channels that look like one person.

    ``keep`` is the one a merge keeps: a confirmed place before a waiting one, then the earlier
    received; ``drop`` is cancelled as linked to it.
    """

    keep: Registration
    drop: Registration
    matched_on: tuple[str, ...]


def _keep_first(registration: Registration) -> tuple:
    return (
        registration.status != RegistrationStatus.CONFIRMED,
        registration.received_at,
        registration.pk,
    )


def duplicate_pairs(registrations) -> list[DuplicatePair]:
    """Pairs among ``registrations`` (one event's, already scoped) that look like one person.

    Both hold or wait for a place, neither is linked to another, their channels differ (a second
    paper form is caught by the clerks' duplicate screen while typing), the normalised names are
    equal and at least one contact matches. In the order of the kept registration's receipt.
    """
    rows = registrations.filter(status__in=PLACE_STATUSES, linked_to__isnull=True).only(
        *_MATCH_FIELDS
    )
    by_name: dict[str, list[Registration]] = {}
    for row in rows.order_by("received_at", "pk"):
        name = normalise_name(row.first_name, row.last_name)
        if name:
            by_name.setdefault(name, []).append(row)
    pairs = []
    for group in by_name.values():
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                if first.channel == second.channel:
                    continue
                matched = matched_contacts(_contacts_of(first), _contacts_of(second))
                if matched:
                    keep, drop = sorted((first, second), key=_keep_first)
                    pairs.append(DuplicatePair(keep=keep, drop=drop, matched_on=matched))
    pairs.sort(key=lambda pair: _keep_first(pair.keep)[1:])
    return pairs


# --- Mein Konto -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnEvent:
    """What Mein Konto shows of the event of a resident's registration."""

    slug: str
    title_de: str
    title_en: str
    starts_at: dt.datetime
    title = Translated()

    def get_absolute_url(self) -> str:
        return reverse("participation:event", kwargs={"slug": self.slug})


@dataclass(frozen=True)
class OwnRegistration:
    """What Mein Konto shows of one of a resident's registrations."""

    status: str
    event: OwnEvent

    def get_status_display(self) -> str:
        return str(RegistrationStatus(self.status).label)


def _own_registrations_statement(user: int):
    return (
        Registration.objects.filter(user_id=user)
        .order_by("-event__starts_at", "pk")
        .values(
            "status",
            slug=F("event__slug"),
            title_de=F("event__title_de"),
            title_en=F("event__title_en"),
            starts_at=F("event__starts_at"),
        )
    )


# Read on every visit of Mein Konto: built once per process (munich_portal.core.prepared).
_OWN_REGISTRATIONS = PreparedRead(_own_registrations_statement, user=ANY_ID)


def _own_registrations(rows) -> list[OwnRegistration]:
    return [OwnRegistration(status=row.pop("status"), event=OwnEvent(**row)) for row in rows]


def registrations_reading(user) -> Reading[list[OwnRegistration]]:
    """A resident's registrations, newest event first: one query, alone (``.result()``) or with
    the page's other reads (:func:`munich_portal.core.prepared.read_together`)."""
    return Reading(_OWN_REGISTRATIONS, {"user": user.pk}, _own_registrations)


# --- files ----------------------------------------------------------------------------------------


def process_for_file(slug: str, *, include_drafts: bool = False) -> Process | None:
    queryset = Process.objects.all() if include_drafts else Process.objects.published()
    return queryset.only("pk", "slug", "image", "status").filter(slug=slug).first()


def document_for_download(slug: str, pk: int, *, include_drafts: bool = False):
    from participation.models import ProcessDocument

    queryset = ProcessDocument.objects.filter(pk=pk, process__slug=slug)
    if not include_drafts:
        queryset = queryset.filter(process__status=ProcessStatus.PUBLISHED)
    return queryset.first()


def checked_in_people(event: Event) -> dict:
    """Registrations and people checked in so far, against those confirmed, erased people's
    counts included (two queries)."""
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    present = confirmed & Q(checked_in_at__isnull=False)
    totals = Registration.objects.filter(event=event).aggregate(
        registrations=Count("pk", filter=present),
        people=Sum("number_of_people", filter=present),
        expected=Sum("number_of_people", filter=confirmed),
    )
    erased = ErasedRegistrations.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    kept = erased.aggregate(
        kept_registrations=Sum("checked_in"),
        kept_people=Sum("checked_in_people"),
        kept_expected=Sum("people"),
    )
    return {key: (value or 0) + (kept[f"kept_{key}"] or 0) for key, value in totals.items()}
