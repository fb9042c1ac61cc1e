"""Persons and their official passports from an Excel workbook (docs/import.md).

All or nothing: every bad cell is named by row and column, and nothing from the file is
kept unless every row is good. Importing the same file again changes nothing: a person
is found by identity number, else by name, unit and date of birth (``find_person``); a
passport by its number. The caller checks the upload itself (type, size, no DTD).
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations import excel
from organizations.excel import Column
from organizations.models import StaffProfile, Unit

from . import personal_data, services
from .models import Passport, Person
from .text import search_key

MAX_ROWS = 2000
COLUMNS = (
    Column("full_name", gettext_lazy("Họ và tên"), True),
    Column("date_of_birth", gettext_lazy("Ngày sinh (dd/mm/yyyy)"), False),
    Column("sex", gettext_lazy("Giới tính (Nam/Nữ)"), False),
    Column("identity_number", gettext_lazy("Số định danh cá nhân"), False),
    Column("unit", gettext_lazy("Đơn vị (tên hoặc mã)"), True),
    Column("position", gettext_lazy("Chức vụ"), False),
    Column("passport_kind", gettext_lazy("Loại hộ chiếu (công vụ/ngoại giao)"), False),
    Column("passport_number", gettext_lazy("Số hộ chiếu"), False),
    Column("issued_on", gettext_lazy("Ngày cấp (dd/mm/yyyy)"), False),
    Column("expires_on", gettext_lazy("Ngày hết hạn (dd/mm/yyyy)"), False),
    Column("kept_by", gettext_lazy("Cơ quan lưu giữ hộ chiếu (tên hoặc mã)"), False),
)
DATE_FIELDS = ("date_of_birth", "issued_on", "expires_on")
SEXES = {"nam": Person.Sex.MALE, "nu": Person.Sex.FEMALE}
KINDS = {
    "cong vu": Passport.Kind.OFFICIAL,
    "official": Passport.Kind.OFFICIAL,
    "ngoai giao": Passport.Kind.DIPLOMATIC,
    "diplomatic": Passport.Kind.DIPLOMATIC,
}


@dataclass
class Result:
    persons_created: int = 0
    passports_created: int = 0
    unchanged: int = 0
    rows: int = 0
    messages: list = field(default_factory=list)


def template_workbook() -> bytes:
    """Return the empty template (headings and one example row) as an .xlsx file."""
    return excel.template_workbook(
        _("Danh bạ cá nhân"),
        COLUMNS,
        [
            "Nguyễn Văn An",
            "15/04/1975",
            "Nam",
            "052075001234",
            "SCT",
            "Phó Giám đốc Sở",
            "công vụ",
            "C1234567",
            "01/02/2022",
            "01/02/2027",
            "SNV",
        ],
    )


def import_workbook(file, *, actor) -> Result:
    """Read ``file`` and write its persons and passports; raise ValidationError (every
    bad cell named) and write nothing if any row is bad."""
    rows = _read(file)
    units = _Units()
    parsed, errors = [], []
    identities = {}
    numbers = {}
    for number, values in rows:
        data, row_errors = _parse_row(values, units)
        for column, message in row_errors:
            errors.append(_cell_error(number, column, message))
        if data is None:
            continue
        for key, seen, column in (
            (data.get("identity_index"), identities, "identity_number"),
            (data.get("passport_index"), numbers, "passport_number"),
        ):
            if key and key in seen:
                errors.append(
                    _cell_error(
                        number,
                        _column(column),
                        _("trùng với dòng %(row)d của tệp.") % {"row": seen[key]},
                    )
                )
            elif key:
                seen[key] = number
        parsed.append((number, data))
    if not rows:
        errors.append(_("Tệp Excel không có dòng nào."))
    if len(rows) > MAX_ROWS:
        errors.append(_("Tệp có quá %(max)d dòng.") % {"max": MAX_ROWS})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        result = Result(rows=len(parsed))
        conflicts = []
        for number, data in parsed:
            _write_row(number, data, actor=actor, result=result, conflicts=conflicts)
        if conflicts:
            transaction.set_rollback(True)
            raise ValidationError(conflicts)
    return result


def _read(file) -> list:
    return excel.read_rows(
        file, max_rows=MAX_ROWS, unreadable=_("Không đọc được tệp Excel danh bạ.")
    )


def _column(name: str) -> int:
    return excel.column_index(COLUMNS, name)


def _cell_error(row: int, column: int, message: str) -> str:
    return excel.cell_error(COLUMNS, row, column, message)


class _Units:
    """Units by name or code, read once."""

    def __init__(self):
        self.cache = {}

    def get(self, text: str):
        key = search_key(text)
        if key not in self.cache:
            self.cache[key] = Unit.objects.filter(
                Q(name__iexact=text) | Q(code__iexact=text)
            ).first()
        return self.cache[key]


def _parse_row(values, units: _Units):
    """Return (dict or None, [(column index, message)])."""
    data, errors = excel.parse_row(
        values,
        COLUMNS,
        lambda name, raw, text: _convert(name, raw, text, units),
        empty=lambda name: None if name in DATE_FIELDS else "",
    )
    if not errors:
        errors += _check_passport(data)
    if errors:
        return None, errors
    data["identity_index"] = personal_data.blind_index(data["identity_number"])
    data["passport_index"] = personal_data.blind_index(data["passport_number"])
    return data, []


def _check_passport(data) -> list:
    errors = []
    given = [data["passport_kind"], data["passport_number"], data["expires_on"]]
    if any(given) and not all(given):
        for name in ("passport_kind", "passport_number", "expires_on"):
            if not data[name]:
                errors.append((_column(name), _("cần có khi khai báo hộ chiếu.")))
    if data["issued_on"] and data["expires_on"] and data["expires_on"] <= data["issued_on"]:
        errors.append((_column("expires_on"), _("ngày hết hạn phải sau ngày cấp.")))
    if data["date_of_birth"] and data["date_of_birth"] >= datetime.date.today():
        errors.append((_column("date_of_birth"), _("ngày sinh phải trước ngày hôm nay.")))
    return errors


def _convert(name: str, raw, text: str, units: _Units):
    if name in DATE_FIELDS:
        return excel.parse_date(raw, text)
    if name == "sex":
        if search_key(text) not in SEXES:
            raise ValueError(_("ghi “Nam” hoặc “Nữ”."))
        return SEXES[search_key(text)]
    if name == "passport_kind":
        if search_key(text) not in KINDS:
            raise ValueError(_("ghi “công vụ” hoặc “ngoại giao”."))
        return KINDS[search_key(text)]
    if name in ("unit", "kept_by"):
        unit = units.get(text)
        if unit is None:
            raise ValueError(_("không có đơn vị “%(value)s” trong hệ thống.") % {"value": text})
        return unit
    if name == "passport_number" and not 5 <= len(personal_data.normalise(text)) <= 20:
        raise ValueError(_("số hộ chiếu phải có từ 5 đến 20 ký tự."))
    if name == "identity_number" and not (
        text.isdigit() and len(personal_data.normalise(text)) in (9, 12)
    ):
        raise ValueError(_("số định danh cá nhân gồm 12 chữ số (hoặc 9 với CMND cũ)."))
    return text[:255]


def _find(data) -> Person | None:
    if data["identity_index"]:
        found = Person.objects.filter(identity_index=data["identity_index"]).first()
        if found is not None:
            return found
    return services.find_person(
        full_name=data["full_name"],
        unit_name=data["unit"].name,
        date_of_birth=data["date_of_birth"],
    )


def _write_row(number: int, data: dict, *, actor, result: Result, conflicts: list) -> None:
    person = _find(data)
    changed = False
    if person is None:
        person = services.create_person(
            actor=actor,
            full_name=data["full_name"],
            unit=data["unit"],
            date_of_birth=data["date_of_birth"],
            sex=data["sex"],
            identity_number=data["identity_number"],
            position=data["position"],
            leader_level=StaffProfile.LeaderLevel.OTHER,
        )
        result.persons_created += 1
        changed = True
    if data["passport_index"]:
        existing = Passport.objects.filter(number_index=data["passport_index"]).first()
        if existing is not None and existing.person_id != person.pk:
            conflicts.append(
                _cell_error(
                    number,
                    _column("passport_number"),
                    _("hộ chiếu này đã được ghi cho %(person)s.") % {"person": existing.person},
                )
            )
        elif existing is None:
            services.add_passport(
                person,
                actor=actor,
                kind=data["passport_kind"],
                number=data["passport_number"],
                issued_on=data["issued_on"],
                expires_on=data["expires_on"],
                kept_by=data["kept_by"] or None,
            )
            result.passports_created += 1
            changed = True
    if not changed:
        result.unchanged += 1
