"""The test suite: fast hashing, SQLite unless DATABASE_URL is set."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests of the second factor turn it on with the `settings` fixture.
MFA_REQUIRED = False
