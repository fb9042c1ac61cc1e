"""Import of matters decided before the system existed (DESIGN §8).

A file (JSON, or an Excel workbook with one sheet per kind) lists past outbound trips,
inbound visits, agreements, conferences, consular cases, foreign NGO aid projects and
meetings with NGOs. The whole file is read and checked first; every bad record is named
by kind, ``ref`` and field, and one bad record rejects the file. Only then is everything
written, in one transaction, with an ``imported`` audit entry per record. A record whose
``ref`` is already in the database is left as it is, so importing the same file twice
changes nothing. Units named in the file and not found (by name or code) are created
and listed in the result.

    data = importing.read_file(path)          # raises InvalidFile
    result = importing.import_records(data, file_name=path.name)
"""

import datetime
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries as country_list
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

import audit
from agreements.models import Agreement
from agreements.models import Status as AgreementStatus
from conferences.models import Conference
from consular.models import CasePerson, ConsularCase
from consular.models import Group as ConsularGroup
from consular.models import Incident as ConsularIncident
from consular.models import Status as ConsularStatus
from matters.services import IMPORT_USERNAME, importing_user  # noqa: F401 (re-exported)
from ngo_aid.models import AidProject, Disbursement, ForeignNGO, Meeting, usd
from ngo_aid.models import Status as AidStatus
from organizations.models import Province, Unit
from permits.models import Guest, InboundVisit, OutboundTrip, Status, TripMember, TripPurpose
from permits.services import MemberData, add_members

