"""Demo organisation: the province's units and one person per role (invented names)."""

import datetime

from django.db import transaction

from . import services
from .models import Deputy, Province, Role, StaffProfile, Unit, User
from .selectors import today

DEMO_PASSWORD = "doingoai2026"

Level = StaffProfile.LeaderLevel
Kind = Unit.Kind

UNITS = [
    # (code, name, kind)
    ("UBND", "Ủy ban nhân dân tỉnh", Kind.PEOPLES_COMMITTEE),
    ("VP", "Văn phòng UBND tỉnh", Kind.DEPARTMENT),
    ("SNV", "Sở Ngoại vụ", Kind.DEPARTMENT),
    ("CA", "Công an tỉnh", Kind.POLICE),
    ("STP", "Sở Tư pháp", Kind.DEPARTMENT),
    ("SCT", "Sở Công Thương", Kind.DEPARTMENT),
    ("STC", "Sở Tài chính", Kind.DEPARTMENT),
    ("DHQN", "Trường Đại học Quy Nhơn", Kind.UNIVERSITY),
    ("ICISE", "Trung tâm Quốc tế Khoa học và Giáo dục liên ngành", Kind.RESEARCH),
    # A business asking for APEC business travel cards, and the agencies consulted on it.
    ("DNHP", "Công ty TNHH Hải Phong", Kind.ENTERPRISE),
    ("CT", "Thuế tỉnh", Kind.DEPARTMENT),
    ("BHXH", "Bảo hiểm xã hội tỉnh", Kind.DEPARTMENT),
]

PEOPLE = [
    # (username, full name, unit code, role, position, leader level)
    (
        "canbo.sct",
        "Trần Thị Lan",
        "SCT",
        Role.UNIT_STAFF,
        "Chuyên viên Phòng Kế hoạch",
        Level.OTHER,
    ),
    ("lanhdao.sct", "Lê Quang Minh", "SCT", Role.UNIT_HEAD, "Giám đốc Sở", Level.DEPARTMENT_HEAD),
    (
        "canbo.dhqn",
        "Phạm Văn Long",
        "DHQN",
        Role.UNIT_STAFF,
        "Chuyên viên Phòng Hợp tác quốc tế",
        Level.OTHER,
    ),
    (
        "chuyenvien.snv",
        "Nguyễn Thị Hoa",
        "SNV",
        Role.DEPARTMENT_REVIEWER,
        "Chuyên viên Phòng Lãnh sự",
        Level.OTHER,
    ),
    (
        "giamdoc.snv",
        "Đỗ Minh Tuấn",
        "SNV",
        Role.DEPARTMENT_HEAD,
        "Giám đốc Sở Ngoại vụ",
        Level.DEPARTMENT_HEAD,
    ),
    (
        "anninh.ca",
        "Võ Văn Dũng",
        "CA",
        Role.SECURITY_OFFICER,
        "Trưởng phòng An ninh đối ngoại",
        Level.OTHER,
    ),
    (
        "tuphap.stp",
        "Huỳnh Thị Thảo",
        "STP",
        Role.CONSULTED_AGENCY,
        "Phó Giám đốc Sở Tư pháp",
        Level.DEPUTY_DEPARTMENT_HEAD,
    ),
    ("chutich", "Phạm Anh Tuấn", "UBND", Role.LEADER, "Chủ tịch UBND tỉnh", Level.CHAIRMAN),
    (
        "phochutich.dn",
        "Lâm Hải Giang",
        "UBND",
        Role.LEADER,
        "Phó Chủ tịch UBND tỉnh phụ trách đối ngoại",
        Level.VICE_CHAIRMAN,
    ),
    (
        "phochutich",
        "Nguyễn Tự Công Hoàng",
        "UBND",
        Role.LEADER,
        "Phó Chủ tịch UBND tỉnh",
        Level.VICE_CHAIRMAN,
    ),
    ("canbo.dnhp", "Nguyễn Văn An", "DNHP", Role.UNIT_STAFF, "Nhân viên hành chính", Level.OTHER),
    ("giamdoc.dnhp", "Trần Thị Bình", "DNHP", Role.UNIT_HEAD, "Giám đốc", Level.OTHER),
    ("thue.ct", "Phan Văn Thuế", "CT", Role.CONSULTED_AGENCY, "Phó Trưởng Thuế tỉnh", Level.OTHER),
    ("bhxh.tinh", "Đinh Thị Bảo", "BHXH", Role.CONSULTED_AGENCY, "Phó Giám đốc", Level.OTHER),
    ("vanthu", "Hồ Thị Văn", "UBND", Role.CLERK, "Văn thư UBND tỉnh", Level.OTHER),
    ("kiemtoan", "Mai Văn Kiểm", "VP", Role.AUDITOR, "Thanh tra viên", Level.OTHER),
    ("quantri", "Đặng Văn Quản", "VP", Role.ADMINISTRATOR, "Quản trị hệ thống", Level.OTHER),
    ("chuacovaitro", "Tô Thị Vân", "STC", None, "Nhân viên hợp đồng", Level.OTHER),
]


@transaction.atomic
def load(stdout) -> dict:
    """Create (or find) the demo units and people; return them by code and username."""
    units = {code: _unit(code, name, kind) for code, name, kind in UNITS}
    people = {}
    for username, full_name, code, role, position, level in PEOPLE:
        people[username] = _person(username, full_name, units[code], role, position, level)
    _configure_province(units, people)
    _deputise_head_of_focal_agency(people)
    stdout.write(_login_table(units))
    return {"units": units, "people": people}


def _unit(code, name, kind) -> Unit:
    unit, _created = Unit.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
    return unit


def _person(username, full_name, unit, role, position, level) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "email": f"{username}@demo.local"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        if role == Role.ADMINISTRATOR:
            user.is_staff = user.is_superuser = True
        user.save()
    services.set_profile(user, unit=unit, position=position, leader_level=level)
    if role:
        services.grant_role(user, role, unit)
    return user


def _configure_province(units, people) -> None:
    province = Province.current()
    province.focal_agency = units["SNV"]
    province.security_agency = units["CA"]
    province.peoples_committee = units["UBND"]
    province.chairman = people["chutich"]
    province.foreign_affairs_leader = people["phochutich.dn"]
    province.save()


def _deputise_head_of_focal_agency(people) -> None:
    """The reviewer acts for the focal agency's head for the current month."""
    start = today().replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    head, reviewer = people["giamdoc.snv"], people["chuyenvien.snv"]
    if not Deputy.objects.filter(principal=head, deputy=reviewer, start_date=start).exists():
        Deputy.objects.filter(principal=head, start_date__lte=end, end_date__gte=start).delete()
        services.appoint_deputy(
            head,
            deputy=reviewer,
            start_date=start,
            end_date=end,
            actor=None,
            reason="Đi công tác nước ngoài (dữ liệu minh họa)",
        )


def _login_table(units) -> str:
    lines = ["", f"Tài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD})"]
    lines.append(f"{'Vai trò':<42} {'Tên đăng nhập':<16} Họ và tên — Đơn vị")
    for username, full_name, code, role, _position, _level in PEOPLE:
        label = role.label if role else "Chưa được phân vai trò"
        lines.append(f"{label:<42} {username:<16} {full_name} — {units[code].name}")
    return "\n".join(lines) + "\n"
