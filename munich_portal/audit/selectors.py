"""Reads of the audit trail for Meine Daten, the data-protection officer and the admin.

For a resident (Meine Daten):

- :func:`record_counts_for_subject` — how many records of each declared model are about a user and
  how many uses, in one query (the overview's summary, issue 17 round 2);
- :func:`records_page_for_subject` — one page of one model's records about a user, newest first;
- :func:`records_for_subject` — every declared record about a user, grouped by model, with the
  shown fields' labels and values (what they mean: :func:`munich_portal.audit.values.field_value`;
  the templates put them into words with :func:`~munich_portal.audit.values.plain_text`);
- :func:`history_for_subject` — every change to those records (also deleted ones), newest first,
  with who changed it as ``self``/``staff``/``system`` (never a staff member's name);
- :func:`events_for_subject` — the data-use events about the user, newest first, filtered and paged
  (fast: the index on ``(subject_pseudonym, occurred_at DESC)``);
- :func:`erasure_preview` — what deleting the account will cancel, delete and keep anonymised,
  from the declarations (the deletion page).

For the data-protection officer:

- :func:`processing_register` / :func:`processing_register_data` — the register of processing
  activities (GDPR Art. 30) generated from the purposes and declarations;
- :func:`event_queryset` — the log filtered by resident, staff pseudonym, purpose, record type,
  action and time;
- :func:`unusual_access` — staff members who looked at many residents in a short time, and uses
  under a purpose that does not fit the record;
- :func:`resolve_actor` — the staff member behind an ``actor_pseudonym``;
- :func:`log_head` — the chain head ``(seq, hash)``.

These functions only read. Showing their results to someone is itself a use: the view logs it with
``actions.record_use``/``record_batch_use``.
"""

from __future__ import annotations

import functools
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import groupby
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, Q, QuerySet, Subquery
from django.utils import timezone

from munich_portal.audit import purposes as purpose_register
from munich_portal.audit.chain import chain_head
from munich_portal.audit.finders import guest_records_for_user, records_by_label
from munich_portal.audit.models import DataUseEvent, SubjectPseudonym, SubjectUseCount
from munich_portal.audit.pseudonyms import actor_pseudonym
from munich_portal.audit.registry import (
    ANONYMISED,
    CANCELLED,
    DELETE,
    DELETED,
    Declaration,
    ErasureItem,
    declaration_for,
    declarations,
)
from munich_portal.audit.values import field_value, stored_value
from munich_portal.core.prepared import (
    ANY_ID,
    CountOf,
    PreparedRead,
    Reading,
    instance_from_row,
    model_columns,
    read_together,
)

__all__ = [
    "ErasureGroup",
    "ErasurePreview",
    "FieldValue",
    "HistoryEntry",
    "Presence",
    "RecordCount",
    "RecordCounts",
    "RegisterEntry",
    "SubjectRecord",
    "SubjectRecords",
    "UnusualAccess",
    "declarations_table",
    "erasure_preview",
    "event_queryset",
    "events_for_subject",
    "guest_records_for_subject",
    "history_for_matches",
    "history_for_subject",
    "log_head",
    "overview_for_subject",
    "processing_register",
    "processing_register_data",
    "record_counts_for_subject",
    "records_for_matches",
    "records_for_subject",
    "records_page_for_subject",
    "resolve_actor",
    "subject_presence",
    "unusual_access",
]


# --- Records --------------------------------------------------------------------------------------


@dataclass
class FieldValue:
    name: str
    label: str
    value: Any


@dataclass
class SubjectRecord:
    pk: Any
    fields: list[FieldValue]
    # For a record found by a rights request (munich_portal.audit.finders): on what it matched,
    # and whether it belongs to an account.
    matched_on: list[str] = field(default_factory=list)
    with_account: bool = False


class _OfDeclaration:
    """What a group of records shows of its declaration (names, purposes, legal basis)."""

    declaration: Declaration

    @property
    def label(self) -> str:
        return self.declaration.label

    @property
    def verbose_name(self):
        return self.declaration.verbose_name

    @property
    def verbose_name_plural(self):
        return self.declaration.verbose_name_plural

    @property
    def purposes(self) -> list[purpose_register.Purpose]:
        return self.declaration.purpose_objects()

    @property
    def legal_basis(self) -> str:
        return self.declaration.legal_basis

    @property
    def retention(self) -> timedelta | None:
        return self.declaration.retention


@dataclass
class SubjectRecords(_OfDeclaration):
    declaration: Declaration
    records: list[SubjectRecord]


