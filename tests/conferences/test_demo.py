"""``load_demo`` leaves a conference waiting at every step of its flow, once."""

import io

import pytest
from django.core.management import call_command

from conferences.models import Conference
from reports.importing import IMPORT_USERNAME
from workflows import selectors
from workflows.flows import ConferenceFlow as F

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_conference_waiting_at_every_step():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    live = Conference.objects.exclude(submitted_by__username=IMPORT_USERNAME)
    assert live.count() == 11
    waiting = {
        task.flow_task
        for conference in live
        for task in selectors.process_of(conference).task_set.filter(status__in=selectors.OPEN)
    }
    assert waiting >= {
        F.endorse,
        F.review,
        F.revise,
        F.select_agencies,
        F.give_opinion,
        F.synthesize,
        F.approve,
        F.record_pm_answer,
        F.report,
        F.acknowledge,
    }
    # Allowed and waiting for the event: the timer.
    assert live.filter(status="approved").count() == 1
    reporting = live.get(status="reporting")
    assert reporting.end_date < reporting.report_due_on
