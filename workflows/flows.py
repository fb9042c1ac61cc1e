"""The flows. viewflow finds them here (it creates their permissions from this module).

Outbound trip (đoàn ra): unit → focal agency → (Party opinion) → security → leadership →
decision → the trip → results report → acknowledged. Every human step calls one service
of ``permits.services``; the gates read the status that service left behind.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from agreements import services as agreement_services
from agreements.models import Status as AgreementStatus
from organizations.models import Province, Role
from organizations.selectors import users_with_role
from permits import services, visit_services
from permits.models import Status

from . import agreement_views, consultation, deadlines, visit_views
from . import trip_views as views
from .models import AgreementProcess, InboundVisitProcess, OutboundTripProcess
from .steps import RoleStart, RoleView


def _unit(process):
    return process.trip.unit


def _focal_agency(process):
    return Province.current().focal_agency


def _security_agency(process):
    return Province.current().security_agency


def _peoples_committee(process):
    return Province.current().peoples_committee


def _status_is(*statuses):
    return lambda activation: activation.process.trip.status in statuses


def _return_date(activation):
    return activation.process.trip.end_date


def _the_day_after_return(activation):
    """Return midnight (local time) after the delegation's return date."""
    day_after = activation.process.trip.end_date + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


class OutboundTripFlow(flow.Flow):
    process_class = OutboundTripProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Đoàn ra")
    process_description = _("Cử cán bộ đi công tác nước ngoài")

    # unit staff (cán bộ đơn vị)
    submit = (
        RoleStart(views.SubmitTripView.as_view())
        .Annotation(title=_("Lập hồ sơ đoàn ra"))
        .Role(Role.UNIT_STAFF)
        .Next(this.endorse)
    )
    revise = (
        RoleView(views.ReviseTripView.as_view())
        .Annotation(title=_("Chỉnh sửa, gửi lại hồ sơ"))
        .Role(Role.UNIT_STAFF, _unit)
        .Assign(lambda activation: activation.process.trip.submitted_by)
        .Next(this.check_resubmitted)
    )
    check_resubmitted = (
        flow.Switch().Case(this.review, _status_is(Status.IN_REVIEW)).Default(this.endorse)
    )

    # unit head (lãnh đạo đơn vị)
    endorse = (
        RoleView(views.EndorseView.as_view())
        .Annotation(title=_("Đơn vị cho ý kiến"))
        .Role(Role.UNIT_HEAD, _unit)
        .onCreate(deadlines.on_create("outbound.endorse"))
        .Next(this.check_endorsed)
    )
    check_endorsed = (
        flow.Switch().Case(this.revise, _status_is(Status.RETURNED)).Default(this.review)
    )

    # focal agency (Sở Ngoại vụ / Văn phòng UBND tỉnh): review, Party opinion
    review = (
        RoleView(views.ReviewView.as_view())
        .Annotation(title=_("Thẩm định hồ sơ"))
        .Role(Role.DEPARTMENT_REVIEWER, _focal_agency)
        .Assign(lambda activation: activation.process.trip.reviewer)
        .onCreate(deadlines.on_create("outbound.review"))
        .Next(this.check_reviewed)
    )
    check_reviewed = (
        flow.Switch()
        .Case(this.revise, _status_is(Status.RETURNED))
        .Case(this.rejected, _status_is(Status.REJECTED))
        .Case(this.record_party_opinion, _status_is(Status.PARTY_OPINION))
        .Default(this.security_check)
    )
    record_party_opinion = (
        RoleView(views.PartyOpinionView.as_view())
        .Annotation(title=_("Ghi nhận ý kiến Ban Thường vụ Tỉnh ủy"))
        .Role(Role.DEPARTMENT_REVIEWER, _focal_agency)
        .Assign(lambda activation: activation.process.trip.reviewer)
        .onCreate(deadlines.on_create("outbound.party_opinion"))
        .Next(this.security_check)
    )

    # security agency (Công an tỉnh)
    security_check = (
        RoleView(views.SecurityCheckView.as_view())
        .Annotation(title=_("Thẩm tra an ninh"))
        .Role(Role.SECURITY_OFFICER, _security_agency)
        .onCreate(deadlines.on_create("outbound.security"))
        .Next(this.check_cleared)
    )
    check_cleared = (
        flow.Switch().Case(this.review, _status_is(Status.IN_REVIEW)).Default(this.approve)
    )

    # leadership (UBND tỉnh), routed by the head of delegation's level
    approve = (
        RoleView(views.ApproveView.as_view())
        .Annotation(title=_("Lãnh đạo UBND tỉnh phê duyệt"))
        .Role(Role.LEADER, _peoples_committee)
        .Assign(lambda activation: services.approver_for(activation.process.trip))
        .onCreate(deadlines.on_create("outbound.approve"))
        .Next(this.check_approved)
    )
    check_approved = (
        flow.Switch()
        .Case(this.review, _status_is(Status.IN_REVIEW))
        .Case(this.rejected, _status_is(Status.REJECTED))
        .Default(this.issue_decision)
    )
    issue_decision = (
        flow.Function(this.issue_decision_now)
        .Annotation(title=_("Ban hành quyết định cử đoàn"))
        .Next(this.wait_for_return)
    )

    # the trip itself, then the results report
    wait_for_return = (
        flow.Timer(_the_day_after_return)
        .Annotation(title=_("Chờ đoàn về nước"))
        .Next(this.open_report)
    )
    open_report = (
        flow.Function(this.open_report_now)
        .Annotation(title=_("Yêu cầu báo cáo kết quả"))
        .Next(this.report)
    )
    report = (
        RoleView(views.ReportView.as_view())
        .Annotation(title=_("Báo cáo kết quả chuyến đi"))
        .Role(Role.UNIT_STAFF, _unit)
        .Assign(lambda activation: activation.process.trip.submitted_by)
        .onCreate(deadlines.on_create("outbound.report", start=_return_date))
        .Next(this.acknowledge)
    )
    acknowledge = (
        RoleView(views.AcknowledgeView.as_view())
        .Annotation(title=_("Tiếp nhận báo cáo kết quả"))
        .Role(Role.DEPARTMENT_REVIEWER, _focal_agency)
        .Assign(lambda activation: activation.process.trip.reviewer)
        .onCreate(deadlines.on_create("outbound.acknowledge"))
        .Next(this.completed)
    )

    completed = flow.End().Annotation(title=_("Hoàn thành"))
    rejected = flow.End().Annotation(title=_("Không chấp thuận"))

    def issue_decision_now(self, activation):
        services.issue_decision(activation.process.trip, task=activation.task)

    def open_report_now(self, activation):
        services.open_report(activation.process.trip, task=activation.task)

    def task_candidates(self, task):
        """Return who may take an unassigned step: its role holders in its unit."""
        node = task.flow_task
        unit = node.unit_for(task.process.coerced) if hasattr(node, "unit_for") else None
        return list(users_with_role(node._role, unit)) if unit is not None else []

    def task_subject(self, task):
        return task.process.coerced.trip

    def has_view_permission(self, user, obj=None):
        # viewflow's own lists show every process to whoever holds the model-level view
        # permission; nobody does. Our pages go through the visibility rule instead.
        return False

    def has_manage_permission(self, user, obj=None):
        # viewflow's cancel, undo and revive pages change a matter's course without its
        # services or audit trail, and superusers would pass them. A matter ends through
        # its own steps (withdrawal, rejection) instead.
        return False