@dataclass(frozen=True)
class Presence:
    """Which declared models hold rows (``rows``) and history rows (``history``) about a user."""

    rows: frozenset[str]
    history: frozenset[str]


@functools.cache
def _presence_read(_labels: tuple[str, ...]) -> PreparedRead:
    """The presence statement: for each declaration (its index in :func:`declarations`),
    ``rows_<i>``, and where the model keeps history ``history_<i>`` and ``history_about_<i>``.
    Built once per set of declarations (``_labels``) and process, planned once per connection
    (:class:`munich_portal.core.prepared.PreparedRead`): compiling some sixty ``EXISTS``
    subqueries costs the ORM more time than the database needs to answer them."""

    def build(user: int):
        annotations: dict[str, Exists] = {}
        for index, declaration in enumerate(declarations()):
            rows = declaration.rows_for(user)
            annotations[f"rows_{index}"] = Exists(rows)
            # History of the current rows, and of rows (also deleted ones) about the user: two
            # EXISTS, each an index lookup — one EXISTS with an OR would scan the history table.
            current = declaration.history_rows_for(None, pks=rows.values("pk"))
            if current is None:
                continue
            annotations[f"history_{index}"] = Exists(current)
            if not callable(declaration.subject):
                about = declaration.history_rows_for(user, pks=[])
                assert about is not None  # the model keeps history (``current`` above)
                annotations[f"history_about_{index}"] = Exists(about)
        return get_user_model().objects.filter(pk=user).values(**annotations)

    return PreparedRead(build, user=ANY_ID)


def subject_presence(user) -> Presence | None:
    """Which declarations have anything about ``user``, in one query (``None`` if unknown).

    Meine Daten reads every declared model; most hold nothing about a given resident. One query
    of ``EXISTS`` subqueries tells which do, so the page costs a query per model that has data,
    not two or three per declared model (the count grows with every app).
    """
    user_pk = getattr(user, "pk", user)
    current = tuple(declaration.label for declaration in declarations())
    if any(callable(declaration.subject) for declaration in declarations()):
        return None  # a computed subject cannot be compiled once: look everywhere
    found = _presence_read(current).row(user=user_pk)
    if found is None:
        return None  # no such user any more: look everywhere
    present: dict[str, set[str]] = {"rows": set(), "history": set()}
    for name, exists in found.items():
        if exists:
            kind = "rows" if name.startswith("rows_") else "history"
            present[kind].add(current[int(name.rsplit("_", 1)[1])])
    return Presence(rows=frozenset(present["rows"]), history=frozenset(present["history"]))


@dataclass
class RecordCount(_OfDeclaration):
    """How many records of one declared model are about the resident."""

    declaration: Declaration
    count: int


@dataclass
class RecordCounts:
    """The overview's summary: the models with records (``groups``) and the number of uses."""

    groups: list[RecordCount]
    uses: int
    #: The user's subject pseudonym (``None`` before their data was first used).
    pseudonym: Any = None

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


@functools.cache
def _counts_read(_labels: tuple[str, ...]) -> PreparedRead:
    """The statement counting every declared model's rows about a user and the uses of their
    data, with their pseudonym: built once per process and set of declarations
    (:class:`munich_portal.core.prepared.PreparedRead`, also planned once per connection — the
    planning of its subqueries took longer than running them)."""

    def build(user: int):
        annotations: dict[str, Subquery] = {}
        for index, declaration in enumerate(declarations()):
            rows = declaration.rows_for(user).order_by().values("pk")
            annotations[f"rows_{index}"] = CountOf(rows)
        pseudonym = SubjectPseudonym.objects.filter(user_id=user).values("pseudonym")
        # The log's trigger keeps the number (audit.0006): no count over the uses themselves.
        uses = SubjectUseCount.objects.filter(pseudonym=Subquery(pseudonym[:1])).values("uses")
        annotations["uses"] = Subquery(uses[:1])
        annotations["pseudonym"] = Subquery(pseudonym[:1])
        return get_user_model()._base_manager.filter(pk=user).values(**annotations)

    return PreparedRead(build, user=ANY_ID)