# Statuses in the file → statuses of the domain. An approved matter of the past is
# complete, which the report counts (DESIGN §7); the others never count.
REQUEST_STATUSES = {
    "approved": Status.COMPLETED,
    "rejected": Status.REJECTED,
    "withdrawn": Status.WITHDRAWN,
}
AGREEMENT_STATUSES = {
    "signed": AgreementStatus.SIGNED,
    "refused": AgreementStatus.REJECTED,
    "withdrawn": AgreementStatus.WITHDRAWN,
}
AID_STATUSES = {
    "approved": AidStatus.COMPLETED,
    "rejected": AidStatus.REJECTED,
    "withdrawn": AidStatus.WITHDRAWN,
    "lapsed": AidStatus.LAPSED,
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
MOMENT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M")
MAX_ERRORS_SHOWN = 200


class InvalidFile(Exception):
    """The file cannot be imported; ``errors`` says why, one line per bad field."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Result:
    """What an import did: records created and left unchanged per kind, units created."""

    created: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unchanged: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    units_created: list = field(default_factory=list)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


@dataclass
class _Item:
    """One checked record, ready to write."""

    kind: str
    ref: str
    unit: str
    fields: dict
    children: list = field(default_factory=list)


# -- Reading one record's fields -------------------------------------------------------------


def _whole(value):
    """Return a number written with a point but whole (120.0) as an int; else ``value``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return value


class _Reader:
    """Reads one record's fields, collecting every error instead of stopping at the first."""

    def __init__(self, raw: dict, where: str, errors: list, allowed, prefix: str = ""):
        self.raw, self.where, self.errors, self.prefix = raw, where, errors, prefix
        for key in sorted(set(raw) - set(allowed)):
            self.error(key, _("trường không được hỗ trợ."))

    def error(self, name: str, message: str) -> None:
        self.errors.append(f"{self.where}: {self.prefix}{name}: {message}")

    def _get(self, name: str, required: bool):
        value = self.raw.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", []):
            if required:
                self.error(name, _("thiếu trường bắt buộc."))
            return None
        return value

    def text(self, name: str, *, required=False, max_length=255, default="") -> str:
        value = self._get(name, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
            self.error(name, _("phải là một chuỗi ký tự."))
            return default
        value = str(_whole(value))
        if len(value) > max_length:
            self.error(name, _("dài quá %(max)d ký tự.") % {"max": max_length})
        return value

    def date(self, name: str, *, required=True) -> datetime.date | None:
        value = self._get(name, required)
        if value is None or isinstance(value, datetime.date):
            return value.date() if isinstance(value, datetime.datetime) else value
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(str(value), pattern).date()
            except ValueError:
                continue
        self.error(name, _("“%(value)s” không phải ngày hợp lệ (YYYY-MM-DD).") % {"value": value})
        return None

    def moment(self, name: str) -> datetime.datetime | None:
        """Return a date and time ("2023-03-01 14:30", or a date: its midnight), local."""
        value = self._get(name, False)
        if value is None:
            return None
        if isinstance(value, datetime.datetime):
            return value if timezone.is_aware(value) else timezone.make_aware(value)
        for pattern in MOMENT_FORMATS:
            try:
                return timezone.make_aware(datetime.datetime.strptime(str(value), pattern))
            except ValueError:
                continue
        day = self.date(name, required=False)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time())) if day else None

    def country(self, name: str, *, required=True) -> str:
        value = self._get(name, required)
        return "" if value is None else self._country_code(name, value)

    def countries(self, name: str, *, required=True) -> list[str]:
        value = self._get(name, required)
        if value is None:
            return []
        if isinstance(value, str):
            value = [part for part in re.split(r"[,;\s]+", value) if part]
        if not isinstance(value, list):
            self.error(name, _("phải là danh sách mã quốc gia."))
            return []
        codes = [self._country_code(name, item) for item in value]
        return list(dict.fromkeys(code for code in codes if code))

    def _country_code(self, name: str, value) -> str:
        code = str(value).strip().upper()
        if code not in country_list:
            self.error(
                name, _("không có mã quốc gia “%(value)s” (ISO 3166, ví dụ FR).") % {"value": value}
            )
            return ""
        return code

    def choice(self, name: str, choices: dict, *, required=True, default=None):
        value = self._get(name, required)
        if value is None:
            return default
        if str(value).lower() not in choices:
            self.error(
                name,
                _("“%(value)s” không thuộc: %(allowed)s.")
                % {
                    "value": value,
                    "allowed": ", ".join(choices),
                },
            )
            return default
        return choices[str(value).lower()]

    def integer(self, name: str, *, required=False) -> int | None:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        value = _whole(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.error(name, _("phải là số nguyên không âm."))
            return None
        return value

    def decimal(self, name: str, *, required=False, positive=True) -> Decimal | None:
        """Return a money amount or rate as a Decimal (never a float), or None."""
        value = self._get(name, required)
        if value is None:
            return None
        try:
            number = Decimal(str(value).strip().replace(" ", ""))
        except (InvalidOperation, ValueError):
            number = None
        if number is None or not number.is_finite() or (positive and number <= 0):
            self.error(name, _("phải là số lớn hơn 0 (dấu chấm trước phần lẻ)."))
            return None
        return number

    def boolean(self, name: str) -> bool:
        value = self.raw.get(name)
        if isinstance(value, str):
            return value.strip().lower() in ("1", "x", "true", "có", "co", "yes")
        return bool(value)

    def children(self, name: str) -> list[tuple[int, dict]]:
        value = self.raw.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(name, _("phải là danh sách các bản ghi."))
            return []
        return list(enumerate(value, start=1))

    def dates(self) -> tuple:
        start, end = self.date("start_date"), self.date("end_date")
        if start and end and end < start:
            self.error("end_date", _("ngày kết thúc trước ngày bắt đầu."))
        return start, end


# -- Checking each kind ----------------------------------------------------------------------

COMMON = {"ref", "unit", "status"}


def _check_trip(r: _Reader) -> tuple[dict, list]:
    allowed = {"name", "position", "unit", "head", "role"}
    start, end = r.dates()
    fields = {
        "purpose": r.text("purpose", required=True),
        "countries": r.countries("countries"),
        "start_date": start,
        "end_date": end,
        "status": r.choice("status", REQUEST_STATUSES),
        "decision_number": r.text("decision_number", max_length=50),
        "decision_date": r.date("decision_date", required=False),
        "cities": r.text("cities"),
        "inviting_partner": r.text("inviting_partner"),
        "funding_source": r.choice(
            "funding_source", _values(OutboundTrip.Funding), required=False, default=""
        ),
        "title": r.text("title"),
    }
    members = []
    for n, raw in r.children("members"):
        m = _Reader(raw, r.where, r.errors, allowed, prefix=f"members[{n}].")
        head = m.boolean("head")
        members.append(
            MemberData(
                full_name=m.text("name", required=True, max_length=150),
                position=m.text("position", required=True),
                unit_name=m.text("unit"),
                delegation_role=m.choice(
                    "role",
                    _values(TripMember.DelegationRole),
                    required=False,
                    default=TripMember.DelegationRole.HEAD if head else "member",
                ),
            )
        )
    if sum(m.delegation_role == TripMember.DelegationRole.HEAD for m in members) > 1:
        r.error("members", _("đoàn chỉ có một trưởng đoàn."))
    return fields, members


TRIP_FIELDS = COMMON | {
    "title", "purpose", "countries", "start_date", "end_date", "decision_number", "decision_date",
    "cities", "inviting_partner", "funding_source", "members",
}  # fmt: skip


def _check_visit(r: _Reader) -> tuple[dict, list]:
    allowed = {
        "name", "nationality", "passport", "position", "organisation", "date_of_birth",
        "passport_expiry",
    }  # fmt: skip
    start, end = r.dates()
    delegation = r.text("delegation", required=True)
    fields = {
        "title": delegation,
        "organisation": r.text("organisation", default=delegation),
        "countries": r.countries("countries", required=False),
        "start_date": start,
        "end_date": end,
        "status": r.choice("status", REQUEST_STATUSES),
        "purpose": r.text("purpose", max_length=5000),
        "places": r.text("places", max_length=500),
        "host_leader": r.text("host_leader"),
        "decision_number": r.text("decision_number", max_length=50),
        "decision_date": r.date("decision_date", required=False),
        "funding_source": r.choice(
            "funding_source", _values(InboundVisit.Funding), required=False, default=""
        ),
    }
    guests = []
    for n, raw in r.children("guests"):
        g = _Reader(raw, r.where, r.errors, allowed, prefix=f"guests[{n}].")
        guests.append(
            {
                "full_name": g.text("name", required=True, max_length=150),
                "nationality": g.country("nationality"),
                "passport_number": g.text("passport", max_length=20),
                "position": g.text("position"),
                "organisation": g.text("organisation"),
                "date_of_birth": g.date("date_of_birth", required=False),
                "passport_expiry": g.date("passport_expiry", required=False),
            }
        )
    if not fields["countries"]:
        fields["countries"] = list(
            dict.fromkeys(g["nationality"] for g in guests if g["nationality"])
        )
        if not fields["countries"] and not guests:
            r.error("countries", _("thiếu trường bắt buộc."))
    return fields, guests


VISIT_FIELDS = COMMON | {
    "delegation", "organisation", "countries", "start_date", "end_date", "purpose", "places",
    "host_leader", "decision_number", "decision_date", "funding_source", "guests",
}  # fmt: skip


def _check_agreement(r: _Reader) -> tuple[dict, list]:
    fields = {
        "title": r.text("title", required=True),
        "kind": r.choice("kind", _values(Agreement.Kind)),
        "field": r.choice("field", _values(Agreement.Field), required=False, default="other"),
        "partner": r.text("partner", required=True),
        "partner_kind": r.choice(
            "partner_kind", _values(Agreement.PartnerKind), required=False, default=""
        ),
        "partner_country": r.country("partner_country"),
        "status": r.choice("status", AGREEMENT_STATUSES),
        "signed_on": r.date("signed_date", required=False),
        "signed_place": r.text("signed_place"),
        "signed_by": r.text("signed_by"),
        "term": r.text("term", max_length=100),
        "content": r.text("content", max_length=10000),
    }
    # A signed agreement needs its date (a bad date is named already).
    if fields["status"] == AgreementStatus.SIGNED and r.raw.get("signed_date") in (None, ""):
        r.error("signed_date", _("thỏa thuận đã ký phải có ngày ký."))
    return fields, []


AGREEMENT_FIELDS = COMMON | {
    "title", "kind", "field", "partner", "partner_kind", "partner_country", "signed_date",
    "signed_place", "signed_by", "term", "content",
}  # fmt: skip


def _check_conference(r: _Reader) -> tuple[dict, list]:
    start, end = r.dates()
    participants = r.integer("participants")
    planned = r.integer("participants_planned")
    actual = r.integer("participants_actual")
    counts = ("participants", "participants_planned", "participants_actual")
    if all(r.raw.get(name) in (None, "") for name in counts):
        r.error("participants", _("thiếu trường bắt buộc."))
    fields = {
        "title": r.text("title", required=True),
        "kind": r.choice("kind", _values(Conference.Kind), required=False, default="conference"),
        "countries": r.countries("countries", required=False),
        "place": r.text("place"),
        "start_date": start,
        "end_date": end,
        # "participants" is the number that came; a record may give planned and actual.
        "participants_planned": next(
            (n for n in (planned, participants, actual) if n is not None), 0
        ),
        "participants_actual": actual if actual is not None else participants,
        "status": r.choice("status", REQUEST_STATUSES),
    }
    return fields, []


CONFERENCE_FIELDS = COMMON | {
    "title", "kind", "countries", "place", "start_date", "end_date", "participants",
    "participants_planned", "participants_actual",
}  # fmt: skip


def _check_consular(r: _Reader) -> tuple[dict, list]:
    allowed = {"name", "document", "date_of_birth", "nationality", "note"}
    group = r.choice("group", _values(ConsularGroup))
    fields = {
        "group": group,
        "incident": r.choice("incident", _values(ConsularIncident)),
        "occurred_on": r.date("occurred_on"),
        "nationality": r.country("nationality", required=group == ConsularGroup.FOREIGNER),
        "country": r.country("country", required=False),
        "sea_area": r.text("sea_area"),
        "place": r.text("place"),
        "summary": r.text("summary", max_length=5000),
        "people_count": r.integer("people_count") or 1,
        "vessel_number": r.text("vessel_number", max_length=50),
        "vessel_owner": r.text("vessel_owner", max_length=150),
        "home_port": r.text("home_port"),
        "ministry_notified_at": r.moment("ministry_notified_at"),
        "ministry_notice": r.text("ministry_notice"),
        "representation": r.text("representation"),
        "representation_notified_at": r.moment("representation_notified_at"),
        "representation_notice": r.text("representation_notice"),
        "resolution": r.text("resolution", max_length=5000),
        "closed_on": r.date("closed_on", required=False),
        "status": r.choice(
            "status", _values(ConsularStatus), required=False, default=ConsularStatus.CLOSED
        ),
    }
    if fields["status"] == ConsularStatus.CLOSED and not fields["resolution"]:
        r.error("resolution", _("vụ việc đã kết thúc cần có kết quả giải quyết."))
    if group == ConsularGroup.FISHERMEN and not fields["vessel_number"]:
        r.error("vessel_number", _("vụ việc ngư dân cần số hiệu tàu."))
    persons = []
    for n, raw in r.children("persons"):
        p = _Reader(raw, r.where, r.errors, allowed, prefix=f"persons[{n}].")
        persons.append(
            {
                "full_name": p.text("name", required=True, max_length=150),
                "document_number": p.text("document", max_length=30),
                "date_of_birth": p.date("date_of_birth", required=False),
                "nationality": p.country("nationality", required=False),
                "note": p.text("note"),
            }
        )
    return fields, persons


CONSULAR_FIELDS = COMMON | {
    "group", "incident", "occurred_on", "nationality", "country", "sea_area", "place",
    "summary", "people_count", "vessel_number", "vessel_owner", "home_port",
    "ministry_notified_at", "ministry_notice", "representation", "representation_notified_at",
    "representation_notice", "resolution", "closed_on", "persons",
}  # fmt: skip


def _check_aid(r: _Reader) -> tuple[dict, list]:
    start, end = r.dates()
    currency = r.text("currency", max_length=3, default="USD").upper()
    if not (len(currency) == 3 and currency.isalpha()):
        r.error("currency", _("phải là mã loại tiền 3 chữ cái (ISO 4217), ví dụ USD."))
    amount = r.decimal("amount", required=True)
    rate = r.decimal("usd_rate") or Decimal(1)
    if currency != "USD" and r.raw.get("usd_rate") in (None, ""):
        r.error("usd_rate", _("khoản viện trợ không bằng USD phải có tỷ giá quy đổi."))
    status = r.choice("status", AID_STATUSES)
    decision_date = r.date("decision_date", required=False)
    approved = status in (AidStatus.COMPLETED, AidStatus.LAPSED)
    if approved and decision_date is None and r.raw.get("decision_date") in (None, ""):
        r.error("decision_date", _("khoản viện trợ đã phê duyệt phải có ngày quyết định."))
    fields = {
        "donor": r.text("donor", required=True),
        "donor_country": r.country("donor_country"),
        "donor_name_vi": r.text("donor_name_vi"),
        "title": r.text("title", required=True),
        "form": r.choice("form", _values(AidProject.Form), required=False, default="project"),
        "field": r.choice("field", _values(AidProject.Field), required=False, default="other"),
        "location": r.text("location"),
        "start_date": start,
        "end_date": end,
        "currency": currency,
        "amount": amount,
        "usd_rate": rate,
        "status": status,
        "decision_number": r.text("decision_number", max_length=50),
        "decision_date": decision_date,
    }
    children = []
    allowed = {"date", "amount"}
    for n, raw in r.children("disbursements"):
        child = _Reader(raw, r.where, r.errors, allowed, prefix=f"disbursements[{n}].")
        children.append({"disbursed_on": child.date("date"), "amount": child.decimal("amount")})
    return fields, children


AID_FIELDS = COMMON | {
    "donor", "donor_country", "donor_name_vi", "title", "form", "field", "location",
    "start_date", "end_date", "currency", "amount", "usd_rate", "decision_number",
    "decision_date", "disbursements",
}  # fmt: skip


def _check_meeting(r: _Reader) -> tuple[dict, list]:
    organisations = r.raw.get("organisations") or []
    if isinstance(organisations, str):  # a workbook's cell: names separated by ";"
        organisations = organisations.split(";")
    if not isinstance(organisations, list) or not all(isinstance(o, str) for o in organisations):
        r.error("organisations", _("phải là danh sách tên tổ chức."))
        organisations = []
    fields = {
        "held_on": r.date("date"),
        "title": r.text("title", required=True),
        "level": r.choice("level", _values(Meeting.Level), required=False, default="province"),
        "place": r.text("place"),
        "content": r.text("content", max_length=10000),
        "organisations": [o.strip() for o in organisations if o.strip()],
    }
    return fields, []


# A meeting's "unit" is optional: the province hosts it.
MEETING_FIELDS = {"ref", "date", "title", "level", "place", "content", "organisations", "unit"}


def _values(choices) -> dict:
    return {value: value for value in choices.values}


@dataclass(frozen=True)
class _Kind:
    label: object  # a lazy translation
    model: type
    check: object
    allowed: set
    children: str = ""
    # Consular cases and meetings with NGOs may name no unit (the focal agency recorded
    # a case; the province hosts a meeting).
    unit_required: bool = True


KINDS = {
    "outbound_trips": _Kind(
        gettext_lazy("Đoàn ra"), OutboundTrip, _check_trip, TRIP_FIELDS, "members"
    ),
    "inbound_visits": _Kind(
        gettext_lazy("Đoàn vào"), InboundVisit, _check_visit, VISIT_FIELDS, "guests"
    ),
    "agreements": _Kind(
        gettext_lazy("Thỏa thuận quốc tế"), Agreement, _check_agreement, AGREEMENT_FIELDS
    ),
    "conferences": _Kind(
        gettext_lazy("Hội nghị, hội thảo quốc tế"), Conference, _check_conference, CONFERENCE_FIELDS
    ),
    "consular_cases": _Kind(
        gettext_lazy("Vụ việc lãnh sự"),
        ConsularCase,
        _check_consular,
        CONSULAR_FIELDS,
        "persons",
        unit_required=False,
    ),
    "ngo_projects": _Kind(
        gettext_lazy("Viện trợ PCPNN"), AidProject, _check_aid, AID_FIELDS, "disbursements"
    ),
    "ngo_meetings": _Kind(
        gettext_lazy("Cuộc gặp với tổ chức PCPNN"),
        Meeting,
        _check_meeting,
        MEETING_FIELDS,
        unit_required=False,
    ),
}


def kind_label(kind: str) -> str:
    return str(KINDS[kind].label)


def check(data) -> list[_Item]:
    """Return the file's records, checked; raise InvalidFile naming every bad field."""
    if not isinstance(data, dict):
        raise InvalidFile(
            [
                _("Tệp phải là một đối tượng JSON có các danh sách: %(kinds)s.")
                % {"kinds": ", ".join(KINDS)}
            ]
        )
    errors = [
        _("Mục “%(key)s” không được hỗ trợ.") % {"key": key} for key in data if key not in KINDS
    ]
    items = []
    for kind, spec in KINDS.items():
        records = data.get(kind) or []
        if not isinstance(records, list):
            errors.append(_("Mục “%(key)s” phải là một danh sách.") % {"key": kind})
            continue
        seen = set()
        for index, raw in enumerate(records, start=1):
            item = _check_record(kind, spec, index, raw, seen, errors)
            if item is not None:
                items.append(item)
    _check_meeting_organisations(items, errors)
    if errors:
        raise InvalidFile(errors)
    return items


def _check_meeting_organisations(items, errors) -> None:
    """Name each meeting's organisation that is neither in the register nor a donor of
    the file's aid projects."""
    donors = {i.fields["donor"].casefold() for i in items if i.kind == "ngo_projects"}
    label = kind_label("ngo_meetings")
    for item in items:
        if item.kind != "ngo_meetings":
            continue
        for name in item.fields["organisations"]:
            known = (
                name.casefold() in donors
                or ForeignNGO.objects.filter(
                    Q(name__iexact=name) | Q(name_vi__iexact=name)
                ).exists()
            )
            if not known:
                errors.append(
                    f"{label} {item.ref}: organisations: "
                    + _("không có tổ chức “%(name)s” trong danh mục.") % {"name": name}
                )


def _check_record(kind, spec, index, raw, seen, errors):
    label = str(spec.label)
    if not isinstance(raw, dict):
        errors.append(
            _("%(kind)s thứ %(n)d: không phải một bản ghi.") % {"kind": label, "n": index}
        )
        return None
    ref = str(raw.get("ref") or "").strip()
    where = f"{label} {ref}" if ref else _("%(kind)s thứ %(n)d") % {"kind": label, "n": index}
    before = len(errors)
    r = _Reader(raw, where, errors, spec.allowed)
    r.text("ref", required=True, max_length=30)
    if ref and ref in seen:
        r.error("ref", _("mã “%(ref)s” xuất hiện hai lần trong tệp.") % {"ref": ref})
    seen.add(ref)
    unit = r.text("unit", required=spec.unit_required)
    fields, children = spec.check(r)
    if len(errors) > before:
        return None
    return _Item(kind, ref, unit, fields, children)


# -- Writing ---------------------------------------------------------------------------------


@transaction.atomic
def import_records(data, *, file_name: str, progress=None) -> Result:
    """Check ``data`` (the file's content as a dict) whole, then write it in one transaction.

    ``progress(done, total)`` is called as records are written. Raise InvalidFile, and
    write nothing, if any record is bad.
    """
    items = check(data)
    result = Result()
    existing = {
        kind: set(
            spec.model.objects.filter(
                reference__in=[i.ref for i in items if i.kind == kind]
            ).values_list("reference", flat=True)
        )
        for kind, spec in KINDS.items()
    }
    units = _Units(result)
    submitter = importing_user()
    for done, item in enumerate(items, start=1):
        if item.ref in existing[item.kind]:
            result.unchanged[item.kind] += 1
        else:
            unit = units.get(item.unit) if item.unit else None
            record = _WRITERS[item.kind](item, unit, submitter)
            audit.record(
                audit.Action.IMPORTED, subject=record, payload={"ref": item.ref, "file": file_name}
            )
            result.created[item.kind] += 1
        if progress:
            progress(done, len(items))
    return result


class _Units:
    """Finds units by name or code, creating (and noting) those not found."""

    def __init__(self, result: Result):
        self.result, self.cache = result, {}

    def get(self, text: str) -> Unit:
        key = text.casefold()
        if key not in self.cache:
            unit = Unit.objects.filter(Q(name__iexact=text) | Q(code__iexact=text)).first()
            if unit is None:
                unit = Unit.objects.create(name=text, code=_new_code(text), kind=Unit.Kind.OTHER)
                self.result.units_created.append(unit.name)
            self.cache[key] = unit
        return self.cache[key]


def _new_code(name: str) -> str:
    """Return an unused unit code made from ``name``: its initials, or the word itself."""
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if c.isascii() and (c.isalnum() or c.isspace()))
    words = plain.split()
    base = (words[0] if len(words) == 1 else "".join(w[0] for w in words)).upper()[:16] or "DV"
    code, n = base, 1
    while Unit.objects.filter(code__iexact=code).exists():
        n += 1
        code = f"{base}{n}"
    return code