# -- Inbound visit (đoàn vào): unit → focal agency → security, guest by guest → leadership →
# approval letter → the visit → results report → acknowledged. Steps call
# ``permits.visit_services``.


def _host_unit(process):
    return process.visit.unit


def _visit_status_is(*statuses):
    return lambda activation: activation.process.visit.status in statuses


def _visit_end(activation):
    return activation.process.visit.end_date


def _the_day_after_the_visit(activation):
    """Return midnight (local time) after the delegation's last day in the province."""
    day_after = activation.process.visit.end_date + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


def _visit_reviewer(activation):
    return activation.process.visit.reviewer


def _visit_submitter(activation):
    return activation.process.visit.submitted_by


class InboundVisitFlow(flow.Flow):
    process_class = InboundVisitProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Đoàn vào")
    process_description = _("Đón tiếp đoàn khách nước ngoài")

    # unit staff (cán bộ đơn vị đón tiếp)
    submit = (
        RoleStart(visit_views.SubmitVisitView.as_view())
        .Annotation(title=_("Lập hồ sơ đoàn vào"))
        .Role(Role.UNIT_STAFF)
        .Next(this.endorse)
    )
    revise = (
        RoleView(visit_views.ReviseVisitView.as_view())
        .Annotation(title=_("Chỉnh sửa, gửi lại hồ sơ đoàn vào"))
        .Role(Role.UNIT_STAFF, _host_unit)
        .Assign(_visit_submitter)
        .Next(this.check_resubmitted)
    )
    check_resubmitted = (
        flow.Switch().Case(this.review, _visit_status_is(Status.IN_REVIEW)).Default(this.endorse)
    )

    # unit head (lãnh đạo đơn vị)
    endorse = (
        RoleView(visit_views.EndorseView.as_view())
        .Annotation(title=_("Đơn vị cho ý kiến"))
        .Role(Role.UNIT_HEAD, _host_unit)
        .onCreate(deadlines.on_create("inbound.endorse"))
        .Next(this.check_endorsed)
    )
    check_endorsed = (
        flow.Switch().Case(this.revise, _visit_status_is(Status.RETURNED)).Default(this.review)
    )

    # focal agency (Sở Ngoại vụ / Văn phòng UBND tỉnh)
    review = (
        RoleView(visit_views.ReviewView.as_view())
        .Annotation(title=_("Thẩm định hồ sơ đoàn vào"))
        .Role(Role.DEPARTMENT_REVIEWER, _focal_agency)
        .Assign(_visit_reviewer)
        .onCreate(deadlines.on_create("inbound.review"))
        .Next(this.check_reviewed)
    )
    check_reviewed = (
        flow.Switch()
        .Case(this.revise, _visit_status_is(Status.RETURNED))
        .Case(this.rejected, _visit_status_is(Status.REJECTED))
        .Default(this.security_check)
    )

    # security agency (Công an tỉnh), guest by guest
    security_check = (
        RoleView(visit_views.SecurityCheckView.as_view())
        .Annotation(title=_("Thẩm tra an ninh từng khách"))
        .Role(Role.SECURITY_OFFICER, _security_agency)
        .onCreate(deadlines.on_create("inbound.security"))
        .Next(this.check_vetted)
    )
    check_vetted = (
        flow.Switch().Case(this.revise, _visit_status_is(Status.RETURNED)).Default(this.approve)
    )

    # leadership (UBND tỉnh), routed by who receives the delegation
    approve = (
        RoleView(visit_views.ApproveView.as_view())
        .Annotation(title=_("Lãnh đạo UBND tỉnh cho ý kiến đón đoàn"))
        .Role(Role.LEADER, _peoples_committee)
        .Assign(lambda activation: visit_services.approver_for(activation.process.visit))
        .onCreate(deadlines.on_create("inbound.approve"))
        .Next(this.check_approved)
    )
    check_approved = (
        flow.Switch()
        .Case(this.review, _visit_status_is(Status.IN_REVIEW))
        .Case(this.rejected, _visit_status_is(Status.REJECTED))
        .Default(this.issue_letter)
    )
    issue_letter = (
        flow.Function(this.issue_letter_now)
        .Annotation(title=_("Ban hành văn bản chấp thuận"))
        .Next(this.wait_for_departure)
    )

    # the visit itself, then the results report
    wait_for_departure = (
        flow.Timer(_the_day_after_the_visit)
        .Annotation(title=_("Chờ đoàn kết thúc chương trình"))
        .Next(this.open_report)
    )
    open_report = (
        flow.Function(this.open_report_now)
        .Annotation(title=_("Yêu cầu báo cáo kết quả"))
        .Next(this.report)
    )
    report = (
        RoleView(visit_views.ReportView.as_view())
        .Annotation(title=_("Báo cáo kết quả đón đoàn"))
        .Role(Role.UNIT_STAFF, _host_unit)
        .Assign(_visit_submitter)
        .onCreate(deadlines.on_create("inbound.report", start=_visit_end))
        .Next(this.acknowledge)
    )
    acknowledge = (
        RoleView(visit_views.AcknowledgeView.as_view())
        .Annotation(title=_("Tiếp nhận báo cáo kết quả"))
        .Role(Role.DEPARTMENT_REVIEWER, _focal_agency)
        .Assign(_visit_reviewer)
        .onCreate(deadlines.on_create("inbound.acknowledge"))
        .Next(this.completed)
    )

    completed = flow.End().Annotation(title=_("Hoàn thành"))
    rejected = flow.End().Annotation(title=_("Không chấp thuận"))

    def issue_letter_now(self, activation):
        visit_services.issue_letter(activation.process.visit, task=activation.task)

    def open_report_now(self, activation):
        visit_services.open_report(activation.process.visit, task=activation.task)

    # Who may take a queued step, and who may not browse viewflow's lists: as for trips.
    task_candidates = OutboundTripFlow.task_candidates
    has_view_permission = OutboundTripFlow.has_view_permission
    has_manage_permission = OutboundTripFlow.has_manage_permission

    def task_subject(self, task):
        return task.process.coerced.visit