def record_counts_for_subject(user) -> RecordCounts:
    """How many records of each declared model are about ``user`` (models without any left out)
    and how many uses of their data are logged: one query, whatever the number of records or
    uses (the number of uses is kept by the log's trigger, :class:`models.SubjectUseCount`).

    A declaration with a computed subject cannot be compiled once: then each model is counted
    with a query of its own (none is declared so today).
    """
    if _computed_subjects():
        counts = {d.label: d.rows_for(user).count() for d in declarations()}
        pseudonym = _pseudonym_of(user)
        uses = events_for_subject(user, per_page=1, pseudonym=pseudonym).paginator.count
        return _record_counts(counts, uses, pseudonym)
    return _counts_reading(user).result()


def _computed_subjects() -> bool:
    return any(callable(declaration.subject) for declaration in declarations())


def _counts_reading(user) -> Reading[RecordCounts]:
    current = tuple(declaration.label for declaration in declarations())

    def finish(rows) -> RecordCounts:
        found = rows[0] if rows else {}
        counts = {
            declaration.label: found.get(f"rows_{index}", 0)
            for index, declaration in enumerate(declarations())
        }
        return _record_counts(counts, found.get("uses") or 0, found.get("pseudonym"))

    return Reading(_counts_read(current), {"user": getattr(user, "pk", user)}, finish)


def _record_counts(counts: dict[str, int], uses: int, pseudonym) -> RecordCounts:
    groups = [
        RecordCount(declaration=declaration, count=counts[declaration.label])
        for declaration in declarations()
        if counts.get(declaration.label)
    ]
    return RecordCounts(groups=groups, uses=uses, pseudonym=pseudonym)


def overview_for_subject(user, *, per_page: int) -> tuple[RecordCounts, Page]:
    """Meine Daten's overview without filters: :func:`record_counts_for_subject` and the first
    page of :func:`events_for_subject`, read in one round trip with statements built once per
    process (issue 17, round 7). The page's events are model instances, as the ORM loads them.
    """
    if _computed_subjects():
        counts = record_counts_for_subject(user)
        page = events_for_subject(
            user, per_page=per_page, count=counts.uses, pseudonym=counts.pseudonym
        )
        return counts, page
    counts, events = read_together(
        _counts_reading(user),
        Reading(_first_events_read(per_page), {"user": getattr(user, "pk", user)}, _events),
    )
    paginator = Paginator(DataUseEvent.objects.none(), per_page)
    paginator.__dict__["count"] = counts.uses  # Paginator.count is a cached_property
    return counts, Page(events, 1, paginator)


def _events(rows) -> list[DataUseEvent]:
    return [instance_from_row(DataUseEvent, row) for row in rows]


@functools.cache
def _first_events_read(per_page: int) -> PreparedRead:
    """The newest ``per_page`` events about a user, every column (the statement of
    :func:`events_for_subject`'s first page without filters, the pseudonym looked up in it)."""

    def build(user: int):
        pseudonym = SubjectPseudonym.objects.filter(user_id=user).values("pseudonym")[:1]
        return (
            DataUseEvent.objects.filter(subject_pseudonym=Subquery(pseudonym))
            .order_by("-occurred_at", "-seq")
            .values(*model_columns(DataUseEvent))[:per_page]
        )

    return PreparedRead(build, user=ANY_ID)


def records_page_for_subject(
    user, declaration: Declaration, *, number: int, per_page: int
) -> tuple[Page, SubjectRecords | None]:
    """Page ``number`` of ``declaration``'s records about ``user``, newest (highest id) first:
    two queries (the count and the page's rows). A page past the last raises
    :class:`django.core.paginator.EmptyPage`; page 1 always exists."""
    rows = _shown_rows(declaration, declaration.rows_for(user)).order_by("-pk")
    page = Paginator(rows, per_page).page(number)
    return page, _records_from(declaration, page.object_list)


def records_for_subject(user, *, presence: Presence | None = None) -> list[SubjectRecords]:
    """Every declared record about ``user``, grouped by model (models without rows left out)."""
    presence = presence or subject_presence(user)
    groups = []
    for declaration in declarations():
        if presence is not None and declaration.label not in presence.rows:
            continue
        group = _records_of(declaration, declaration.rows_for(user))
        if group is not None:
            groups.append(group)
    return groups


def _shown_rows(declaration: Declaration, rows: QuerySet) -> QuerySet:
    """``rows`` with the related rows their shown fields need in the same query."""
    shown = [declaration.model_field(name) for name in declaration.shown_fields]
    related = [f.name for f in shown if f.is_relation and f.many_to_one]
    return rows.select_related(*related) if related else rows


def _records_of(declaration: Declaration, rows: QuerySet) -> SubjectRecords | None:
    """The shown fields of ``rows`` in words (``None`` when there are none)."""
    return _records_from(declaration, _shown_rows(declaration, rows.order_by("pk")))


