"""Settings for Đối ngoại, driven by the environment.

With no environment at all the project runs as the embedded default: a SQLite file in
the project, Celery tasks run eagerly (broker ``memory://``) and email goes to the
console. Production sets DATABASE_URL, CELERY_BROKER_URL, EMAIL_URL, SECRET_KEY,
ALLOWED_HOSTS and DEBUG=0 (see README, "Configuration").
"""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from organizations import country_names

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
# The development key is only ever used with DEBUG on; production must set SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-deploy" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
# Personal data of foreign guests (people.personal_data): Fernet keys, comma-separated,
# newest first, never SECRET_KEY. The fixed development key is only used with DEBUG on.
PERSONAL_DATA_KEYS = env.list(
    "PERSONAL_DATA_KEYS",
    default=["7XTwjMGptryin3UaG4EzLpsJghJImdCqfLhuxaUxXdQ="] if DEBUG else [],
)
if not PERSONAL_DATA_KEYS:
    raise ImproperlyConfigured(
        "PERSONAL_DATA_KEYS must be set in the environment when DEBUG is off."
    )
# The blind index key (duplicate passport checks). By default derived from the oldest key,
# which a rotation keeps longest; set it explicitly before dropping that key.
PERSONAL_DATA_INDEX_KEY = env("PERSONAL_DATA_INDEX_KEY", default="index:" + PERSONAL_DATA_KEYS[-1])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_countries",
    # Third-party apps under Vietnamese names in the admin (config/apps.py).
    "config.apps.BeatConfig",
    "guardian",
    "config.apps.AxesConfig",
    "django_otp",
    "config.apps.OtpTotpConfig",
    "config.apps.OtpStaticConfig",
    "viewflow",
    "viewflow.workflow",
    "organizations",
    "audit",
    "notifications",
    "workdays",
    "people",
    "matters",
    "permits",
    "agreements",
    "conferences",
    "plans",
    "consular",
    "abtc",
    "ngo_aid",
    "workflows",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A request is a unit of work: settings are read under one version (settings_cache).
    "organizations.settings_cache.UnitOfWorkMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every page but the sign-in ones needs a signed-in person: an anonymous visitor
    # gets the sign-in page for every URL, so no URL tells what exists.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "workflows.middleware.TaskMatchesUrlMiddleware",
    "audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "organizations.sessions.IdleTimeoutMiddleware",
    "organizations.two_factor.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTH_USER_MODEL = "organizations.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while its username + IP is locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (django-axes): 5 failures for one username from one address lock that
# pair out for 15 minutes; a success resets the count. Unknown and known usernames get the
# same answer, so the lockout says nothing about who has an account.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address as the audit trail reads it: X-Forwarded-For counts only when the
# direct peer is one of AUDIT_TRUSTED_PROXIES (the reverse proxy), so a forged header
# neither resets a count nor locks out somebody else.
AXES_CLIENT_IP_CALLABLE = "audit.context.client_ip"
AUDIT_TRUSTED_PROXIES = env.list("AUDIT_TRUSTED_PROXIES", default=[])
# The audit chain's head, appended hourly as a JSON line outside the database (audit.sink,
# Celery beat's audit-checkpoint); audit_verify compares the chain with the last line.
# Point it at storage the database's users cannot rewrite; empty switches it off.
AUDIT_CHECKPOINT_SINK = env(
    "AUDIT_CHECKPOINT_SINK", default=str(BASE_DIR / "var" / "audit-checkpoints.jsonl")
)
AXES_VERBOSE = False
# Two-factor sign-in (organizations.two_factor): after the password, people acting in
# these roles (and superusers) give a code from an authenticator app (TOTP) or a one-time
# recovery code; one without an app enrols one first. TWO_FACTOR_ENABLED=0 switches it
# off, e.g. for a demo without a phone at hand.
TWO_FACTOR_ENABLED = env.bool("TWO_FACTOR_ENABLED", default=True)
TWO_FACTOR_REQUIRED_ROLES = env.list(
    "TWO_FACTOR_REQUIRED_ROLES", default=["leader", "auditor", "administrator"]
)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Đối ngoại")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# guardian: no anonymous user row; anonymous visitors never hold object permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.notifications",
                "organizations.branding.brand",
            ],
        },
    },
]

