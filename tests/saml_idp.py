"""A real SAML 2.0 identity provider for the tests (issue 16): pysaml2's ``Server`` with its own
key pair (generated at test time), served over HTTP on a loopback port by a thread.

It plays BayernID: ``GET /sso`` takes the portal's signed AuthnRequest (redirect binding, the
signature checked against the portal's metadata) and shows a login page where the test user and
the assurance level are chosen (the level the request asked for is preselected); ``POST /login``
answers with a signed assertion in a page whose button POSTs it to the portal's assertion consumer
service. For the negative tests the login form also takes ``unsigned=1`` (an assertion without a
signature).

Use :func:`start_idp` (it configures the portal's settings and returns the running IdP) and
:meth:`TestIdP.sign_in` for tests with Django's test client: it goes through the HTTP pages as a
browser would and returns the SAMLResponse to POST.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import warnings
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.config import IdPConfig
    from saml2.metadata import entity_descriptor
    from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
    from saml2.server import Server

LEVEL_URIS = {
    "low": "http://eidas.europa.eu/LoA/low",
    "substantial": "http://eidas.europa.eu/LoA/substantial",
    "high": "http://eidas.europa.eu/LoA/high",
    # BundID's levels, also accepted by the portal.
    "stork-4": "STORK-QAA-Level-4",
}

#: The IdP's residents: NameID (a persistent pseudonym) and attributes.
USERS = {
    "anna": {
        "name_id": "bpk2-anna-0001",
        "attributes": {
            "givenName": ["Anna"],
            "sn": ["Bürger"],
            "street": ["Marienplatz 8"],
            "postalCode": ["80331"],
            "l": ["München"],
            "mail": ["anna.eid@example.org"],
        },
    },
    "ben": {
        "name_id": "bpk2-ben-0002",
        "attributes": {"givenName": ["Ben"], "sn": ["Huber"], "mail": ["ben@example.org"]},
    },
    "carla": {
        "name_id": "bpk2-carla-0003",
        "attributes": {"givenName": ["Carla"], "sn": ["Ohnemail"]},
    },
}


def key_pair(directory: Path, name: str) -> tuple[Path, Path]:
    """A fresh RSA key and self-signed certificate as PEM files ``<name>.key``/``<name>.crt``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"test {name}")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


@dataclass
class TestIdP:
    base_url: str
    entity_id: str
    metadata_file: Path
    server: Server | None = None
    httpd: ThreadingHTTPServer | None = None
    #: Every AuthnRequest received: its id and the level it asked for ("" for none).
    requests: list[dict] = field(default_factory=list)

    __test__ = False  # not a test class

    def use_sp_metadata(self, sp_metadata: str, key: Path, cert: Path) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            config = IdPConfig()
            config.load(_idp_config(self, key, cert, sp_metadata))
            self.server = Server(config=config)

    # --- for tests with Django's test client ---------------------------------------------------

    def sign_in(self, redirect_url: str, *, user="anna", level="low", unsigned=False) -> str:
        """Open the IdP's login page at ``redirect_url`` (the portal's redirect), sign in as
        ``user`` at ``level`` and return the SAMLResponse (base64) the portal is to receive."""
        try:
            with urllib.request.urlopen(redirect_url, timeout=10) as answer:  # noqa: S310
                page = answer.read().decode()
        except urllib.error.HTTPError as error:
            raise AssertionError(f"the IdP refused the request: {error.read().decode()}") from None
        form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page))
        data = {
            **{name: html.unescape(value) for name, value in form.items()},
            "user": user,
            "level": level,
            "unsigned": "1" if unsigned else "",
        }
        body = urllib.parse.urlencode(data).encode()
        with urllib.request.urlopen(f"{self.base_url}/login", body, timeout=10) as answer:  # noqa: S310
            page = answer.read().decode()
        return html.unescape(re.search(r'name="SAMLResponse" value="([^"]*)"', page).group(1))

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()


