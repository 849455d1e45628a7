from django.urls import path

from munich_portal.accounts import views

app_name = "accounts"

urlpatterns = [
    path("loeschen/", views.delete_account, name="delete_account"),
]