# One form layout for every form: required markers, errors under the fields (ADR 0020).
FORM_RENDERER = "matters.rendering.FormRenderer"

# Database: a SQLite file in the project unless DATABASE_URL says otherwise
# (sqlite:////abs/path.db or postgres://user@host:5432/name).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Language and formats: Vietnamese first, English second; dd/mm/yyyy and 1.618.804.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
# Official Vietnamese country names over django-countries' (organizations/country_names.py).
COUNTRIES_OVERRIDE = country_names.overrides()
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Email: console unless EMAIL_URL (smtp://user:pass@host:587 or smtp+tls://...) is set.
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="doingoai@localhost")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Celery: with no broker configured, tasks run eagerly in the web process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# `make run` (`manage.py serve`) runs beat's schedule in a thread of the development server
# when DEBUG is on and there is no broker (config/scheduler.py); never in production.
EMBEDDED_SCHEDULER = env.bool("EMBEDDED_SCHEDULER", default=True)
EMBEDDED_SCHEDULER_SECONDS = env.float("EMBEDDED_SCHEDULER_SECONDS", default=15)

# Notifications (notifications/). Celery beat (config/celery.py) runs the outbox sweep
# every NOTIFICATIONS_SWEEP_SECONDS (15) and the digest at NOTIFICATIONS_DIGEST_HOUR (7);
# the sweep leaves a new row to its hand-off (listener or kick) for the grace period.
# How a new outbox row reaches the workers: "listener" (PostgreSQL with a broker: the
# step sends a NOTIFY on commit, `manage.py outbox_listener` publishes the delivery
# task) or "commit" (the step publishes it after its commit). SQLite and eager Celery
# always use "commit". See docs/operations.md.
NOTIFICATIONS_HANDOFF = env("NOTIFICATIONS_HANDOFF", default="listener")
NOTIFICATIONS_SWEEP_GRACE_SECONDS = env.float("NOTIFICATIONS_SWEEP_GRACE_SECONDS", default=30)
NOTIFICATIONS_SWEEP_BATCH = env.int("NOTIFICATIONS_SWEEP_BATCH", default=200)
NOTIFICATIONS_SWEEP_BUDGET_SECONDS = env.float("NOTIFICATIONS_SWEEP_BUDGET_SECONDS", default=120)
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=8)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.float("NOTIFICATIONS_RETRY_BASE_SECONDS", default=30)
NOTIFICATIONS_RETRY_MAX_SECONDS = env.float("NOTIFICATIONS_RETRY_MAX_SECONDS", default=3600)
NOTIFICATIONS_DIGEST_MAX_ITEMS = env.int("NOTIFICATIONS_DIGEST_MAX_ITEMS", default=50)
NOTIFICATIONS_SMTP_TIMEOUT = env.float("NOTIFICATIONS_SMTP_TIMEOUT", default=30)
# None: the project's EMAIL_BACKEND; a dotted path sends notification mail another way.
NOTIFICATIONS_EMAIL_BACKEND = env("NOTIFICATIONS_EMAIL_BACKEND", default=None)

# The people's committee's register of documents (matters.issuance, ADR 0012): per
# document type, its symbol after the number ("{issuer}" is the committee's code, "{unit}"
# the drafting unit's abbreviation set on the province, as in "Lưu: VT, NC.") and whether
# the system gives the next number itself ("auto") or the clerk enters it from the paper
# register. A công văn has no "CV": its symbol names the field or drafting unit.
# The environment switches types to the system's numbers: DOCUMENT_REGISTER_AUTO="QĐ,CV".
DOCUMENT_REGISTER = {
    "QĐ": {"symbol": env("DOCUMENT_SYMBOL_DECISION", default="QĐ-{issuer}")},
    "CV": {"symbol": env("DOCUMENT_SYMBOL_LETTER", default="{issuer}-{unit}")},
    # The annual plan of delegations (Kế hoạch số 1890/KH-UBND, ADR 0014).
    "KH": {"symbol": env("DOCUMENT_SYMBOL_PLAN", default="KH-{issuer}")},
}
for _type in env.list("DOCUMENT_REGISTER_AUTO", default=[]):
    DOCUMENT_REGISTER.setdefault(_type, {})["auto"] = True

