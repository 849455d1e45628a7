"""Leichte Sprache and the self-hosted sign-language video (issue 8, item 4)."""

import re

import pytest
from django.core.files.base import ContentFile

from accessibility.models import SignLanguageVideo
from accessibility.views import PLACEHOLDER_DIR
from tests.accessibility.factories import SignLanguageVideoFactory

pytestmark = pytest.mark.django_db

URL = "/gebaerdensprache/"


def test_placeholder_files_are_small_valid_media():
    """The generated placeholder: an MP4 (ftyp box) and a WebM (EBML header) under 300 KB each,
    and German WebVTT captions."""
    mp4 = (PLACEHOLDER_DIR / "platzhalter.mp4").read_bytes()
    webm = (PLACEHOLDER_DIR / "platzhalter.webm").read_bytes()
    vtt = (PLACEHOLDER_DIR / "platzhalter.de.vtt").read_text(encoding="utf-8")
    assert mp4[4:8] == b"ftyp" and len(mp4) < 300 * 1024
    assert webm[:4] == b"\x1a\x45\xdf\xa3" and len(webm) < 300 * 1024
    assert vtt.startswith("WEBVTT")
    assert re.search(r"00:00:00\.000 --> 00:00:06\.000", vtt)


def test_page_shows_the_self_hosted_video_with_captions_transcript_and_download(client):
    response = client.get("/en" + URL)
    text = response.text
    video = SignLanguageVideo.objects.get()
    assert response.status_code == 200
    assert "<video" in text and " controls" in text and "autoplay" not in text
    assert re.search(r'<source src="/static/accessibility/dgs/platzhalter[^"]*\.mp4"', text)
    captions = f"/en/gebaerdensprache/video/{video.pk}/captions/"
    assert f'<track kind="captions" src="{captions}" srclang="de"' in text
    assert "download>Download the video" in text
    assert "Welcome to Digitales München" in text  # the transcript, as text
    assert "This is a placeholder" in text
    # Nothing from another host: no embedded player, no third-party script.
    assert not re.search(r'(src|href)="https?://', text.split("<main", 1)[1].split("</main>")[0])


def test_captions_are_served_as_webvtt(client):
    video = SignLanguageVideo.objects.get()
    response = client.get(f"{URL}video/{video.pk}/captions/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response.content.startswith(b"WEBVTT")


def test_unpublished_video_files_are_not_served(client):
    video = SignLanguageVideoFactory(is_published=False)
    assert client.get(f"{URL}video/{video.pk}/captions/").status_code == 404


def test_uploaded_video_replaces_the_placeholder_and_supports_seeking(client, settings, tmp_path):
    """The officer uploads the real video in the admin; the page serves it from the portal, with
    byte ranges so players can seek."""
    settings.MEDIA_ROOT = tmp_path
    SignLanguageVideo.objects.update(is_published=False)
    video = SignLanguageVideoFactory()
    video.video.save("dgs.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"x" * 1000))
    video.captions.save(
        "dgs.vtt", ContentFile(b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nHallo\n")
    )

    text = client.get(URL).text
    src = f"/gebaerdensprache/video/{video.pk}/video/"
    assert f'<source src="{src}" type="video/mp4">' in text
    assert "platzhalter" not in text

    whole = client.get(src)
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes"
    part = client.get(src, headers={"Range": "bytes=4-11"})
    assert part.status_code == 206
    assert part.content == b"ftypmp42"
    assert part["Content-Range"] == "bytes 4-11/1012"
    assert client.get(src, headers={"Range": "bytes=5000-"}).status_code == 416
    assert b"Hallo" in client.get(f"{URL}video/{video.pk}/captions/").content


def test_without_any_video_the_page_still_gives_the_information(client):
    SignLanguageVideo.objects.all().delete()
    response = client.get("/en" + URL)
    assert response.status_code == 200
    assert "<video" not in response.text
    assert "Contact us without a voice call" in response.text


def test_easy_language_page_explains_the_portal_and_links_the_display_settings(client):
    """Leichte Sprache: German by nature, marked lang="de", with a table of contents and the way
    to make the text larger."""
    text = client.get("/en/leichte-sprache/").text
    assert '<div lang="de" class="stack easy-language-page">' in text
    assert 'href="#schrift"' in text
    assert 'href="/en/darstellung/"' in text
    assert "Sie bekommen die Antwort spätestens nach 1 Monat." in text