def _write_trip(item: _Item, unit: Unit, submitter) -> OutboundTrip:
    fields = dict(item.fields)
    purpose, _created = TripPurpose.objects.get_or_create(name=fields.pop("purpose"))
    countries = fields.pop("countries")
    if not fields["title"]:
        # Stored, so in the province's language, whatever language the import runs in.
        with translation.override(settings.LANGUAGE_CODE):
            names = ", ".join(str(country_list.name(c)) for c in countries)
            fields["title"] = _("Đoàn %(unit)s đi %(countries)s") % {
                "unit": unit.name,
                "countries": names,
            }
    trip = OutboundTrip(
        reference=item.ref, unit=unit, purpose=purpose, submitted_by=submitter, **fields
    )
    trip.countries = countries
    trip.save()
    members = [replace(m, unit_name=m.unit_name or unit.name) for m in item.children]
    add_members(trip, members, actor=submitter)
    return trip


def _write_visit(item: _Item, unit: Unit, submitter) -> InboundVisit:
    fields = dict(item.fields)
    countries = fields.pop("countries")
    visit = InboundVisit(reference=item.ref, unit=unit, submitted_by=submitter, **fields)
    visit.countries = countries
    visit.save()
    guests = []
    for n, data in enumerate(item.children, start=1):
        data = dict(data)
        passport, birth = data.pop("passport_number"), data.pop("date_of_birth")
        guest = Guest(visit=visit, order=n, **data)
        # The model's setters encrypt, as for a guest typed in a form.
        guest.passport_number = passport
        guest.date_of_birth = birth
        guests.append(guest)
    Guest.objects.bulk_create(guests)
    return visit


