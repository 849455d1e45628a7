from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from munich_portal.bench_views import bench_urlpatterns
from munich_portal.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
]
# A database that cannot be reached answers the 503 page instead of the 500 page.
handler500 = "munich_portal.core.views.server_error"
# Only with PORTAL_BENCH_BASELINE=true (make bench): the baseline the benchmark compares with.
urlpatterns += bench_urlpatterns()

# German without a prefix, English under /en/ — the same paths in both languages.
urlpatterns += i18n_patterns(
    path("", include("munich_portal.portal.urls")),
    path("", include("accessibility.urls")),
    path("", include("services.urls")),
    path("", include("online_requests.urls")),
    path("", include("appointments.urls")),
    path("", include("participation.urls")),
    path("", include("results.urls")),
    path("", include("ideas.urls")),
    path("", include("paper.urls")),
    path("", include("munich_portal.rights.urls")),
    path("konto/", include("munich_portal.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("meine-daten/", include("munich_portal.audit.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
