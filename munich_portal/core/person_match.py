"""Is it the same person? Normalised names and contacts, for duplicate checks of any channel.

A person is *the same* when the normalised name (:func:`normalise_name`: case folded, umlauts
and ß spelt out, accents dropped, spaces collapsed) is equal and at least one contact matches:
e-mail (case folded), phone (digits only, a +49/0049 prefix read as 0) or postal code (digits).
Paper's duplicate screen, the online registration and the organisers' duplicate report
(participation) all use these functions, so the three agree on what a match is.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "CONTACTS",
    "contact_keys",
    "matched_contacts",
    "normalise_email",
    "normalise_name",
    "normalise_phone",
    "normalise_postal_code",
]

#: The contacts compared, in the order in which they are named.
CONTACTS = ("email", "phone", "postal_code")

# Spelt out the way Germans write them without the letters (Müller = Mueller, Strauß = Strauss).
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe"})
_SPACES = re.compile("[\\s\\-\u2010-\u2015]+")
_NON_DIGITS = re.compile(r"\D+")


def normalise_name(first_name: str, last_name: str = "") -> str:
    """``" Jörg-Peter  MÜLLER "`` → ``"joerg peter mueller"``: names as people write them."""
    text = f"{first_name or ''} {last_name or ''}".casefold().translate(_FOLD)
    # Accents other than the German ones are dropped (José = Jose); "ẞ".casefold() is "ss".
    text = "".join(
        character
        for character in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(character)
    )
    text = text.replace(".", " ").replace("'", "").replace("\u2019", "")
    return _SPACES.sub(" ", text).strip()


def normalise_phone(phone: str) -> str:
    """Digits only; an international German prefix (+49, 0049) becomes the trunk prefix 0."""
    text = (phone or "").strip()
    digits = _NON_DIGITS.sub("", text)
    if text.startswith("+49"):
        digits = "0" + digits[2:]
    elif digits.startswith("0049"):
        digits = "0" + digits[4:]
    return digits.lstrip("0") and digits  # "0" or "" alone is no phone number


def normalise_email(email: str) -> str:
    return (email or "").strip().casefold()


def normalise_postal_code(postal_code: str) -> str:
    return _NON_DIGITS.sub("", postal_code or "")


def contact_keys(*, email: str = "", phone: str = "", postal_code: str = "") -> dict[str, str]:
    """The normalised contacts of a person, keyed by :data:`CONTACTS` (empty when not given)."""
    return {
        "email": normalise_email(email),
        "phone": normalise_phone(phone),
        "postal_code": normalise_postal_code(postal_code),
    }


def matched_contacts(wanted: dict[str, str], theirs: dict[str, str]) -> tuple[str, ...]:
    """The contacts (of :func:`contact_keys`) both have and that are equal, in a fixed order."""
    return tuple(key for key in CONTACTS if wanted.get(key) and wanted[key] == theirs.get(key))
