"""Finding a person's records without an account: by name plus e-mail, phone or postal address.

Each declaration says how (``@personal_data(..., match={...})``, see
:mod:`munich_portal.audit.registry`).
:func:`find_records` reads every declared model and returns the matching rows grouped by model:

- the **name** must match, together with **one** of e-mail address, phone number or postal address
  (street and postal code). A name alone is never enough (two Maria Müller live in Munich), and an
  e-mail address alone is not either (a family shares one);
- values are compared normalised: case and whitespace do not count, a name's words may come in any
  order ("Müller Maria" is "Maria Müller"), phone numbers count by their digits (``+49 89 1234``,
  ``0049891234`` and ``089/1234`` are one number), streets ignore "Straße"/"Str." and spacing;
- a model without a name (the outbox's e-mails) is matched only on an e-mail address, phone number
  or address that a name-matched row of another model holds: the person's own e-mails, never a
  stranger's at a shared address.

:func:`guest_records_for_user` finds, for an account holder, the rows without an account that carry
one of their **verified** e-mail addresses (allauth's ``EmailAddress.verified``): the verification
proves the address is theirs, so no name is needed (Meine Daten shows them; account deletion erases
them).

Only reads. Whoever shows the result logs the use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Func, Q, QuerySet, Value
from django.db.models.functions import Lower, Trim

from munich_portal.audit.registry import Declaration, declarations

__all__ = [
    "Identity",
    "Match",
    "find_records",
    "guest_records_for_user",
    "normalise_email",
    "normalise_name",
    "normalise_phone",
    "normalise_street",
    "records_by_label",
]

_NON_WORD = re.compile(r"[^\w]+")
_STREET_SUFFIX = re.compile(r"(strasse|straße|str\.?)(?=\s|\d|$)")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def normalise_name(name: str) -> tuple[str, ...]:
    """The name's words, case-folded and sorted (order and spacing do not count)."""
    return tuple(sorted(word for word in _NON_WORD.split(_fold(name)) if word))


def normalise_email(email: str) -> str:
    return _fold(email).strip()


def normalise_phone(phone: str) -> str:
    """The digits of a German phone number in national form (``+49``/``0049`` become ``0``)."""
    text = (phone or "").strip()
    digits = re.sub(r"\D", "", text)
    if text.startswith("+") and digits.startswith("49"):
        return "0" + digits[2:]
    if digits.startswith("0049"):
        return "0" + digits[4:]
    return digits


def normalise_street(street: str) -> str:
    """Street and number without case, spacing, punctuation and the ``Straße`` spelling."""
    text = _STREET_SUFFIX.sub("str", _fold(street))
    return _NON_WORD.sub("", text)


def _postal_code(code: str) -> str:
    return re.sub(r"\s", "", code or "")


#: A phone number needs this many digits to be compared at all.
MIN_PHONE_DIGITS = 6


@dataclass(frozen=True)
class Identity:
    """What a person told us about themselves: a name and at least one way to reach them."""

    name: str
    email: str = ""
    phone: str = ""
    street: str = ""
    postal_code: str = ""

    @property
    def name_key(self) -> tuple[str, ...]:
        return normalise_name(self.name)

    @property
    def email_key(self) -> str:
        return normalise_email(self.email)

    @property
    def phone_key(self) -> str:
        phone = normalise_phone(self.phone)
        return phone if len(phone) >= MIN_PHONE_DIGITS else ""

    @property
    def address_key(self) -> tuple[str, str] | None:
        street, code = normalise_street(self.street), _postal_code(self.postal_code)
        return (street, code) if street and code else None

    @property
    def is_usable(self) -> bool:
        return bool(self.name_key) and bool(self.email_key or self.phone_key or self.address_key)


@dataclass
class Match:
    """The rows of one model that match, and on what (``"email"``, ``"phone"``, ``"address"``)."""

    declaration: Declaration
    pks: list = field(default_factory=list)
    matched_on: dict[Any, list[str]] = field(default_factory=dict)
    #: Rows that belong to an account: the person erases them through the account.
    with_account: set = field(default_factory=set)

    @property
    def label(self) -> str:
        return self.declaration.label

    def without_account(self) -> list:
        return [pk for pk in self.pks if pk not in self.with_account]


def _digits(path: str) -> Func:
    return Func(F(path), Value(r"\D"), Value(""), Value("g"), function="regexp_replace")