# Step deadlines (workflows.deadlines): step key → "N working" (ngày làm việc, counted on
# the holiday calendar) or "N calendar" (ngày). Keys missing here get the default. The
# environment can override entries: WORKFLOW_DEADLINES="outbound.review=3 working,...".
# "<kind>.confirm_rejection": the decision on a reviewer's proposal to refuse a request.
WORKFLOW_DEADLINE_DEFAULT = env("WORKFLOW_DEADLINE_DEFAULT", default="5 working")
WORKFLOW_DEADLINES = {
    "outbound.endorse": "3 working",
    "outbound.review": "5 working",
    "outbound.confirm_rejection": "2 working",
    "outbound.party_opinion": "7 working",
    "outbound.security": "7 working",
    "outbound.approve": "5 working",
    "outbound.issue_decision": "2 working",
    "outbound.report": "15 calendar",
    "outbound.acknowledge": "5 working",
    # Official and diplomatic passports go back to the agency that keeps them within 5
    # working days of re-entry (Art. 23, Law 49/2019/QH14 on exit and entry of Vietnamese
    # citizens; permits.passports.RULE, docs/flows.md "Hộ chiếu").
    "outbound.passport_return": "5 working",
    "inbound.endorse": "2 working",
    "inbound.review": "3 working",
    "inbound.confirm_rejection": "2 working",
    "inbound.security": "5 working",
    "inbound.approve": "3 working",
    "inbound.report": "15 calendar",
    "agreement.endorse": "3 working",
    "agreement.review": "5 working",
    "agreement.confirm_rejection": "2 working",
    "agreement.opinion": "7 working",
    "agreement.synthesis": "5 working",
    "agreement.approve": "7 working",
    "agreement.report": "15 calendar",
    # Conferences (Quyết định 06/2020/QĐ-TTg): the dossier at least 30 days before the
    # opening, 40 where the Prime Minister allows it (Art. 4 cl. 1 a); each consulted
    # agency answers within 15 days (Art. 5); the results report (Art. 4 cl. 2).
    "conference.lead_time": "30 calendar",
    "conference.lead_time_pm": "40 calendar",
    "conference.endorse": "3 working",
    "conference.review": "5 working",
    "conference.confirm_rejection": "2 working",
    "conference.opinion": "15 calendar",
    "conference.synthesis": "5 working",
    "conference.approve": "5 working",
    "conference.pm_answer": "30 calendar",
    "conference.report": "15 calendar",
    "conference.acknowledge": "5 working",
    # APEC business travel cards (Quyết định 09/2023/QĐ-TTg, Art. 12; docs/flows.md): the
    # focal agency sends a valid dossier to the tax, customs, social-insurance and police
    # agencies within 3 working days (cl. 4); they answer within 20 days, silence counting
    # as consent (cl. 5); the focal agency submits to the Chairman within 5 working days
    # of their answers (cl. 6); the Chairman decides within 5 working days (cl. 7). The
    # business head's sign-off comes before the dossier is filed: the province's own rule.
    "abtc.endorse": "2 working",
    "abtc.review": "3 working",
    "abtc.confirm_rejection": "2 working",
    "abtc.opinion": "20 calendar",
    "abtc.synthesis": "5 working",
    "abtc.approve": "5 working",
    # Foreign NGO aid (Nghị định 80/2020/NĐ-CP, replaced by Nghị định 313/2025/NĐ-CP from
    # 08/12/2025; docs/flows.md): the appraisal of a complete dossier within 20 days
    # (opinions, synthesis and decision inside it); an approval lapses when the aid has
    # not started within 6 months (180 days here; a province may type 183), with a
    # warning 30 days before; the aid owner reports every NGO_AID_REPORT_MONTHS months and
    # at the end, within 15 days of each period's close (the province's rule).
    "ngo_aid.endorse": "3 working",
    "ngo_aid.review": "3 working",
    "ngo_aid.confirm_rejection": "2 working",
    "ngo_aid.opinion": "7 working",
    "ngo_aid.synthesis": "3 working",
    "ngo_aid.approve": "5 working",
    "ngo_aid.lapse": "180 calendar",
    "ngo_aid.lapse_warning": "150 calendar",
    "ngo_aid.report": "15 calendar",
    "ngo_aid.acknowledge": "5 working",
    # The report to the ministry: an agency asked for its figures (FDI, trade, labour...)
    # answers within this many working days; reminded the working day before, escalated
    # to its head and the focal agency's head once overdue (reports.remind_figure_requests).
    "report.figures": "5 working",
    **env.dict("WORKFLOW_DEADLINES", default={}),
}

