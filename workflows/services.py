"""Writes that span a domain object and its flow process."""

from django.db import transaction
from django.utils.translation import gettext_noop

from permits import services as trip_services

from .selectors import process_of


def withdraw_matter(matter, *, actor, comment="", withdraw):
    """Withdraw ``matter`` with the ``withdraw`` service and cancel its open steps."""
    process = process_of(matter)
    if process is None:
        return withdraw(matter, actor=actor, comment=comment)
    flow_class = process.flow_class
    # The process lock first, so that no step completes between the check and the cancel.
    with flow_class.lock(process.pk), transaction.atomic():
        matter.refresh_from_db()
        withdraw(matter, actor=actor, comment=comment)
        flow_class.instance.cancel(process)
    return matter


def withdraw_trip(trip, *, actor, comment=""):
    """Withdraw ``trip`` (its submitter only, before approval) and cancel its open steps."""
    return withdraw_matter(trip, actor=actor, comment=comment, withdraw=trip_services.withdraw)


def lapse_ngo_aid(today=None) -> int:
    """Let each approval of foreign NGO aid whose aid did not start in time lapse, and
    cancel the open steps of its flow (the start, waiting for the aid owner).

    The warning came first (``ngo_aid.services.warn_unstarted``); return how many lapsed.
    """
    from ngo_aid import services as aid_services

    due = aid_services.to_lapse(today)
    for project in due:
        withdraw_matter(
            project,
            actor=None,
            comment=gettext_noop("Quá thời hạn triển khai khoản viện trợ."),
            withdraw=aid_services.lapse,
        )
    return len(due)
