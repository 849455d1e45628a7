import pytest

pytestmark = pytest.mark.django_db

PATHS = [
    "/dienstleistungen/",
    "/dienstleistungen/?buchstabe=W",
    "/dienstleistungen/?q=anmelden",
    "/dienstleistungen/?q=xyzqq",
    "/dienstleistungen/wohnsitz-anmelden/",
    "/dienstleistungen/wohnsitz-anmelden/?sprache=leicht",
    "/lebenslagen/",
    "/lebenslagen/umzug/",
    "/dienststellen/",
    "/dienststellen/buergerbuero-pasing/",
    "/open-data/",
    "/open-data/dienstleistungen.csv",
    "/open-data/dienstleistungen.json",
    "/open-data/dienststellen.csv",
    "/open-data/dienststellen.json",
    "/dienstleistungen/vorschlaege/?q=pers",
    "/en/dienstleistungen/?q=identity",
]


@pytest.mark.parametrize("path", PATHS)
def test_page(client, catalogue, path):
    response = client.get(path)
    assert response.status_code == 200, path
    print(
        path,
        response.getvalue()[:3000]
        if hasattr(response, "getvalue")
        else b"".join(response.streaming_content)[:1500],
    )
