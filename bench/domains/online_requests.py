"""Benchmark of request submission (issue 5): residents fill in and send requests through the
views, as a browser would — start, two pages (one with a file), send from the check page.

``bench_request_submissions`` creates a published benchmark service with the demo's residents'
parking permit form, N residents, and lets W threads (each with its own connection, like app-server
workers) submit N requests at once through Django's test client, so the figures include
middleware, sessions, CSRF-free form handling, validation, file sniffing and writing, the row
locks, the reference-number sequence and the confirmation e-mail (in-memory backend). It prints
requests/s and the time per request (4 HTTP requests each) and checks: every request received,
no error, all reference numbers unique and with a valid check digit. Everything is deleted
afterwards, including the uploaded files (written to a temporary directory).
"""

from __future__ import annotations

import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

REQUESTS = 200
WORKERS = 8
SLUG = "benchmark-online-antrag"
# The demo's residents' parking permit form: two pages, a choice, an address and a file.
FORM = "bewohnerparkausweis-beantragen"
HTTP_PER_REQUEST = 4  # start, page 1, page 2 (with the file), send
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PAGE_ONE = {
    "full_name": "Bench Person",
    "home__street": "Marienplatz 8",
    "home__postal_code": "80331",
    "home__city": "München",
    "phone": "089 233-96000",
}
PAGE_TWO = {"plate": "M-AB 1234", "holder": "auf-mich-zugelassen", "duration": "1-jahr"}


def run_submissions(*, requests: int = REQUESTS, workers: int = WORKERS) -> dict:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from munich_portal.core.models import Department
    from munich_portal.portal.demo.online_requests import build_form, demo_forms
    from online_requests import actions, references
    from online_requests.models import OnlineRequest, RequestStatus
    from services.models import PublicationStatus, Service

    department = Department.objects.order_by("pk").first() or Department.objects.create(
        code="BENCH", name="Benchmark"
    )
    service, _created = Service.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name_de": "Benchmark: Online-Antrag",
            "status": PublicationStatus.PUBLISHED,
            "department": department,
        },
    )
    actions.publish_form(request_form=build_form(service, demo_forms()[FORM]))
    User = get_user_model()
    stamp = time.time_ns()
    users = []
    for n in range(requests):
        user = User.objects.create_user(f"bench-{stamp}-{n}@example.org", "Bench-Passwort-2026")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        users.append(user)
    base = f"/dienstleistungen/{SLUG}/antrag/"
    lock = threading.Lock()
    outcome = {"sent": 0, "errors": 0, "error_samples": []}
    chunks = [users[index::workers] for index in range(workers)]
    pooled = "pool" in connection.settings_dict.get("OPTIONS", {})

    def submit(client: Client) -> None:
        steps = [
            (base, {}),
            (f"{base}schritt/1/", PAGE_ONE),
            (
                f"{base}schritt/2/",
                {
                    **PAGE_TWO,
                    "registration_certificate": SimpleUploadedFile(
                        "zulassung.pdf", PDF, "application/pdf"
                    ),
                },
            ),
            (f"{base}pruefen/", {}),
        ]
        for path, data in steps:
            response = client.post(path, data)
            if response.status_code != 302:
                raise RuntimeError(f"{path}: {response.status_code}")
        if "/eingegangen/" not in response["Location"]:
            raise RuntimeError(f"not sent: {response['Location']}")

    def worker(chunk) -> None:
        try:
            for user in chunk:
                # The host and the proxy's HTTPS header the production settings expect.
                client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
                client.force_login(user)
                try:
                    submit(client)
                    with lock:
                        outcome["sent"] += 1
                except Exception as error:  # counted and shown
                    with lock:
                        outcome["errors"] += 1
                        if len(outcome["error_samples"]) < 3:
                            outcome["error_samples"].append(repr(error)[:200])
                if pooled:
                    connection.close()
        finally:
            connection.close()

    locmem = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with tempfile.TemporaryDirectory() as upload_root:
        with override_settings(
            MAILERS=locmem, PORTAL_PRIVATE_UPLOAD_ROOT=upload_root, ALLOWED_HOSTS=["*"]
        ):
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(worker, chunks))
            seconds = time.perf_counter() - started
        submitted = list(
            OnlineRequest.objects.filter(
                service=service, status=RequestStatus.RECEIVED
            ).values_list("reference", flat=True)
        )
        result = {
            "requests": requests,
            "workers": workers,
            "sent": outcome["sent"],
            "errors": outcome["errors"],
            "error_samples": outcome["error_samples"],
            "unique_references": len(set(submitted)) == len(submitted) == outcome["sent"],
            "valid_check_digits": all(references.is_valid(reference) for reference in submitted),
            "seconds": round(seconds, 3),
            "requests_per_second": round(outcome["sent"] / seconds, 1) if seconds else None,
            "http_requests_per_second": round(HTTP_PER_REQUEST * outcome["sent"] / seconds, 1)
            if seconds
            else None,
            "ms_per_request": round(1000 * seconds * workers / max(outcome["sent"], 1), 1),
        }
        OnlineRequest.objects.filter(service=service).delete()
    User.objects.filter(pk__in=[user.pk for user in users]).delete()
    result["ok"] = (
        result["sent"] == requests
        and result["errors"] == 0
        and result["unique_references"]
        and result["valid_check_digits"]
    )
    return result


def bench_request_submissions(context) -> dict:
    """``make bench`` hook (bench/targets.py CUSTOM_BENCHMARKS)."""
    context.setup_django()
    from django.db import connections

    result = run_submissions()
    connections.close_all()
    print(
        f"  online request submissions: {result['sent']}/{result['requests']} sent through the "
        f"views ({result['workers']} threads, {HTTP_PER_REQUEST} HTTP requests each): "
        f"{result['requests_per_second']} requests/s, {result['http_requests_per_second']} "
        f"HTTP requests/s, {result['ms_per_request']} ms per request and worker; "
        f"errors {result['errors']}, references unique {result['unique_references']}, "
        f"check digits valid {result['valid_check_digits']} "
        f"{'ok' if result['ok'] else 'MISSED'}",
        flush=True,
    )
    for sample in result["error_samples"]:
        print(f"    error: {sample}", flush=True)
    return {**result, "goal_met": result["ok"]}
