"""The kinds of notification (sự kiện) a flow, a reminder or a report can raise."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    """What happened; the value is stored and forms part of every de-duplication key."""

    TASK_ASSIGNED = "task_assigned", _("Có việc mới giao cho tôi")
    TASK_QUEUED = "task_queued", _("Có việc mới trong hàng chờ của tôi")
    RETURNED = "returned", _("Hồ sơ bị trả lại để chỉnh sửa")
    REJECTED = "rejected", _("Hồ sơ không được chấp thuận")
    APPROVED = "approved", _("Hồ sơ được phê duyệt")
    DOCUMENT_ISSUED = "document_issued", _("Văn bản đã được ban hành")
    SECURITY_OBJECTION = "security_objection", _("Cơ quan an ninh có ý kiến không đồng ý")
    OPINION_REQUESTED = "opinion_requested", _("Đề nghị cho ý kiến")
    DEADLINE_NEAR = "deadline_near", _("Còn 1 ngày làm việc đến hạn xử lý")
    OVERDUE = "overdue", _("Việc đã quá hạn xử lý")
    ESCALATED = "escalated", _("Việc quá hạn của cấp dưới được báo lên")
    REPORT_DUE = "report_due", _("Đến hạn nộp báo cáo kết quả")
    REPORT_OVERDUE = "report_overdue", _("Báo cáo kết quả đã quá hạn")
    CONSULAR_CASE = "consular_case", _("Có vụ việc lãnh sự, bảo hộ công dân mới")
    CONSULAR_UPDATE = "consular_update", _("Vụ việc lãnh sự có cập nhật")

    CARD_EXPIRING = "card_expiring", _("Thẻ ABTC sắp hết hạn")
    PASSPORT_RETURN_DUE = "passport_return_due", _("Đến hạn nộp lại hộ chiếu")
    PASSPORT_RETURN_OVERDUE = "passport_return_overdue", _("Hộ chiếu chưa được nộp lại đúng hạn")

    @property
    def is_urgent(self) -> bool:
        """Return True if this kind is emailed at once even to people on the daily digest."""
        return self in URGENT_EVENTS

    @property
    def sentence(self) -> str:
        """Return the one-line message, with %(actor)s and %(subject)s placeholders."""
        return str(SENTENCES[self])


URGENT_EVENTS = frozenset(
    {
        Event.DEADLINE_NEAR,
        Event.OVERDUE,
        Event.ESCALATED,
        Event.CONSULAR_CASE,
        Event.PASSPORT_RETURN_OVERDUE,
    }
)

SENTENCES = {
    Event.TASK_ASSIGNED: _("Bạn được giao xử lý hồ sơ “%(subject)s”."),
    Event.TASK_QUEUED: _("Hồ sơ “%(subject)s” đang chờ đơn vị của bạn nhận xử lý."),
    Event.RETURNED: _("%(actor)s đã trả lại hồ sơ “%(subject)s” để chỉnh sửa."),
    Event.REJECTED: _("%(actor)s đã không chấp thuận hồ sơ “%(subject)s”."),
    Event.APPROVED: _("%(actor)s đã phê duyệt hồ sơ “%(subject)s”."),
    Event.DOCUMENT_ISSUED: _("Văn bản về hồ sơ “%(subject)s” đã được ban hành."),
    Event.SECURITY_OBJECTION: _("Cơ quan an ninh không đồng ý với hồ sơ “%(subject)s”."),
    Event.OPINION_REQUESTED: _("%(actor)s đề nghị cơ quan bạn cho ý kiến về “%(subject)s”."),
    Event.DEADLINE_NEAR: _("Hồ sơ “%(subject)s” còn 1 ngày làm việc đến hạn xử lý."),
    Event.OVERDUE: _("Hồ sơ “%(subject)s” đã quá hạn xử lý."),
    Event.ESCALATED: _("Hồ sơ “%(subject)s” do cấp dưới của bạn xử lý đã quá hạn."),
    Event.REPORT_DUE: _("Đã đến hạn nộp báo cáo kết quả của “%(subject)s”."),
    Event.REPORT_OVERDUE: _("Báo cáo kết quả của “%(subject)s” đã quá hạn."),
    Event.CONSULAR_CASE: _("%(actor)s đã ghi nhận vụ việc lãnh sự “%(subject)s”."),
    Event.CONSULAR_UPDATE: _("%(actor)s đã cập nhật vụ việc lãnh sự “%(subject)s”."),
    Event.CARD_EXPIRING: _("Có thẻ ABTC của “%(subject)s” sắp hết hạn."),
    Event.PASSPORT_RETURN_DUE: _(
        "Hôm nay là hạn cuối nộp lại hộ chiếu sau chuyến đi “%(subject)s”."
    ),
    Event.PASSPORT_RETURN_OVERDUE: _(
        "Hộ chiếu của thành viên đoàn “%(subject)s” chưa được nộp lại đúng hạn."
    ),
}
