from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from munich_portal.bench_views import bench_urlpatterns
from munich_portal.core.urls import app_urls
from munich_portal.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
]
# A database that cannot be reached answers the 503 page instead of the 500 page.
handler500 = "munich_portal.core.views.server_error"
# Only with PORTAL_BENCH_BASELINE=true (make bench): the baseline the benchmark compares with.
urlpatterns += bench_urlpatterns()

# German without a prefix, English under /en/ — the same paths in both languages.
# The apps without a prefix of their own are skipped at once for paths they cannot match
# (munich_portal/core/urls.py): otherwise every request tried each of their patterns in turn.
urlpatterns += i18n_patterns(
    app_urls("munich_portal.portal.urls"),
    app_urls("accessibility.urls"),
    app_urls("services.urls"),
    app_urls("online_requests.urls"),
    app_urls("appointments.urls"),
    app_urls("participation.urls"),
    app_urls("results.urls"),
    app_urls("ideas.urls"),
    app_urls("paper.urls"),
    app_urls("munich_portal.rights.urls"),
    path("konto/", include("munich_portal.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("meine-daten/", include("munich_portal.audit.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
