"""One-time form tokens: a start form is accepted once, however often it is sent.

The page carries ``issue(user, form)``, a signed token naming the person, the form and a
random part. The first valid submission consumes it (``consume``) in the transaction
that creates the matter; a second one, simultaneous or later, finds the matter the first
created (``used``). A token from another person or form, altered, or older than
``MAX_AGE`` is refused. Consumed tokens are kept ``MAX_AGE`` more, then cleaned lazily.
"""

import datetime
import secrets

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FormToken

FIELD = "form_token"
MAX_AGE = datetime.timedelta(days=1)
SALT = "matters.tokens"


def issue(user, form: str) -> str:
    """Return a new token for ``user`` to send ``form`` once."""
    return signing.dumps({"u": user.pk, "f": form, "n": secrets.token_hex(16)}, salt=SALT)


def check(value: str, *, user, form: str) -> str:
    """Return the random part of ``value`` if it is ``user``'s token for ``form``.

    Raise ValidationError for a missing, altered, expired or foreign token.
    """
    if not value:
        raise ValidationError(
            _("Biểu mẫu thiếu mã gửi. Vui lòng gửi lại từ trang này."), code="token_missing"
        )
    try:
        payload = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            _("Biểu mẫu đã mở quá lâu. Vui lòng kiểm tra và gửi lại."), code="token_expired"
        ) from None
    except signing.BadSignature:
        payload = None
    if (
        not isinstance(payload, dict)
        or payload.get("u") != user.pk
        or payload.get("f") != form
        or not isinstance(payload.get("n"), str)
    ):
        raise ValidationError(
            _("Mã gửi của biểu mẫu không hợp lệ. Vui lòng gửi lại từ trang này."),
            code="token_invalid",
        )
    return payload["n"]


def used(nonce: str) -> FormToken | None:
    """Return the consumed token ``nonce``, or None if it is still unused."""
    return FormToken.objects.filter(token=nonce).first()


def consume(nonce: str, *, user, form: str) -> FormToken | None:
    """Consume ``nonce`` for ``user``'s ``form``; return None if it is already consumed.

    Call it inside the transaction that creates the matter: a simultaneous submission
    waits on the unique token until that transaction ends, then gets None.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            consumed = FormToken.objects.create(token=nonce, form=form, user=user, used_at=now)
    except IntegrityError:
        return None
    # A consumed token is refused by its signature once MAX_AGE has passed: forget it then.
    FormToken.objects.filter(used_at__lt=now - 2 * MAX_AGE).delete()
    return consumed


def link(consumed: FormToken, matter) -> None:
    """Record that ``consumed`` created ``matter``, for the submissions that follow."""
    consumed.matter_type = ContentType.objects.get_for_model(matter)
    consumed.matter_id = matter.pk
    consumed.save(update_fields=["matter_type", "matter_id"])
