"""The register of processing purposes (GDPR Art. 30) that declarations and events refer to.

Every personal-data declaration names one or more purpose codes from this register, and every
data-use event carries one. A purpose states *why* the city processes data, on which legal basis,
which categories of data and of data subjects it concerns, who receives the data and how long it is
kept. :func:`munich_portal.audit.selectors.processing_register` joins these entries with the model
declarations into the register of processing activities.

Apps add their own purposes next to their models, before declaring them::

    from munich_portal.audit import purposes

    purposes.register(
        purposes.Purpose(
            code="casework",
            title=_("Processing online requests"),
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG",
            description=_("..."),
            data_categories=(_("contact details"), _("the content of the request")),
            data_subjects=(_("applicants"),),
            recipients=(_("the responsible department"),),
            retention=_("Three years after the request was closed."),
        )
    )

The legal bases below are the portal's working assumptions; the city's data-protection officer
confirms them (docs/data-protection.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "ACCOUNT",
    "AUDIT",
    "CONTROLLER",
    "DATA_SUBJECT_RIGHTS",
    "RETENTION",
    "SECURITY",
    "STAFF_ADMINISTRATION",
    "SUPPORT",
    "Purpose",
    "UnknownPurpose",
    "all_purposes",
    "get",
    "register",
]

# Art. 30 (1) (a): the controller, and the data-protection officer's published contact.
CONTROLLER = {
    "name": "Landeshauptstadt München",
    "address": "Marienplatz 8, 80331 München",
    "data_protection_officer": "Behördlicher Datenschutzbeauftragter der Landeshauptstadt München",
    "data_protection_officer_email": "datenschutz@muenchen.de",
}


class UnknownPurpose(LookupError):
    """A purpose code that is not in the register."""


@dataclass(frozen=True)
class Purpose:
    """One processing purpose: an entry of the register of processing activities."""

    code: str
    title: StrOrPromise
    legal_basis: str
    description: StrOrPromise
    data_categories: tuple[StrOrPromise, ...] = ()
    data_subjects: tuple[StrOrPromise, ...] = ()
    recipients: tuple[StrOrPromise, ...] = ()
    retention: StrOrPromise = ""
    third_country_transfers: StrOrPromise = _("None.")  # noqa: RUF009 (lazy, immutable)
    # Purposes such as answering an access request or enforcing retention legitimately touch
    # every record; access under them is never flagged as outside the record's purposes.
    applies_to_all_records: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return str(self.title)


_REGISTER: dict[str, Purpose] = {}


def register(purpose: Purpose) -> Purpose:
    """Add ``purpose`` to the register; registering the same code twice is an error."""
    if not purpose.code or not purpose.code.replace("_", "").isalnum() or len(purpose.code) > 64:
        raise ValueError(f"Purpose codes are short identifiers (a-z, 0-9, _): {purpose.code!r}")
    existing = _REGISTER.get(purpose.code)
    if existing is not None and existing != purpose:
        raise ValueError(f"Purpose {purpose.code!r} is already registered differently.")
    _REGISTER[purpose.code] = purpose
    return purpose


def get(code: str) -> Purpose:
    """The purpose with ``code``; :class:`UnknownPurpose` if the register has none."""
    try:
        return _REGISTER[code]
    except KeyError:
        raise UnknownPurpose(f"No processing purpose {code!r} in the register.") from None


def all_purposes() -> list[Purpose]:
    """Every registered purpose, in registration order."""
    return list(_REGISTER.values())


ACCOUNT = register(
    Purpose(
        code="user_account",
        title=_("Portal user account"),
        legal_basis="Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG",
        description=_(
            "Residents sign up with an e-mail address to use the portal's online services, "
            "see their requests and appointments and their data in one place."
        ),
        data_categories=(
            _("e-mail addresses"),
            _("name (optional)"),
            _("date of sign-up and last login"),
        ),
        data_subjects=(_("residents with a portal account"), _("staff members")),
        recipients=(_("the City of Munich's IT department (operation of the portal)"),),
        retention=_("Until the account is deleted."),
    )
)

SECURITY = register(
    Purpose(
        code="security",
        title=_("IT security and access control"),
        legal_basis="Art. 6 Abs. 1 lit. c und e DSGVO i. V. m. Art. 32 DSGVO",
        description=_(
            "Log-in sessions, two-factor authentication of staff and the staff area's action "
            "log protect the portal and its data against misuse."
        ),
        data_categories=(
            _("session data"),
            _("two-factor authenticators (secret keys)"),
            _("staff actions in the staff area"),
        ),
        data_subjects=(_("residents with a portal account"), _("staff members")),
        recipients=(_("the City of Munich's IT department (operation of the portal)"),),
        retention=_(
            "Sessions: 12 hours after the last request. Authenticators: until removed or the "
            "account is deleted. Staff action log: one year."
        ),
    )
)

SUPPORT = register(
    Purpose(
        code="resident_support",
        title=_("Answering residents' enquiries"),
        legal_basis="Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG",
        description=_(
            "Staff look up a resident's account to answer an enquiry the resident made "
            "(for example by phone or letter)."
        ),
        data_categories=(_("account data"),),
        data_subjects=(_("residents with a portal account"),),
        recipients=(_("the department answering the enquiry"),),
        retention=_("As for the account."),
    )
)

STAFF_ADMINISTRATION = register(
    Purpose(
        code="staff_administration",
        title=_("Administration of staff accounts"),
        legal_basis="Art. 6 Abs. 1 lit. c und e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG",
        description=_("Administrators create staff accounts and assign roles."),
        data_categories=(_("account data"), _("roles")),
        data_subjects=(_("staff members"),),
        recipients=(_("the portal's administrators"),),
        retention=_("Until the staff account is deleted."),
    )
)

DATA_SUBJECT_RIGHTS = register(
    Purpose(
        code="data_subject_rights",
        title=_("Data-subject rights (access, erasure)"),
        legal_basis="Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 12 bis 22 DSGVO",
        description=_(
            "Residents see and download the data the city holds about them (Meine Daten) and "
            "have their account and data erased."
        ),
        data_categories=(_("every category of data held about the person"),),
        data_subjects=(_("residents with a portal account"),),
        recipients=(_("the resident"),),
        retention=_("Not stored beyond the records themselves."),
        applies_to_all_records=True,
    )
)

AUDIT = register(
    Purpose(
        code="data_protection_audit",
        title=_("Data-use log and data-protection oversight"),
        legal_basis="Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 5 Abs. 2, Art. 24 und Art. 32 DSGVO",
        description=_(
            "Every use of a resident's data is logged so that the resident and the "
            "data-protection officer can see who used which data and why."
        ),
        data_categories=(
            _("pseudonymous data-use events (no names or contact details)"),
            _("pseudonymous identifiers of staff members"),
        ),
        data_subjects=(_("residents"), _("staff members")),
        recipients=(_("the resident concerned"), _("the data-protection officer")),
        retention=_(
            "The log is append-only. When a person is erased, the link between the person and "
            "their pseudonym is destroyed, so the log's entries no longer relate to anyone."
        ),
        applies_to_all_records=True,
    )
)

RETENTION = register(
    Purpose(
        code="retention",
        title=_("Deletion when the retention period ends"),
        legal_basis="Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 5 Abs. 1 lit. e und Art. 17 DSGVO",
        description=_(
            "Records are deleted or anonymised automatically when their retention period ends."
        ),
        data_categories=(_("every category of data with a retention period"),),
        data_subjects=(_("residents"), _("staff members")),
        recipients=(_("none"),),
        retention=_("Not applicable."),
        applies_to_all_records=True,
    )
)
