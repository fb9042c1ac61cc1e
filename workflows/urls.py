"""The web shell: login, the home page, our task and trip pages, and the viewflow site."""

from django.urls import path
from viewflow.contrib.auth import AuthViewset
from viewflow.workflow.flow import FlowViewset

from matters import kinds

from . import (
    abtc_views,
    agreement_views,
    conference_views,
    issuance_views,
    ngo_aid_views,
    people_views,
    trip_views,
    views,
    visit_views,
)
from .flows import (
    AbtcFlow,
    AgreementFlow,
    ChangeFlow,
    ConferenceFlow,
    InboundVisitFlow,
    NgoAidFlow,
    OutboundTripFlow,
)
from .site import FLOWS, site

# Each kind registered itself (matters.kinds); the engine attaches the flow that runs it.
kinds.attach_flow("outbound", OutboundTripFlow)
kinds.attach_flow("inbound", InboundVisitFlow)
kinds.attach_flow("agreement", AgreementFlow)
kinds.attach_flow("conference", ConferenceFlow)
kinds.attach_flow("abtc", AbtcFlow)

kinds.attach_flow("ngo_aid", NgoAidFlow)

# The change of an issued document runs for every kind: its tasks are in the inboxes too.
if ChangeFlow not in FLOWS:
    FLOWS.append(ChangeFlow)

