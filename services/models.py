"""The service catalogue: services (FIM/LeiKa text modules), life situations, topics and offices.

Every text a resident reads exists in German (``*_de``, required where it matters) and English
(``*_en``, optional). :class:`Translated` picks the active language's column and falls back to
German, so templates write ``service.name`` and get the right one.

Search columns are PostgreSQL generated columns (see migration 0001): the database keeps them
right after every kind of write — the admin, actions, bulk loads and raw SQL alike.
"""

import uuid

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from munich_portal.audit.registry import not_personal_data
from munich_portal.core.i18n import Translated, active_language
from munich_portal.core.scopes import EVERYTHING, row_scope, where
from services.search_sql import ENGLISH_CONFIG, GERMAN_CONFIG, ImmutableUnaccent, TextJoin

__all__ = [
    "FIM_TEXT_MODULES",
    "SEARCH_COLUMNS",
    "CatalogueVersion",
    "LifeSituation",
    "Office",
    "OpeningException",
    "OpeningHours",
    "PublicationStatus",
    "SearchSynonym",
    "SearchWord",
    "Service",
    "Topic",
    "Translated",
    "active_language",
    "review_overdue_before",
    "validate_online_address",
]


# The FIM text modules (Leistungsbeschreibung) every service carries, after its name, in German
# (``*_de``) and English (``*_en``), in the order of the FIM "Stammtext".
FIM_TEXT_MODULES = [
    "short_text",
    "full_text",
    "prerequisites",
    "required_documents",
    "fees",
    "processing_time",
    "procedure",
    "deadlines",
    "legal_basis",
    "forms",
    "notes",
    "further_information",
    "contact",
]

# The generated search columns: never loaded for display, never copied into history.
SEARCH_COLUMNS = [
    "search_vector_de",
    "search_vector_en",
    "search_vector_short_de",
    "search_vector_short_en",
    "search_names_de",
    "search_names_en",
]


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


@not_personal_data(reason="Life situations are editorial categories of the public catalogue.")
@row_scope(reference=True, public=EVERYTHING)
class LifeSituation(models.Model):
    """A life situation (Lebenslage) such as moving house or having a child."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name_de"]
        verbose_name = _("life situation (Lebenslage)")
        verbose_name_plural = _("life situations (Lebenslagen)")

    name = Translated()
    description = Translated()

    def __str__(self):
        return self.name_de

    def get_absolute_url(self):
        return reverse("services:life_situation", kwargs={"slug": self.slug})


@not_personal_data(reason="Topics are editorial categories of the public catalogue.")
@row_scope(reference=True, public=EVERYTHING)
class Topic(models.Model):
    """A topic (Thema) that groups services across life situations, e.g. "Ausweise"."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name_de"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    name = Translated()

    def __str__(self):
        return self.name_de

    def get_absolute_url(self):
        return f"{reverse('services:catalogue')}?thema={self.slug}"


