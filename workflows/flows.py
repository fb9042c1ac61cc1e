"""The flows. viewflow finds them here (it creates their permissions from this module).

Each flow is its kind's business process, one step a line, grouped by who acts; every
human step calls one service of its kind, and the gates read the status that service
left behind. What the kinds share (the lock, the seats, who a step goes to, the step
builders) lives in ``workflows.kernel``.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from agreements import services as agreement_services
from agreements.models import Opinion
from agreements.models import Status as AgreementStatus
from conferences import services as conference_services
from conferences.models import Opinion as ConferenceOpinion
from conferences.models import Status as ConferenceStatus
from organizations.models import Role
from permits import services, visit_services
from permits.models import Status

from . import agreement_views, amendments, conference_views, consultation, visit_views
from . import trip_views as views
from .kernel import (
    MatterFlow,
    end,
    end_date,
    endorse_step,
    focal_agency,
    gate,
    leader_step,
    register_step,
    reviewer_step,
    security_agency,
    sign_step,
    staff_step,
    start,
    step,
    the_day_after_end,
)
from .models import (
    AgreementProcess,
    ChangeProcess,
    ConferenceProcess,
    InboundVisitProcess,
    OutboundTripProcess,
)

RETURNED, REJECTED, IN_REVIEW = Status.RETURNED, Status.REJECTED, Status.IN_REVIEW
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
        (this.rejected, REJECTED),
        (this.record_party_opinion, Status.PARTY_OPINION),
        otherwise=this.security_check,
    )
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
        (this.revise, RETURNED), (this.rejected, REJECTED), otherwise=this.security_check
    )

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
    consulted agency, in parallel → department synthesis → the Chairman → signing →
    registry. Steps call ``agreements.services``."""

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
        (this.rejected, AgreementStatus.REJECTED),
        otherwise=this.select_agencies,
    )
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
        otherwise=this.record_signing,
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
        (this.rejected, ConferenceStatus.REJECTED),
        otherwise=this.select_agencies,
    )
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
    check_reviewed = flow.If(amendments.still_pending).Then(this.approve).Else(this.refused)

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
