"""The test suite: fast hashing, SQLite unless DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory, unless a test runs a worker process against its SMTP server (tests/notifications).
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
# Tests of the second factor turn it on with the `settings` fixture.
MFA_REQUIRED = False
