"""The decision sending a delegation abroad (Quyết định cử đoàn), as a Word file.

Layout follows Decree 30/2020/NĐ-CP on administrative documents: A4, Times New Roman
13–14 pt, issuer and number on the left, national motto and place-date on the right,
title and summary (trích yếu), legal bases, articles, recipients (Nơi nhận) beside the
signature block, and the member list (danh sách đoàn) on its own page.

A decision is issued in Vietnamese only: its wording is a legal text, not interface
text, so it is not marked for translation; labels taken from models (funding source,
country names) are rendered with Vietnamese active. The page, heading, paragraphs, tables
and signature block are ``matters.documents``'s; this module says what the decision says.
"""

import datetime

from django.conf import settings
from django.utils import translation

from matters import documents as doc
from matters.documents import (  # re-exported: callers import them from here
    BODY_SIZE,
    FONT,
    TEXT_WIDTH_CM,
    Issuer,
    ProvinceNames,
    join_vi,
    long_date_vi,
    money_vi,
    province_names,
    report_due_clause,
    short_date,
    signature_block,
)
from organizations.models import Province, StaffProfile

from . import passports
from .models import TripMember

__all__ = [
    "BODY_SIZE",
    "FONT",
    "SYMBOL",
    "TEXT_WIDTH_CM",
    "Issuer",
    "ProvinceNames",
    "decision_docx",
    "join_vi",
    "long_date_vi",
    "money_vi",
    "province_names",
    "short_date",
    "signature_block",
]

#: The legal bases, the instrument first (Law No. 72/2025/QH15 on the organisation of
#: local government, in force since 01/7/2025, replaced the Law of 19/6/2015), then the
#: regulation of the kind. A province cites its own regulation through the setting
#: OUTBOUND_DECISION_LEGAL_BASES.
DEFAULT_LEGAL_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Xuất cảnh, nhập cảnh của công dân Việt Nam ngày 22 tháng 11 năm 2019;",
    "Căn cứ quy định về quản lý thống nhất các hoạt động đối ngoại trên địa bàn tỉnh;",
)
SYMBOL = doc.DECISION_SYMBOL

#: The passport column of the member list: the kind, never the number (the decision goes
#: to every recipient; the hand-out sheet, an audited download, carries the numbers).
PASSPORT_KINDS = {"official": "Hộ chiếu công vụ", "diplomatic": "Hộ chiếu ngoại giao"}

Level = StaffProfile.LeaderLevel
Role = TripMember.DelegationRole


# -- The decision ---------------------------------------------------------------------


def decision_docx(
    trip,
    *,
    number: str | None,
    signed_on: datetime.date | None,
    signer,
    submission=None,
) -> bytes:
    """Return the Word file of the decision sending ``trip``'s delegation abroad.

    The Chairman issues it in his own name; ``signer`` is the Chairman or a
    Vice-Chairman signing for him (None on a draft). ``number`` and ``signed_on`` None
    make a draft with the blanks the clerical office fills in. ``submission`` is the
    focal agency's tờ trình (``number``, ``date``) the decision answers.
    """
    with translation.override("vi"):
        province = Province.current()
        document, names = doc.chairman_decision(
            province,
            number=number,
            day=signed_on,
            about="Về việc cử đoàn cán bộ đi công tác nước ngoài",
            bases=_legal_bases(trip),
            submission=submission,
        )
        doc.article(document, 1, _sending(trip))
        for line in _trip_terms(trip):
            doc.body(document, line)
        doc.article(document, 2, _duties(trip, province))
        handed_out = passports.to_hand_out(trip)
        if handed_out:
            doc.body(document, _passport_clause())
        doc.sign_chairman_decision(
            document,
            in_force_article=3,
            executors=_executors(trip, province),
            recipients=_recipients(province),
            signer=signer,
        )
        _member_list(document, trip, number, signed_on, names.full, handed_out)
        return doc.as_bytes(document)


def _legal_bases(trip) -> list[str]:
    bases = list(getattr(settings, "OUTBOUND_DECISION_LEGAL_BASES", DEFAULT_LEGAL_BASES))
    party = doc.party_opinion(trip.party_opinion_number, trip.party_opinion_date)
    if party is not None:
        bases.append(party)
    return bases