def _records_from(declaration: Declaration, rows) -> SubjectRecords | None:
    shown = [declaration.model_field(name) for name in declaration.shown_fields]
    records = [
        SubjectRecord(
            pk=row.pk,
            fields=[
                FieldValue(
                    f.name,
                    str(f.verbose_name),
                    field_value(row, f, declaration.shown_as.get(f.name)),
                )
                for f in shown
            ],
        )
        for row in rows
    ]
    return SubjectRecords(declaration=declaration, records=records) if records else None


def guest_records_for_subject(user) -> list[SubjectRecords]:
    """Records made without an account with one of ``user``'s verified e-mail addresses (guest
    bookings, guest and paper registrations...): Meine Daten shows them, deletion erases them."""
    return records_for_matches(records_by_label(guest_records_for_user(user)))


def records_for_matches(records: dict[str, list]) -> list[SubjectRecords]:
    """The rows ``{label: [pk, ...]}`` (found by ``audit.finders``) as Meine Daten shows records."""
    groups = []
    for declaration in declarations():
        pks = records.get(declaration.label)
        if not pks:
            continue
        group = _records_of(declaration, declaration.model._base_manager.filter(pk__in=pks))
        if group is not None:
            groups.append(group)
    return groups


# --- Erasure preview ------------------------------------------------------------------------------


@dataclass
class ErasureGroup(_OfDeclaration):
    """The rows of one declared model that erasure will treat one way (``items`` may be empty:
    then the page names the model and ``count``)."""

    declaration: Declaration
    count: int
    items: list[ErasureItem] = field(default_factory=list)

    @property
    def name(self):
        return self.verbose_name if self.count == 1 else self.verbose_name_plural

    @property
    def warnings(self) -> list[str]:
        return [item.warning for item in self.items if item.warning]


@dataclass
class ErasurePreview:
    """What erasing a user will do, grouped as the deletion page lists it (the user row itself
    and the pseudonym link are not listed: the page says the account goes)."""

    cancelled: list[ErasureGroup] = field(default_factory=list)
    deleted: list[ErasureGroup] = field(default_factory=list)
    anonymised: list[ErasureGroup] = field(default_factory=list)
    #: Public contributions (ideas, comments): deleted or kept anonymised, as the resident chooses.
    contributions: list[ErasureGroup] = field(default_factory=list)

    @property
    def has_contributions(self) -> bool:
        return bool(self.contributions)

    @property
    def warnings(self) -> list[str]:
        return [text for group in (*self.cancelled, *self.deleted) for text in group.warnings]


def erasure_preview(user) -> ErasurePreview:
    """What :func:`munich_portal.audit.actions.erase_subject` would do to ``user``'s records.

    Built from the declarations, so a newly declared model appears without touching the page: a
    model with ``describe_erasure`` describes its rows itself (one item per row or group); any
    other is counted as deleted (``on_erasure="delete"``) or anonymised; a ``contribution`` model
    is listed apart (the resident's choice). Reads only; one query per model with rows.
    """
    presence = subject_presence(user)
    preview = ErasurePreview()
    buckets = {
        CANCELLED: preview.cancelled,
        DELETED: preview.deleted,
        ANONYMISED: preview.anonymised,
    }
    for declaration in declarations():
        if declaration.is_user_model:
            continue
        if presence is not None and declaration.label not in presence.rows:
            continue
        rows = declaration.rows_for(user)
        if declaration.contribution or declaration.describe_erasure is None:
            count = rows.count()
            if not count:
                continue
            if declaration.contribution:
                bucket = preview.contributions
            else:
                bucket = buckets[DELETED if declaration.on_erasure == DELETE else ANONYMISED]
            bucket.append(ErasureGroup(declaration=declaration, count=count))
            continue
        by_outcome: dict[str, list[ErasureItem]] = {}
        for item in declaration.describe_erasure(rows):
            by_outcome.setdefault(item.outcome, []).append(item)
        for outcome, items in by_outcome.items():
            buckets[outcome].append(
                ErasureGroup(declaration=declaration, count=len(items), items=items)
            )
    return preview


# --- History --------------------------------------------------------------------------------------

CHANGE_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class HistoryEntry:
    label: str
    verbose_name: Any
    record_id: Any
    date: datetime
    change_type: str  # created, changed, deleted
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)  # (label, old, new)
    by: str = "system"  # self, staff, system
    reason: str = ""
    purpose: str = ""

    @property
    def purpose_title(self) -> str:
        try:
            return str(purpose_register.get(self.purpose).title) if self.purpose else ""
        except purpose_register.UnknownPurpose:
            return self.purpose


