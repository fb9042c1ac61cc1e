"""The consultation written once (``matters.consultation``), driven on an agreement through
the abstract API only: a ``Consultation`` bound to the statuses, the matter's ``opinions``.

lan files, minh endorses, hoa reviews and asks justice (thao) and finance (tai); the police
(dung) are always asked.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import workdays
from agreements import services as agreement_services
from agreements.models import Status
from audit.models import Entry
from matters.consultation import Consultation, all_in, awaited, has_disagreement
from matters.models import ConsultedOpinion
from notifications.models import Notification

from .test_steps import an_agreement

pytestmark = pytest.mark.django_db

consultation = Consultation(
    step_key="agreement.opinion",
    asked_in=Status.IN_REVIEW,
    consulting=Status.CONSULTING,
    answered=Status.SYNTHESIS,
)


@pytest.fixture
def consulting(province, unit_a, lan, minh, hoa, tuan, dung, thao, tai, justice, finance):
    """An agreement whose opinions hoa asked from justice and finance (and the police)."""
    agreement = an_agreement(unit_a, lan)
    agreement_services.endorse(agreement, actor=minh)
    agreement_services.accept(agreement, actor=hoa)
    consultation.request(agreement, actor=hoa, agencies=[justice, finance, justice])
    return agreement


def opinion(agreement, agency) -> ConsultedOpinion:
    return agreement.opinions.select_related("agency").get(agency=agency)


def test_the_police_are_always_asked_once_each_agency_with_one_due_date(
    consulting, police, justice, finance, dung, thao, tai
):
    opinions = list(consulting.opinions.all())
    assert all(isinstance(o, ConsultedOpinion) for o in opinions)
    assert [(o.agency, o.is_security) for o in opinions] == [
        (police, True),
        (justice, False),
        (finance, False),
    ]
    today = timezone.localdate()
    due = workdays.due_date("agreement.opinion", today)
    assert due > today and {o.due_on for o in opinions} == {due}
    assert consulting.status == Status.CONSULTING and not all_in(consulting)
    asked = Notification.objects.filter(event="opinion_requested")
    assert set(asked.values_list("recipient__username", flat=True)) == {"dung", "thao", "tai"}


def test_asking_needs_the_matter_in_review(province, unit_a, lan, hoa, justice):
    agreement = an_agreement(unit_a, lan)  # still with its unit head
    with pytest.raises(ValidationError):
        consultation.request(agreement, actor=hoa, agencies=[justice])
    assert not agreement.opinions.exists()


def test_a_late_answer_is_marked_late_and_the_last_one_moves_the_matter_on(
    consulting, police, justice, finance, dung, thao, tai, tuan
):
    consultation.give(opinion(consulting, police), actor=dung, verdict="agree")
    late_day = opinion(consulting, justice).due_on + datetime.timedelta(days=1)
    noon = datetime.datetime.combine(late_day, datetime.time(12), timezone.get_current_timezone())
    with time_machine.travel(noon, tick=False):
        consultation.give(
            opinion(consulting, justice), actor=thao, verdict="disagree", text="Trái Điều 3"
        )
        assert consulting.status == Status.CONSULTING and not all_in(consulting)
        consultation.give(
            opinion(consulting, finance), actor=tai, verdict="agree_with_conditions", text="Vốn"
        )

    given = Entry.objects.filter(action="opinion_given").order_by("seq")
    assert [(e.payload["agency"], e.payload["late"]) for e in given] == [
        ("CA", False),
        ("STP", True),
        ("STC", True),
    ]
    assert opinion(consulting, justice).is_late and not opinion(consulting, police).is_late
    consulting.refresh_from_db()
    assert consulting.status == Status.SYNTHESIS and all_in(consulting)
    assert has_disagreement(consulting)
    queued = Notification.objects.filter(event="task_queued", recipient=tuan)
    assert queued.count() == 1


def test_an_answer_keeps_the_verdict_rules(consulting, justice, thao):
    with pytest.raises(ValidationError) as error:
        consultation.give(opinion(consulting, justice), actor=thao, verdict="maybe")
    assert "verdict" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        consultation.give(opinion(consulting, justice), actor=thao, verdict="disagree", text=" ")
    assert "text" in error.value.message_dict
    consultation.give(opinion(consulting, justice), actor=thao, verdict="agree")
    with pytest.raises(ValidationError):
        consultation.give(opinion(consulting, justice), actor=thao, verdict="agree")


def test_cancelling_the_last_awaited_opinion_joins_and_a_cancelled_no_is_not_counted(
    consulting, police, justice, finance, dung, thao, hoa
):
    consultation.give(opinion(consulting, police), actor=dung, verdict="agree")
    consultation.give(opinion(consulting, justice), actor=thao, verdict="agree")
    assert list(awaited(consulting).values_list("agency", flat=True)) == [finance.pk]

    consultation.cancel(opinion(consulting, finance), actor=hoa, comment="Không còn cần thiết")

    consulting.refresh_from_db()
    assert consulting.status == Status.SYNTHESIS and all_in(consulting)
    assert not opinion(consulting, finance).is_late  # cancelled: never late
    assert not has_disagreement(consulting)
    entry = Entry.objects.get(action="updated")
    assert entry.payload == {"opinion_cancelled": "STC"}


def test_cancelling_one_leaves_the_others_awaited(consulting, justice, finance, hoa):
    consultation.cancel(opinion(consulting, justice), actor=hoa, comment="Trùng chức năng")
    consulting.refresh_from_db()
    assert consulting.status == Status.CONSULTING
    assert set(awaited(consulting).values_list("agency__code", flat=True)) == {"CA", "STC"}


def test_the_police_cannot_be_cancelled_nor_by_anyone_but_the_reviewer(
    consulting, police, justice, hoa, thao
):
    with pytest.raises(ValidationError):
        consultation.cancel(opinion(consulting, police), actor=hoa, comment="Thử")
    with pytest.raises(PermissionDenied):
        consultation.cancel(opinion(consulting, justice), actor=thao, comment="Thử")
    with pytest.raises(ValidationError):
        consultation.cancel(opinion(consulting, justice), actor=hoa, comment=" ")
    assert not consulting.opinions.filter(cancelled_at__isnull=False).exists()


def test_the_agreement_services_are_the_generic_ones(consulting):
    bound = agreement_services.consultation
    assert (bound.step_key, bound.asked_in, bound.consulting, bound.answered) == (
        "agreement.opinion",
        Status.IN_REVIEW,
        Status.CONSULTING,
        Status.SYNTHESIS,
    )
    assert agreement_services.give_opinion.__func__ is Consultation.give
