#!/usr/bin/env bash
# Refresh the German catalogue (locale/de/LC_MESSAGES/django.po) from the sources, then report
# what is left to translate. Translate the new entries in the .po, remove every "#, fuzzy" flag
# after checking the suggestion, and build the .mo files with `make messages`.
# tests/core/test_translations.py fails while any msgid in the sources lacks a translation.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PO=locale/de/LC_MESSAGES/django.po
IGNORE=(--ignore='.venv/*' --ignore='staticfiles/*' --ignore='test-artifacts/*' --ignore='bench/*'
        --ignore='tests/*' --ignore='var/*' --ignore='node_modules/*')

"$PY" manage.py makemessages -l de --no-obsolete "${IGNORE[@]}"
# JavaScript catalogue only when a script actually calls gettext (none does so far).
if grep -qs 'gettext(' static/js/*.js; then
    "$PY" manage.py makemessages -l de --no-obsolete -d djangojs "${IGNORE[@]}"
fi

msgfmt --check --statistics -o /dev/null "$PO" 2>&1
untranslated=$(msgattrib --untranslated --no-obsolete "$PO" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$PO" | grep -c '^msgid ' || true)
# msgattrib repeats the header entry in its output when anything is printed.
echo "To translate: $(( untranslated > 0 ? untranslated - 1 : 0 )) new, $(( fuzzy > 0 ? fuzzy - 1 : 0 )) fuzzy."
