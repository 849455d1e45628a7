"""Sign-in with BayernID / BundID: the portal as a SAML 2.0 service provider (issue 16).

pysaml2 (which calls Debian's ``xmlsec1``) builds the signed AuthnRequests and checks the
responses; this module wraps it: the configuration from settings (:func:`configured`,
:func:`client`), the assurance levels (:data:`LEVELS`, :func:`level_of`), the attributes
(:data:`ATTRIBUTES`, :func:`attributes_of`) and the two messages (:func:`authn_request`,
:func:`read_response`). docs/deployment.md ("Registering the portal with BayernID and BundID")
names the settings; docs/decisions.md says why pysaml2 and not allauth's SAML provider.
"""

from __future__ import annotations

import functools
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.urls import reverse

#: Assurance levels, weakest first: a login at a level satisfies every level before it.
LEVELS = ("low", "substantial", "high")

#: AuthnContextClassRef values read from an assertion, and the level each means. eIDAS's own
#: URIs; BundID still sends the STORK QAA levels: 1 and 2 (user name and password, also with a
#: confirmed e-mail) are "low", 3 (ELSTER certificate) "substantial", 4 (the eID function of
#: the identity card) "high".
CONTEXT_LEVELS = {
    "http://eidas.europa.eu/LoA/low": "low",
    "http://eidas.europa.eu/LoA/substantial": "substantial",
    "http://eidas.europa.eu/LoA/high": "high",
    "STORK-QAA-Level-1": "low",
    "STORK-QAA-Level-2": "low",
    "STORK-QAA-Level-3": "substantial",
    "STORK-QAA-Level-4": "high",
}
#: What the portal asks for when a request form needs a level (RequestedAuthnContext).
LEVEL_CONTEXTS = {level: f"http://eidas.europa.eu/LoA/{level}" for level in LEVELS}

#: Assertion attributes (by Name, the OIDs BundID and BayernID send, or their friendly names)
#: and what the portal calls them. Anything else in an assertion is ignored, never stored.
ATTRIBUTES = {
    "urn:oid:2.5.4.42": "given_name",
    "givenName": "given_name",
    "urn:oid:2.5.4.4": "family_name",
    "sn": "family_name",
    "surname": "family_name",
    "urn:oid:2.5.4.9": "street",
    "street": "street",
    "urn:oid:2.5.4.17": "postal_code",
    "postalCode": "postal_code",
    "urn:oid:2.5.4.7": "city",
    "l": "city",
    "localityName": "city",
    "urn:oid:0.9.2342.19200300.100.1.3": "email",
    "mail": "email",
}
#: Requested from the identity provider (and listed in the portal's metadata).
REQUESTED_ATTRIBUTES = (
    "urn:oid:2.5.4.42",
    "urn:oid:2.5.4.4",
    "urn:oid:2.5.4.9",
    "urn:oid:2.5.4.17",
    "urn:oid:2.5.4.7",
    "urn:oid:0.9.2342.19200300.100.1.3",
)
ATTRIBUTE_MAX = 200


class ResponseRejected(Exception):
    """The identity provider's answer is not one the portal accepts (unsigned, altered, late,
    replayed, for another request, or an error status). The message is for the log only."""


@dataclass(frozen=True)
class Assertion:
    """What a verified response says about the resident."""

    issuer: str
    name_id: str
    assertion_id: str
    in_response_to: str
    level: str
    context: str
    attributes: dict[str, str] = field(default_factory=dict)


def level_rank(level: str) -> int:
    """0 for no level, 1 for low, 2 for substantial, 3 for high."""
    return LEVELS.index(level) + 1 if level in LEVELS else 0


def level_of(context: str) -> str:
    """The level of an AuthnContextClassRef value (``""`` for one not in the mapping)."""
    return CONTEXT_LEVELS.get(context.strip(), "")


def _setting(name: str) -> str:
    values = {
        "EID_LABEL": settings.EID_LABEL,
        "EID_SP_ENTITY_ID": settings.EID_SP_ENTITY_ID,
        "EID_SP_KEY_FILE": settings.EID_SP_KEY_FILE,
        "EID_SP_CERT_FILE": settings.EID_SP_CERT_FILE,
        "EID_IDP_METADATA_URL": settings.EID_IDP_METADATA_URL,
        "EID_IDP_METADATA_FILE": settings.EID_IDP_METADATA_FILE,
        "EID_IDP_ENTITY_ID": settings.EID_IDP_ENTITY_ID,
        "EID_IDP_SSO_URL": settings.EID_IDP_SSO_URL,
        "EID_IDP_CERT_FILE": settings.EID_IDP_CERT_FILE,
        "EID_XMLSEC_BINARY": settings.EID_XMLSEC_BINARY,
    }
    return str(values[name] or "")