def _candidates(declaration: Declaration, keys: dict[str, Any]) -> QuerySet:
    """Rows whose e-mail, phone or postal code could match (the database narrows, Python
    decides)."""
    match = declaration.match
    condition = Q()
    queryset = declaration.model._base_manager.all()
    if keys.get("email") and "email" in match:
        queryset = queryset.annotate(_match_email=Lower(Trim(match["email"])))
        condition |= Q(_match_email__in=keys["email"])
    if keys.get("phone") and "phone" in match:
        queryset = queryset.annotate(_match_phone=_digits(match["phone"]))
        for phone in keys["phone"]:
            # The last digits: the stored number may carry +49 or 0049 instead of the 0.
            condition |= Q(_match_phone__endswith=phone.lstrip("0")[-MIN_PHONE_DIGITS:])
    if keys.get("address") and "address" in match:
        codes = {code for _street, code in keys["address"]}
        condition |= Q(**{f"{match['address'][1]}__in": codes})
    if not condition:
        return declaration.model._base_manager.none()
    return queryset.filter(condition)


def _row_name(row, fields: tuple[str, ...]) -> tuple[str, ...]:
    return normalise_name(" ".join(str(getattr(row, name) or "") for name in fields))


def _matched_on(row, match: dict[str, Any], keys: dict[str, Any]) -> list[str]:
    found = []
    if "email" in match and normalise_email(str(getattr(row, match["email"]) or "")) in keys.get(
        "email", ()
    ):
        found.append("email")
    if "phone" in match:
        phone = normalise_phone(str(getattr(row, match["phone"]) or ""))
        if phone and phone in keys.get("phone", ()):
            found.append("phone")
    if "address" in match:
        street_field, code_field = match["address"]
        address = (
            normalise_street(str(getattr(row, street_field) or "")),
            _postal_code(str(getattr(row, code_field) or "")),
        )
        if address in keys.get("address", ()):
            found.append("address")
    return found


def _find(declaration: Declaration, keys: dict[str, Any], name: tuple[str, ...] | None) -> Match:
    found = Match(declaration=declaration)
    for row in _candidates(declaration, keys).order_by("pk"):
        if name is not None and _row_name(row, declaration.match["name"]) != name:
            continue
        on = _matched_on(row, declaration.match, keys)
        if on:
            found.pks.append(row.pk)
            found.matched_on[row.pk] = on
            if declaration.subject_id_of(row) is not None:
                found.with_account.add(row.pk)
    return found


def _keys_of(identity: Identity) -> dict[str, set]:
    return {
        "email": {identity.email_key} - {""},
        "phone": {identity.phone_key} - {""},
        "address": {identity.address_key} - {None},
    }


def find_records(identity: Identity) -> list[Match]:
    """Every row of a declared model that matches ``identity``, grouped by model.

    Models with a name field match on the name plus one of e-mail, phone or address; then models
    without one on the e-mail addresses, phones and addresses of those matches only. An identity
    without a name or without any way to reach the person finds nothing.
    """
    if not identity.is_usable:
        return []
    keys = _keys_of(identity)
    named = [d for d in declarations() if "name" in d.match]
    nameless = [d for d in declarations() if d.match and "name" not in d.match]
    matches = [_find(d, keys, identity.name_key) for d in named]
    matches = [match for match in matches if match.pks]
    # Confirmed by a name match: only what such a match was found on.
    confirmed: dict[str, set] = {"email": set(), "phone": set(), "address": set()}
    for match in matches:
        for on in match.matched_on.values():
            for kind in on:
                confirmed[kind] |= keys[kind]
    if any(confirmed.values()):
        for declaration in nameless:
            match = _find(declaration, confirmed, None)
            if match.pks:
                matches.append(match)
    return matches


def records_by_label(matches: list[Match], *, without_account: bool = False) -> dict[str, list]:
    """``{label: [pk, ...]}``, the form ``audit.actions.erase_records`` takes (which refuses rows
    of an account: ``without_account=True`` leaves them out)."""
    found = {
        match.label: match.without_account() if without_account else list(match.pks)
        for match in matches
    }
    return {label: pks for label, pks in found.items() if pks}


def _verified_emails(user) -> set[str]:
    from allauth.account.models import EmailAddress

    return {
        normalise_email(email)
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    } - {""}


def guest_records_for_user(user) -> list[Match]:
    """Rows without an account that carry one of ``user``'s verified e-mail addresses."""
    emails = _verified_emails(user)
    if not emails:
        return []
    keys = {"email": emails}
    matches = []
    for declaration in declarations():
        subject_path = declaration.subject_id_path()
        if "email" not in declaration.match or subject_path in (None, "pk"):
            continue
        match = _find(declaration, keys, None)
        match.pks = match.without_account()
        match.matched_on = {pk: on for pk, on in match.matched_on.items() if pk in match.pks}
        match.with_account = set()
        if match.pks:
            matches.append(match)
    return matches
