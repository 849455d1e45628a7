"""The German catalogue: complete, free of fuzzy entries, in step with the sources, and used.

German is the default language, so every English msgid in a template or in Python code must have a
German translation in locale/de/LC_MESSAGES/django.po; otherwise a German page shows English text.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

PO_FILE = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")

# What makemessages scans: the sources of the portal, not the virtualenv, tests or artefacts.
SOURCE_DIRS = [
    "templates",
    "munich_portal",
    "services",
    "appointments",
    "online_requests",
    "participation",
    "paper",
    "ideas",
    "results",
    "accessibility",
]
SOURCE_FILES = ["manage.py"]

_QUOTED = re.compile(r'^"(.*)"$')


def _unquote(text: str) -> str:
    """Undo the C escapes of a PO string literal (\\n, \\t, \\", \\\\)."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def parse_po(path: Path) -> dict[tuple[str, str], dict]:
    """Read a PO file into {(msgctxt, msgid): {"plural", "msgstrs", "fuzzy"}}.

    Obsolete entries (#~) and the header are left out. Small on purpose: the gettext tools do the
    checking of formats; this only needs to know which msgids are there and whether translated.
    """
    entries = {}
    entry: dict = {}
    field = None

    def finish():
        if entry.get("msgid"):
            key = (entry.get("msgctxt", ""), entry["msgid"])
            entries[key] = {
                "plural": entry.get("msgid_plural"),
                "msgstrs": [v for k, v in sorted(entry.items()) if k.startswith("msgstr")],
                "fuzzy": entry.get("fuzzy", False),
            }

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = {}, None
        elif line.startswith("#,"):
            entry["fuzzy"] = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif match := _QUOTED.match(line):
            entry[field] += _unquote(match[1])
        else:
            keyword, _, literal = line.partition(" ")
            field = keyword.replace("[", "").replace("]", "")  # msgstr[0] -> msgstr0
            entry[field] = _unquote(_QUOTED.match(literal)[1])
    finish()
    return entries


def _msgfmt() -> str:
    path = shutil.which("msgfmt")
    assert path, "GNU gettext is missing: apt-get install -y gettext"
    return path


def test_catalogue_is_fully_translated_without_fuzzy_entries():
    """msgfmt --check accepts the German catalogue and counts no untranslated or fuzzy message."""
    result = subprocess.run(
        [_msgfmt(), "--check", "--statistics", "-o", os.devnull, str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "translated message" in result.stderr, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


def test_parser_reads_the_catalogue_like_msgfmt():
    """The small PO reader sees as many translated messages as msgfmt counts."""
    result = subprocess.run(
        [_msgfmt(), "--statistics", "-o", os.devnull, str(PO_FILE)],
        capture_output=True,
        text=True,
        check=True,
    )
    counted = int(re.match(r"(\d+) translated message", result.stderr)[1])
    entries = parse_po(PO_FILE)
    translated = [e for e in entries.values() if all(e["msgstrs"]) and not e["fuzzy"]]
    assert len(translated) == counted


def test_catalogue_is_up_to_date_with_the_sources(tmp_path):
    """Every msgid that makemessages finds in the sources today has a German translation.

    makemessages runs on a copy of the sources, so the committed catalogue is not touched. A
    harmless DATABASE_URL keeps the settings from starting a database server in the copy;
    makemessages never connects.
    """
    for name in SOURCE_DIRS:
        shutil.copytree(
            Path(settings.BASE_DIR) / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "*.po"),
        )
    for name in SOURCE_FILES:
        shutil.copy2(Path(settings.BASE_DIR) / name, tmp_path / name)
    js_dir = Path(settings.BASE_DIR) / "static" / "js"
    if js_dir.is_dir():
        shutil.copytree(js_dir, tmp_path / "static" / "js")

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "munich_portal.settings.test",
        "PYTHONPATH": str(tmp_path),
        "DATABASE_URL": "postgres://unused@127.0.0.1:1/unused",
        "EMBEDDED_POSTGRES_DB": "makemessages_check",
    }
    command = [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-obsolete"]
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    js_uses_gettext = any("gettext(" in f.read_text() for f in js_dir.glob("*.js"))
    if js_uses_gettext:
        subprocess.run(
            [*command, "-d", "djangojs"], cwd=tmp_path, env=env, capture_output=True, check=True
        )

    fresh = parse_po(tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po")
    committed = parse_po(PO_FILE)
    assert len(fresh) > 100, "makemessages found suspiciously few messages"
    missing = sorted(
        key
        for key in fresh
        if key not in committed or not all(committed[key]["msgstrs"]) or committed[key]["fuzzy"]
    )
    assert not missing, (
        f"{len(missing)} msgid(s) lack a German translation; run scripts/messages.sh and "
        "translate them in locale/de/LC_MESSAGES/django.po:\n"
        + "\n".join(f"  {ctx + ' | ' if ctx else ''}{msgid!r}" for ctx, msgid in missing)
    )


def test_compiled_catalogue_is_newer_than_the_po_file():
    """The .mo that Django reads is built from the current .po (make messages builds it)."""
    assert MO_FILE.exists(), "locale/de/LC_MESSAGES/django.mo is missing: run `make messages`"
    assert MO_FILE.stat().st_mtime >= PO_FILE.stat().st_mtime, (
        "django.mo is older than django.po: run `make messages`"
    )


def test_gettext_returns_german_for_the_layout_strings():
    """Django picks up the project catalogue: the layout's strings come out in German."""
    expected = {
        "Skip to main content": "Zum Inhalt springen",
        "My account": "Mein Konto",
        "Report a barrier": "Barriere melden",
        "Accessibility": "Barrierefreiheit",
        "Privacy": "Datenschutz",
        "Imprint": "Impressum",
        "Contact": "Kontakt",
        "There is a problem": "Es gibt ein Problem",
        "Digitales München — Staff area": "Digitales München — Verwaltung",
    }
    with translation.override("de"):
        assert {msgid: translation.gettext(msgid) for msgid in expected} == expected
    with translation.override("en"):
        assert translation.gettext("Skip to main content") == "Skip to main content"


@pytest.mark.django_db
def test_home_page_is_german_without_prefix_and_english_under_en(client):
    """The home page speaks German at / and English at /en/."""
    german = client.get("/").text
    assert '<html lang="de"' in german
    assert "Zum Inhalt springen" in german
    assert "Barriere melden" in german
    assert "Skip to main content" not in german

    english = client.get("/en/").text
    assert '<html lang="en"' in english
    assert "Skip to main content" in english
    assert "Report a barrier" in english
    assert "Zum Inhalt springen" not in english


@pytest.mark.django_db
def test_form_page_shows_german_labels_and_required_marker(client):
    """The barrier report form renders its labels, hints and the required marker in German."""
    text = client.get("/barriere-melden/").text
    assert "Beschreibung der Barriere" in text
    assert "(Pflichtfeld)" in text
    assert "Meldung senden" in text
    assert "Description of the barrier" not in text


def test_plural_forms_are_used():
    """ngettext picks the German singular and plural forms."""
    with translation.override("de"):
        one = translation.ngettext("%(counter)s person", "%(counter)s people", 1)
        many = translation.ngettext("%(counter)s person", "%(counter)s people", 3)
    assert one % {"counter": 1} == "1 Person"
    assert many % {"counter": 3} == "3 Personen"
