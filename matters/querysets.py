"""Who sees which matter: one visibility rule that every list, page, download and export
uses (DESIGN §5), written once for every kind.

| role | sees |
|---|---|
| unit staff, unit head | their unit's matters, once submitted (deputy periods included) |
| department reviewer, department head | every matter that was submitted |
| security officer, consulted agency | what the kind shows them (``seen_by_agencies``) |
| leader | matters routed to leadership or awaiting a refusal's decision, and those they decided |
| clerk (văn thư UBND) | matters approved by leadership, from the signature on (ADR 0012) |
| auditor | everything, read-only |

The person who drafted a matter always sees it. Nobody else sees anything. A kind's
queryset subclasses ``MatterQuerySet`` and overrides the hooks where it differs, as
Django's ``AbstractBaseSession`` leaves its session store to the subclass.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from organizations.models import Role
from organizations.selectors import acting_grants

from .status import AWAITING_REJECTION, COUNTED, FROM_APPROVAL_REQUEST, Status

UNIT_ROLES = frozenset({Role.UNIT_STAFF, Role.UNIT_HEAD})
FOCAL_AGENCY_ROLES = frozenset({Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD})


def units_in(grants, roles) -> set[int]:
    """Return the ids of the units in which ``grants`` give one of ``roles``."""
    return {unit_id for role, unit_id in grants if role in roles}


class MatterQuerySet(models.QuerySet):
    # The statuses in which leaders see a matter they have not decided (yet).
    leadership_statuses = FROM_APPROVAL_REQUEST
    # The statuses in which the people's committee's clerk sees a matter: to be signed,
    # registered, amended or cancelled.
    clerk_statuses = (*COUNTED, Status.CANCELLED)
    # The statuses in which the security agency sees a matter.
    security_statuses = (Status.SECURITY_CHECK, *FROM_APPROVAL_REQUEST)

    def visible_to(self, user):
        """Return the matters ``user`` may see today (DESIGN §5)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        # One read of the grants (and deputy periods) serves every role below.
        grants = acting_grants(user)
        roles = {role for role, _ in grants}
        if Role.AUDITOR in roles:
            return self.all()
        rule = Q(submitted_by=user)
        own_units = units_in(grants, UNIT_ROLES)
        if own_units:
            rule |= Q(unit__in=own_units) & ~Q(status=Status.DRAFT)
        if roles & FOCAL_AGENCY_ROLES:
            rule |= ~Q(status=Status.DRAFT)
        rule |= self.seen_by_agencies(grants)
        if Role.LEADER in roles:
            # A proposed refusal the Chairman may have to decide (``matters.services``).
            deciding = (*self.leadership_statuses, *AWAITING_REJECTION)
            rule |= Q(status__in=deciding) | Q(approver__isnull=False)
        if Role.CLERK in roles:
            rule |= Q(status__in=self.clerk_statuses)
        return self.filter(rule)

    def seen_by_agencies(self, grants) -> Q:
        """Return what the agencies outside the unit and the focal agency see.

        By default the security agency sees a matter from its security check on; a
        kind that asks other agencies (a consultation) says what they see.
        """
        if any(role == Role.SECURITY_OFFICER for role, _ in grants):
            return Q(status__in=self.security_statuses)
        return Q()


class ConsultingQuerySet(MatterQuerySet):
    """The rule of every matter, for a kind that consults agencies (``matters.consultation``):
    a consulted agency, the security agency among them, sees only the matters its opinion
    was asked on. The kind's opinion model is the one its ``opinions`` relation names."""

    def seen_by_agencies(self, grants) -> Q:
        """Return the matters on which one of the user's agencies was consulted."""
        agencies = units_in(grants, {Role.CONSULTED_AGENCY, Role.SECURITY_OFFICER})
        if not agencies:
            return Q()
        opinion = self.model._meta.get_field("opinions").related_model
        asked = opinion.objects.filter(
            **{opinion.matter_field(): OuterRef("pk")}, agency__in=agencies
        )
        return Q(Exists(asked))
