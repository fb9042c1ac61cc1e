"""Two-factor sign-in for leaders, auditors and administrators (issue #9).

After the password, chu (Chairman) must enrol an authenticator app, then give its code
(or a one-time recovery code) at every new sign-in before any other page; lan (unit
staff) signs in with the password alone.
"""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Entry

pytestmark = pytest.mark.django_db


def now():
    # Real time: a jump of hours would end the session (idle timeout) mid-test.
    return datetime.datetime.now(datetime.UTC)


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.TWO_FACTOR_ENABLED = True


def code_of(device, at):
    with time_machine.travel(at, tick=False):
        return TOTP(device.bin_key, device.step, device.t0, device.digits).token()


def enrol(client, user):
    """Sign in and enrol an app; return (device, recovery codes)."""
    client.force_login(user)
    at = now()
    with time_machine.travel(at, tick=False):
        page = client.get(reverse("two_factor:enrol"))
        assert page.status_code == 200
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        response = client.post(
            reverse("two_factor:enrol"), {"token": f"{code_of(device, at):06d}", "next": "/"}
        )
        assert response.status_code == 302
        codes_page = client.get(response.url).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page)
    device.refresh_from_db()
    return device, codes


def test_a_leader_is_sent_to_enrol_an_app_before_any_page(client, province, chu):
    client.force_login(chu)
    for url in ("/", "/doan-ra/", "/viec-cua-toi/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("two_factor:enrol"))
    page = client.get(reverse("two_factor:enrol")).content.decode()
    assert "data:image/svg+xml;base64," in page  # the QR code
    assert "Mã xác thực" in page


def test_unit_staff_sign_in_with_the_password_alone(client, province, lan):
    client.force_login(lan)
    assert client.get("/doan-ra/").status_code == 200
    assert client.get(reverse("two_factor:verify")).status_code == 404


@pytest.mark.parametrize("person", ["chu", "kiem", "quan"])
def test_leaders_auditors_and_administrators_need_the_second_factor(
    client, province, person, request
):
    client.force_login(request.getfixturevalue(person))
    assert client.get("/").url.startswith(reverse("two_factor:enrol"))


def test_a_wrong_code_at_enrolment_is_refused_and_recorded(client, province, chu):
    client.force_login(chu)
    client.get(reverse("two_factor:enrol"))
    response = client.post(reverse("two_factor:enrol"), {"token": "000000"})
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=chu, confirmed=True).exists()
    assert Entry.objects.filter(action="login_failed", actor=chu).exists()
    assert client.get("/").status_code == 302


def test_enrolment_confirms_the_app_and_shows_ten_recovery_codes(client, province, chu):
    device, codes = enrol(client, chu)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/doan-ra/").status_code == 200
    assert Entry.objects.filter(action="updated", actor=chu).exists()


def test_the_next_sign_in_asks_for_a_code_from_the_app(client, province, chu):
    device, _codes = enrol(client, chu)
    client.logout()
    client.force_login(chu)
    assert client.get("/doan-ra/").url.startswith(reverse("two_factor:verify"))

    later = now() + datetime.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        wrong = client.post(reverse("two_factor:verify"), {"token": "123456", "next": "/doan-ra/"})
        assert "Mã xác thực không đúng" in wrong.content.decode()
    with time_machine.travel(later + datetime.timedelta(seconds=61), tick=False):
        code = code_of(device, later + datetime.timedelta(seconds=61))
        right = client.post(
            reverse("two_factor:verify"), {"token": f"{code:06d}", "next": "/doan-ra/"}
        )
    assert right.status_code == 302 and right.url == "/doan-ra/"
    assert client.get("/doan-ra/").status_code == 200
    assert Entry.objects.filter(
        action="login_succeeded", actor=chu, payload__second_factor=True
    ).exists()


def test_a_recovery_code_works_once(client, province, chu):
    _device, codes = enrol(client, chu)
    for attempt, expected in ((1, 302), (2, 200)):
        client.logout()
        client.force_login(chu)
        response = client.post(reverse("two_factor:verify"), {"token": codes[0], "next": "/"})
        assert response.status_code == expected, attempt
    assert client.get("/doan-ra/").status_code == 302  # the second use did not let him in


def test_the_code_page_never_redirects_to_another_site(client, province, chu):
    device, codes = enrol(client, chu)
    client.logout()
    client.force_login(chu)
    response = client.post(
        reverse("two_factor:verify"), {"token": codes[1], "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.url == "/"


def test_switched_off_by_setting(client, province, chu, settings):
    settings.TWO_FACTOR_ENABLED = False
    client.force_login(chu)
    assert client.get("/").status_code == 200
