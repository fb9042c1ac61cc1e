"""The outbound trip's shape in plain viewflow: what a team would write without us.

The same nodes as ``workflows.flows.OutboundTripFlow`` on the path of a trip that goes
straight through (queue steps claimed from a queue, routed steps assigned, a gate after
each decision, the signature and the registration of the decision as two queue steps of
the committee's clerk, the timer until the return), on a plain trip row.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.flow.views import UpdateProcessView

from .models import PlainTrip, PlainTripMember, PlainTripProcess

STEP = UpdateProcessView.as_view(fields=[])


def _owner(activation):
    return get_user_model().objects.get(pk=activation.process.data["owner"])


def _status_is(status):
    return lambda activation: activation.process.trip.status == status


def _the_day_after_return(activation):
    day_after = activation.process.trip.end_date + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


class PlainTripFlow(flow.Flow):
    process_class = PlainTripProcess
    lock_impl = lock.select_for_update_lock

    submit = flow.StartHandle(this.start_trip).Next(this.endorse)
    endorse = flow.View(STEP).Permission(auto_create=True).Next(this.check_endorsed)
    check_endorsed = flow.Switch().Case(this.rejected, _status_is("returned")).Default(this.review)
    review = flow.View(STEP).Permission(auto_create=True).Next(this.check_reviewed)
    check_reviewed = (
        flow.Switch().Case(this.rejected, _status_is("rejected")).Default(this.security_check)
    )
    security_check = flow.View(STEP).Permission(auto_create=True).Next(this.check_cleared)
    check_cleared = flow.Switch().Case(this.review, _status_is("objected")).Default(this.approve)
    approve = flow.View(STEP).Assign(_owner).Next(this.check_approved)
    check_approved = flow.Switch().Case(this.rejected, _status_is("rejected")).Default(this.sign)
    sign = flow.View(STEP).Permission(auto_create=True).Next(this.register)
    register = flow.View(STEP).Permission(auto_create=True).Next(this.wait_for_return)
    wait_for_return = flow.Timer(_the_day_after_return).Next(this.completed)
    completed = flow.End()
    rejected = flow.End()

    def start_trip(self, activation, title, owner, start_date, members):
        trip = PlainTrip.objects.create(
            title=title, start_date=start_date, end_date=start_date + datetime.timedelta(days=4)
        )
        PlainTripMember.objects.bulk_create(
            PlainTripMember(trip=trip, full_name=name) for name in members
        )
        activation.process.artifact = trip
        activation.process.data["owner"] = owner
        return activation.process