# -- International agreement (thỏa thuận quốc tế): unit → focal agency → one opinion per
# consulted agency, in parallel → department synthesis → the Chairman → signing → registry.
# Steps call ``agreements.services``.


def _agreement_unit(process):
    return process.agreement.unit


def _agreement_is(*statuses):
    return lambda activation: activation.process.agreement.status in statuses


def _agreement_reviewer(activation):
    return activation.process.agreement.reviewer


def _agreement_submitter(activation):
    return activation.process.agreement.submitted_by


def _opinions_asked(activation):
    """Return one item per opinion awaited: the agencies the reviewer chose, security first."""
    opinions = activation.process.agreement.opinions.filter(
        answered_at__isnull=True, cancelled_at__isnull=True
    )
    return [{"opinion": pk} for pk in opinions.values_list("pk", flat=True)]


def _opinion_opened(activation):
    """Give the opinion task its 7 working days, and the opinion the same due date."""
    row = deadlines.set_deadline(activation.task, "agreement.opinion")
    opinion = consultation.opinion_of(activation.task)
    opinion.due_on = row.due_on
    opinion.save(update_fields=["due_on"])


class AgreementFlow(flow.Flow):
    process_class = AgreementProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Thỏa thuận quốc tế")
    process_description = _("Ký kết thỏa thuận quốc tế nhân danh UBND tỉnh")

    # unit staff (cán bộ đơn vị đề xuất)
    submit = (
        RoleStart(agreement_views.SubmitAgreementView.as_view())
        .Annotation(title=_("Lập hồ sơ đề xuất ký kết thỏa thuận"))
        .Role(Role.UNIT_STAFF)
        .Next(this.endorse)
    )
    revise = (
        RoleView(agreement_views.ReviseAgreementView.as_view())
        .Annotation(title=_("Chỉnh sửa, gửi lại hồ sơ thỏa thuận"))
        .Role(Role.UNIT_STAFF, _agreement_unit)
        .Assign(_agreement_submitter)
        .Next(this.check_resubmitted)
    )
    check_resubmitted = (
        flow.Switch()
        .Case(this.review, _agreement_is(AgreementStatus.IN_REVIEW))
        .Default(this.endorse)
    )

    # unit head (lãnh đạo đơn vị)
    endorse = (
        RoleView(agreement_views.EndorseView.as_view())
        .Annotation(title=_("Đơn vị cho ý kiến"))
        .Role(Role.UNIT_HEAD, _agreement_unit)
        .onCreate(deadlines.on_create("agreement.endorse"))
        .Next(this.check_endorsed)
    )
    check_endorsed = (
        flow.Switch()
        .Case(this.revise, _agreement_is(AgreementStatus.RETURNED))
        .Default(this.review)
    )

    # focal agency (Sở Ngoại vụ): review, then whom to consult
    review = (
        RoleView(agreement_views.ReviewView.as_view())
        .Annotation(title=_("Thẩm định hồ sơ thỏa thuận"))
        .Role(Role.DEPARTMENT_REVIEWER, _focal_agency)
        .Assign(_agreement_reviewer)
        .onCreate(deadlines.on_create("agreement.review"))
        .Next(this.check_reviewed)
    )
    check_reviewed = (
        flow.Switch()
        .Case(this.revise, _agreement_is(AgreementStatus.RETURNED))
        .Case(this.rejected, _agreement_is(AgreementStatus.REJECTED))
        .Default(this.select_agencies)
    )
    select_agencies = (
        RoleView(agreement_views.SelectAgenciesView.as_view())
        .Annotation(title=_("Chọn cơ quan lấy ý kiến"))
        .Role(Role.DEPARTMENT_REVIEWER, _focal_agency)
        .Assign(_agreement_reviewer)
        .Next(this.consult)
    )

    # consulted agencies (the security agency always), in parallel, 7 working days each
    consult = (
        consultation.EachSplit(_opinions_asked)
        .Annotation(title=_("Gửi lấy ý kiến"))
        .Next(this.give_opinion)
    )
    give_opinion = (
        consultation.OpinionView(agreement_views.GiveOpinionView.as_view())
        .Annotation(title=_("Cho ý kiến về thỏa thuận"))
        .onCreate(_opinion_opened)
        .Next(this.join_opinions)
    )
    join_opinions = flow.Join().Annotation(title=_("Đủ ý kiến các cơ quan")).Next(this.synthesize)

    # focal agency head: the synthesis for leadership
    synthesize = (
        RoleView(agreement_views.SynthesisView.as_view())
        .Annotation(title=_("Tổng hợp ý kiến, trình lãnh đạo"))
        .Role(Role.DEPARTMENT_HEAD, _focal_agency)
        .onCreate(deadlines.on_create("agreement.synthesis"))
        .Next(this.approve)
    )

    # leadership: the Chairman decides (Law 70/2020 Art. 19)
    approve = (
        RoleView(agreement_views.ApproveView.as_view())
        .Annotation(title=_("Chủ tịch UBND tỉnh quyết định"))
        .Role(Role.LEADER, _peoples_committee)
        .Assign(lambda activation: agreement_services.approver_for(activation.process.agreement))
        .onCreate(deadlines.on_create("agreement.approve"))
        .Next(this.check_approved)
    )
    check_approved = (
        flow.Switch()
        .Case(this.synthesize, _agreement_is(AgreementStatus.SYNTHESIS))
        .Case(this.rejected, _agreement_is(AgreementStatus.REJECTED))
        .Default(this.record_signing)
    )

    # focal agency: the signing, then the agreement lives in the registry
    record_signing = (
        RoleView(agreement_views.SigningView.as_view())
        .Annotation(title=_("Ghi nhận kết quả ký kết"))
        .Role(Role.DEPARTMENT_REVIEWER, _focal_agency)
        .Assign(_agreement_reviewer)
        .Next(this.registered)
    )

    registered = flow.End().Annotation(title=_("Vào sổ đăng ký"))
    rejected = flow.End().Annotation(title=_("Không chấp thuận"))

    task_candidates = OutboundTripFlow.task_candidates
    has_view_permission = OutboundTripFlow.has_view_permission
    has_manage_permission = OutboundTripFlow.has_manage_permission

    def task_subject(self, task):
        return task.process.coerced.agreement