def history_for_subject(
    user, *, limit: int | None = None, presence: Presence | None = None
) -> list[HistoryEntry]:
    """Every change to the records about ``user``, newest first."""
    user_pk = getattr(user, "pk", user)
    presence = presence or subject_presence(user)
    entries: list[HistoryEntry] = []
    for declaration in declarations():
        if presence is not None and declaration.label not in presence.history:
            continue
        # The row ids as a list, not a subquery: "id IN (1, 2) OR author_id = 7" can use both
        # indexes of the history table; "id IN (SELECT …) OR …" scans it.
        history = declaration.history_rows_for(
            user, pks=list(declaration.rows_for(user).values_list("pk", flat=True))
        )
        if history is None:
            continue
        entries += _history_entries(declaration, history, user_pk)
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries[:limit] if limit else entries


def history_for_matches(records: dict[str, list]) -> list[HistoryEntry]:
    """Every change to the rows ``{label: [pk, ...]}``, newest first (no one is "self")."""
    entries: list[HistoryEntry] = []
    for declaration in declarations():
        pks = records.get(declaration.label)
        history = declaration.history_rows_for(None, pks=pks) if pks else None
        if history is not None:
            entries += _history_entries(declaration, history, None)
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries


def _history_entries(declaration: Declaration, history: QuerySet, user_pk) -> list[HistoryEntry]:
    entries: list[HistoryEntry] = []
    model = declaration.model
    tracked = {f.name for f in history.model.tracked_fields}
    shown = [declaration.model_field(name) for name in declaration.shown_fields if name in tracked]
    pk_name = model._meta.pk.attname
    rows = history.order_by(pk_name, "history_date", "history_id")
    previous_by_record: dict[Any, Any] = {}
    for row in rows:
        record_id = getattr(row, pk_name)
        previous = previous_by_record.get(record_id)
        changes = []
        for model_field in shown:
            new = getattr(row, model_field.attname)
            if row.history_type == "-":
                continue
            old = getattr(previous, model_field.attname) if previous is not None else None
            if previous is None or old != new:
                shown_as = declaration.shown_as.get(model_field.name)
                if shown_as is not None:  # the declaration's words, for both versions
                    old = shown_as(previous) if previous is not None else None
                    new = shown_as(row)
                else:  # a choice's label for its code
                    old, new = stored_value(model_field, old), stored_value(model_field, new)
                changes.append((str(model_field.verbose_name), old, new))
        previous_by_record[record_id] = row
        if row.history_type == "~" and not changes:
            continue  # a change of fields Meine Daten does not show
        if row.history_user_id is None:
            by = "system"
        elif row.history_user_id == user_pk:
            by = "self"
        else:
            by = "staff"
        entries.append(
            HistoryEntry(
                label=declaration.label,
                verbose_name=declaration.verbose_name,
                record_id=record_id,
                date=row.history_date,
                change_type=CHANGE_TYPES.get(row.history_type, row.history_type),
                changes=changes,
                by=by,
                reason=row.history_change_reason or "",
                purpose=row.purpose,
            )
        )
    return entries


# --- Events ---------------------------------------------------------------------------------------

EVENT_FILTERS = ("action", "purpose", "record_type", "channel", "date_from", "date_to")


def _as_datetime(value, *, end: bool = False) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        moment = datetime.combine(value + timedelta(days=1) if end else value, time.min)
        return timezone.make_aware(moment)
    raise TypeError(f"Expected a date or datetime, got {value!r}.")


def _apply_filters(queryset: QuerySet, filters: dict | None) -> QuerySet:
    filters = {key: value for key, value in (filters or {}).items() if value not in (None, "")}
    unknown = set(filters) - set(EVENT_FILTERS)
    if unknown:
        raise ValueError(f"Unknown event filters: {', '.join(sorted(unknown))}")
    for key in ("action", "purpose", "record_type", "channel"):
        if key in filters:
            queryset = queryset.filter(**{key: filters[key]})
    if "date_from" in filters:
        queryset = queryset.filter(occurred_at__gte=_as_datetime(filters["date_from"]))
    if "date_to" in filters:
        # A date means the whole day.
        queryset = queryset.filter(occurred_at__lt=_as_datetime(filters["date_to"], end=True))
    return queryset


_LOOK_UP: Any = object()