def configured() -> bool:
    """Whether the identity provider is configured: without it there is no button."""
    has_sp = bool(_setting("EID_SP_KEY_FILE") and _setting("EID_SP_CERT_FILE"))
    has_idp = bool(
        _setting("EID_IDP_METADATA_URL")
        or _setting("EID_IDP_METADATA_FILE")
        or (
            _setting("EID_IDP_ENTITY_ID")
            and _setting("EID_IDP_SSO_URL")
            and _setting("EID_IDP_CERT_FILE")
        )
    )
    return has_sp and has_idp


def label() -> str:
    return _setting("EID_LABEL") or "BayernID"


def _fixed_url(name: str) -> str:
    """A SAML endpoint's address: the same in every language (no /en/ prefix)."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse(name)


def sp_entity_id() -> str:
    return _setting("EID_SP_ENTITY_ID") or _fixed_url("accounts:eid_metadata")


def acs_url() -> str:
    return _fixed_url("accounts:eid_acs")


def login_url(next_url: str = "", level: str = "") -> str:
    """The URL that starts a sign-in asking for ``level`` and returning to ``next_url``."""
    from urllib.parse import urlencode

    query = {key: value for key, value in (("stufe", level), ("next", next_url)) if value}
    url = reverse("accounts:eid_login")
    return f"{url}?{urlencode(query)}" if query else url


def _inline_idp_metadata() -> str:
    """Metadata for an identity provider given by entity id, SSO URL and certificate."""
    from xml.sax.saxutils import quoteattr

    pem = Path(_setting("EID_IDP_CERT_FILE")).read_text()
    body = "".join(
        line for line in pem.splitlines() if line.strip() and not line.startswith("-----")
    )
    entity = quoteattr(_setting("EID_IDP_ENTITY_ID"))
    location = quoteattr(_setting("EID_IDP_SSO_URL"))
    return (
        '<?xml version="1.0"?>'
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID={entity}>'
        '<md:IDPSSODescriptor WantAuthnRequestsSigned="true" '
        'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>'
        f"{body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        f"Location={location}/>"
        "</md:IDPSSODescriptor></md:EntityDescriptor>"
    )


def _config_key() -> str:
    names = (
        "EID_SP_ENTITY_ID",
        "EID_SP_KEY_FILE",
        "EID_SP_CERT_FILE",
        "EID_IDP_METADATA_URL",
        "EID_IDP_METADATA_FILE",
        "EID_IDP_ENTITY_ID",
        "EID_IDP_SSO_URL",
        "EID_IDP_CERT_FILE",
        "EID_XMLSEC_BINARY",
    )
    return json.dumps([settings.SITE_URL, *(_setting(name) for name in names)])


def client():
    """A pysaml2 client of the current settings. The configuration is built once per process
    (remote metadata is fetched then); the client is new each time, as pysaml2 keeps every
    signed-in person's attributes in its client's memory."""
    config = _config(_config_key())  # imports pysaml2 with its warning silenced
    from saml2.client import Saml2Client

    return Saml2Client(config)


@functools.lru_cache(maxsize=4)
def _config(key: str):
    with warnings.catch_warnings():
        # pysaml2 imports a cipher mode cryptography has deprecated; it is not used here.
        warnings.simplefilter("ignore")
        from saml2 import BINDING_HTTP_POST
        from saml2.config import SPConfig

    if _setting("EID_IDP_METADATA_URL"):
        metadata: dict = {"remote": [{"url": _setting("EID_IDP_METADATA_URL")}]}
    elif _setting("EID_IDP_METADATA_FILE"):
        metadata = {"local": [_setting("EID_IDP_METADATA_FILE")]}
    else:
        metadata = {"inline": [_inline_idp_metadata()]}
    config = SPConfig()
    config.load(
        {
            "entityid": sp_entity_id(),
            "name": "Digitales München",
            "key_file": _setting("EID_SP_KEY_FILE"),
            "cert_file": _setting("EID_SP_CERT_FILE"),
            "encryption_keypairs": [
                {"key_file": _setting("EID_SP_KEY_FILE"), "cert_file": _setting("EID_SP_CERT_FILE")}
            ],
            "xmlsec_binary": _setting("EID_XMLSEC_BINARY") or "/usr/bin/xmlsec1",
            "metadata": metadata,
            "accepted_time_diff": 60,
            "service": {
                "sp": {
                    "endpoints": {"assertion_consumer_service": [(acs_url(), BINDING_HTTP_POST)]},
                    "authn_requests_signed": True,
                    "want_assertions_or_response_signed": True,
                    "want_response_signed": False,
                    "want_assertions_signed": False,
                    "allow_unsolicited": False,
                    "name_id_format_allow_create": True,
                    # Listed in the metadata (AttributeConsumingService), by pysaml2's names
                    # of the OIDs in REQUESTED_ATTRIBUTES.
                    "optional_attributes": ["givenName", "sn", "street", "postalCode", "l", "mail"],
                }
            },
        }
    )
    return config


def idp_entity_id() -> str:
    sso = client().metadata.identity_providers()
    if not sso:
        raise ResponseRejected("no identity provider in the metadata")
    return sso[0]


def authn_request(*, level: str, relay_state: str) -> tuple[str, str]:
    """A signed AuthnRequest (redirect binding) asking for at least ``level`` (none: any).

    Returns the request's id (the response must name it) and the URL to send the browser to.
    """
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.saml import AuthnContextClassRef
    from saml2.samlp import RequestedAuthnContext
    from saml2.xmldsig import SIG_RSA_SHA256

    extra = {}
    if level in LEVELS:
        extra["requested_authn_context"] = RequestedAuthnContext(
            authn_context_class_ref=[AuthnContextClassRef(text=LEVEL_CONTEXTS[level])],
            comparison="minimum",
        )
    request_id, info = client().prepare_for_authenticate(
        entityid=idp_entity_id(),
        relay_state=relay_state,
        binding=BINDING_HTTP_REDIRECT,
        sign=True,
        sigalg=SIG_RSA_SHA256,
        **extra,
    )
    return request_id, dict(info["headers"])["Location"]


def read_response(saml_response: str, *, outstanding: dict[str, str]) -> Assertion:
    """Check a POSTed SAMLResponse (signature, audience, destination, time, and that it answers
    one of the ``outstanding`` request ids) and read what it says.

    Raises :class:`ResponseRejected` for anything the portal does not accept.
    """
    from saml2 import BINDING_HTTP_POST

    try:
        response = client().parse_authn_request_response(
            saml_response, BINDING_HTTP_POST, outstanding=outstanding
        )
    except Exception as error:  # pysaml2 raises many kinds, all mean "not accepted"
        raise ResponseRejected(f"{type(error).__name__}: {error}") from error
    if response is None or response.assertion is None:
        raise ResponseRejected("no assertion")
    if response.in_response_to not in outstanding:
        raise ResponseRejected("not an answer to an outstanding request")
    contexts = [str(ref) for ref, *_ in response.authn_info() if ref]
    context = contexts[0] if contexts else ""
    name_id = response.name_id.text.strip() if response.name_id is not None else ""
    if not name_id:
        raise ResponseRejected("no NameID")
    attributes: dict[str, str] = {}
    for statement in response.assertion.attribute_statement:
        for attribute in statement.attribute:
            key = ATTRIBUTES.get(attribute.name or "") or ATTRIBUTES.get(
                attribute.friendly_name or ""
            )
            values = [
                value.text.strip() for value in attribute.attribute_value if (value.text or "")
            ]
            if key and values and key not in attributes:
                attributes[key] = values[0][:ATTRIBUTE_MAX]
    return Assertion(
        issuer=response.issuer() or "",
        name_id=name_id[:255],
        assertion_id=str(response.assertion.id),
        in_response_to=str(response.in_response_to),
        level=level_of(context),
        context=context[:200],
        attributes=attributes,
    )


def metadata_xml() -> str:
    """The portal's SP metadata (entity id, ACS, signing and encryption certificate, requested
    attributes)."""
    from saml2.metadata import entity_descriptor

    return str(entity_descriptor(client().config))
