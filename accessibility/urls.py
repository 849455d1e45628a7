from django.urls import path

from accessibility import views

app_name = "accessibility"

urlpatterns = [
    path("barrierefreiheit/", views.statement, name="statement"),
    path("barriere-melden/", views.report_barrier, name="report"),
    path("barriere-melden/danke/", views.report_thanks, name="report_thanks"),
    path("leichte-sprache/", views.easy_language, name="easy_language"),
    path("gebaerdensprache/", views.sign_language, name="sign_language"),
    path(
        "gebaerdensprache/video/<int:pk>/<str:kind>/",
        views.sign_language_file,
        name="sign_language_file",
    ),
    path("darstellung/", views.display_settings, name="display"),
]
