"""What the home page tells each person: their roles, what waits, what they can start."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from organizations.models import Role, User
from organizations.selectors import active_deputy_periods, roles_of

from . import selectors
from .site import START_ENTRIES, StartEntry, flow_classes, start_entries

# The audit workspace is a place to work in, not a flow; it sits with the start links.
START_ENTRIES.extend(
    [
        StartEntry(_("Tra cứu và xuất nhật ký hệ thống"), "audit:search", Role.AUDITOR),
        StartEntry(_("Kiểm tra tính toàn vẹn nhật ký"), "audit:verify", Role.ADMINISTRATOR),
    ]
)

ROLE_DUTIES = {
    Role.UNIT_STAFF: _(
        "Lập và gửi hồ sơ đề nghị của đơn vị (đoàn ra, đoàn vào, thỏa thuận quốc tế), "
        "chỉnh sửa khi bị trả lại, rút hồ sơ và báo cáo kết quả sau chuyến đi."
    ),
    Role.UNIT_HEAD: _("Cho ý kiến, ký trình hoặc trả lại hồ sơ của đơn vị mình."),
    Role.DEPARTMENT_REVIEWER: _(
        "Thẩm định hồ sơ đã gửi: chuyển tiếp, trả lại để bổ sung hoặc đề nghị không chấp thuận; "
        "chọn cơ quan cần lấy ý kiến."
    ),
    Role.DEPARTMENT_HEAD: _(
        "Tổng hợp ý kiến, trình lãnh đạo UBND tỉnh và phân công lại công việc trong cơ quan."
    ),
    Role.SECURITY_OFFICER: _(
        "Thẩm tra an ninh từng thành viên, từng khách: đồng ý, đồng ý có lưu ý hoặc không đồng ý."
    ),
    Role.CONSULTED_AGENCY: _("Cho ý kiến bằng văn bản về thỏa thuận quốc tế được gửi xin ý kiến."),
    Role.LEADER: _("Phê duyệt, không phê duyệt hoặc trả lại hồ sơ được trình lãnh đạo UBND tỉnh."),
    Role.CLERK: _(
        "Tải lên bản đã ký của quyết định, công văn do lãnh đạo UBND tỉnh ký; vào sổ, cấp số "
        "và ngày ban hành văn bản."
    ),
    Role.AUDITOR: _(
        "Xem toàn bộ hồ sơ và nhật ký (chỉ đọc), tìm kiếm, xuất dữ liệu và kiểm tra tính toàn vẹn."
    ),
    Role.ADMINISTRATOR: _(
        "Quản lý đơn vị, người dùng, vai trò, người xử lý thay và lịch ngày nghỉ; "
        "không ra quyết định nghiệp vụ."
    ),
}


@dataclass
class HomePage:
    roles: list[tuple[Role, str]]
    inbox_count: int = 0
    queue_count: int = 0
    deputy_periods: list = field(default_factory=list)
    start_entries: list[StartEntry] = field(default_factory=list)

    @property
    def has_role(self) -> bool:
        return bool(self.roles)


def home_page_for(user: User) -> HomePage:
    """Collect what the home page shows ``user``, in a fixed number of queries."""
    roles = sorted(roles_of(user), key=list(Role).index)
    flows = flow_classes()
    return HomePage(
        roles=[(role, ROLE_DUTIES[role]) for role in roles],
        inbox_count=selectors.inbox_tasks(user).count() if flows else 0,
        queue_count=selectors.queue_tasks(user).count() if flows else 0,
        deputy_periods=list(active_deputy_periods(user)),
        start_entries=[entry for entry in start_entries() if entry.role in roles],
    )
