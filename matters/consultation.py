"""The consultation (lấy ý kiến): a matter is sent to N agencies, each answers in writing,
in parallel; the reviewer may stop waiting for one; once none is awaited the matter
moves on. Written once for every kind that consults.

What a kind that consults declares (an agreement does it this way; a conference or
foreign NGO aid does the same):

1. The opinion model: a subclass of ``matters.models.ConsultedOpinion`` that adds only
   the foreign key to its matter, named ``opinions`` on the matter::

       class Opinion(ConsultedOpinion):
           conference = models.ForeignKey(
               Conference, on_delete=models.CASCADE, related_name="opinions"
           )

2. The statuses: one the consultation starts from, one while opinions are awaited and
   one once none is (an agreement: ``IN_REVIEW`` → ``CONSULTING`` → ``SYNTHESIS``), and
   the step key of an opinion's due date in ``settings.WORKFLOW_DEADLINES``
   (``"<kind>.opinion"``; the opinion and its task share that due date). One
   ``Consultation`` in the kind's services binds them, and the kind's public services
   are its methods::

       consultation = Consultation(
           step_key="conference.opinion",
           asked_in=Status.IN_REVIEW,
           consulting=Status.CONSULTING,
           answered=Status.SYNTHESIS,
       )
       request_opinions = consultation.request
       give_opinion = consultation.give
       cancel_opinion = consultation.cancel

   ``has_disagreement(matter)`` is what its synthesis flags for leadership.

3. The flow (``workflows.consultation``): ``select_agencies`` (a reviewer step whose
   view is a ``SelectAgenciesView``), then ``consult(this.give_opinion)``,
   ``give_opinion = opinion_step(<its GiveOpinionView>, title, opinions=Opinion,
   deadline="conference.opinion", then=this.join_opinions)``, ``join_opinions =
   join(title, then=this.synthesize)``, and the synthesis step; the side page that
   cancels one opinion calls ``workflows.consultation.cancel_opinion``.

The security agency (the police) is always consulted and its opinion cannot be
cancelled. Every function here checks the matter's status, writes the audit entry and
the notification outbox rows in the caller's transaction, as every step does
(``matters.steps``).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
import workdays
from notifications import Event
from organizations.models import Province, Role
from organizations.selectors import roles_of, units_acted_for, users_with_role

from . import services as shared
from . import steps
from .models import ConsultedOpinion

Verdict = ConsultedOpinion.Verdict


# Who reads every opinion of a matter they see; a consulted agency reads its own.
SEES_ALL_OPINIONS = frozenset(
    {
        Role.UNIT_STAFF,
        Role.UNIT_HEAD,
        Role.DEPARTMENT_REVIEWER,
        Role.DEPARTMENT_HEAD,
        Role.LEADER,
        Role.AUDITOR,
    }
)


def sees_all_opinions(user, matter) -> bool:
    """Return True unless ``user`` sees ``matter`` only as a consulted agency."""
    return user == matter.submitted_by or bool(roles_of(user) & SEES_ALL_OPINIONS)


def visible_opinions(matter, user):
    """Return the opinions of ``matter`` that ``user`` may read, security first."""
    opinions = matter.opinions.select_related("agency", "answered_by")
    opinions = opinions.prefetch_related("attachments")
    if sees_all_opinions(user, matter):
        return opinions
    units = set()
    for role in (Role.CONSULTED_AGENCY, Role.SECURITY_OFFICER):
        units |= set(units_acted_for(user, role=role).values_list("pk", flat=True))
    return opinions.filter(agency__in=units)


def awaited(matter):
    """Return the opinions of ``matter`` still awaited: neither answered nor cancelled."""
    return matter.opinions.filter(answered_at__isnull=True, cancelled_at__isnull=True)


def all_in(matter) -> bool:
    """Return True once no opinion of ``matter`` is awaited (the join's condition)."""
    return not awaited(matter).exists()


def has_disagreement(matter) -> bool:
    """Return True if an agency that answered (and was not cancelled) disagrees."""
    answered = matter.opinions.filter(cancelled_at__isnull=True)
    return answered.filter(verdict=Verdict.DISAGREE).exists()


@dataclass(frozen=True)
class Consultation:
    """One kind's consultation: its opinion's step key and the statuses it moves through."""

    #: The due date's key in settings.WORKFLOW_DEADLINES, e.g. "agreement.opinion".
    step_key: str
    #: The status the consultation starts from (the reviewer chose whom to ask).
    asked_in: str
    #: The status while opinions are awaited.
    consulting: str
    #: The status once none is awaited any more.
    answered: str
    #: Who is told when the last opinion is in (the next step's role, at the focal agency).
    then_role: Role = Role.DEPARTMENT_HEAD
    #: Who may stop waiting for an agency.
    canceller: Role = Role.DEPARTMENT_REVIEWER
    #: The status the synthesis sends the matter to (leadership's decision).
    synthesized: str = shared.Shared.AWAITING_APPROVAL

    def accept(self, matter, *, actor, comment="", task=None):
        """The reviewer finds the dossier complete; next they choose whom to consult."""
        payload = {"to": "consultation"}
        return shared.forward(
            matter, self.asked_in, actor=actor, comment=comment, payload=payload, task=task
        )

    @steps.atomic
    def request(self, matter, *, actor, agencies, comment="", task=None) -> list:
        """Ask ``agencies`` and the security agency (always) for their written opinions."""
        steps.require_status(matter, self.asked_in)
        security = Province.current().security_agency
        if security is None:
            raise ValidationError(_("Chưa cấu hình cơ quan an ninh (Công an tỉnh)."))
        chosen = [security] + [a for a in dict.fromkeys(agencies) if a.pk != security.pk]
        now = timezone.now()
        due_on = workdays.due_date(self.step_key, timezone.localdate(now))
        model = matter.opinions.model
        opinions = model.objects.bulk_create(
            model(
                **{model.matter_field(): matter},
                agency=a,
                is_security=a == security,
                requested_at=now,
                due_on=due_on,
            )
            for a in chosen
        )
        payload = {"to": "consultation", "agencies": [a.code for a in chosen]}
        shared.forward(
            matter, self.consulting, actor=actor, comment=comment, payload=payload, task=task
        )
        for opinion in opinions:
            to = users_with_role(opinion.role, opinion.agency)
            steps.notify(Event.OPINION_REQUESTED, matter, to, actor=actor, task=task)
        return opinions

    def close_if_done(self, matter) -> None:
        """Move on once no opinion is awaited, and tell who takes the next step."""
        if not all_in(matter):
            return
        matter.status = self.answered
        steps.save(matter)
        to = steps.department(self.then_role, matter)
        steps.notify(Event.TASK_QUEUED, matter, to, actor=None)

    @steps.atomic
    def give(self, opinion, *, actor, verdict: str, text="", task=None):
        """Record an agency's opinion; a disagreement needs its reasons."""
        matter = opinion.matter
        steps.require_status(matter, self.consulting)
        if not opinion.is_pending:
            raise ValidationError(_("Cơ quan đã cho ý kiến hoặc việc lấy ý kiến đã bị hủy."))
        if verdict not in Verdict.values:
            raise ValidationError({"verdict": _("Hãy chọn ý kiến.")})
        if verdict != Verdict.AGREE and not text.strip():
            raise ValidationError({"text": _("Hãy ghi rõ ý kiến, điều kiện hoặc lý do.")})
        opinion.verdict, opinion.text = verdict, text
        opinion.answered_at, opinion.answered_by = timezone.now(), actor
        opinion.save(update_fields=["verdict", "text", "answered_at", "answered_by"])
        steps.record(
            audit.Action.OPINION_GIVEN,
            matter,
            actor=actor,
            role=opinion.role,
            unit=opinion.agency,
            comment=text,
            payload={"agency": opinion.agency.code, "verdict": verdict, "late": opinion.is_late},
            task=task,
        )
        self.close_if_done(matter)
        return opinion

    @steps.atomic
    def cancel(self, opinion, *, actor, comment: str):
        """The reviewer no longer waits for one agency (never the security agency)."""
        matter = opinion.matter
        steps.require_status(matter, self.consulting)
        steps.require_seat(matter, actor, self.canceller)
        if opinion.is_security:
            raise ValidationError(_("Không thể hủy lấy ý kiến của cơ quan an ninh."))
        if not opinion.is_pending:
            raise ValidationError(_("Cơ quan đã cho ý kiến hoặc việc lấy ý kiến đã bị hủy."))
        steps.require_comment(comment, _("Hãy ghi rõ lý do hủy lấy ý kiến."))
        opinion.cancelled_at = timezone.now()
        opinion.save(update_fields=["cancelled_at"])
        steps.record(
            audit.Action.UPDATED,
            matter,
            actor=actor,
            role=self.canceller,
            comment=comment,
            payload={"opinion_cancelled": opinion.agency.code},
        )
        self.close_if_done(matter)
        return opinion

    @steps.atomic
    def synthesize(self, matter, *, actor, summary: str, to, comment="", task=None):
        """The focal agency head sums the opinions up for ``to`` (the leader who decides);
        a disagreement is flagged. The matter carries ``matters.models.Synthesis``."""
        steps.require_status(matter, self.answered)
        if not summary.strip():
            raise ValidationError({"summary": _("Hãy nhập báo cáo tổng hợp ý kiến.")})
        matter.synthesis = summary
        matter.has_disagreement = has_disagreement(matter)
        steps.move(
            matter,
            self.synthesized,
            audit.Action.FORWARDED,
            actor=actor,
            role=self.then_role,
            fields=("synthesis", "has_disagreement"),
            comment=comment,
            payload={"to": "leadership", "disagreement": matter.has_disagreement},
            task=task,
        )
        steps.notify(Event.TASK_ASSIGNED, matter, [to], actor=actor, task=task)
        return matter
