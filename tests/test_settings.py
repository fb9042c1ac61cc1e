"""Settings come from the environment: both database URLs, the embedded default, deploy."""

import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).parents[1]
PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "db = s.DATABASES['default']; print(json.dumps({'engine': db['ENGINE'], "
    "'name': str(db['NAME']), 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
    "'email': s.EMAIL_BACKEND, 'atomic': db['ATOMIC_REQUESTS']}))"
)


def _settings_with(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_embedded_default_is_sqlite_eager_celery_and_console_email():
    settings = _settings_with()
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["name"] == str(ROOT / "db.sqlite3")
    assert settings["eager"] is True
    assert settings["email"] == "django.core.mail.backends.console.EmailBackend"
    assert settings["atomic"] is False


def test_a_sqlite_url_with_an_absolute_path_is_used_as_given():
    settings = _settings_with(DATABASE_URL="sqlite:////tmp/doingoai-check.db")
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["name"] == "/tmp/doingoai-check.db"


def test_a_postgres_url_selects_postgresql_and_a_broker_turns_eager_off():
    settings = _settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/doingoai",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert settings["engine"] == "django.db.backends.postgresql"
    assert settings["name"] == "doingoai"
    assert settings["eager"] is False


def test_production_settings_pass_the_deploy_check():
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DEBUG": "0",
        "SECRET_KEY": "x7Gq2vLp9sKd4mWz8RtY1nBc6HfJ3eUa5oIxQwEr0TyZuPlMkNbVcXsDf",
        "PERSONAL_DATA_KEYS": "Zm9yLXRlc3RzLW9ubHktMzItYnl0ZXMtbG9uZy1rZXk=",
        "ALLOWED_HOSTS": "doingoai.example.gov.vn",
        "DATABASE_URL": "sqlite:////tmp/doingoai-deploy.db",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "x"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
