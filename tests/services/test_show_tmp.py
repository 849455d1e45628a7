import re, sys
import pytest

pytestmark = pytest.mark.django_db


def text(html):
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def test_show(client, catalogue):
    import os

    for path in os.environ["SHOW"].split("|"):
        r = client.get(path)
        body = r.content.decode() if not r.streaming else b"".join(r.streaming_content).decode()
        main = body.split("<main", 1)[-1].split("</main>")[0] if "<main" in body else body
        print("=====", path, r.status_code, dict(r.headers))
        print(text(main)[:1500] if os.environ.get("TEXT") else main[:4000])
