"""The cast every test folder shares: two units, one person per role.

lan and long are unit staff of unit A (Sở Công Thương) and unit B (Trường Đại học Quy
Nhơn); minh heads unit A; hoa reviews and tuan heads the focal agency (Sở Ngoại vụ);
dung is the security officer (Công an tỉnh); thao is a consulted agency (Sở Tư pháp);
the leaders are chu (Chairman) and pho (Vice-Chairman in charge of foreign affairs);
kiem audits; quan administers; vo has an account and no role.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from organizations.models import Province, Role, StaffProfile
from organizations.services import grant_role

from .factories import StaffProfileFactory, UnitFactory

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test passwords cheaply; production keeps Django's PBKDF2 default."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    """Sign in with the password alone; tests/security/test_two_factor.py switches it on."""
    settings.TWO_FACTOR_ENABLED = False


# The day the suite runs on. The tests' requests start on fixed dates ahead of it (the
# forms refuse a request that starts in the past), and their due dates fall on known
# weekdays and holidays; a test that needs another day travels there itself.
SUITE_TODAY = "2026-12-01 08:00:00 +07:00"
SUITE_DAY = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _a_fixed_today():
    with time_machine.travel(SUITE_TODAY, tick=True):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start each test with no counters left by another (refusals per source, ...)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Keep uploaded and generated files out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Mark the test database so that the runner's flush may empty the audit trail."""
    from audit.testing import permit_flush

    with django_db_blocker.unblock():
        permit_flush()


@pytest.fixture(autouse=True)
def _audit_checkpoints_in_a_temporary_file(settings, tmp_path_factory):
    """Keep the checkpoints tests write out of the project's var/ folder, one file a test."""
    folder = tmp_path_factory.mktemp("audit-sink")
    settings.AUDIT_CHECKPOINT_SINK = str(folder / "audit-checkpoints.jsonl")


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Start every test in the default language and leave none behind: a test that
    switches to English must not turn the next test in the same process English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _celery_runs_eagerly(settings):
    """Run tasks in-process, whatever CELERY_BROKER_URL says (DESIGN §10).

    Tests that are about asynchronous delivery start their own worker and point the app
    at a broker themselves (tests/notifications/test_worker.py).
    """
    from config.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.update(broker_url="memory://", task_always_eager=True)
    yield
    app.conf.update(saved)


@pytest.fixture
def unit_a(db):
    return UnitFactory(name="Sở Công Thương", code="SCT")


@pytest.fixture
def unit_b(db):
    return UnitFactory(name="Trường Đại học Quy Nhơn", code="DHQN", kind="university")


@pytest.fixture
def focal_agency(db):
    return UnitFactory(name="Sở Ngoại vụ", code="SNV")


@pytest.fixture
def police(db):
    return UnitFactory(name="Công an tỉnh", code="CA", kind="police")


@pytest.fixture
def justice(db):
    return UnitFactory(name="Sở Tư pháp", code="STP")


@pytest.fixture
def peoples_committee(db):
    return UnitFactory(name="Ủy ban nhân dân tỉnh", code="UBND", kind="peoples_committee")


def _person(username, full_name, unit, role, position, level=StaffProfile.LeaderLevel.OTHER):
    profile = StaffProfileFactory(
        user__username=username,
        user__full_name=full_name,
        unit=unit,
        position=position,
        leader_level=level,
    )
    if role:
        grant_role(profile.user, role, unit)
    return profile.user


@pytest.fixture
def lan(unit_a):
    return _person("lan", "Trần Thị Lan", unit_a, Role.UNIT_STAFF, "Chuyên viên")


@pytest.fixture
def long(unit_b):
    return _person("long", "Phạm Văn Long", unit_b, Role.UNIT_STAFF, "Chuyên viên")


@pytest.fixture
def minh(unit_a):
    return _person(
        "minh",
        "Lê Quang Minh",
        unit_a,
        Role.UNIT_HEAD,
        "Giám đốc Sở",
        StaffProfile.LeaderLevel.DEPARTMENT_HEAD,
    )


@pytest.fixture
def hoa(focal_agency):
    return _person("hoa", "Nguyễn Thị Hoa", focal_agency, Role.DEPARTMENT_REVIEWER, "Chuyên viên")


@pytest.fixture
def tuan(focal_agency):
    return _person(
        "tuan",
        "Đỗ Minh Tuấn",
        focal_agency,
        Role.DEPARTMENT_HEAD,
        "Giám đốc Sở Ngoại vụ",
        StaffProfile.LeaderLevel.DEPARTMENT_HEAD,
    )


@pytest.fixture
def dung(police):
    return _person("dung", "Võ Văn Dũng", police, Role.SECURITY_OFFICER, "Trưởng phòng An ninh")


@pytest.fixture
def thao(justice):
    return _person("thao", "Huỳnh Thị Thảo", justice, Role.CONSULTED_AGENCY, "Phó Giám đốc Sở")


@pytest.fixture
def finance(db):
    return UnitFactory(name="Sở Tài chính", code="STC")


@pytest.fixture
def tai(finance):
    return _person("tai", "Lê Văn Tài", finance, Role.CONSULTED_AGENCY, "Phó Giám đốc Sở")


@pytest.fixture
def chu(peoples_committee):
    return _person(
        "chu",
        "Phạm Anh Tuấn",
        peoples_committee,
        Role.LEADER,
        "Chủ tịch UBND tỉnh",
        StaffProfile.LeaderLevel.CHAIRMAN,
    )


@pytest.fixture
def pho(peoples_committee):
    return _person(
        "pho",
        "Lâm Hải Giang",
        peoples_committee,
        Role.LEADER,
        "Phó Chủ tịch UBND tỉnh",
        StaffProfile.LeaderLevel.VICE_CHAIRMAN,
    )


@pytest.fixture
def kiem(peoples_committee):
    return _person("kiem", "Mai Văn Kiểm", peoples_committee, Role.AUDITOR, "Thanh tra viên")


@pytest.fixture
def quan(peoples_committee):
    return _person("quan", "Đặng Văn Quản", peoples_committee, Role.ADMINISTRATOR, "Quản trị")


@pytest.fixture
def van(peoples_committee):
    """The people's committee's clerk (văn thư), who registers what the leaders sign."""
    return _person("van", "Hồ Thị Văn", peoples_committee, Role.CLERK, "Văn thư UBND tỉnh")


@pytest.fixture
def vo(unit_a):
    return _person("vo", "Tô Văn Vô", unit_a, None, "Nhân viên")


@pytest.fixture
def province(db, focal_agency, police, peoples_committee, chu, pho, van):
    province = Province.current()
    province.focal_agency = focal_agency
    province.security_agency = police
    province.peoples_committee = peoples_committee
    province.chairman = chu
    province.foreign_affairs_leader = pho
    province.save()
    return province
