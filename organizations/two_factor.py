"""Two-factor sign-in (xác thực hai lớp) for leaders, auditors and administrators.

After the password, a person acting in one of ``settings.TWO_FACTOR_REQUIRED_ROLES`` (or
a superuser) gives a code from an authenticator app (TOTP) or a one-time recovery code
(mã dự phòng) before any other page; one without an app yet enrols one first. django-otp
keeps the devices (``otp_totp``, ``otp_static``) and marks the session as verified.
"""

import base64
import io
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

import audit

from .models import Role, User
from .selectors import roles_of

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
# Pages open between the password and the second factor.
OPEN_URL_NAMES = {"login", "logout", "set_language", "two_factor:verify", "two_factor:enrol"}


def is_enabled() -> bool:
    """Return True if the installation asks for a second factor at all."""
    return getattr(settings, "TWO_FACTOR_ENABLED", True)


def required_for(user: User) -> bool:
    """Return True if ``user`` must give a second factor after the password."""
    if not is_enabled() or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    required = {Role(role) for role in settings.TWO_FACTOR_REQUIRED_ROLES}
    return bool(roles_of(user) & required)


def is_verified(user: User) -> bool:
    """Return True if this session has passed the second factor (django-otp's mark)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def app_device(user: User, *, confirmed: bool = True) -> TOTPDevice | None:
    """Return the user's authenticator app, confirmed or still being enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def pending_app_device(user: User) -> TOTPDevice:
    """Return the app being enrolled, created with a new secret on the first visit."""
    device = app_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def verify(request, token: str) -> bool:
    """Check ``token`` against the user's app and recovery codes; mark the session if good.

    Every attempt goes into the audit trail. django-otp slows down repeated failures
    (each device waits twice as long after every wrong code).
    """
    user = request.user
    token = normalise(token)
    # Six digits come from the app; anything else is tried as a recovery code, so a
    # mistyped app code does not slow down the recovery codes and the other way round.
    if token.isdigit() and len(token) == 6:
        device = app_device(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None and django_otp.verify_token(user, device.persistent_id, token):
        _mark_verified(request, device)
        audit.record(
            audit.Action.LOGIN_SUCCEEDED,
            actor=user,
            payload={"second_factor": True, "device": _kind(device)},
        )
        return True
    audit.record(audit.Action.LOGIN_FAILED, actor=user, payload={"reason": "otp"})
    return False


def wait_seconds(user: User) -> int:
    """Return how long the user must wait before the app accepts another code, or 0."""
    device = app_device(user)
    if device is None:
        return 0
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)


@transaction.atomic
def confirm_enrolment(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app being enrolled with its first code; return new recovery codes.

    Return None (and record the failure) if the code is wrong. The confirmed app replaces
    any earlier one, and the recovery codes replace any earlier set.
    """
    user = request.user
    if not device.verify_token(normalise(token)):
        audit.record(audit.Action.LOGIN_FAILED, actor=user, payload={"reason": "otp"})
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = _replace_recovery_codes(user)
    _mark_verified(request, device)
    audit.record(
        audit.Action.UPDATED, actor=user, subject=user, payload={"second_factor": "enrolled"}
    )
    return codes


@transaction.atomic
def renew_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with a new set and return it."""
    codes = _replace_recovery_codes(user)
    audit.record(
        audit.Action.UPDATED,
        actor=user,
        subject=user,
        payload={"second_factor": "recovery_codes_renewed"},
    )
    return codes


def remaining_recovery_codes(user: User) -> int:
    """Return how many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _replace_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _mark_verified(request, device) -> None:
    """Remember the device in the session, under a new session key (a privilege change)."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _kind(device) -> str:
    return "recovery_code" if isinstance(device, StaticDevice) else "app"


def normalise(token: str) -> str:
    """Return the code without the spaces and dashes people type, in lower case."""
    return "".join(str(token or "").split()).replace("-", "").lower()


def secret_of(device: TOTPDevice) -> str:
    """Return the device's secret as the base32 text authenticator apps accept."""
    return base64.b32encode(device.bin_key).decode()


def qr_code(device: TOTPDevice) -> str:
    """Return the device's otpauth URL as a QR code in an SVG data URI (for an <img>)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


class RequireTwoFactorMiddleware:
    """Send whoever still owes a second factor to verify it (or to enrol an app) first.

    Place after AuthenticationMiddleware and django-otp's OTPMiddleware. Works in
    ``process_view``, so it knows the URL's name; only the sign-in, sign-out, language
    and two-factor pages (and static files) are open before the second factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_enabled() or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_URL_NAMES:
            return None
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        if is_verified(request.user) or not required_for(request.user):
            return None
        step = "two_factor:verify" if app_device(request.user) else "two_factor:enrol"
        next_url = request.get_full_path() if request.method == "GET" else "/"
        return redirect(f"{reverse(step)}?{urlencode({'next': next_url})}")