def _write_agreement(item: _Item, unit: Unit, submitter) -> Agreement:
    return Agreement.objects.create(
        reference=item.ref, unit=unit, submitted_by=submitter, **item.fields
    )


def _write_conference(item: _Item, unit: Unit, submitter) -> Conference:
    fields = dict(item.fields)
    countries = fields.pop("countries")
    conference = Conference(
        reference=item.ref, unit=unit, submitted_by=submitter, imported=True, **fields
    )
    conference.countries = countries
    conference.save()
    return conference


def _write_consular(item: _Item, unit: Unit | None, submitter) -> ConsularCase:
    fields = dict(item.fields)
    owner = fields.pop("vessel_owner")
    unit = unit or Province.current().focal_agency
    if unit is None:
        raise InvalidFile(
            [
                _("%(kind)s %(ref)s: unit: chưa cấu hình cơ quan ngoại vụ, hãy ghi đơn vị.")
                % {"kind": kind_label(item.kind), "ref": item.ref}
            ]
        )
    moment = timezone.make_aware(
        datetime.datetime.combine(fields["closed_on"] or fields["occurred_on"], datetime.time())
    )
    case = ConsularCase(
        reference=item.ref,
        unit=unit,
        submitted_by=submitter,
        imported=True,
        last_activity_at=moment,
        **fields,
    )
    case.vessel_owner = owner
    case.save()
    persons = []
    for n, data in enumerate(item.children, start=1):
        person = CasePerson(case=case, order=n, nationality=data["nationality"], note=data["note"])
        # The model's setters encrypt, as for a person typed in the form.
        person.full_name = data["full_name"]
        person.document_number = data["document_number"]
        person.date_of_birth = data["date_of_birth"]
        persons.append(person)
    CasePerson.objects.bulk_create(persons)
    return case


