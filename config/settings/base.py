"""Settings shared by every environment; differences come from environment variables."""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch it.
    "modeltranslation",
    "config.accounts.apps.AdminConfig",  # the Django admin, asking for the second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "config.accounts",
    "municipalities",
    "notifications",
    "mentors",
    "audit",
    "cases",
    "reporting",
]

MIDDLEWARE = [
    "config.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.accounts.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "mentors.access.role_context",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections (seconds; 0: one connection per request). A connection reused by a new
# request is checked first, so a database restart costs no failed request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Access follows the need (mentors/access.py): a mentor keeps seeing a client this many days after
# their episode with the client ended.
ACCESS_AFTER_EPISODE_END_DAYS = env.int("ACCESS_AFTER_EPISODE_END_DAYS", default=30)

# Staff login (config/accounts; README "Security settings").
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)  # a second factor for every login
OTP_TOTP_ISSUER = "Atbalsts"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The model backend, loading the role with the user (sessions opened under Django's own ModelBackend
# before this backend log in again).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "mentors.backends.RoleLoadingBackend"]
AXES_HANDLER = "config.accounts.lockout.LoginAttemptHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 5  # failures for one account, from any address
LOGIN_ADDRESS_FAILURE_LIMIT = 30  # failures from one address, for any accounts
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True  # a login forgets that account's failures (and no one else's)
AXES_LOCKOUT_CALLABLE = "config.accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "config.accounts.lockout.client_address"
TRUST_X_FORWARDED_FOR = env.bool("TRUST_X_FORWARDED_FOR", default=False)
SESSION_ENGINE = "config.accounts.sessions"
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PASSWORD_RESET_TIMEOUT = 60 * 60  # the reset pages and e-mail say "within an hour"

# Latvian is the default; Ukrainian and Russian are complete alternatives; English is the source.
LANGUAGE_CODE = "lv"
LANGUAGES = [
    ("lv", _("Latvian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
MODELTRANSLATION_DEFAULT_LANGUAGE = "lv"
MODELTRANSLATION_LANGUAGES = ("lv", "uk", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("lv", "en")
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "atbalsts_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env("STATICFILES_BACKEND", default="django.contrib.staticfiles.storage.StaticFilesStorage")
    },
}

# Widgets render through the project's templates, so that templates/django/forms/ can name a select's
# empty choice in the reader's language ("Choose…") instead of Django's "---------".
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A load balancer probes the processes directly over HTTP; every other path is redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="atbalsts@localhost")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds to wait for the mail server: the worker holds the e-mail's row while it sends.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Notifications (README "Notifications"): e-mails are rows of an outbox sent by the task worker
# (django-tasks with its database backend: `manage.py db_worker`), with links to SITE_URL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
NOTIFICATION_EMAIL_RETRY_SECONDS = env.int("NOTIFICATION_EMAIL_RETRY_SECONDS", default=60)
NOTIFICATION_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATION_EMAIL_MAX_ATTEMPTS", default=60)
NOTIFICATION_POLL_SECONDS = env.int("NOTIFICATION_POLL_SECONDS", default=30)

# The change and read logs (django-auditlog, see the `audit` app): our entry model, with the person,
# the episode and the user's organisation as columns. Values are kept as written (not truncated).
AUDITLOG_LOGENTRY_MODEL = "audit.LogEntry"
# auditlog's own migrations would create its (swapped, unused) entry table, which the test database's
# flush cannot truncate on PostgreSQL; with none, that table is never made. Ours are in audit/migrations.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_CHANGE_DISPLAY_TRUNCATE_LENGTH = -1

# Referrals not accepted within this many working days are flagged (issue: referrals).
REFERRAL_ACCEPT_WORKING_DAYS = 3

# `manage.py import_visits` refuses larger files (docs/import-format.md): about 100,000 rows of CSV.
IMPORT_MAX_MEGABYTES = env.int("IMPORT_MAX_MEGABYTES", default=20)

# Standard error; `LOG_FORMAT=json`: one JSON object a line. The request log (one line per request,
# config.middleware.RequestLogMiddleware) is at INFO whatever LOG_LEVEL says.
LOG_FORMAT = env("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "atbalsts.requests": {"level": "INFO"},
    },
}
