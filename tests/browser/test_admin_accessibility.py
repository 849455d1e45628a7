"""The staff area's own accessibility fixes (issue 8): what the site crawl found in Django's admin
and simple-history, fixed once in the admin site, its templates, widgets, CSS and script.

- A version from the change history is a read-only record for whoever may not revert it (and
  they cannot send it back); the version list scrolls in a labelled region of its own.
- File inputs carry a label, tabular inlines name every field by column and record, the
  record's name wraps at 200 % text, select2 and the filter boxes get accessible names.
- Custom staff pages put wide tables into the same scroll region (the event overview).

Server-side behaviour is tested with Django's test client; what needs a browser (axe-core, the
script, reflow) with Chromium.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from munich_portal.audit.context import SESSION_CASE_NUMBER_KEY, SESSION_PURPOSE_KEY
from munich_portal.core.roles import Role
from services.models import Service
from tests.browser.support import assert_no_horizontal_scroll, axe_check, set_text_size
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, PhaseFactory, ProcessFactory
from tests.services.factories import OfficeFactory, ServiceFactory, TopicFactory


def staff_client(user, purpose: str = "resident_support") -> Client:
    """A client logged in as ``user`` with a purpose of work chosen (the admin asks for one)."""
    client = Client()
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    session = client.session
    session[SESSION_PURPOSE_KEY] = purpose
    session[SESSION_CASE_NUMBER_KEY] = ""
    session.save()
    return client


@pytest.fixture
def caseworker(db):
    return UserFactory(staff=True, roles=[Role.CASEWORK], mfa=True)


@pytest.fixture
def superuser(db):
    return UserFactory(staff=True, is_superuser=True, mfa=True, email="root@muenchen.example")


@pytest.fixture
def renamed_service(db):
    """A service with two versions: "Meldebescheinigung alt", then "Meldebescheinigung"."""
    service = ServiceFactory(name_de="Meldebescheinigung alt", topics=[TopicFactory()])
    service.name_de = "Meldebescheinigung"
    service.save()
    return service


def first_version_url(service) -> str:
    first = service.history.order_by("history_date").first()
    return f"/admin/services/service/{service.pk}/history/{first.history_id}/"


# --- versions from the change history -----------------------------------------------------------


@pytest.mark.django_db
def test_a_version_is_a_read_only_record_for_staff_who_may_only_view_the_history(
    caseworker, renamed_service
):
    response = staff_client(caseworker).get(first_version_url(renamed_service))
    assert response.status_code == 200
    html = response.content.decode()
    # The old value as text, no widgets: no inputs to fill, no select2, no filter boxes.
    assert "Meldebescheinigung alt" in html
    assert 'class="readonly"' in html
    assert not re.search(r"<(select|textarea)\b", html)
    assert not re.search(r'<input[^>]+type="(text|file|checkbox|number|url|email)"', html)
    assert 'name="_save"' not in html  # no "Revert" button
    # Breadcrumbs in German with the record type's own name, the step marked as current.
    assert '<li aria-current="page">Version</li>' in html
    assert "Historical" not in html


@pytest.mark.django_db
def test_staff_who_may_only_view_the_history_cannot_revert_a_version(caseworker, renamed_service):
    """simple-history itself would save the POST of anyone who may view the history."""
    response = staff_client(caseworker).post(
        first_version_url(renamed_service), {"name_de": "Meldebescheinigung alt", "_save": "1"}
    )
    assert response.status_code == 403
    assert Service.objects.get(pk=renamed_service.pk).name_de == "Meldebescheinigung"


@pytest.mark.django_db
def test_who_may_revert_still_gets_the_form_with_the_revert_button(superuser, renamed_service):
    response = staff_client(superuser).get(first_version_url(renamed_service))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="_save"' in html
    assert re.search(r'<input[^>]+name="name_de"[^>]+value="Meldebescheinigung alt"', html)


@pytest.mark.django_db
def test_the_version_list_scrolls_in_a_labelled_focusable_region(caseworker, renamed_service):
    response = staff_client(caseworker).get(
        f"/admin/services/service/{renamed_service.pk}/history/"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(
        r'<div class="table-scroll" role="region" aria-labelledby="change-history-caption" '
        r'tabindex="0">\s*<table id="change-history"',
        html,
    )
    assert '<caption id="change-history-caption">' in html
    assert "<h1>Geschichte von „Meldebescheinigung“</h1>" in html  # not simple-history's English
    assert 'style="' not in html.split('id="change-history"', 1)[1]  # strict CSP


@pytest.mark.django_db
def test_a_related_record_is_linked_only_for_staff_who_may_open_it(db):
    """A clerk may view events but not offices: the event's office is its name, not a link to a
    page that would refuse them (Django links it regardless)."""
    clerk = UserFactory(staff=True, roles=[Role.DATA_ENTRY], mfa=True)
    # Clerk and case worker: may view events and (as a case worker) offices too.
    both = UserFactory(staff=True, roles=[Role.DATA_ENTRY, Role.CASEWORK], mfa=True)
    office = OfficeFactory(name_de="Bürgerbüro Pasing")
    event = EventFactory(office=office, place_name="")
    office_url = f"/admin/services/office/{office.pk}/change/"
    path = f"/admin/participation/event/{event.pk}/"
    pages = [path + "change/", path + f"history/{event.history.first().history_id}/"]
    for user, linked in [(clerk, False), (both, True)]:
        for page in pages:
            html = staff_client(user).get(page).content.decode()
            assert "Bürgerbüro Pasing" in html, page
            assert (f'href="{office_url}"' in html) is linked, (user, page)


@pytest.mark.django_db
def test_the_history_link_is_shown_only_to_staff_who_may_open_the_history(renamed_service):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(staff=True, mfa=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_service"))
    client = staff_client(viewer)
    change = f"/admin/services/service/{renamed_service.pk}/change/"
    assert 'class="historylink"' not in client.get(change).content.decode()
    assert client.get(change.replace("change/", "history/")).status_code == 403
    viewer.user_permissions.add(Permission.objects.get(codename="view_historicalservice"))
    assert 'class="historylink"' in staff_client(viewer).get(change).content.decode()


# --- widgets and inlines ------------------------------------------------------------------------


@pytest.mark.django_db
def test_file_inputs_have_a_label_of_their_own(superuser):
    process = ProcessFactory()
    response = staff_client(superuser).get(f"/admin/participation/process/{process.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<label[^>]+for="id_image"', html)
    assert re.search(r'<input[^>]+type="file"[^>]+id="id_image"', html)


@pytest.mark.django_db
def test_tabular_inline_fields_are_named_by_column_and_record(superuser):
    process = ProcessFactory()
    PhaseFactory(process=process)
    response = staff_client(superuser).get(f"/admin/participation/process/{process.pk}/change/")
    html = response.content.decode()
    match = re.search(r'id="([\w-]+)-0-original"', html)
    assert match, "the existing phase's name is a row of its own"
    prefix = match.group(1)
    # The first row's fields: named by the column header and the row's record, both present.
    names = re.findall(rf'aria-labelledby="({prefix}-column-\w+) ({prefix}-0-original)"', html)
    assert names
    for column, original in names:
        assert f'id="{column}"' in html and f'id="{original}"' in html
    # New rows (the empty form) are named by their column.
    empty_row = html.split(f'id="{prefix}-empty"', 1)[1].split("</tr>", 1)[0]
    assert f'aria-labelledby="{prefix}-column-' in empty_row


# --- in the browser -----------------------------------------------------------------------------


def staff_page(page: Page, live_server, user, purpose: str = "resident_support") -> Page:
    client = staff_client(user, purpose)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    return page


def test_change_forms_with_select2_filter_boxes_files_and_inlines_pass_axe(
    page, live_server, superuser
):
    """Every widget of an editable record has a name: select2 (event's office), the filter boxes
    (districts, topics), the file inputs and the tabular inlines' fields."""
    process = ProcessFactory()
    PhaseFactory(process=process)
    event = EventFactory(process=process, office=OfficeFactory())
    service = ServiceFactory(topics=[TopicFactory()])
    staff_page(page, live_server, superuser)
    for path in [
        f"/admin/participation/process/{process.pk}/change/",
        f"/admin/participation/event/{event.pk}/change/",
        "/admin/participation/event/add/",
        f"/admin/services/service/{service.pk}/change/",
        f"/admin/services/service/{service.pk}/history/{service.history.first().history_id}/",
    ]:
        page.goto(live_server.url + path, wait_until="load")
        page.wait_for_function(
            "() => !document.querySelector('.help-tooltip[aria-label]:not([role])')"
        )
        axe_check(page)
    # select2's combobox is named by the field's label and then its value.
    page.goto(live_server.url + "/admin/participation/event/add/", wait_until="load")
    combobox = page.locator('.field-office .select2-selection[role="combobox"]')
    page.wait_for_function(
        "() => (document.querySelector('.field-office .select2-selection') || {})"
        ".getAttribute && document.querySelector('.field-office .select2-selection')"
        ".getAttribute('aria-labelledby').includes('-label')"
    )
    label_id = combobox.get_attribute("aria-labelledby").split()[0]
    assert page.locator(f"#{label_id}").inner_text().strip().rstrip(":")


def test_tabular_inline_record_names_wrap_at_200_percent_text(page, live_server, superuser):
    office = OfficeFactory(name_de="Abfallwirtschaftsbetrieb München (AWM) - Wertstoffhof Nord")
    staff_page(page, live_server, superuser)
    page.goto(live_server.url + f"/admin/services/office/{office.pk}/change/", wait_until="load")
    set_text_size(page, 200)
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.inline-group .tabular p')].filter(
             (p) => p.scrollHeight > p.clientHeight + 4 || p.scrollWidth > p.clientWidth + 4
           ).length"""
    )
    assert cut == 0
    assert_no_horizontal_scroll(page)


def test_event_overview_tables_scroll_in_their_own_region_at_320_px(
    page_at, live_server, superuser
):
    event = EventFactory()
    page = staff_page(page_at(width=320, height=640), live_server, superuser)
    page.goto(
        live_server.url + f"/admin/participation/event/{event.pk}/overview/", wait_until="load"
    )
    assert_no_horizontal_scroll(page)
    regions = page.locator('.table-scroll[role="region"][tabindex="0"]')
    assert regions.count() >= 2
    axe_check(page)