def _donor(fields: dict) -> ForeignNGO:
    """Return the NGO named by the record (by either name), adding it to the register."""
    name = fields["donor"]
    found = ForeignNGO.objects.filter(Q(name__iexact=name) | Q(name_vi__iexact=name)).first()
    if found is not None:
        return found
    return ForeignNGO.objects.create(
        name=name,
        name_vi=fields["donor_name_vi"],
        country=fields["donor_country"],
        registration_kind=ForeignNGO.Registration.NONE,
    )


def _write_aid(item: _Item, unit: Unit, submitter) -> AidProject:
    fields = dict(item.fields)
    for name in ("donor", "donor_country", "donor_name_vi"):
        fields.pop(name)
    donor = _donor(item.fields)
    project = AidProject.objects.create(
        reference=item.ref,
        unit=unit,
        donor=donor,
        submitted_by=submitter,
        imported=True,
        amount_usd=usd(fields["amount"], fields["usd_rate"]),
        started_on=fields["start_date"] if fields["status"] == AidStatus.COMPLETED else None,
        **fields,
    )
    Disbursement.objects.bulk_create(
        Disbursement(
            project=project,
            disbursed_on=row["disbursed_on"],
            amount=row["amount"],
            amount_usd=usd(row["amount"], project.usd_rate),
            note=_("Nhập từ hồ sơ cũ"),
            recorded_at=timezone.now(),
        )
        for row in item.children
    )
    return project