def _pseudonym_of(user):
    return (
        SubjectPseudonym.objects.filter(user_id=getattr(user, "pk", user))
        .values_list("pseudonym", flat=True)
        .first()
    )


def events_for_subject(
    user,
    *,
    filters: dict | None = None,
    page: int | str = 1,
    per_page: int = 50,
    count: int | None = None,
    pseudonym: Any = _LOOK_UP,
) -> Page:
    """One page of the data-use events about ``user``, newest first.

    ``filters``: ``action``, ``purpose``, ``record_type``, ``channel`` (codes), ``date_from`` and
    ``date_to`` (dates, inclusive, or datetimes). An out-of-range page gives the last page.
    ``count``: the number of events the filters leave, when the caller knows it already (the
    overview from :func:`record_counts_for_subject`), which saves the count query; ``pseudonym``
    likewise saves looking up the user's subject pseudonym.
    """
    if pseudonym is _LOOK_UP:
        pseudonym = _pseudonym_of(user)
    queryset: QuerySet
    if pseudonym is None:
        queryset = DataUseEvent.objects.none()
    else:
        queryset = _apply_filters(
            DataUseEvent.objects.filter(subject_pseudonym=pseudonym), filters
        ).order_by("-occurred_at", "-seq")
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    return paginator.get_page(page)


def event_queryset(
    *,
    subject=None,
    actor: str | None = None,
    purpose: str | None = None,
    record_type: str | None = None,
    record_id: str | None = None,
    action: str | None = None,
    since: datetime | date | None = None,
    until: datetime | date | None = None,
) -> QuerySet:
    """The log filtered for the data-protection officer, newest first.

    ``subject`` is a user or user id (matched through the pseudonym), ``actor`` an
    ``actor_pseudonym``. An erased subject has no events any more (nothing links them).
    """
    queryset = DataUseEvent.objects.all()
    if subject is not None:
        pseudonym = (
            SubjectPseudonym.objects.filter(user_id=getattr(subject, "pk", subject))
            .values_list("pseudonym", flat=True)
            .first()
        )
        queryset = queryset.filter(subject_pseudonym=pseudonym) if pseudonym else queryset.none()
    for name, value in (
        ("actor_pseudonym", actor),
        ("purpose", purpose),
        ("record_type", record_type),
        ("record_id", record_id),
        ("action", action),
    ):
        if value:
            queryset = queryset.filter(**{name: value})
    if since is not None:
        queryset = queryset.filter(occurred_at__gte=_as_datetime(since))
    if until is not None:
        queryset = queryset.filter(occurred_at__lt=_as_datetime(until, end=True))
    return queryset.order_by("-seq")


def log_head() -> tuple[int, str]:
    return chain_head()


def resolve_actor(pseudonym: str):
    """The user behind an ``actor_pseudonym`` (``None`` if no current user matches).

    Recomputes the keyed pseudonym over the staff first, then over everyone: the mapping is stored
    nowhere.
    """
    if not pseudonym or "-" not in pseudonym:
        return None
    prefix = pseudonym.split("-", 1)[0]
    if prefix not in ("staff", "user"):
        return None
    users = get_user_model()._base_manager.order_by("pk")
    candidates = [
        users.filter(Q(is_staff=True) | Q(is_superuser=True) | Q(groups__isnull=False)).distinct(),
        users,
    ]
    for queryset in candidates:
        for candidate in queryset.iterator(chunk_size=2000):
            if actor_pseudonym(candidate, prefix=prefix) == pseudonym:
                return candidate
    return None


# --- Processing register --------------------------------------------------------------------------


@dataclass
class RegisterRecord:
    declaration: Declaration

    @property
    def label(self) -> str:
        return self.declaration.label

    @property
    def verbose_name(self):
        return self.declaration.verbose_name_plural

    @property
    def personal_fields(self) -> list[str]:
        names = list(dict.fromkeys([*self.declaration.fields, *self.declaration.shown_fields]))
        return [str(self.declaration.model_field(name).verbose_name) for name in names]

    @property
    def retention(self) -> timedelta | None:
        return self.declaration.retention

    @property
    def retention_anchor(self) -> str:
        anchor = self.declaration.retention_anchor
        if anchor is None:
            return ""
        if isinstance(anchor, str):
            try:
                return str(self.declaration.model_field(anchor).verbose_name)
            except Exception:  # a path across relations
                return anchor
        return getattr(anchor, "__name__", str(anchor))

    @property
    def on_erasure(self) -> str:
        erasure = self.declaration.on_erasure
        return erasure if isinstance(erasure, str) else "custom"