# Consular cases (consular/): an open case left without a step for this many working
# days reminds whoever follows it, and after the second number is escalated to the
# focal agency's head (consular.reminders, Celery beat).
CONSULAR_REMIND_AFTER_WORKING_DAYS = env.int("CONSULAR_REMIND_AFTER_WORKING_DAYS", default=2)
CONSULAR_ESCALATE_AFTER_WORKING_DAYS = env.int("CONSULAR_ESCALATE_AFTER_WORKING_DAYS", default=5)

# APEC business travel cards (abtc/): the card is valid 5 years and not renewed
# (Quyết định 09/2023/QĐ-TTg, Art. 16); its business is reminded this many days before it
# expires (a new card takes the whole procedure again); the agencies the reviewer finds
# ticked when consulting (unit codes: the tax office, customs, social insurance, Art. 12(4);
# the police are always asked); a business operating for less than this many months is a
# warning (Art. 8(2)(a)).
ABTC_CARD_YEARS = env.int("ABTC_CARD_YEARS", default=5)
ABTC_EXPIRY_REMINDER_DAYS = env.int("ABTC_EXPIRY_REMINDER_DAYS", default=90)
ABTC_CONSULTED_AGENCIES = env.list("ABTC_CONSULTED_AGENCIES", default=["CT", "HQ", "BHXH"])
ABTC_MIN_OPERATING_MONTHS = env.int("ABTC_MIN_OPERATING_MONTHS", default=12)

# Production hardening: these only bite when DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Signed out after this many seconds without a request, and this many after signing in
# however busy (organizations.sessions).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=8 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

# The cache holds short-lived counters (refusals a source may have recorded in a
# window). One process's memory by default; name Redis in production so that every
# process shares them, e.g. CACHE_URL=redis://127.0.0.1:6379/1.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Refusals recorded in the audit trail per source (person and address) and window
# (seconds); beyond that they are counted and summarised in the next window's entry.
AUDIT_DENIALS_PER_WINDOW = env.int("AUDIT_DENIALS_PER_WINDOW", default=20)
AUDIT_DENIAL_WINDOW = env.int("AUDIT_DENIAL_WINDOW", default=600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Tasks run inline in the embedded default: one line per delivery is noise there.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
    },
}

# The province this installation serves. The focal agency for foreign affairs (a Sở
# Ngoại vụ, or the Văn phòng UBND tỉnh after the 2025 merges) is chosen in the admin
# (organizations.Province), never hard-coded.
PROVINCE_NAME = env("PROVINCE_NAME", default="tỉnh Bình Định")
# The product's name in every page's header and tab title (organizations.branding), with
# PROVINCE_NAME (settings only: no page reads the database for them).
PRODUCT_NAME = env("PRODUCT_NAME", default="Đối ngoại")
# Foreign NGO aid: the unit (by code) the province designates to appraise it (a Sở Tài
# chính, a Sở Kế hoạch và Đầu tư before the 2025 merges, or the Sở Ngoại vụ); empty: the
# focal agency for foreign affairs. The aid owner's periodic reports, every so many months.
NGO_AID_APPRAISING_AGENCY = env("NGO_AID_APPRAISING_AGENCY", default="")
NGO_AID_REPORT_MONTHS = env.int("NGO_AID_REPORT_MONTHS", default=6)