def _write_meeting(item: _Item, unit, submitter) -> Meeting:
    fields = dict(item.fields)
    names = fields.pop("organisations")
    meeting = Meeting.objects.create(reference=item.ref, imported=True, **fields)
    query = Q(pk__in=[])
    for name in names:
        query |= Q(name__iexact=name) | Q(name_vi__iexact=name)
    meeting.organisations.set(ForeignNGO.objects.filter(query))
    return meeting


_WRITERS = {
    "outbound_trips": _write_trip,
    "inbound_visits": _write_visit,
    "agreements": _write_agreement,
    "conferences": _write_conference,
    "consular_cases": _write_consular,
    "ngo_projects": _write_aid,
    "ngo_meetings": _write_meeting,
}


# -- Files: JSON, and the Excel workbook -----------------------------------------------------

# Sheet → (columns, the list it fills); a child sheet names its parent's ref first.
SHEETS = {
    "outbound_trips": [
        "ref", "unit", "title", "purpose", "countries", "start_date", "end_date", "status",
        "decision_number", "decision_date", "cities", "inviting_partner", "funding_source",
    ],
    "members": ["trip_ref", "name", "position", "unit", "head"],
    "inbound_visits": [
        "ref", "unit", "delegation", "organisation", "countries", "start_date", "end_date",
        "status", "purpose", "places", "host_leader", "decision_number", "decision_date",
    ],
    "guests": [
        "visit_ref", "name", "nationality", "passport", "position", "organisation",
        "date_of_birth", "passport_expiry",
    ],
    "agreements": [
        "ref", "unit", "title", "kind", "field", "partner", "partner_kind", "partner_country",
        "signed_date", "status", "signed_place", "signed_by", "term",
    ],
    "conferences": [
        "ref", "unit", "title", "kind", "countries", "place", "start_date", "end_date",
        "participants_planned", "participants_actual", "status",
    ],
    "consular_cases": [
        "ref", "group", "incident", "occurred_on", "nationality", "country", "sea_area",
        "place", "people_count", "vessel_number", "vessel_owner", "home_port",
        "ministry_notified_at", "ministry_notice", "representation",
        "representation_notified_at", "representation_notice", "status", "resolution",
        "closed_on", "summary", "unit",
    ],
    "persons": ["case_ref", "name", "document", "date_of_birth", "nationality", "note"],
    "ngo_projects": [
        "ref", "unit", "donor", "donor_country", "donor_name_vi", "title", "form", "field",
        "location", "start_date", "end_date", "currency", "amount", "usd_rate", "status",
        "decision_number", "decision_date",
    ],
    "ngo_meetings": ["ref", "date", "title", "level", "organisations", "place", "content"],
}  # fmt: skip
CHILD_SHEETS = {
    "members": ("trip_ref", "outbound_trips"),
    "guests": ("visit_ref", "inbound_visits"),
    "persons": ("case_ref", "consular_cases"),
}
EXAMPLES = {
    "outbound_trips": ["DR-2022-001", "Sở Công Thương", "", "Xúc tiến đầu tư", "FR, DE",
                       "2022-05-10", "2022-05-18", "approved", "123/QĐ-UBND"],
    "members": ["DR-2022-001", "Nguyễn Văn A", "Phó Chủ tịch UBND tỉnh", "", "x"],
    "inbound_visits": ["DV-2022-001", "Sở Ngoại vụ", "Đoàn tỉnh Gyeonggi", "", "KR",
                       "2022-06-01", "2022-06-03", "approved"],
    "guests": ["DV-2022-001", "Kim Min-jun", "KR", "M12345678", "Governor"],
    "agreements": ["TT-2023-001", "Sở Ngoại vụ", "Biên bản ghi nhớ", "mou", "", "Tỉnh Shizuoka",
                   "", "JP", "2023-03-01", "signed"],
    "conferences": ["HN-2022-001", "ICISE", "Rencontres du Vietnam", "seminar", "FR, US",
                    "Quy Nhơn", "2022-07-10", "2022-07-16", "", "120", "approved"],
    "consular_cases": ["LS-2022-001", "foreigner", "accident", "2022-04-02", "FR", "", "",
                       "Quy Nhơn", "1", "", "", "", "2022-04-02 10:30", "Điện thoại, 15/SNV-LS",
                       "Tổng Lãnh sự quán Pháp tại TP. Hồ Chí Minh", "", "", "closed",
                       "Đã hỗ trợ điều trị và về nước", "2022-04-20"],
    "persons": ["LS-2022-001", "Pierre Martin", "12AB34567", "1980-05-01", "FR"],
    "ngo_projects": ["VT-2022-001", "Sở Y tế", "Children of Vietnam", "US", "", "Y tế cơ sở",
                     "project", "health", "Phù Mỹ", "2022-03-01", "2023-02-28", "EUR",
                     "50000", "1.08", "approved", "210/QĐ-UBND", "2022-02-15"],
    "ngo_meetings": ["GM-2022-001", "2022-11-10", "Hội nghị gặp mặt các tổ chức PCPNN",
                     "province", "Children of Vietnam; Save the Children"],
}  # fmt: skip