@dataclass
class RegisterEntry:
    purpose: purpose_register.Purpose
    records: list[RegisterRecord]


def processing_register() -> list[RegisterEntry]:
    """The register of processing activities: each purpose with the declared models under it."""
    by_purpose: dict[str, list[RegisterRecord]] = {}
    for declaration in declarations():
        for code in declaration.purposes:
            by_purpose.setdefault(code, []).append(RegisterRecord(declaration))
    return [
        RegisterEntry(purpose=purpose, records=by_purpose.get(purpose.code, []))
        for purpose in purpose_register.all_purposes()
    ]


def processing_register_data() -> dict:
    """The register as JSON-ready data (texts in the active language), for the download."""

    def texts(values):
        return [str(value) for value in values]

    return {
        "controller": dict(purpose_register.CONTROLLER),
        "generated_at": timezone.now().isoformat(),
        "activities": [
            {
                "purpose": entry.purpose.code,
                "title": str(entry.purpose.title),
                "legal_basis": entry.purpose.legal_basis,
                "description": str(entry.purpose.description),
                "data_categories": texts(entry.purpose.data_categories),
                "data_subjects": texts(entry.purpose.data_subjects),
                "recipients": texts(entry.purpose.recipients),
                "third_country_transfers": str(entry.purpose.third_country_transfers),
                "retention": str(entry.purpose.retention),
                "records": [
                    {
                        "model": record.label,
                        "name": str(record.verbose_name),
                        "personal_fields": record.personal_fields,
                        "legal_basis": record.declaration.legal_basis,
                        "retention_days": record.retention.days if record.retention else None,
                        "retention_starts": record.retention_anchor,
                        "on_erasure": record.on_erasure,
                    }
                    for record in entry.records
                ],
            }
            for entry in processing_register()
        ],
    }


# --- Unusual access -------------------------------------------------------------------------------


@dataclass
class UnusualAccess:
    kind: str  # many_subjects, purpose_mismatch
    actor_pseudonym: str
    actor_role: str
    started_at: datetime
    ended_at: datetime
    subjects: int = 0
    events: int = 0
    seq: int | None = None
    purpose: str = ""
    record_type: str = ""
    allowed_purposes: tuple[str, ...] = ()
    # Filled in by the officer's page (audit admin): the staff member's name, the log's link.
    staff_name: str = ""
    log_url: str = ""


READ_ACTIONS = (DataUseEvent.Action.VIEW, DataUseEvent.Action.EXPORT, DataUseEvent.Action.PRINT)


def _many_subjects(events: QuerySet, max_subjects: int, window: timedelta) -> list[UnusualAccess]:
    findings = []
    rows = events.order_by("actor_pseudonym", "occurred_at", "seq").values_list(
        "actor_pseudonym", "actor_role", "occurred_at", "subject_pseudonym"
    )
    for actor, actor_rows in groupby(rows.iterator(chunk_size=5000), key=lambda row: row[0]):
        recent: deque = deque()
        counts: Counter = Counter()
        episode: UnusualAccess | None = None
        for _actor, role, occurred, subject in actor_rows:
            recent.append((occurred, subject))
            counts[subject] += 1
            while recent[0][0] <= occurred - window:
                _old_time, old_subject = recent.popleft()
                counts[old_subject] -= 1
                if not counts[old_subject]:
                    del counts[old_subject]
            if len(counts) > max_subjects:
                if episode is None:
                    episode = UnusualAccess(
                        kind="many_subjects",
                        actor_pseudonym=actor,
                        actor_role=role,
                        started_at=recent[0][0],
                        ended_at=occurred,
                    )
                episode.ended_at = occurred
                episode.subjects = max(episode.subjects, len(counts))
                episode.events += 1
            elif episode is not None:
                findings.append(episode)
                episode = None
        if episode is not None:
            findings.append(episode)
    return findings