def _sending(trip) -> str:
    members = list(trip.members.all())
    text = f"Cử đoàn cán bộ gồm {len(members):02d} thành viên (có danh sách kèm theo)"
    head = next((m for m in members if m.is_head), None)
    if head is not None:
        text += f" do đồng chí {head.full_name}, {head.position}, làm Trưởng đoàn,"
    destination = join_vi(_country_names(trip))
    if trip.cities:
        destination += f" ({trip.cities})"
    period = f"từ ngày {short_date(trip.start_date)} đến ngày {short_date(trip.end_date)}"
    return f"{text} đi công tác tại {destination} {period}."


def _country_names(trip) -> list[str]:
    return [str(country.name) for country in trip.countries]


def _trip_terms(trip) -> list[str]:
    purpose = trip.purpose.name
    if trip.purpose_detail.strip():
        purpose = f"{purpose}: {trip.purpose_detail.strip()}"
    funding = f"Kinh phí: {trip.get_funding_source_display()}"
    if trip.funding_amount is not None:
        funding += f"; dự toán {money_vi(trip.funding_amount)} {trip.funding_currency}"
    return [
        f"Mục đích chuyến đi: {purpose.rstrip('.')}.",
        f"Cơ quan, tổ chức mời: {trip.inviting_partner}.",
        f"{funding}.",
    ]


def _duties(trip, province) -> str:
    return (
        "Đoàn có trách nhiệm thực hiện đúng chương trình công tác đã được phê duyệt, "
        "chấp hành các quy định về quản lý hoạt động đối ngoại và bảo vệ bí mật nhà nước; "
        f"{report_due_clause('outbound.report', trip.end_date, 'ngày về nước')}, báo cáo kết quả "
        "chuyến công tác bằng văn bản gửi Ủy ban nhân dân tỉnh "
        f"(qua {doc.focal_name(province)})."
    )


def _executors(trip, province) -> str:
    executors = ["Chánh Văn phòng UBND tỉnh"]
    focal = province.focal_agency
    if focal is not None and not _is_committee_office(focal.name):
        executors.append(f"Giám đốc {focal.name}")
    if focal is None or trip.unit_id != focal.pk:
        executors.append(f"Thủ trưởng {trip.unit.name}")
    executors.append("các thành viên có tên tại Điều 1")
    return f"{join_vi(executors)} chịu trách nhiệm thi hành Quyết định này."


def _is_committee_office(name: str) -> bool:
    """Return True for the Văn phòng UBND tỉnh, whose head is its Chánh Văn phòng."""
    return name.lower().startswith("văn phòng")


def _recipients(province) -> list[str]:
    return doc.recipients(
        province,
        "Như Điều 3;",
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
        agencies=[province.security_agency],
    )


def _passport_clause() -> str:
    return (
        "Cơ quan quản lý hộ chiếu giao hộ chiếu ngoại giao, hộ chiếu công vụ cho các thành "
        "viên theo danh sách kèm theo (cột “Hộ chiếu được giao”); người nhận hộ chiếu nộp lại "
        f"cho cơ quan quản lý hộ chiếu trong thời hạn {passports.limit_label()} kể từ ngày "
        f"nhập cảnh, theo {passports.RULE}."
    )


def _member_list(document, trip, number, signed_on, province_name, handed_out) -> None:
    """The annex: one row per member; with a column of the passport each is handed out
    (``passports.to_hand_out``) when any member has an official or diplomatic one."""
    issuer = f"Chủ tịch Ủy ban nhân dân {province_name}"
    symbol = doc.register_symbol(Province.current(), "QĐ")  # the register's, as the heading's
    annex = f"(Kèm theo Quyết định {doc.number_and_date(number, symbol, signed_on)} của {issuer})"
    doc.annex_page(document, "DANH SÁCH ĐOÀN", annex)
    members = list(enumerate(trip.members.all(), start=1))
    if not handed_out:
        header = ("STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Ghi chú")
        rows = [(str(i), m.full_name, m.position, m.unit_name, _note(m)) for i, m in members]
        doc.grid_table(document, header, rows, (1.4, 4.1, 3.6, 4.0, 2.9))
        return
    header = ("STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Hộ chiếu được giao", "Ghi chú")
    rows = [
        (
            str(i),
            m.full_name,
            m.position,
            m.unit_name,
            PASSPORT_KINDS[handed_out[m.pk].kind] if m.pk in handed_out else "",
            _note(m),
        )
        for i, m in members
    ]
    doc.grid_table(document, header, rows, (1.2, 3.6, 3.0, 3.3, 2.7, 2.2))


def _note(member) -> str:
    if member.delegation_role in (Role.HEAD, Role.DEPUTY_HEAD):
        return str(member.get_delegation_role_display())
    return ""
