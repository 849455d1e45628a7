"""Saving an admin change form as staff do: open the page, send back what it shows, with changes.

The values come from the rendered form (inputs, selected options, text areas, the inline
formsets' management forms), so a test only names what the person changes and does not repeat
every field of the model.
"""

from html.parser import HTMLParser

SKIPPED_INPUT_TYPES = {"submit", "button", "reset", "image", "file"}


class _ChangeForm(HTMLParser):
    """The name/value pairs the admin's change form (``<form id="…_form">``) would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._select: tuple[str, bool] | None = None
        self._select_values: list[str] = []
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_form = (attrs.get("id") or "").endswith("_form")
            return
        if not self._in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in SKIPPED_INPUT_TYPES:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._add(name, attrs.get("value") or "on")
                return
            self._add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs)
            self._select_values = []
            self._first_option = None
        elif tag == "option" and self._select is not None:
            value = attrs.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self._select_values.append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            self._text = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            values = self._select_values
            if not values and not multiple and self._first_option is not None:
                values = [self._first_option]  # what a browser sends without a selection
            for value in values:
                self._add(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The admin starts a text area's content with a newline the browser drops.
            self._add(self._textarea, self._text.removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data


def change_form_data(html: str, **changes) -> dict[str, list[str]]:
    """What the change form in ``html`` sends, with ``changes`` (a value of ``None`` removes
    the field, as an unticked checkbox does)."""
    parser = _ChangeForm()
    parser.feed(html)
    data = parser.data
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = [str(value)]
    return data


def save_change_form(client, url: str, **changes):
    """Open the admin change page at ``url`` and save it with ``changes``; the response."""
    page = client.get(url)
    assert page.status_code == 200, f"{url} answered {page.status_code}"
    return client.post(url, change_form_data(page.content.decode(), **changes))