@not_personal_data(
    reason="Offices are public places of the city; phone numbers and e-mail addresses are the "
    "offices' own, published for everyone, never a staff member's."
)
@row_scope(reference=True, public=where(Q(status="published"), _("published")))
class Office(models.Model):
    """An office residents visit (Dienststelle, Bürgerbüro), with its building's accessibility."""

    class Kind(models.TextChoices):
        CITIZENS_OFFICE = "buergerbuero", _("citizens' office (Bürgerbüro)")
        VEHICLE_REGISTRATION = "kfz", _("vehicle registration office")
        IMMIGRATION = "auslaenderbehoerde", _("immigration office")
        REGISTRY = "standesamt", _("registry office (Standesamt)")
        SOCIAL = "sozialbuergerhaus", _("social services centre (Sozialbürgerhaus)")
        OTHER = "other", _("other office")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100, default="München")
    stadtbezirk = models.ForeignKey(
        "core.Stadtbezirk",
        verbose_name=_("city district (Stadtbezirk)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    transport_de = models.TextField(_("public transport (German)"), blank=True)
    transport_en = models.TextField(_("public transport (English)"), blank=True)
    # Building accessibility: None means "not known yet", which residents must be able to tell
    # apart from "no".
    step_free_entrance = models.BooleanField(_("step-free entrance"), null=True, blank=True)
    lift = models.BooleanField(_("lift"), null=True, blank=True)
    accessible_toilet = models.BooleanField(_("accessible toilet"), null=True, blank=True)
    induction_loop = models.BooleanField(_("induction loop"), null=True, blank=True)
    disabled_parking = models.BooleanField(_("parking for disabled people"), null=True, blank=True)
    accessibility_notes_de = models.TextField(_("accessibility notes (German)"), blank=True)
    accessibility_notes_en = models.TextField(_("accessibility notes (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_de"]
        verbose_name = _("office (Dienststelle)")
        verbose_name_plural = _("offices (Dienststellen)")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="office_coordinates_valid_pair",
            )
        ]

    name = Translated()
    transport = Translated()
    accessibility_notes = Translated()

    def __str__(self):
        return self.name_de

    def get_absolute_url(self):
        return reverse("services:office", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def openstreetmap_url(self) -> str:
        """A plain link to the address in OpenStreetMap; the portal embeds no third-party map."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"

    @property
    def accessibility_features(self) -> list[tuple[str, str, bool | None]]:
        """(field name, label, value) for each building feature, in a fixed order."""
        return [
            (name, self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in (
                "step_free_entrance",
                "lift",
                "accessible_toilet",
                "induction_loop",
                "disabled_parking",
            )
        ]


class OpeningHours(models.Model):
    """One regular opening interval of an office on a weekday; a day may have several."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="opening_hours_closes_after_opens"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="opening_hours_weekday_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class OpeningException(models.Model):
    """A date on which an office keeps other hours than usual, or is closed (holidays).

    Rows for a date replace that day's regular hours; one row marked closed closes the day.
    """

    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.CASCADE,
        related_name="opening_exceptions",
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note_de = models.CharField(_("note (German)"), max_length=200, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "date", "opens"]
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed=True)
                | Q(opens__isnull=False, closes__isnull=False, closes__gt=F("opens")),
                name="opening_exception_closed_or_interval",
            )
        ]
        indexes = [models.Index(fields=["office", "date"])]

    note = Translated()

    def __str__(self):
        return f"{self.office} {self.date:%Y-%m-%d}"


# The search columns kept by the database. Weights: name A, keywords and synonyms B,
# short text C, full text D — so a hit in the name outranks the same word in the text.
def _search_vector(config: str, language: str):
    return (
        SearchVector(f"name_{language}", config=config, weight="A")
        + SearchVector(f"keywords_{language}", "synonyms", config=config, weight="B")
        + SearchVector(f"short_text_{language}", config=config, weight="C")
        + SearchVector(f"full_text_{language}", config=config, weight="D")
    )


def _short_search_vector(config: str, language: str):
    # The same without the full text: small enough to rank thousands of matches quickly, and
    # indexed on its own for suggestions and for "the word is in the name or summary".
    return (
        SearchVector(f"name_{language}", config=config, weight="A")
        + SearchVector(f"keywords_{language}", "synonyms", config=config, weight="B")
        + SearchVector(f"short_text_{language}", config=config, weight="C")
    )


def _search_names(language: str):
    # Lower-case and without accents, like the query it is compared with (services.search).
    return ImmutableUnaccent(
        Lower(TextJoin(f"name_{language}", "synonyms", f"keywords_{language}"))
    )


def validate_online_address(value: str) -> None:
    """An absolute http(s) address, or a path on this portal (the portal's own online forms)."""
    if value.startswith("/") and not value.startswith("//"):
        if any(character.isspace() for character in value):
            raise ValidationError(_("Enter a path without spaces."))
        return
    URLValidator(schemes=["https", "http"])(value)


