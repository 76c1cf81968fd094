"""The session engine (SESSION_ENGINE): Django's database sessions, with the user's id in a column."""

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from .models import UserSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        return UserSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        instance.user_id = get_user_model()._meta.pk.to_python(user_id) if user_id is not None else None
        return instance


# What the login keeps in the session (set when the user logs in, see `signals`).
LOGIN_AT = "atbalsts_login_at"  # Unix time of the login: the session ends SESSION_COOKIE_AGE later.
LAST_SEEN = "atbalsts_last_seen"  # Unix time of the last request: idle for SESSION_IDLE_TIMEOUT ends it.
SECOND_FACTOR_ASKED = "atbalsts_second_factor"  # True: this login must pass the second factor.
PENDING_KEY = "atbalsts_pending_totp_key"  # the secret shown at enrolment, until a code confirms it.
