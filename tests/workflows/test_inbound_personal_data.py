"""Passport numbers and dates of birth: encrypted at rest, masked, revealed only to the
people working the visit's review or security check, and every reveal audited."""

import datetime

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse

from audit.models import Entry
from permits import personal_data
from permits.visit_services import GuestData
from workflows.flows import InboundVisitFlow as F

from ..start_forms import post_start
from .inbound_helpers import PASSPORTS, decide, login, open_task, submit, vet, visit_data

pytestmark = pytest.mark.django_db

MASKED = personal_data.mask(PASSPORTS[0])  # "TZ1****67"


@pytest.fixture
def cast(province, lan, long, minh, hoa, dung, chu, pho, kiem):
    return province


def reveals(visit):
    return Entry.objects.filter(action="personal_data_viewed", subject_id=str(visit.pk))


def test_a_raw_read_of_the_guest_table_shows_no_plaintext_passport(client, cast, lan):
    visit = submit(client, lan)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM permits_guest WHERE visit_id = %s", [visit.pk])
        rows = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert PASSPORTS[0] not in rows and PASSPORTS[1] not in rows
    assert "1975-04-15" not in rows
    guest = visit.guests.get(order=1)
    assert guest.passport_number == PASSPORTS[0]
    assert str(guest.date_of_birth) == "1975-04-15"


def test_the_blind_index_matches_the_same_passport_however_written():
    assert personal_data.blind_index("tz 123-4567") == personal_data.blind_index("TZ1234567")
    assert personal_data.blind_index("TZ1234567") != personal_data.blind_index("TZ1234568")
    assert "TZ1234567" not in personal_data.blind_index("TZ1234567")


def test_an_old_key_still_decrypts_after_a_new_one_is_put_first(settings):
    token = personal_data.encrypt("B12345678")
    settings.PERSONAL_DATA_KEYS = [Fernet.generate_key().decode(), *settings.PERSONAL_DATA_KEYS]
    assert personal_data.decrypt(token) == "B12345678"


@pytest.mark.parametrize("who", ["lan", "minh", "hoa", "dung", "pho", "kiem"])
def test_everyone_off_the_task_sees_passports_masked(
    client, cast, lan, minh, hoa, dung, pho, kiem, who
):
    """At leadership approval nobody works the review or the security check any more."""
    visit = submit(client, lan)
    decide(client, minh, visit, F.endorse, "endorse")
    decide(client, hoa, visit, F.review, "forward")
    vet(client, dung, visit)
    people = {"lan": lan, "minh": minh, "hoa": hoa, "dung": dung, "pho": pho, "kiem": kiem}
    login(client, people[who])
    page = client.get(reverse("inbound_visit", args=[visit.pk])).content.decode()
    assert MASKED in page
    assert PASSPORTS[0] not in page
    guest = visit.guests.get(order=1)
    assert client.post(reverse("inbound_reveal", args=[visit.pk, guest.pk])).status_code == 403
    assert not reveals(visit).exists()


def test_the_reviewer_on_the_task_may_reveal_and_it_is_audited(client, cast, lan, minh, hoa):
    visit = submit(client, lan)
    decide(client, minh, visit, F.endorse, "endorse")
    guest = visit.guests.get(order=1)
    login(client, hoa)
    page = client.get(reverse("inbound_visit", args=[visit.pk])).content.decode()
    assert MASKED in page and PASSPORTS[0] not in page
    assert 'data-testid="reveal"' in page

    response = client.post(reverse("inbound_reveal", args=[visit.pk, guest.pk]))

    assert response.status_code == 200
    assert PASSPORTS[0] in response.content.decode()
    assert "15/04/1975" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    entry = reveals(visit).get()
    assert entry.actor == hoa and entry.role == "department_reviewer"
    assert PASSPORTS[0] not in str(entry.payload)


def test_the_security_officer_may_reveal_during_the_check_only(client, cast, lan, minh, hoa, dung):
    visit = submit(client, lan)
    decide(client, minh, visit, F.endorse, "endorse")
    guest = visit.guests.get(order=1)
    url = reverse("inbound_reveal", args=[visit.pk, guest.pk])
    login(client, dung)
    assert client.post(url).status_code == 404  # not yet at the security step: unseen
    decide(client, hoa, visit, F.review, "forward")
    login(client, dung)
    response = client.post(url)
    assert response.status_code == 200
    assert PASSPORTS[0] in response.content.decode()
    assert reveals(visit).get().role == "security_officer"
    assert open_task(visit, F.security_check).owner is None  # revealing claims nothing


def test_the_security_check_form_shows_passports_masked(client, cast, lan, minh, hoa, dung):
    visit = submit(client, lan)
    decide(client, minh, visit, F.endorse, "endorse")
    decide(client, hoa, visit, F.review, "forward")
    login(client, dung)
    task = open_task(visit, F.security_check)
    client.post(task.reverse("assign"))
    page = client.get(task.reverse("execute")).content.decode()
    assert MASKED in page and PASSPORTS[0] not in page


def test_production_without_keys_refuses_to_start():
    import subprocess
    import sys

    env = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'config.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "PERSONAL_DATA_KEYS" in result.stderr


@override_settings(PERSONAL_DATA_KEYS=[])
def test_no_key_means_no_encryption():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        personal_data.encrypt("B12345678")


def test_error_reports_and_reprs_leave_the_personal_data_out(client, cast, lan):
    login(client, lan)
    url = F.instance.reverse("submit:execute")
    response = post_start(client, url, visit_data())
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"
    guest = GuestData("A", "JP", "TZ1234567", datetime.date(2030, 1, 1), datetime.date(1975, 4, 15))
    assert "TZ1234567" not in repr(guest) and "1975" not in repr(guest)
