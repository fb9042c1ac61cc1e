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

from organizations.models import Province, Role
from organizations.selectors import users_with_role
from permits import services
from permits.models import Status

from . import deadlines
from . import trip_views as views
from .models import OutboundTripProcess
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