@not_personal_data(
    reason="Service descriptions are public editorial texts; the review is recorded for an "
    "editorial unit, not a person (docs/services.md)."
)
@row_scope(reference=True, public=where(Q(status="published"), _("published")))
class Service(models.Model):
    """A city service described with the text modules of FIM/LeiKa, in German and English."""

    class OzgMaturity(models.IntegerChoices):
        # The online-access act's (OZG) maturity model.
        NONE = 0, _("0: not online")
        INFORMATION = 1, _("1: information online")
        FORM_DOWNLOAD = 2, _("2: form to download")
        ONLINE_REQUEST = 3, _("3: online request")
        FULLY_DIGITAL = 4, _("4: fully digital, including the decision")

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    leika_key = models.CharField(
        _("LeiKa key"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("The 14-digit key of the federal service catalogue (Leistungskatalog)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_text_de = models.TextField(_("short text (German)"), blank=True)
    short_text_en = models.TextField(_("short text (English)"), blank=True)
    full_text_de = models.TextField(_("full text (German)"), blank=True)
    full_text_en = models.TextField(_("full text (English)"), blank=True)
    prerequisites_de = models.TextField(_("prerequisites (German)"), blank=True)
    prerequisites_en = models.TextField(_("prerequisites (English)"), blank=True)
    required_documents_de = models.TextField(_("required documents (German)"), blank=True)
    required_documents_en = models.TextField(_("required documents (English)"), blank=True)
    fees_de = models.TextField(_("fees (German)"), blank=True)
    fees_en = models.TextField(_("fees (English)"), blank=True)
    processing_time_de = models.TextField(_("processing time (German)"), blank=True)
    processing_time_en = models.TextField(_("processing time (English)"), blank=True)
    procedure_de = models.TextField(_("procedure (German)"), blank=True)
    procedure_en = models.TextField(_("procedure (English)"), blank=True)
    deadlines_de = models.TextField(_("deadlines (German)"), blank=True)
    deadlines_en = models.TextField(_("deadlines (English)"), blank=True)
    legal_basis_de = models.TextField(_("legal basis (German)"), blank=True)
    legal_basis_en = models.TextField(_("legal basis (English)"), blank=True)
    forms_de = models.TextField(_("forms (German)"), blank=True)
    forms_en = models.TextField(_("forms (English)"), blank=True)
    notes_de = models.TextField(_("notes (German)"), blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)
    further_information_de = models.TextField(_("further information (German)"), blank=True)
    further_information_en = models.TextField(_("further information (English)"), blank=True)
    contact_de = models.TextField(_("contact (German)"), blank=True)
    contact_en = models.TextField(_("contact (English)"), blank=True)
    keywords_de = models.TextField(
        _("keywords (German)"), blank=True, help_text=_("Comma-separated words residents use.")
    )
    keywords_en = models.TextField(_("keywords (English)"), blank=True)
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_('Comma-separated other names, in any language, e.g. "Perso, ID card".'),
    )
    easy_language_de = models.TextField(
        _("text in Leichte Sprache"),
        blank=True,
        help_text=_("Easy-to-read German. Leave empty when there is none."),
    )
    online_url = models.CharField(
        _("online service address"),
        max_length=500,
        blank=True,
        validators=[validate_online_address],
        help_text=_(
            "An https:// address, or a path on this portal such as "
            "/dienstleistungen/hund-anmelden/antrag/."
        ),
    )
    ozg_maturity = models.PositiveSmallIntegerField(
        _("OZG maturity level"), choices=OzgMaturity, default=OzgMaturity.NONE
    )
    life_situations = models.ManyToManyField(
        LifeSituation, verbose_name=_("life situations"), blank=True, related_name="services"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="services"
    )
    offices = models.ManyToManyField(
        Office, verbose_name=_("responsible offices"), blank=True, related_name="services"
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )
    # The review is recorded for an editorial unit, not a person: the public catalogue shows it,
    # and who acted is in the history (docs/services.md).
    reviewed_at = models.DateField(_("last editorial review"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "core.Department",
        verbose_name=_("reviewed by (editorial unit)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_services",
    )
    popular_rank = models.PositiveSmallIntegerField(
        _("rank among popular services"),
        null=True,
        blank=True,
        help_text=_("Services with a rank are shown as popular, lowest number first."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_vector_de = models.GeneratedField(
        expression=_search_vector(GERMAN_CONFIG, "de"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    search_vector_en = models.GeneratedField(
        expression=_search_vector(ENGLISH_CONFIG, "en"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    search_vector_short_de = models.GeneratedField(
        expression=_short_search_vector(GERMAN_CONFIG, "de"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    search_vector_short_en = models.GeneratedField(
        expression=_short_search_vector(ENGLISH_CONFIG, "en"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    search_names_de = models.GeneratedField(
        expression=_search_names("de"), output_field=models.TextField(), db_persist=True
    )
    search_names_en = models.GeneratedField(
        expression=_search_names("en"), output_field=models.TextField(), db_persist=True
    )

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=SEARCH_COLUMNS,
        m2m_fields=["life_situations", "topics", "offices"],
    )

    class Meta:
        ordering = ["name_de"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            GinIndex(fields=["search_vector_de"], name="service_search_de"),
            GinIndex(fields=["search_vector_en"], name="service_search_en"),
            GinIndex(fields=["search_vector_short_de"], name="service_search_short_de"),
            GinIndex(fields=["search_vector_short_en"], name="service_search_short_en"),
            GinIndex(OpClass("search_names_de", name="gin_trgm_ops"), name="service_names_de_trgm"),
            GinIndex(OpClass("search_names_en", name="gin_trgm_ops"), name="service_names_en_trgm"),
            models.Index(
                fields=["status", "popular_rank"],
                name="service_popular",
                condition=Q(popular_rank__isnull=False),
            ),
            models.Index(fields=["reviewed_at"], name="service_reviewed_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ozg_maturity__lte=4), name="service_ozg_maturity_0_to_4"
            )
        ]

    name = Translated()
    short_text = Translated()
    full_text = Translated()
    prerequisites = Translated()
    required_documents = Translated()
    fees = Translated()
    processing_time = Translated()
    procedure = Translated()
    deadlines = Translated()
    legal_basis = Translated()
    forms = Translated()
    notes = Translated()
    further_information = Translated()
    contact = Translated()

    def __str__(self):
        return self.name_de

    def get_absolute_url(self):
        return reverse("services:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def can_apply_online(self) -> bool:
        return bool(self.online_url) and self.ozg_maturity >= self.OzgMaturity.ONLINE_REQUEST

    @property
    def review_overdue(self) -> bool:
        if self.reviewed_at is None:
            return True
        return self.reviewed_at < review_overdue_before()

    @property
    def synonym_list(self) -> list[str]:
        return [part.strip() for part in self.synonyms.split(",") if part.strip()]


def review_overdue_before():
    """Reviews older than this date (twelve months ago, Europe/Berlin) are overdue."""
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


@row_scope(reference=True)
class SearchSynonym(models.Model):
    """A word residents type and what it stands for: "KFZ" → "Fahrzeug, Kraftfahrzeug".

    Applies to every service at once; a synonym of one service belongs in its synonyms field.
    """

    class Language(models.TextChoices):
        BOTH = "", _("both languages")
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")

    term = models.CharField(
        _("term"), max_length=100, help_text=_("One word or phrase, as residents type it.")
    )
    alternatives = models.TextField(
        _("stands for"), help_text=_("Comma-separated words or phrases that are searched too.")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language, blank=True, default=Language.BOTH
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        constraints = [
            models.UniqueConstraint(
                Lower("term"), "language", name="search_synonym_unique_term_language"
            )
        ]

    def __str__(self):
        return self.term

    @property
    def alternative_list(self) -> list[str]:
        return [part.strip() for part in self.alternatives.split(",") if part.strip()]


class SearchWord(models.Model):
    """The words of published service names, synonyms and keywords, for typo correction and
    "did you mean" (pg_trgm's spelling approach: a small word list with a trigram index).

    Derived data, rebuilt by :func:`services.actions.refresh_search_words`.
    """

    language = models.CharField(max_length=2)
    word = models.CharField(max_length=100)
    # lower case without accents: what queries are compared with
    folded = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="search_word_unique")
        ]
        indexes = [GinIndex(OpClass("folded", name="gin_trgm_ops"), name="search_word_trgm")]

    def __str__(self):
        return self.word


class CatalogueVersion(models.Model):
    """One row whose token changes with every write to a catalogue table (database triggers).

    Cached public pages and the open-data ETags are keyed by it, so nothing stale is served.
    """

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue version")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="catalogue_version_single")]

    def __str__(self):
        return str(self.token)
