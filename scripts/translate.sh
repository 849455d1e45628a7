#!/usr/bin/env bash
# Refresh the German catalogue and fill in new translations, then build the .mo files.
#
# Put German translations for new msgids in locale/pending/<your-topic>.po (a normal .po file with
# a header: msgid/msgstr pairs, msgctxt and plural forms as usual; references not needed) and run
# `make translations`. Existing translations in django.po win over pending ones. Lists what is
# still untranslated. Holds a lock, so several people (or sessions) can run it at the same time
# without one makemessages run overwriting another's translations.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PO=locale/de/LC_MESSAGES/django.po
mkdir -p var
exec 9>var/translations.lock
flock 9

scripts/messages.sh >/dev/null
# makemessages guesses translations of new msgids from similar old ones ("#, fuzzy"); the guesses
# are mostly wrong, so they become untranslated entries to be translated properly.
msgattrib --clear-fuzzy --empty "$PO" -o "$PO"
shopt -s nullglob
pending=(locale/pending/*.po)
if ((${#pending[@]})); then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    msgattrib --translated --no-obsolete "$PO" -o "$work/translated.po"
    msgcat --use-first "$work/translated.po" "${pending[@]}" -o "$work/combined.po"
    msgmerge --quiet --no-fuzzy-matching "$work/combined.po" "$PO" -o "$work/merged.po"
    msgattrib --no-obsolete "$work/merged.po" -o "$PO"
fi
"$PY" manage.py compilemessages --ignore='.venv/*' -v 0
msgfmt --check -o /dev/null "$PO"
missing=$(msgattrib --untranslated --no-obsolete "$PO" | grep -c '^msgid ' || true)
missing=$(( missing > 0 ? missing - 1 : 0 ))
echo "Untranslated: $missing"
if ((missing)); then
    msgattrib --untranslated --no-obsolete "$PO" | grep -A1 '^msgid ' | grep -v '^--$' | sed -n '3,$p'
fi
