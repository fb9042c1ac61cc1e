"""Writes that span a domain object and its flow process."""

from django.db import transaction

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
