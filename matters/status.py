"""Where a matter stands, in business terms (DESIGN §2): the statuses, defined once.

``Status`` holds the statuses of a request (trips, visits, conferences). A kind with
steps of its own (agreements: consultation, signing, the registry's life cycle) builds
its enum with ``statuses``, from the members here and its own; the values shared by
two kinds are then the same strings, so the counted sets below read the same for every
kind. Django's ``TextChoices`` cannot be subclassed once it has members, hence the
builder rather than a base class.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a request stands: trips, visits and conferences."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ đơn vị cho ý kiến")
    IN_REVIEW = "in_review", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để chỉnh sửa")
    REJECTION_PROPOSED = "rejection_proposed", _("Chờ quyết định không chấp thuận")
    PARTY_OPINION = "party_opinion", _("Chờ ý kiến Ban Thường vụ Tỉnh ủy")
    SECURITY_CHECK = "security_check", _("Đang thẩm tra an ninh")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ lãnh đạo UBND tỉnh phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt")
    ISSUED = "issued", _("Đã ban hành văn bản")
    REPORTING = "reporting", _("Chờ báo cáo kết quả")
    REPORTED = "reported", _("Đã báo cáo kết quả")
    COMPLETED = "completed", _("Hoàn thành")
    REJECTED = "rejected", _("Không chấp thuận")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")
    CANCELLED = "cancelled", _("Đã hủy bằng quyết định")


def statuses(name: str, members) -> type[models.TextChoices]:
    """Return a kind's status enum called ``name``, its members in the order given.

    A member is the name of one of ``Status`` (``"DRAFT"``), or a ``(name, value,
    label)`` triple: a status of the kind's own, or a shared value the kind words
    differently.
    """
    entries = []
    for member in members:
        if isinstance(member, str):
            shared = Status[member]
            entries.append((member, (shared.value, shared.label)))
        else:
            member_name, value, label = member
            entries.append((member_name, (value, label)))
    return models.TextChoices(name, entries)


# What the reports count as having taken place: approved, whatever came after.
COUNTED = (Status.APPROVED, Status.ISSUED, Status.REPORTING, Status.REPORTED, Status.COMPLETED)
# From the request for leadership's decision on: what a leader and, once the check is
# done, the security agency see of a request.
FROM_APPROVAL_REQUEST = (Status.AWAITING_APPROVAL, *COUNTED)
# A rejection the reviewer proposed waits for the one who decides it: the focal agency's
# head, or the leader for the Chairman's matters (``matters.services.Rejection``).
AWAITING_REJECTION = (Status.REJECTION_PROPOSED,)
# Where a request stops: nothing more is asked of anyone.
CLOSED = (Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN, Status.CANCELLED)
# Never took place and never will (a draft may yet, but has not).
NOT_TAKING_PLACE = (Status.DRAFT, Status.REJECTED, Status.WITHDRAWN, Status.CANCELLED)
