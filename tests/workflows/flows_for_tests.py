"""A one-step flow for the deadline tests.

viewflow stores a task's flow and step by import path inside an installed app, so the
tests need a real flow class; ``tests`` becomes an installed app while they run (see
``conftest.py``). The project's own flows live in ``workflows/flows.py``.
"""

import datetime

from django.http import HttpResponse
from viewflow import this
from viewflow.workflow import flow, lock

from organizations.models import Province, Role, User
from organizations.selectors import users_with_role
from workflows import deadlines


def _owner(activation):
    owner_id = activation.process.data.get("owner")
    return User.objects.get(pk=owner_id) if owner_id else None


def _returned_on(activation):
    return datetime.date.fromisoformat(activation.process.data["returned_on"])


def _no_view(request, **kwargs):  # the tests finish tasks through viewflow's activation
    return HttpResponse()


class ReviewFlow(flow.Flow):
    """Open a review for the focal agency (assigned to ``owner`` or left in its queue), or
    a results report for its submitter."""

    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.open_review).Next(this.review)
    review = (
        flow.View(_no_view)
        .Assign(_owner)
        .onCreate(deadlines.on_create("test.review"))
        .Next(this.end)
    )

    # A results report due 15 days after the return date given at start.
    start_report = flow.StartHandle(this.open_report).Next(this.report)
    report = (
        flow.View(_no_view)
        .Assign(_owner)
        .onCreate(deadlines.on_create("test.report", start=_returned_on))
        .Next(this.end)
    )
    end = flow.End()

    def open_review(self, activation, owner=None):
        activation.process.data = {"owner": owner.pk if owner else None}
        activation.process.save()
        return activation.process

    def open_report(self, activation, owner, returned_on):
        activation.process.data = {"owner": owner.pk, "returned_on": returned_on.isoformat()}
        activation.process.save()
        return activation.process

    def task_candidates(self, task):
        """Return the reviewers of the focal agency, who may take a review in the queue."""
        return users_with_role(Role.DEPARTMENT_REVIEWER, Province.current().focal_agency)
