"""The flows. viewflow finds them here (it creates their permissions from this module).

Each flow is its kind's business process, one step a line, grouped by who acts; every
human step calls one service of its kind, and the gates read the status that service
left behind. What the kinds share (the lock, the seats, who a step goes to, the step
builders) lives in ``workflows.kernel``.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from abtc import services as abtc_services
from abtc.models import Opinion as AbtcOpinion
from abtc.models import Status as AbtcStatus
from agreements import services as agreement_services
from agreements.models import Opinion
from agreements.models import Status as AgreementStatus
from conferences import services as conference_services
from conferences.models import Opinion as ConferenceOpinion
from conferences.models import Status as ConferenceStatus
from ngo_aid import services as ngo_aid_services
from ngo_aid.models import Opinion as AidOpinion
from ngo_aid.models import Status as AidStatus
from organizations.models import Role
from permits import services, visit_services
from permits.models import Status

from . import (
    abtc_views,
    agreement_views,
    amendments,
    conference_views,
    consultation,
    ngo_aid_views,
    visit_views,
)
from . import trip_views as views
from .kernel import (
    MatterFlow,
    confirm_rejection_step,
    end,
    end_date,
    endorse_step,
    focal_agency,
    gate,
    leader_step,
    register_step,
    reviewer,
    reviewer_step,
    security_agency,
    sign_step,
    staff_step,
    start,
    step,
    the_day_after_end,
)
from .models import (
    AbtcProcess,
    AgreementProcess,
    ChangeProcess,
    ConferenceProcess,
    InboundVisitProcess,
    NgoAidProcess,
    OutboundTripProcess,
)

RETURNED, REJECTED, IN_REVIEW = Status.RETURNED, Status.REJECTED, Status.IN_REVIEW
REJECTION_PROPOSED = Status.REJECTION_PROPOSED
CANCELLED = Status.CANCELLED


class OutboundTripFlow(MatterFlow, flow.Flow):
    """Outbound trip (đoàn ra): unit → focal agency → (Party opinion) → security →
    leadership → decision → the trip → results report → acknowledged. Steps call
    ``permits.services``."""

    process_class = OutboundTripProcess
    process_title = _("Đoàn ra")
    process_description = _("Cử cán bộ đi công tác nước ngoài")

    # unit staff (cán bộ đơn vị)
    submit = start(views.SubmitTripView, _("Lập hồ sơ đoàn ra"))
    revise = staff_step(
        views.ReviseTripView, _("Chỉnh sửa, gửi lại hồ sơ"), then=this.check_resubmitted
    )
    check_resubmitted = gate((this.review, IN_REVIEW), otherwise=this.endorse)

    # unit head (lãnh đạo đơn vị)
    endorse = endorse_step(
        views.EndorseView,
        _("Đơn vị cho ý kiến"),
        deadline="outbound.endorse",
        then=this.check_endorsed,
    )
    check_endorsed = gate((this.revise, RETURNED), otherwise=this.review)

    # focal agency (Sở Ngoại vụ / Văn phòng UBND tỉnh): review, Party opinion
    review = reviewer_step(
        views.ReviewView,
        _("Thẩm định hồ sơ"),
        deadline="outbound.review",
        then=this.check_reviewed,
    )
    check_reviewed = gate(
        (this.revise, RETURNED),
        (this.confirm_rejection, REJECTION_PROPOSED),
        (this.record_party_opinion, Status.PARTY_OPINION),
        otherwise=this.security_check,
    )

    # the reviewing agency's head, or the Chairman for his matters: a proposed refusal
    confirm_rejection = confirm_rejection_step(
        views.ConfirmRejectionView,
        rejection=services.rejection,
        deadline="outbound.confirm_rejection",
        then=this.check_rejection,
    )
    check_rejection = gate((this.rejected, REJECTED), otherwise=this.review)

    # focal agency: the Party opinion, where the trip needs one
    record_party_opinion = reviewer_step(
        views.PartyOpinionView,
        _("Ghi nhận ý kiến Ban Thường vụ Tỉnh ủy"),
        deadline="outbound.party_opinion",
        then=this.security_check,
    )

    # security agency (Công an tỉnh)
    security_check = step(
        views.SecurityCheckView,
        _("Thẩm tra an ninh"),
        Role.SECURITY_OFFICER,
        security_agency,
        deadline="outbound.security",
        then=this.check_cleared,
    )
    check_cleared = gate((this.review, IN_REVIEW), otherwise=this.approve)

    # leadership (UBND tỉnh), routed by the head of delegation's level
    approve = leader_step(
        views.ApproveView,
        _("Lãnh đạo UBND tỉnh phê duyệt"),
        approver_for=services.approver_for,
        deadline="outbound.approve",
        then=this.check_approved,
    )
    check_approved = gate((this.review, IN_REVIEW), (this.rejected, REJECTED), otherwise=this.sign)

    # the decision: signed, then registered by the committee's clerk (ADR 0012)
    sign = sign_step(title=_("Ký quyết định cử đoàn"), then=this.register)
    register = register_step(
        title=_("Vào sổ, ban hành quyết định cử đoàn"), then=this.wait_for_return
    )

    # the trip itself, then the results report
    wait_for_return = (
        flow.Timer(the_day_after_end).Annotation(title=_("Chờ đoàn về nước")).Next(this.open_report)
    )
    open_report = (
        flow.Function(this.open_report_now)
        .Annotation(title=_("Yêu cầu báo cáo kết quả"))
        .Next(this.check_cancelled)
    )
    check_cancelled = gate((this.cancelled, CANCELLED), otherwise=this.report)
    report = staff_step(
        views.ReportView,
        _("Báo cáo kết quả chuyến đi"),
        deadline="outbound.report",
        counted_from=end_date,
        then=this.acknowledge,
    )
    acknowledge = reviewer_step(
        views.AcknowledgeView,
        _("Tiếp nhận báo cáo kết quả"),
        deadline="outbound.acknowledge",
        then=this.completed,
    )

    completed = end(_("Hoàn thành"))
    rejected = end(_("Không chấp thuận"))
    cancelled = end(_("Đã hủy bằng quyết định"))

    def open_report_now(self, activation):
        services.open_report(activation.process.trip, task=activation.task)


class InboundVisitFlow(MatterFlow, flow.Flow):
    """Inbound visit (đoàn vào): unit → focal agency → security, guest by guest →
    leadership → approval letter → the visit → results report → acknowledged. Steps call
    ``permits.visit_services``."""

    process_class = InboundVisitProcess
    process_title = _("Đoàn vào")
    process_description = _("Đón tiếp đoàn khách nước ngoài")

    # unit staff (cán bộ đơn vị đón tiếp)
    submit = start(visit_views.SubmitVisitView, _("Lập hồ sơ đoàn vào"))
    revise = staff_step(
        visit_views.ReviseVisitView,
        _("Chỉnh sửa, gửi lại hồ sơ đoàn vào"),
        then=this.check_resubmitted,
    )
    check_resubmitted = gate((this.review, IN_REVIEW), otherwise=this.endorse)

    # unit head (lãnh đạo đơn vị)
    endorse = endorse_step(
        visit_views.EndorseView,
        _("Đơn vị cho ý kiến"),
        deadline="inbound.endorse",
        then=this.check_endorsed,
    )
    check_endorsed = gate((this.revise, RETURNED), otherwise=this.review)

    # focal agency (Sở Ngoại vụ / Văn phòng UBND tỉnh)
    review = reviewer_step(
        visit_views.ReviewView,
        _("Thẩm định hồ sơ đoàn vào"),
        deadline="inbound.review",
        then=this.check_reviewed,
    )
    check_reviewed = gate(
        (this.revise, RETURNED),
        (this.confirm_rejection, REJECTION_PROPOSED),
        otherwise=this.security_check,
    )

    # the reviewing agency's head, or the Chairman for his matters: a proposed refusal
    confirm_rejection = confirm_rejection_step(
        visit_views.ConfirmRejectionView,
        rejection=visit_services.rejection,
        deadline="inbound.confirm_rejection",
        then=this.check_rejection,
    )
    check_rejection = gate((this.rejected, REJECTED), otherwise=this.review)

    # security agency (Công an tỉnh), guest by guest
    security_check = step(
        visit_views.SecurityCheckView,
        _("Thẩm tra an ninh từng khách"),
        Role.SECURITY_OFFICER,
        security_agency,
        deadline="inbound.security",
        then=this.check_vetted,
    )
    check_vetted = gate((this.revise, RETURNED), otherwise=this.approve)

    # leadership (UBND tỉnh), routed by who receives the delegation
    approve = leader_step(
        visit_views.ApproveView,
        _("Lãnh đạo UBND tỉnh cho ý kiến đón đoàn"),
        approver_for=visit_services.approver_for,
        deadline="inbound.approve",
        then=this.check_approved,
    )
    check_approved = gate((this.review, IN_REVIEW), (this.rejected, REJECTED), otherwise=this.sign)

    # the approval letter: signed, then registered by the committee's clerk (ADR 0012)
    sign = sign_step(title=_("Ký văn bản chấp thuận"), then=this.register)
    register = register_step(
        title=_("Vào sổ, ban hành văn bản chấp thuận"), then=this.wait_for_departure
    )

    # the visit itself, then the results report
    wait_for_departure = (
        flow.Timer(the_day_after_end)
        .Annotation(title=_("Chờ đoàn kết thúc chương trình"))
        .Next(this.open_report)
    )
    open_report = (
        flow.Function(this.open_report_now)
        .Annotation(title=_("Yêu cầu báo cáo kết quả"))
        .Next(this.check_cancelled)
    )
    check_cancelled = gate((this.cancelled, CANCELLED), otherwise=this.report)
    report = staff_step(
        visit_views.ReportView,
        _("Báo cáo kết quả đón đoàn"),
        deadline="inbound.report",
        counted_from=end_date,
        then=this.acknowledge,
    )
    acknowledge = reviewer_step(
        visit_views.AcknowledgeView,
        _("Tiếp nhận báo cáo kết quả"),
        deadline="inbound.acknowledge",
        then=this.completed,
    )

    completed = end(_("Hoàn thành"))
    rejected = end(_("Không chấp thuận"))
    cancelled = end(_("Đã hủy bằng quyết định"))

    def open_report_now(self, activation):
        visit_services.open_report(activation.process.visit, task=activation.task)


class AgreementFlow(MatterFlow, flow.Flow):
    """International agreement (thỏa thuận quốc tế): unit → focal agency → one opinion per
    consulted agency, in parallel → department synthesis → the Chairman → the approval
    letter signed and registered → signing → registry. Steps call ``agreements.services``."""

    process_class = AgreementProcess
    process_title = _("Thỏa thuận quốc tế")
    process_description = _("Ký kết thỏa thuận quốc tế nhân danh UBND tỉnh")

    # unit staff (cán bộ đơn vị đề xuất)
    submit = start(agreement_views.SubmitAgreementView, _("Lập hồ sơ đề xuất ký kết thỏa thuận"))
    revise = staff_step(
        agreement_views.ReviseAgreementView,
        _("Chỉnh sửa, gửi lại hồ sơ thỏa thuận"),
        then=this.check_resubmitted,
    )
    check_resubmitted = gate((this.review, AgreementStatus.IN_REVIEW), otherwise=this.endorse)

    # unit head (lãnh đạo đơn vị)
    endorse = endorse_step(
        agreement_views.EndorseView,
        _("Đơn vị cho ý kiến"),
        deadline="agreement.endorse",
        then=this.check_endorsed,
    )
    check_endorsed = gate((this.revise, AgreementStatus.RETURNED), otherwise=this.review)

    # focal agency (Sở Ngoại vụ): review, then whom to consult
    review = reviewer_step(
        agreement_views.ReviewView,
        _("Thẩm định hồ sơ thỏa thuận"),
        deadline="agreement.review",
        then=this.check_reviewed,
    )
    check_reviewed = gate(
        (this.revise, AgreementStatus.RETURNED),
        (this.confirm_rejection, AgreementStatus.REJECTION_PROPOSED),
        otherwise=this.select_agencies,
    )

    # the reviewing agency's head, or the Chairman for his matters: a proposed refusal
    confirm_rejection = confirm_rejection_step(
        agreement_views.ConfirmRejectionView,
        rejection=agreement_services.rejection,
        deadline="agreement.confirm_rejection",
        then=this.check_rejection,
    )
    check_rejection = gate((this.rejected, AgreementStatus.REJECTED), otherwise=this.review)

    # the reviewer, once the dossier is accepted: whom to consult
    select_agencies = reviewer_step(
        agreement_views.SelectAgenciesView, _("Chọn cơ quan lấy ý kiến"), then=this.consult
    )

    # consulted agencies (the security agency always), in parallel, 7 working days each
    consult = consultation.consult(then=this.give_opinion)
    give_opinion = consultation.opinion_step(
        agreement_views.GiveOpinionView,
        _("Cho ý kiến về thỏa thuận"),
        opinions=Opinion,
        deadline="agreement.opinion",
        then=this.join_opinions,
    )
    join_opinions = consultation.join(_("Đủ ý kiến các cơ quan"), then=this.synthesize)

    # focal agency head: the synthesis for leadership
    synthesize = step(
        agreement_views.SynthesisView,
        _("Tổng hợp ý kiến, trình lãnh đạo"),
        Role.DEPARTMENT_HEAD,
        focal_agency,
        deadline="agreement.synthesis",
        then=this.approve,
    )

    # leadership: the Chairman decides (Law 70/2020 Art. 19)
    approve = leader_step(
        agreement_views.ApproveView,
        _("Chủ tịch UBND tỉnh quyết định"),
        approver_for=agreement_services.approver_for,
        deadline="agreement.approve",
        then=this.check_approved,
    )
    check_approved = gate(
        (this.synthesize, AgreementStatus.SYNTHESIS),
        (this.rejected, AgreementStatus.REJECTED),
        otherwise=this.sign,
    )

    # the approval letter: signed, registered by the committee's clerk (ADR 0012)
    sign = sign_step(title=_("Ký văn bản chấp thuận ký kết"), then=this.register)
    register = register_step(
        title=_("Vào sổ, ban hành văn bản chấp thuận"), then=this.record_signing
    )

    # focal agency: the signing, then the agreement lives in the registry
    record_signing = reviewer_step(
        agreement_views.SigningView, _("Ghi nhận kết quả ký kết"), then=this.registered
    )

    registered = end(_("Vào sổ đăng ký"))
    rejected = end(_("Không chấp thuận"))


class ConferenceFlow(MatterFlow, flow.Flow):
    """International conference (hội nghị, hội thảo quốc tế, QĐ 06/2020/QĐ-TTg): unit →
    focal agency → one opinion per consulted agency, the police always → synthesis →
    UBND tỉnh allows it, or submits it to the Prime Minister and records his answer →
    approval letter → the event → results report → acknowledged. Steps call
    ``conferences.services``."""

    process_class = ConferenceProcess
    process_title = _("Hội nghị, hội thảo quốc tế")
    process_description = _("Tổ chức hội nghị, hội thảo quốc tế tại tỉnh")

    # unit staff (cán bộ đơn vị tổ chức)
    submit = start(conference_views.SubmitConferenceView, _("Lập hồ sơ đề nghị tổ chức hội nghị"))
    revise = staff_step(
        conference_views.ReviseConferenceView,
        _("Chỉnh sửa, gửi lại hồ sơ hội nghị"),
        then=this.check_resubmitted,
    )
    check_resubmitted = gate((this.review, ConferenceStatus.IN_REVIEW), otherwise=this.endorse)

    # unit head (lãnh đạo đơn vị)
    endorse = endorse_step(
        conference_views.EndorseView,
        _("Đơn vị cho ý kiến"),
        deadline="conference.endorse",
        then=this.check_endorsed,
    )
    check_endorsed = gate((this.revise, ConferenceStatus.RETURNED), otherwise=this.review)

    # focal agency (Sở Ngoại vụ): review, then whom to consult
    review = reviewer_step(
        conference_views.ReviewView,
        _("Thẩm định hồ sơ hội nghị"),
        deadline="conference.review",
        then=this.check_reviewed,
    )
    check_reviewed = gate(
        (this.revise, ConferenceStatus.RETURNED),
        (this.confirm_rejection, ConferenceStatus.REJECTION_PROPOSED),
        otherwise=this.select_agencies,
    )

    # the reviewing agency's head, or the Chairman for his matters: a proposed refusal
    confirm_rejection = confirm_rejection_step(
        conference_views.ConfirmRejectionView,
        rejection=conference_services.rejection,
        deadline="conference.confirm_rejection",
        then=this.check_rejection,
    )
    check_rejection = gate((this.rejected, ConferenceStatus.REJECTED), otherwise=this.review)

    # the reviewer, once the dossier is accepted: whom to consult
    select_agencies = reviewer_step(
        conference_views.SelectAgenciesView, _("Chọn cơ quan lấy ý kiến"), then=this.consult
    )

    # consulted agencies (the police always), in parallel, 15 days each (Art. 5)
    consult = consultation.consult(then=this.give_opinion)
    give_opinion = consultation.opinion_step(
        conference_views.GiveOpinionView,
        _("Cho ý kiến về hội nghị, hội thảo"),
        opinions=ConferenceOpinion,
        deadline="conference.opinion",
        then=this.join_opinions,
    )
    join_opinions = consultation.join(_("Đủ ý kiến các cơ quan"), then=this.synthesize)

    # focal agency head: the synthesis for leadership
    synthesize = step(
        conference_views.SynthesisView,
        _("Tổng hợp ý kiến, trình lãnh đạo"),
        Role.DEPARTMENT_HEAD,
        focal_agency,
        deadline="conference.synthesis",
        then=this.approve,
    )

    # leadership (UBND tỉnh): allows it, or submits it to the Prime Minister (Art. 3)
    approve = leader_step(
        conference_views.ApproveView,
        _("Lãnh đạo UBND tỉnh cho phép"),
        approver_for=conference_services.approver_for,
        deadline="conference.approve",
        then=this.check_approved,
    )
    check_approved = gate(
        (this.synthesize, ConferenceStatus.SYNTHESIS),
        (this.rejected, ConferenceStatus.REJECTED),
        (this.record_pm_answer, ConferenceStatus.AWAITING_PM),
        otherwise=this.sign,
    )
    record_pm_answer = reviewer_step(
        conference_views.PrimeMinisterAnswerView,
        _("Ghi nhận ý kiến của Thủ tướng Chính phủ"),
        deadline="conference.pm_answer",
        then=this.check_pm_answer,
    )
    check_pm_answer = gate((this.rejected, ConferenceStatus.REJECTED), otherwise=this.sign)

    # the letter allowing it: signed, then registered by the committee's clerk (ADR 0012)
    sign = sign_step(title=_("Ký văn bản cho phép"), then=this.register)
    register = register_step(title=_("Vào sổ, ban hành văn bản cho phép"), then=this.wait_for_end)

    # the conference itself, then the results report
    wait_for_end = (
        flow.Timer(the_day_after_end)
        .Annotation(title=_("Chờ hội nghị kết thúc"))
        .Next(this.open_report)
    )
    open_report = (
        flow.Function(this.open_report_now)
        .Annotation(title=_("Yêu cầu báo cáo kết quả"))
        .Next(this.check_cancelled)
    )
    check_cancelled = gate((this.cancelled, CANCELLED), otherwise=this.report)
    report = staff_step(
        conference_views.ReportView,
        _("Báo cáo kết quả hội nghị, hội thảo"),
        deadline="conference.report",
        counted_from=end_date,
        then=this.acknowledge,
    )
    acknowledge = reviewer_step(
        conference_views.AcknowledgeView,
        _("Tiếp nhận báo cáo kết quả"),
        deadline="conference.acknowledge",
        then=this.completed,
    )

    completed = end(_("Hoàn thành"))
    rejected = end(_("Không cho phép"))
    cancelled = end(_("Đã hủy bằng văn bản"))

    def open_report_now(self, activation):
        conference_services.open_report(activation.process.conference, task=activation.task)


class AbtcFlow(MatterFlow, flow.Flow):
    """APEC business travel card (thẻ ABTC, QĐ 09/2023/QĐ-TTg, Chapter III): the
    business → its legal representative → focal agency → one opinion per consulted
    agency, the police always → synthesis → UBND tỉnh allows it manager by manager, or
    not → numbered decision; the cards then go into the register (``abtc.views``).
    Steps call ``abtc.services``."""

    process_class = AbtcProcess
    process_title = _("Thẻ đi lại của doanh nhân APEC")
    process_description = _("Cho phép doanh nhân sử dụng thẻ ABTC")

    # the business's staff (cán bộ doanh nghiệp)
    submit = start(abtc_views.SubmitAbtcView, _("Lập hồ sơ đề nghị sử dụng thẻ ABTC"))
    revise = staff_step(
        abtc_views.ReviseAbtcView,
        _("Chỉnh sửa, gửi lại hồ sơ ABTC"),
        then=this.check_resubmitted,
    )
    check_resubmitted = gate((this.review, AbtcStatus.IN_REVIEW), otherwise=this.endorse)

    # the business's legal representative (người đại diện theo pháp luật)
    endorse = endorse_step(
        abtc_views.EndorseView,
        _("Doanh nghiệp ký đề nghị"),
        deadline="abtc.endorse",
        then=this.check_endorsed,
    )
    check_endorsed = gate((this.revise, AbtcStatus.RETURNED), otherwise=this.review)

    # focal agency (Sở Ngoại vụ): review, then whom to consult
    review = reviewer_step(
        abtc_views.ReviewView,
        _("Thẩm định hồ sơ ABTC"),
        deadline="abtc.review",
        then=this.check_reviewed,
    )
    check_reviewed = gate(
        (this.revise, AbtcStatus.RETURNED),
        (this.confirm_rejection, AbtcStatus.REJECTION_PROPOSED),
        otherwise=this.select_agencies,
    )

    # the reviewing agency's head, or the Chairman for his matters: a proposed refusal
    confirm_rejection = confirm_rejection_step(
        abtc_views.ConfirmRejectionView,
        rejection=abtc_services.rejection,
        deadline="abtc.confirm_rejection",
        then=this.check_rejection,
    )
    check_rejection = gate((this.rejected, AbtcStatus.REJECTED), otherwise=this.review)

    # the reviewer, once the dossier is accepted: whom to consult
    select_agencies = reviewer_step(
        abtc_views.SelectAgenciesView, _("Chọn cơ quan lấy ý kiến"), then=this.consult
    )

    # consulted agencies (the police always; the tax office, social insurance), in parallel
    consult = consultation.consult(then=this.give_opinion)
    give_opinion = consultation.opinion_step(
        abtc_views.GiveOpinionView,
        _("Cho ý kiến về doanh nghiệp, doanh nhân"),
        opinions=AbtcOpinion,
        deadline="abtc.opinion",
        then=this.join_opinions,
    )
    join_opinions = consultation.join(_("Đủ ý kiến các cơ quan"), then=this.synthesize)

    # focal agency head: the synthesis for leadership
    synthesize = step(
        abtc_views.SynthesisView,
        _("Tổng hợp ý kiến, trình lãnh đạo"),
        Role.DEPARTMENT_HEAD,
        focal_agency,
        deadline="abtc.synthesis",
        then=this.approve,
    )

    # leadership (UBND tỉnh): allows the card, manager by manager, or not
    approve = leader_step(
        abtc_views.ApproveView,
        _("Lãnh đạo UBND tỉnh cho phép sử dụng thẻ"),
        approver_for=abtc_services.approver_for,
        deadline="abtc.approve",
        then=this.check_approved,
    )
    check_approved = gate(
        (this.synthesize, AbtcStatus.SYNTHESIS),
        (this.rejected, AbtcStatus.REJECTED),
        otherwise=this.sign,
    )

    # the decision: signed, then registered by the committee's clerk (ADR 0012)
    sign = sign_step(title=_("Ký quyết định cho phép"), then=this.register)
    register = register_step(title=_("Vào sổ, ban hành quyết định cho phép"), then=this.allowed)

    allowed = end(_("Đã cho phép, theo dõi cấp thẻ"))
    rejected = end(_("Không cho phép"))


# -- foreign NGO aid: where the appraising agency sits, when a report falls due ------------


def appraising_agency(process):
    """Return the unit appraising the aid: the one the province designates, or the focal
    agency (``AidProject.provincial_seat``)."""
    return ngo_aid_services.appraising_agency() or focal_agency(process)


def period_end(activation):
    """Return the last day of the period the aid owner reports on next."""
    return ngo_aid_services.next_period(activation.process.matter)[1]


def the_day_after_period(activation):
    """Return midnight (local time) after the period the aid owner reports on next."""
    day_after = period_end(activation) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


def decision_date(activation):
    return activation.process.matter.decision_date


class NgoAidFlow(MatterFlow, flow.Flow):
    """Foreign NGO aid (viện trợ PCPNN, Nghị định 80/2020/NĐ-CP, then 313/2025/NĐ-CP): the
    aid owner → its head → the appraising agency → one opinion per consulted agency, the
    police always → synthesis → UBND tỉnh approves (or not) → numbered decision → the
    aid starts (or the approval lapses) → a report each period and at the end →
    acknowledged. Steps call ``ngo_aid.services``."""

    process_class = NgoAidProcess
    process_title = _("Viện trợ phi chính phủ nước ngoài")
    process_description = _("Tiếp nhận, phê duyệt khoản viện trợ của tổ chức PCPNN")

    # the aid owner's staff (chủ khoản viện trợ)
    submit = start(ngo_aid_views.SubmitAidView, _("Lập hồ sơ đề nghị phê duyệt khoản viện trợ"))
    revise = staff_step(
        ngo_aid_views.ReviseAidView,
        _("Chỉnh sửa, gửi lại hồ sơ viện trợ"),
        then=this.check_resubmitted,
    )
    check_resubmitted = gate((this.review, AidStatus.IN_REVIEW), otherwise=this.endorse)

    # the aid owner's head (lãnh đạo đơn vị)
    endorse = endorse_step(
        ngo_aid_views.EndorseView,
        _("Đơn vị cho ý kiến"),
        deadline="ngo_aid.endorse",
        then=this.check_endorsed,
    )
    check_endorsed = gate((this.revise, AidStatus.RETURNED), otherwise=this.review)

    # the appraising agency (cơ quan thẩm định): the dossier, then whom to consult
    review = step(
        ngo_aid_views.ReviewView,
        _("Thẩm định hồ sơ viện trợ"),
        Role.DEPARTMENT_REVIEWER,
        appraising_agency,
        assign=reviewer,
        deadline="ngo_aid.review",
        then=this.check_reviewed,
    )
    check_reviewed = gate(
        (this.revise, AidStatus.RETURNED),
        (this.confirm_rejection, AidStatus.REJECTION_PROPOSED),
        otherwise=this.select_agencies,
    )

    # the reviewing agency's head, or the Chairman for his matters: a proposed refusal
    confirm_rejection = confirm_rejection_step(
        ngo_aid_views.ConfirmRejectionView,
        rejection=ngo_aid_services.rejection,
        deadline="ngo_aid.confirm_rejection",
        then=this.check_rejection,
    )
    check_rejection = gate((this.rejected, AidStatus.REJECTED), otherwise=this.review)

    # the reviewer, once the dossier is accepted: whom to consult
    select_agencies = step(
        ngo_aid_views.SelectAgenciesView,
        _("Chọn cơ quan lấy ý kiến"),
        Role.DEPARTMENT_REVIEWER,
        appraising_agency,
        assign=reviewer,
        then=this.consult,
    )

    # consulted agencies (the police always, the focal agency, finance...), in parallel
    consult = consultation.consult(then=this.give_opinion)
    give_opinion = consultation.opinion_step(
        ngo_aid_views.GiveOpinionView,
        _("Cho ý kiến về khoản viện trợ"),
        opinions=AidOpinion,
        deadline="ngo_aid.opinion",
        then=this.join_opinions,
    )
    join_opinions = consultation.join(_("Đủ ý kiến các cơ quan"), then=this.synthesize)

    # the appraising agency's head: the appraisal report for the People's Committee
    synthesize = step(
        ngo_aid_views.SynthesisView,
        _("Tổng hợp, báo cáo kết quả thẩm định"),
        Role.DEPARTMENT_HEAD,
        appraising_agency,
        deadline="ngo_aid.synthesis",
        then=this.approve,
    )

    # leadership (Chủ tịch UBND tỉnh): approve, or not
    approve = leader_step(
        ngo_aid_views.ApproveView,
        _("Chủ tịch UBND tỉnh phê duyệt khoản viện trợ"),
        approver_for=ngo_aid_services.approver_for,
        deadline="ngo_aid.approve",
        then=this.check_approved,
    )
    check_approved = gate(
        (this.synthesize, AidStatus.SYNTHESIS),
        (this.rejected, AidStatus.REJECTED),
        otherwise=this.sign,
    )

    # the decision: signed, then registered by the committee's clerk (ADR 0012)
    sign = sign_step(title=_("Ký quyết định phê duyệt"), then=this.register)
    register = register_step(title=_("Vào sổ, ban hành quyết định phê duyệt"), then=this.start_aid)

    # the aid owner: the aid starts within the regulation's period, or the approval lapses
    start_aid = staff_step(
        ngo_aid_views.StartView,
        _("Báo cáo bắt đầu thực hiện khoản viện trợ"),
        deadline="ngo_aid.lapse",
        counted_from=decision_date,
        then=this.wait_for_period,
    )
    wait_for_period = (
        flow.Timer(the_day_after_period).Annotation(title=_("Chờ hết kỳ báo cáo")).Next(this.report)
    )
    report = staff_step(
        ngo_aid_views.PeriodicReportView,
        _("Báo cáo tình hình thực hiện khoản viện trợ"),
        deadline="ngo_aid.report",
        counted_from=period_end,
        then=this.check_reported,
    )
    check_reported = gate((this.acknowledge, AidStatus.REPORTED), otherwise=this.wait_for_period)
    acknowledge = step(
        ngo_aid_views.AcknowledgeView,
        _("Tiếp nhận báo cáo kết thúc"),
        Role.DEPARTMENT_REVIEWER,
        appraising_agency,
        assign=reviewer,
        deadline="ngo_aid.acknowledge",
        then=this.completed,
    )

    completed = end(_("Hoàn thành"))
    rejected = end(_("Không phê duyệt"))


class ChangeFlow(MatterFlow, flow.Flow):
    """Amending or cancelling an issued document, for a matter of any kind (ADR 0012):
    the unit asks → the focal agency reviews → the leader approves the submission → the
    amending or cancelling document is signed and registered, citing the first. Steps
    call ``matters.issuance``."""

    process_class = ChangeProcess
    process_title = _("Điều chỉnh, hủy văn bản đã ban hành")
    process_description = _("Điều chỉnh thành viên, thời gian hoặc hủy quyết định đã ban hành")

    # unit staff: the request (from the matter's page, ``amendments.start_change``)
    start = flow.StartHandle(this.start_now).Next(this.review)

    # focal agency: review
    review = step(
        amendments.ReviewChangeView,
        _("Thẩm định đề nghị điều chỉnh, hủy"),
        Role.DEPARTMENT_REVIEWER,
        focal_agency,
        then=this.check_reviewed,
    )
    check_reviewed = flow.If(amendments.still_pending).Then(this.check_added).Else(this.refused)
    check_added = flow.If(amendments.needs_vetting).Then(this.security_check).Else(this.approve)

    # security agency: each person the amendment adds is vetted before the leader decides
    security_check = step(
        amendments.VetChangeView,
        _("Thẩm tra an ninh người được bổ sung"),
        Role.SECURITY_OFFICER,
        security_agency,
        then=this.check_cleared,
    )
    check_cleared = flow.If(amendments.still_pending).Then(this.approve).Else(this.refused)

    # leadership: the submission (tờ trình) is numbered as the task opens
    approve = leader_step(
        amendments.ApproveChangeView,
        _("Lãnh đạo UBND tỉnh phê duyệt điều chỉnh, hủy"),
        approver_for=amendments.approver_for,
        deadline=None,
        then=this.check_approved,
    )
    check_approved = flow.If(amendments.still_pending).Then(this.sign).Else(this.refused)

    # the amending or cancelling document: signed, registered (ADR 0012)
    sign = sign_step(title=_("Ký văn bản điều chỉnh, hủy"), then=this.register)
    register = register_step(title=_("Vào sổ, ban hành văn bản điều chỉnh, hủy"), then=this.follow)
    follow = (
        flow.Function(this.follow_now)
        .Annotation(title=_("Cập nhật lịch của hồ sơ"))
        .Next(this.changed)
    )

    changed = end(_("Đã ban hành văn bản điều chỉnh, hủy"))
    refused = end(_("Không chấp thuận điều chỉnh, hủy"))

    def start_now(self, activation, *, matter, **request):
        return amendments.started(activation, matter, **request)

    def follow_now(self, activation):
        amendments.reschedule(activation.process.matter)
