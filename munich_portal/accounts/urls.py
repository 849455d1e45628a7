from django.urls import path

from munich_portal.accounts import views

app_name = "accounts"

urlpatterns = [
    path("loeschen/", views.delete_account, name="delete_account"),
    path("eid/anmelden/", views.eid_login, name="eid_login"),
    path("eid/acs/", views.eid_acs, name="eid_acs"),
    path("eid/fertig/", views.eid_finish, name="eid_finish"),
    path("eid/metadata/", views.eid_metadata, name="eid_metadata"),
]
