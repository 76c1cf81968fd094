from django.urls import path

from . import views

app_name = "account"

urlpatterns = [
    path("two-factor/", views.enrol, name="enrol"),
    path("two-factor/qr.svg", views.qr, name="qr"),
    path("two-factor/code/", views.verify, name="verify"),
    path("settings/", views.preferences, name="preferences"),
    path("log-out-everywhere/", views.sessions_end, name="sessions_end"),
]