def _idp_config(idp: TestIdP, key: Path, cert: Path, sp_metadata: str | None) -> dict:
    config: dict = {
        "entityid": idp.entity_id,
        "key_file": str(key),
        "cert_file": str(cert),
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "accepted_time_diff": 60,
        "service": {
            "idp": {
                "name": "Test-BayernID",
                "endpoints": {
                    "single_sign_on_service": [(f"{idp.base_url}/sso", BINDING_HTTP_REDIRECT)]
                },
                "policy": {
                    "default": {
                        "lifetime": {"minutes": 15},
                        "attribute_restrictions": None,
                        "name_form": NAME_FORMAT_URI,
                    }
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "want_authn_requests_signed": True,
            }
        },
    }
    if sp_metadata:
        config["metadata"] = {"inline": [sp_metadata]}
    return config


def _page(title: str, body: str) -> bytes:
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta name="viewport" content="width=device-width"></head><body><main>'
        f"<h1>{title}</h1>{body}</main></body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    idp: TestIdP

    def log_message(self, format, *args):  # quiet
        pass

    def _send(self, status: int, content: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sso":
            return self._send(404, _page("Nicht gefunden", ""))
        query = dict(urllib.parse.parse_qsl(url.query))
        server = self.idp.server
        try:
            parsed = _parse(server, query)
        except Exception as error:
            return self._send(400, _page("Ungültige Anfrage", html.escape(str(error))))
        requested = ""
        context = parsed.message.requested_authn_context
        if context is not None and context.authn_context_class_ref:
            uri = context.authn_context_class_ref[0].text
            requested = next((level for level, value in LEVEL_URIS.items() if value == uri), "")
        self.idp.requests.append({"id": parsed.message.id, "level": requested})
        users = "".join(f'<option value="{name}">{name}</option>' for name in USERS)
        levels = "".join(
            f'<p><input type="radio" name="level" id="level-{level}" value="{level}"'
            f"{' checked' if level == (requested or 'low') else ''}>"
            f'<label for="level-{level}">{level}</label></p>'
            for level in LEVEL_URIS
        )
        body = (
            f'<form method="post" action="{self.idp.base_url}/login">'
            + "".join(
                f'<input type="hidden" name="{name}" value="{html.escape(query.get(name, ""))}">'
                for name in ("SAMLRequest", "RelayState", "SigAlg", "Signature")
            )
            + '<p><label for="user">Person</label> '
            f'<select name="user" id="user">{users}</select></p>'
            f"<fieldset><legend>Vertrauensniveau</legend>{levels}</fieldset>"
            '<p><button type="submit" id="idp-login">Anmelden</button></p></form>'
        )
        return self._send(200, _page("Test-BayernID: Anmeldung", body))

    def do_POST(self):
        if self.path != "/login":
            return self._send(404, _page("Nicht gefunden", ""))
        length = int(self.headers.get("Content-Length", 0))
        data = dict(
            urllib.parse.parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True)
        )
        server = self.idp.server
        parsed = _parse(server, data)
        request = parsed.message
        user = USERS[data["user"]]
        signed = data.get("unsigned") != "1"
        response = server.create_authn_response(
            identity=user["attributes"],
            in_response_to=request.id,
            destination=request.assertion_consumer_service_url,
            sp_entity_id=request.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=user["name_id"]),
            authn={"class_ref": LEVEL_URIS[data["level"]], "authn_auth": self.idp.entity_id},
            sign_assertion=signed,
            sign_response=False,
        )
        import base64

        relay_state = data.get("RelayState", "")
        encoded = base64.b64encode(str(response).encode()).decode()
        body = (
            f'<form method="post" action="{html.escape(request.assertion_consumer_service_url)}">'
            f'<input type="hidden" name="SAMLResponse" value="{html.escape(encoded)}">'
            f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
            '<p><button type="submit" id="idp-continue">Weiter zum Portal</button></p></form>'
        )
        return self._send(200, _page("Test-BayernID: Angemeldet", body))


def _parse(server, query):
    """The portal's AuthnRequest; pysaml2 checks its redirect-binding signature against the
    portal's metadata (``want_authn_requests_signed``) and refuses an unsigned one."""
    return server.parse_authn_request(
        query["SAMLRequest"],
        BINDING_HTTP_REDIRECT,
        relay_state=query.get("RelayState") or None,
        sigalg=query.get("SigAlg"),
        signature=query.get("Signature"),
    )


def start_idp(settings, directory: Path, site_url: str) -> TestIdP:
    """Start the IdP on a free loopback port, configure the portal (``settings``: pytest-django's
    fixture) to use it, and give the IdP the portal's metadata."""
    from munich_portal.accounts import eid

    handler = type("Handler", (_Handler,), {})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    idp_key, idp_cert = key_pair(directory, "idp")
    sp_key, sp_cert = key_pair(directory, "sp")
    idp = TestIdP(
        base_url=base_url, entity_id=f"{base_url}/idp", metadata_file=directory / "idp.xml"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        config = IdPConfig()
        config.load(_idp_config(idp, idp_key, idp_cert, None))
        idp.metadata_file.write_text(str(entity_descriptor(config)))
    settings.SITE_URL = site_url
    settings.EID_LABEL = "BayernID"
    settings.EID_SP_KEY_FILE = str(sp_key)
    settings.EID_SP_CERT_FILE = str(sp_cert)
    settings.EID_IDP_METADATA_FILE = str(idp.metadata_file)
    idp.use_sp_metadata(eid.metadata_xml(), idp_key, idp_cert)
    handler.idp = idp
    idp.httpd = httpd
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return idp