def read_file(path) -> dict:
    """Return the content of a .json or .xlsx import file; raise InvalidFile if unreadable."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".xlsx":
            return read_workbook(path)
        # Numbers with a point as Decimals: an amount is never a float (ADR 0015).
        return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidFile(
            [_("Không đọc được tệp %(name)s: %(error)s") % {"name": path.name, "error": error}]
        ) from error


def read_workbook(file) -> dict:
    """Return the content of a workbook made from the template, as the JSON would hold it."""
    try:
        book = load_workbook(file, read_only=True, data_only=True)
        sheets = {name: _rows(book[name]) for name in SHEETS if name in book.sheetnames}
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise InvalidFile([_("Không đọc được tệp Excel: %(error)s") % {"error": error}]) from error
    data = {kind: [record for _n, record in sheets.get(kind, [])] for kind in KINDS}
    errors = []
    for sheet, (key, parent) in CHILD_SHEETS.items():
        by_ref = {str(record.get("ref", "")).strip(): record for record in data[parent]}
        for number, row in sheets.get(sheet, []):
            ref = str(row.pop(key, "") or "").strip()
            if ref not in by_ref:
                errors.append(
                    _(
                        "Trang %(sheet)s, dòng %(row)d: %(key)s: không có “%(ref)s” "
                        "trong trang %(parent)s."
                    )
                    % {"sheet": sheet, "row": number, "key": key, "ref": ref, "parent": parent}
                )
                continue
            by_ref[ref].setdefault(KINDS[parent].children, []).append(row)
    if errors:
        raise InvalidFile(errors)
    return data


def _rows(sheet) -> list[tuple[int, dict]]:
    """Return (row number, record) for each row that is not empty, below the headings."""
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    records = []
    for number, values in enumerate(rows, start=2):
        cells = zip(header, map(_cell, values), strict=False)
        record = {name: value for name, value in cells if name and value != ""}
        if record:
            records.append((number, record))
    return records


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.strip() if isinstance(value, str) else value


def template_workbook() -> bytes:
    """Return the empty import workbook: a sheet of instructions, then one sheet per list."""
    book = Workbook()
    guide = book.active
    guide.title = "huong_dan"
    guide.append(
        [
            _(
                "Mẫu nhập hồ sơ cũ (docs/import.md). Mỗi trang một loại hồ sơ; dòng đầu là "
                "tên cột, giữ nguyên. Ngày ghi YYYY-MM-DD; quốc gia ghi mã ISO, cách nhau "
                "bằng dấu phẩy. Trang members và guests ghi mã (ref) của đoàn ở cột đầu."
            )
        ]
    )
    guide.append([])
    guide.append([_("Trang"), _("Ví dụ một dòng")])
    for name, example in EXAMPLES.items():
        guide.append(
            [name, " | ".join(f"{c}={v}" for c, v in zip(SHEETS[name], example, strict=False) if v)]
        )
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 120
    for name, columns in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            sheet.column_dimensions[cell.column_letter].width = 20
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def summary_lines(result: Result) -> list[str]:
    """Return the import's outcome as lines for the terminal, per kind, then new units."""
    lines = [
        _("%(kind)s: %(created)d tạo mới, %(unchanged)d không đổi.")
        % {"kind": kind_label(kind), "created": result.created[kind], "unchanged": n}
        for kind, n in result.unchanged.items()
    ]
    if result.units_created:
        lines.append(
            _("Đơn vị mới được tạo (%(n)d): %(names)s.")
            % {"n": len(result.units_created), "names": "; ".join(result.units_created)}
        )
    return lines
