"""Idea pages (namespace ``ideas``)."""

from django.urls import path

from ideas import views

app_name = "ideas"

urlpatterns = [
    path("beteiligung/<slug:slug>/ideen/", views.idea_list, name="ideas"),
    path("beteiligung/<slug:slug>/ideen/neu/", views.idea_create, name="idea_create"),
    path("beteiligung/<slug:slug>/ideen/<int:pk>/", views.idea_detail, name="idea"),
    path(
        "beteiligung/<slug:slug>/ideen/<int:pk>/unterstuetzen/",
        views.idea_support,
        name="idea_support",
    ),
    path(
        "beteiligung/<slug:slug>/ideen/<int:pk>/kommentieren/",
        views.idea_comment,
        name="idea_comment",
    ),
    path("beteiligung/<slug:slug>/ideen/<int:pk>/melden/", views.report_idea, name="idea_report"),
    path("beteiligung/<slug:slug>/diskussion/", views.process_comments, name="process_comments"),
    path(
        "beteiligung/<slug:slug>/kommentare/<int:pk>/bearbeiten/",
        views.comment_edit,
        name="comment_edit",
    ),
    path(
        "beteiligung/<slug:slug>/kommentare/<int:pk>/loeschen/",
        views.comment_delete,
        name="comment_delete",
    ),
    path(
        "beteiligung/<slug:slug>/kommentare/<int:pk>/melden/",
        views.report_comment,
        name="comment_report",
    ),
    path("ideen/nachrichten-abbestellen/<str:token>/", views.opt_out, name="idea_opt_out"),
    path("erfassung/ideen/", views.clerk_index, name="clerk_index"),
    path("erfassung/ideen/<slug:slug>/", views.transcribe, name="idea_transcribe"),
    path(
        "erfassung/ideen/<slug:slug>/kommentar/",
        views.transcribe_comment,
        name="comment_transcribe",
    ),
    path("erfassung/ideen/<slug:slug>/unterschriften/", views.support_lists, name="support_lists"),
    path(
        "erfassung/ideen/<slug:slug>/unterschriften/<int:pk>/",
        views.support_list,
        name="support_list",
    ),
]