urlpatterns = [
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("", views.home, name="home"),
    path("viec-cua-toi/", views.my_tasks, name="my_tasks"),
    path("doan-ra/", trip_views.trip_list, name="outbound_trips"),
    path("doan-ra/excel/", trip_views.trip_export, name="outbound_export"),
    path("doan-ra/moi/", trip_views.start_trip, name="outbound_start"),
    path("doan-ra/<int:pk>/", trip_views.trip_detail, name="outbound_trip"),
    path("doan-ra/<int:pk>/so-do/", trip_views.trip_chart, name="outbound_chart"),
    path("doan-ra/<int:pk>/quyet-dinh/", trip_views.decision, name="outbound_decision"),
    path("doan-ra/<int:pk>/quyet-dinh/pdf/", trip_views.decision_pdf, name="outbound_decision_pdf"),
    path("doan-ra/<int:pk>/rut-ho-so/", trip_views.withdraw, name="outbound_withdraw"),
    path(
        "doan-ra/<int:pk>/thanh-vien/<int:member_pk>/xem/",
        trip_views.reveal,
        name="outbound_reveal",
    ),
    path("doan-ra/<int:pk>/ho-chieu/", trip_views.passport_sheet, name="outbound_passports"),
    path(
        "doan-ra/<int:pk>/ho-chieu/phieu-giao-nhan/",
        trip_views.passport_sheet_document,
        name="outbound_passport_sheet",
    ),
    path("danh-ba-nhap/", people_views.person_import, name="person_import"),
    path("danh-ba-nhap/mau/", people_views.person_template, name="person_template"),
    path(
        "doan-ra/<int:pk>/tai-lieu/<int:attachment_pk>/",
        trip_views.download,
        name="outbound_download",
    ),
    # The flow's own URLs (start, execute, claim; viewflow's lists and details answer 403:
    # nobody holds the flow's view permission, our pages apply the visibility rule).
    path("quy-trinh/doan-ra/", FlowViewset(OutboundTripFlow).urls),
    path("doan-vao/", visit_views.visit_list, name="inbound_visits"),
    path("doan-vao/excel/", visit_views.visit_export, name="inbound_export"),
    path("doan-vao/moi/", visit_views.start_visit, name="inbound_start"),
    path(
        "doan-vao/mau-danh-sach-khach/", visit_views.guest_template, name="inbound_guest_template"
    ),
    path("doan-vao/<int:pk>/", visit_views.visit_detail, name="inbound_visit"),
    path("doan-vao/<int:pk>/van-ban/", visit_views.letter, name="inbound_letter"),
    path("doan-vao/<int:pk>/van-ban/pdf/", visit_views.letter_pdf, name="inbound_letter_pdf"),
    path("doan-vao/<int:pk>/rut-ho-so/", visit_views.withdraw, name="inbound_withdraw"),
    path("doan-vao/<int:pk>/khach/<int:guest_pk>/xem/", visit_views.reveal, name="inbound_reveal"),
    path(
        "doan-vao/<int:pk>/tai-lieu/<int:attachment_pk>/",
        visit_views.download,
        name="inbound_download",
    ),
    path("quy-trinh/doan-vao/", FlowViewset(InboundVisitFlow).urls),
    path("thoa-thuan/", agreement_views.agreement_list, name="agreements"),
    path("thoa-thuan/excel/", agreement_views.agreement_export, name="agreement_export"),
    path("thoa-thuan/moi/", agreement_views.start_agreement, name="agreement_start"),
    path("thoa-thuan/so-dang-ky/", agreement_views.registry, name="agreement_registry"),
    path("thoa-thuan/<int:pk>/", agreement_views.agreement_detail, name="agreement"),
    path("thoa-thuan/<int:pk>/van-ban/", agreement_views.letter, name="agreement_letter"),
    path(
        "thoa-thuan/<int:pk>/van-ban/pdf/", agreement_views.letter_pdf, name="agreement_letter_pdf"
    ),
    path("thoa-thuan/<int:pk>/rut-ho-so/", agreement_views.withdraw, name="agreement_withdraw"),
    path(
        "thoa-thuan/<int:pk>/y-kien/<int:opinion_pk>/huy/",
        agreement_views.cancel_opinion,
        name="agreement_cancel_opinion",
    ),
    path(
        "thoa-thuan/<int:pk>/xin-y-kien-thu-tuong/",
        agreement_views.escalate,
        name="agreement_escalate",
    ),
    path("thoa-thuan/<int:pk>/bao-cao/", agreement_views.record_report, name="agreement_report"),
    path(
        "thoa-thuan/<int:pk>/tinh-trang/",
        agreement_views.change_life_cycle,
        name="agreement_life_cycle",
    ),
    path(
        "thoa-thuan/<int:pk>/bao-cao-thuc-hien/",
        agreement_views.implementation_report,
        name="agreement_implementation",
    ),
    path(
        "thoa-thuan/<int:pk>/tai-lieu/<int:attachment_pk>/",
        agreement_views.download,
        name="agreement_download",
    ),
    path("quy-trinh/thoa-thuan/", FlowViewset(AgreementFlow).urls),
    path("hoi-nghi/moi/", conference_views.start_conference, name="conference_start"),
    path("hoi-nghi/<int:pk>/", conference_views.conference_detail, name="conference"),
    path("hoi-nghi/<int:pk>/so-do/", conference_views.chart, name="conference_chart"),
    path("hoi-nghi/<int:pk>/van-ban/", conference_views.letter, name="conference_letter"),
    path(
        "hoi-nghi/<int:pk>/van-ban/pdf/", conference_views.letter_pdf, name="conference_letter_pdf"
    ),
    path("hoi-nghi/<int:pk>/rut-ho-so/", conference_views.withdraw, name="conference_withdraw"),
    path(
        "hoi-nghi/<int:pk>/y-kien/<int:opinion_pk>/huy/",
        conference_views.cancel_opinion,
        name="conference_cancel_opinion",
    ),
    path(
        "hoi-nghi/<int:pk>/tai-lieu/<int:attachment_pk>/",
        conference_views.download,
        name="conference_download",
    ),
    path("quy-trinh/hoi-nghi/", FlowViewset(ConferenceFlow).urls),
    path("the-abtc/moi/", abtc_views.start_abtc, name="abtc_start"),
    path("the-abtc/ho-so/<int:pk>/", abtc_views.abtc_detail, name="abtc_request"),
    path("the-abtc/ho-so/<int:pk>/so-do/", abtc_views.chart, name="abtc_chart"),
    path("the-abtc/ho-so/<int:pk>/quyet-dinh/", abtc_views.decision, name="abtc_decision"),
    path(
        "the-abtc/ho-so/<int:pk>/quyet-dinh/pdf/",
        abtc_views.decision_pdf,
        name="abtc_decision_pdf",
    ),
    path("the-abtc/ho-so/<int:pk>/rut-ho-so/", abtc_views.withdraw, name="abtc_withdraw"),
    path(
        "the-abtc/ho-so/<int:pk>/doanh-nhan/<int:manager_pk>/xem/",
        abtc_views.reveal,
        name="abtc_reveal",
    ),
    path(
        "the-abtc/ho-so/<int:pk>/y-kien/<int:opinion_pk>/huy/",
        abtc_views.cancel_opinion,
        name="abtc_cancel_opinion",
    ),
    path(
        "the-abtc/ho-so/<int:pk>/tai-lieu/<int:attachment_pk>/",
        abtc_views.download,
        name="abtc_download",
    ),
    path("quy-trinh/the-abtc/", FlowViewset(AbtcFlow).urls),
    path("vien-tro/moi/", ngo_aid_views.start_project, name="ngo_aid_start"),
    path("vien-tro/<int:pk>/", ngo_aid_views.project_detail, name="ngo_aid_project"),
    path("vien-tro/<int:pk>/so-do/", ngo_aid_views.chart, name="ngo_aid_chart"),
    path("vien-tro/<int:pk>/quyet-dinh/", ngo_aid_views.decision, name="ngo_aid_decision"),
    path(
        "vien-tro/<int:pk>/quyet-dinh/pdf/",
        ngo_aid_views.decision_pdf,
        name="ngo_aid_decision_pdf",
    ),
    path("vien-tro/<int:pk>/rut-ho-so/", ngo_aid_views.withdraw, name="ngo_aid_withdraw"),
    path("vien-tro/<int:pk>/giai-ngan/", ngo_aid_views.disburse, name="ngo_aid_disburse"),
    path(
        "vien-tro/<int:pk>/y-kien/<int:opinion_pk>/huy/",
        ngo_aid_views.cancel_opinion,
        name="ngo_aid_cancel_opinion",
    ),
    path(
        "vien-tro/<int:pk>/tai-lieu/<int:attachment_pk>/",
        ngo_aid_views.download,
        name="ngo_aid_download",
    ),
    path("quy-trinh/vien-tro/", FlowViewset(NgoAidFlow).urls),
    # The documents the people's committee issues, for every kind (ADR 0012).
    path("van-ban/<int:pk>/to-trinh/", issuance_views.submission, name="issuance_submission"),
    path(
        "van-ban/<int:pk>/to-trinh/pdf/",
        issuance_views.submission,
        {"as_pdf": True},
        name="issuance_submission_pdf",
    ),
    path("van-ban/<int:pk>/du-thao/", issuance_views.draft, name="issuance_draft"),
    path(
        "van-ban/<int:pk>/du-thao/pdf/",
        issuance_views.draft,
        {"as_pdf": True},
        name="issuance_draft_pdf",
    ),
    path("van-ban/<int:pk>/ban-da-ky/", issuance_views.signed, name="issuance_signed"),
    path(
        "van-ban/dieu-chinh/<str:app_label>/<str:model_name>/<int:pk>/",
        issuance_views.request_change,
        name="issuance_change",
    ),
    path("quy-trinh/dieu-chinh/", FlowViewset(ChangeFlow).urls),
    path("", site.urls),
]

# Every kind's printable dossier (bản in) and receipt (phiếu tiếp nhận), beside its page;
# named after the page's URL name ("outbound_trip_print"), as matters/_print_links.html reads.
for _prefix, _pages in (
    ("doan-ra/", trip_views.pages),
    ("doan-vao/", visit_views.pages),
    ("thoa-thuan/", agreement_views.pages),
    ("hoi-nghi/", conference_views.pages),
    ("the-abtc/ho-so/", abtc_views.pages),
    ("vien-tro/", ngo_aid_views.pages),
):
    _page = _pages.urls["page"]
    urlpatterns += [
        path(f"{_prefix}<int:pk>/ban-in/", _pages.print_view, name=f"{_page}_print"),
        path(f"{_prefix}<int:pk>/phieu-tiep-nhan/", _pages.receipt_view, name=f"{_page}_receipt"),
    ]
