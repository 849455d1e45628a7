"""Meine Daten's record fields, built in Python: the HTML the template loop gave (issue 17)."""

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import translation

from munich_portal.audit.selectors import FieldValue, SubjectRecord
from munich_portal.audit.templatetags.meine_daten import record_fields

_LOOP = Template(
    "{% load meine_daten %}{% for record in records %}"
    '<dl class="summary-list data-record">\n'
    "{% for field in record.fields %}<dt>{{ field.label|capfirst }}</dt>"
    "<dd>{{ field.value|plain_value|linebreaksbr }}</dd>\n{% endfor %}</dl>\n{% endfor %}"
)

RECORDS = [
    SubjectRecord(
        pk=1,
        fields=[
            FieldValue("note", "note <b>", 'Erste Zeile\n<script>alert("x")</script> & Co'),
            FieldValue("at", "signed in", datetime(2026, 7, 14, 7, 15, tzinfo=UTC)),
            FieldValue("ok", "confirmed", True),
            FieldValue("empty", "street", ""),
        ],
    ),
    SubjectRecord(pk=2, fields=[FieldValue("answers", "answers", [("Frage", "Antwort")])]),
]


def test_the_fields_are_the_template_loops_html_escaped_with_line_breaks():
    with translation.override("de"):
        html = record_fields(RECORDS)
        expected = _LOOP.render(Context({"records": RECORDS}))
    assert html == expected
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert "<dt>Note &lt;b&gt;</dt>" in html
    assert "Erste Zeile<br>" in html
    assert "09:15" in html and "07:15" not in html  # Munich time
    assert "<dd>Ja</dd>" in html and "<dd>—</dd>" in html
    assert "<dd>Frage: Antwort</dd>" in html
