"""Writes that span a domain object and its flow process."""

from django.db import transaction

from permits import services as trip_services

from .selectors import process_of


def withdraw_trip(trip, *, actor, comment=""):
    """Withdraw ``trip`` (its submitter only, before approval) and cancel its open steps."""
    from .flows import OutboundTripFlow

    process = process_of(trip)
    if process is None:
        return trip_services.withdraw(trip, actor=actor, comment=comment)
    # The process lock first, so that no step completes between the check and the cancel.
    with OutboundTripFlow.lock(process.pk), transaction.atomic():
        trip.refresh_from_db()
        trip_services.withdraw(trip, actor=actor, comment=comment)
        OutboundTripFlow.instance.cancel(process)
    return trip
