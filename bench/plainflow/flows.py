"""The outbound trip's shape in plain viewflow: what a team would write without us."""

from django.contrib.auth import get_user_model
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.flow.views import UpdateProcessView

from .models import PlainTripProcess

STEP = UpdateProcessView.as_view(fields=["decision"])


def _owner(activation):
    return get_user_model().objects.get(pk=activation.process.data["owner"])


class PlainTripFlow(flow.Flow):
    process_class = PlainTripProcess
    lock_impl = lock.select_for_update_lock

    submit = flow.StartHandle(this.start_trip).Next(this.endorse)
    endorse = flow.View(STEP).Assign(_owner).Next(this.review)
    review = flow.View(STEP).Assign(_owner).Next(this.security_check)
    security_check = flow.View(STEP).Assign(_owner).Next(this.approve)
    approve = flow.View(STEP).Assign(_owner).Next(this.end)
    end = flow.End()

    def start_trip(self, activation, title, owner):
        activation.process.title = title
        activation.process.data["owner"] = owner
        return activation.process