def unusual_access(
    *,
    since: datetime | date | None = None,
    until: datetime | date | None = None,
    max_subjects: int = 20,
    window: timedelta = timedelta(minutes=10),
    actions=READ_ACTIONS,
    limit: int = 500,
) -> list[UnusualAccess]:
    """Flag unusual staff access in ``[since, until)`` (default: the last 24 hours).

    ``many_subjects``: one staff member used the records of more than ``max_subjects`` distinct
    residents within ``window`` (one finding per burst, with the peak count). ``purpose_mismatch``:
    a use under a purpose that is not among the record model's declared purposes (purposes that
    apply to all records, such as answering an access request, are never flagged).
    """
    since = _as_datetime(since) if since is not None else timezone.now() - timedelta(days=1)
    events = DataUseEvent.objects.filter(
        occurred_at__gte=since, actor_pseudonym__startswith="staff-"
    )
    if until is not None:
        events = events.filter(occurred_at__lt=_as_datetime(until, end=True))
    findings = _many_subjects(
        events.filter(subject_pseudonym__isnull=False, action__in=list(actions)),
        max_subjects,
        window,
    )
    general = [p.code for p in purpose_register.all_purposes() if p.applies_to_all_records]
    for declaration in declarations():
        allowed = (*declaration.purposes, *general)
        mismatched = (
            events.filter(record_type=declaration.label)
            .exclude(purpose__in=allowed)
            .order_by("seq")
            .values_list("seq", "actor_pseudonym", "actor_role", "occurred_at", "purpose")[:limit]
        )
        for seq, actor, role, occurred, purpose in mismatched:
            findings.append(
                UnusualAccess(
                    kind="purpose_mismatch",
                    actor_pseudonym=actor,
                    actor_role=role,
                    started_at=occurred,
                    ended_at=occurred,
                    subjects=1,
                    events=1,
                    seq=seq,
                    purpose=purpose,
                    record_type=declaration.label,
                    allowed_purposes=tuple(declaration.purposes),
                )
            )
    findings.sort(key=lambda finding: finding.started_at)
    return findings[:limit]


def declaration_of_record_type(record_type: str) -> Declaration | None:
    return declaration_for(record_type)


# --- Documentation --------------------------------------------------------------------------------


def _duration_text(period: timedelta | None) -> str:
    if period is None:
        return "none"
    days = period.days
    if days and days % 365 == 0:
        years = days // 365
        return f"{years} year" + ("s" if years > 1 else "")
    if days and days % 30 == 0 and days < 365:
        months = days // 30
        return f"{months} month" + ("s" if months > 1 else "")
    return f"{days} day" + ("s" if days != 1 else "")


def _anchor_text(anchor) -> str:
    if anchor is None:
        return ""
    if isinstance(anchor, str):
        return f" after `{anchor}`"
    if isinstance(anchor, F):
        return f" after `{anchor.name}`"  # type: ignore[attr-defined]  # stubs lack F.name
    if hasattr(anchor, "flatten"):  # a query expression such as Coalesce(F(...), F(...))
        # F.name exists; django-stubs does not declare it.
        names = [node.name for node in anchor.flatten() if isinstance(node, F)]  # type: ignore[attr-defined]
        if names:
            return " after the first of " + ", ".join(f"`{name}`" for name in names)
    if callable(anchor):
        return f" after `{getattr(anchor, '__name__', 'a computed date')}()`"
    return " after a computed date"


def _handling_text(handling) -> str:
    if callable(handling):
        return f"`{getattr(handling, '__name__', 'hook')}()`"
    return str(handling)


def declarations_table() -> str:
    """Every declared model as a Markdown table: docs/data-protection.md embeds it between
    ``<!-- declarations-table:start -->`` and ``<!-- declarations-table:end -->`` and a test keeps
    it equal to this (``manage.py declarations_table`` prints it)."""
    lines = [
        "| model | subject | personal fields | purposes | retention | on erasure |",
        "|---|---|---|---|---|---|",
    ]
    for declaration in sorted(declarations(), key=lambda item: item.label):
        if callable(declaration.subject):
            subject = f"`{getattr(declaration.subject, '__name__', 'computed')}()`"
        elif declaration.subject == ".":
            subject = "the user"
        else:
            subject = f"`{declaration.subject}`"
        fields = ", ".join(f"`{name}`" for name in declaration.fields) or "—"
        if declaration.public_text:
            public_text = ", ".join(f"`{name}`" for name in declaration.public_text)
            fields += f"; public text: {public_text}"
        purposes = ", ".join(f"`{code}`" for code in declaration.purposes)
        retention = _duration_text(declaration.retention)
        if declaration.retention is not None:
            retention += _anchor_text(declaration.retention_anchor)
            retention += f" ({_handling_text(declaration.on_retention or declaration.on_erasure)})"
        lines.append(
            f"| `{declaration.label}` | {subject} | {fields} | {purposes} | {retention} | "
            f"{_handling_text(declaration.on_erasure)} |"
        )
    return "\n".join(lines)
