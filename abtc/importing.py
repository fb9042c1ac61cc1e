"""APEC business travel cards issued before the system existed, from an Excel workbook
(docs/import.md, "ABTC cards").

One row per card: the business (a unit of kind "doanh nghiệp", by name or code), its
enterprise code, the manager (name, date of birth, position, passport), the card (number,
economies, issue and expiry dates) and the People's Committee's decision allowing it
(number and date). The rows of one business and one decision make one request, complete
(``Đã vào sổ thẻ``), that the register, the statistics, the expiry reminders and the
annual report count as any other; its submitter is the importing account.

All or nothing: every bad cell is named by row and column (``organizations.excel``), and
nothing from the file is kept unless every row is good. Importing the same file again
changes nothing: a card is found by its number; a request by its business and decision
number, so a card added to a file later joins the request imported before. Each request
created or added to gets an ``imported`` audit entry naming the file and the cards. The
caller checks the upload itself (type, size, no DTD).
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import audit
from matters import steps
from matters.services import importing_user
from organizations import excel
from organizations.excel import Column
from organizations.models import Unit
from people import personal_data

from . import policy
from .economies import Economy
from .models import AbtcRequest, Manager, Status
from .services import PREFIX, card_years

MAX_ROWS = 2000
COLUMNS = (
    Column("business", gettext_lazy("Doanh nghiệp (tên hoặc mã đơn vị)"), True),
    Column("enterprise_code", gettext_lazy("Mã số doanh nghiệp"), True),
    Column("established_on", gettext_lazy("Ngày đăng ký doanh nghiệp lần đầu"), False),
    Column("full_name", gettext_lazy("Họ và tên doanh nhân"), True),
    Column("date_of_birth", gettext_lazy("Ngày sinh (dd/mm/yyyy)"), True),
    Column("position", gettext_lazy("Chức vụ"), True),
    Column("passport_number", gettext_lazy("Số hộ chiếu"), True),
    Column("card_number", gettext_lazy("Số thẻ ABTC"), True),
    Column(
        "economies", gettext_lazy("Nền kinh tế ghi trên thẻ (mã, cách nhau bởi dấu phẩy)"), True
    ),
    Column("card_issued_on", gettext_lazy("Ngày cấp thẻ (dd/mm/yyyy)"), True),
    Column("card_expires_on", gettext_lazy("Ngày hết hạn thẻ (dd/mm/yyyy)"), False),
    Column("decision_number", gettext_lazy("Số quyết định cho phép"), True),
    Column("decision_date", gettext_lazy("Ngày quyết định (dd/mm/yyyy)"), True),
)
DATE_FIELDS = (
    "established_on",
    "date_of_birth",
    "card_issued_on",
    "card_expires_on",
    "decision_date",
)
EXAMPLE = (
    "Công ty TNHH Hải Phong",
    "4101234567",
    "15/03/2015",
    "Trần Văn Phong",
    "20/05/1978",
    "Giám đốc",
    "C1234567",
    "ABTC-0001234",
    "JP, KR, SG",
    "10/08/2023",
    "10/08/2028",
    "1520/QĐ-UBND",
    "25/07/2023",
)


@dataclass
class Result:
    requests_created: int = 0
    cards_created: int = 0
    unchanged: int = 0
    rows: int = 0
    messages: list = field(default_factory=list)


def template_workbook() -> bytes:
    """Return the empty template (headings and one example row) as an .xlsx file."""
    return excel.template_workbook(_("Thẻ ABTC đã cấp"), COLUMNS, EXAMPLE, width=24)


def import_workbook(file, *, actor=None, file_name: str = "") -> Result:
    """Read ``file`` and register its cards; raise ValidationError (every bad cell named)
    and write nothing if any row is bad."""
    rows = excel.read_rows(
        file, max_rows=MAX_ROWS, unreadable=_("Không đọc được tệp Excel thẻ ABTC.")
    )
    businesses = _Businesses()
    parsed, errors = [], []
    for number, values in rows:
        data, row_errors = excel.parse_row(
            values,
            COLUMNS,
            lambda name, raw, text: _convert(name, raw, text, businesses),
            empty=lambda name: None if name in DATE_FIELDS else "",
        )
        if not row_errors:
            row_errors = _check(data)
        errors += [_cell_error(number, column, message) for column, message in row_errors]
        if not row_errors:
            parsed.append((number, data))
    errors += _across_rows(parsed)
    if not rows:
        errors.append(_("Tệp Excel không có dòng nào."))
    if len(rows) > MAX_ROWS:
        errors.append(_("Tệp có quá %(max)d dòng.") % {"max": MAX_ROWS})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _write(parsed, actor=actor, file_name=file_name)


def _cell_error(row: int, column: int, message: str) -> str:
    return excel.cell_error(COLUMNS, row, column, message)


def _column(name: str) -> int:
    return excel.column_index(COLUMNS, name)


class _Businesses:
    """Businesses (units of kind "doanh nghiệp") by name or code, read once."""

    def __init__(self):
        self.cache = {}

    def get(self, text: str):
        key = text.casefold()
        if key not in self.cache:
            self.cache[key] = Unit.objects.filter(
                Q(name__iexact=text) | Q(code__iexact=text), kind=Unit.Kind.ENTERPRISE
            ).first()
        return self.cache[key]


def _convert(name: str, raw, text: str, businesses: _Businesses):
    if name in DATE_FIELDS:
        return excel.parse_date(raw, text)
    if name == "business":
        unit = businesses.get(text)
        if unit is None:
            raise ValueError(
                _("không có doanh nghiệp “%(value)s” trong hệ thống (đơn vị loại doanh nghiệp).")
                % {"value": text}
            )
        return unit
    if name == "enterprise_code":
        if not (text.replace("-", "").isdigit() and 10 <= len(text) <= 14):
            raise ValueError(_("mã số doanh nghiệp gồm 10 chữ số (13 với chi nhánh)."))
        return text
    if name == "passport_number" and not 5 <= len(personal_data.normalise(text)) <= 20:
        raise ValueError(_("số hộ chiếu phải có từ 5 đến 20 ký tự."))
    if name == "card_number":
        number = "".join(text.split()).upper()
        if len(number) > 30:
            raise ValueError(_("số thẻ ABTC tối đa 30 ký tự."))
        return number
    if name == "economies":
        codes = [c.strip().upper() for c in text.replace(";", ",").split(",") if c.strip()]
        unknown = [c for c in codes if c not in Economy.values]
        if unknown:
            raise ValueError(
                _("“%(codes)s” không thuộc Chương trình thẻ ABTC (mã nền kinh tế, ví dụ JP, KR).")
                % {"codes": ", ".join(unknown)}
            )
        return sorted(set(codes))
    limit = 50 if name == "decision_number" else 150
    if len(text) > limit:
        raise ValueError(_("tối đa %(max)d ký tự.") % {"max": limit})
    return text


def _check(data: dict) -> list:
    """Return [(column, message)] of a row whose cells are each good but not together."""
    today = timezone.localdate()
    errors = []
    if policy.age_on(data["date_of_birth"], data["decision_date"]) < policy.MIN_AGE:
        errors.append(
            (_column("date_of_birth"), _("doanh nhân chưa đủ 18 tuổi vào ngày quyết định."))
        )
    for name in ("decision_date", "card_issued_on", "established_on"):
        if data[name] and data[name] > today:
            errors.append((_column(name), _("không thể sau ngày hôm nay.")))
    if data["card_issued_on"] < data["decision_date"]:
        errors.append(
            (_column("card_issued_on"), _("ngày cấp thẻ không thể trước ngày quyết định."))
        )
    expires = data["card_expires_on"] or policy.add_years(data["card_issued_on"], card_years())
    if expires <= data["card_issued_on"]:
        errors.append((_column("card_expires_on"), _("ngày hết hạn phải sau ngày cấp thẻ.")))
    data["card_expires_on"] = expires
    data["passport_index"] = personal_data.blind_index(data["passport_number"])
    return errors


def _across_rows(parsed) -> list[str]:
    """Name a card twice in the file, and one decision given two dates."""
    errors, cards, decisions = [], {}, {}
    for number, data in parsed:
        card = data["card_number"]
        if card in cards:
            message = _("trùng với dòng %(row)d của tệp.") % {"row": cards[card]}
            errors.append(_cell_error(number, _column("card_number"), message))
        cards.setdefault(card, number)
        key = (data["business"].pk, data["decision_number"])
        first = decisions.setdefault(key, (number, data["decision_date"]))
        if first[1] != data["decision_date"]:
            message = _("quyết định này ở dòng %(row)d có ngày khác.") % {"row": first[0]}
            errors.append(_cell_error(number, _column("decision_date"), message))
    return errors


def _write(parsed, *, actor, file_name: str) -> Result:
    result = Result(rows=len(parsed))
    existing = {
        m.card_number: m
        for m in Manager.objects.filter(card_number__in=[d["card_number"] for _n, d in parsed])
    }
    conflicts, added, submitter = [], {}, None
    requests = {}
    for number, data in parsed:
        found = existing.get(data["card_number"])
        if found is not None:
            if found.passport_index != data["passport_index"]:
                message = _("số thẻ này đã có trong sổ cho doanh nhân khác.")
                conflicts.append(_cell_error(number, _column("card_number"), message))
            result.unchanged += 1
            continue
        key = (data["business"].pk, data["decision_number"])
        if key not in requests:
            submitter = submitter or importing_user()
            requests[key] = _request_for(data, submitter, result, conflicts, number)
        abtc_request = requests[key]
        if abtc_request is None:
            continue
        # A manager the request already names (allowed in the flow, card not yet recorded)
        # gets the card; anyone else is a new row of the request.
        manager = abtc_request.managers.filter(
            passport_index=data["passport_index"], card_number=""
        ).first() or Manager(
            request=abtc_request,
            full_name=data["full_name"],
            date_of_birth=data["date_of_birth"],
            position=data["position"],
        )
        manager.passport_number = data["passport_number"]
        manager.approved = True
        manager.card_number, manager.card_issued_on = data["card_number"], data["card_issued_on"]
        manager.card_expires_on, manager.card_economies = data["card_expires_on"], data["economies"]
        manager.card_recorded_at = timezone.now()
        manager.save()
        added.setdefault(abtc_request, []).append(data["card_number"])
        result.cards_created += 1
    if conflicts:
        transaction.set_rollback(True)
        raise ValidationError(conflicts)
    for abtc_request, cards in added.items():
        managers = list(abtc_request.managers.all())
        abtc_request.economies = sorted(
            set(abtc_request.economies) | {e for m in managers for e in m.card_economies}
        )
        if abtc_request.status == Status.ISSUED and all(m.has_card for m in managers if m.approved):
            abtc_request.status = Status.COMPLETED
        abtc_request.save(update_fields=["economies", "status"])
        audit.record(
            audit.Action.IMPORTED,
            actor=actor,
            subject=abtc_request,
            payload={"file": file_name, "cards": cards},
        )
    return result


def _request_for(data, submitter, result: Result, conflicts: list, number: int):
    """Return the request of the row's business and decision, created if new."""
    unit = data["business"]
    found = AbtcRequest.objects.filter(unit=unit, decision_number=data["decision_number"]).first()
    if found is not None:
        if found.decision_date != data["decision_date"]:
            message = _("quyết định %(number)s đã có trong hệ thống với ngày %(date)s.") % {
                "number": data["decision_number"],
                "date": f"{found.decision_date:%d/%m/%Y}" if found.decision_date else "—",
            }
            conflicts.append(_cell_error(number, _column("decision_date"), message))
            return None
        return found
    established_on = data["established_on"] or _established_on(unit)
    if established_on is None:
        message = _("doanh nghiệp chưa có hồ sơ nào trong hệ thống: hãy ghi ngày này.")
        conflicts.append(_cell_error(number, _column("established_on"), message))
        return None
    decided = datetime.datetime.combine(
        data["decision_date"], datetime.time(12), tzinfo=datetime.UTC
    )
    abtc_request = AbtcRequest.objects.create(
        unit=unit,
        submitted_by=submitter,
        submitted_at=decided,
        decided_at=decided,
        reference=steps.next_reference(PREFIX, unit, data["decision_date"].year),
        status=Status.COMPLETED,
        enterprise_code=data["enterprise_code"],
        established_on=established_on,
        economies=data["economies"],
        decision_number=data["decision_number"],
        decision_date=data["decision_date"],
    )
    result.requests_created += 1
    return abtc_request


def _established_on(unit) -> datetime.date | None:
    latest = AbtcRequest.objects.filter(unit=unit).order_by("-pk").first()
    return latest.established_on if latest is not None else None
