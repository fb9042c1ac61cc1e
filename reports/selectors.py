"""Reads of the reports app: who may see the report, their export jobs, and the requests
for figures an agency has to answer."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from organizations.models import Role
from organizations.selectors import acting_grants, roles_of

from .models import ANSWERING_ROLES, ExportJob, FigureRequest

# The focal agency (its reviewers and head), the provincial leaders and the auditors.
READERS = frozenset({Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD, Role.LEADER, Role.AUDITOR})
# The internal management report: the focal agency and the provincial leaders only.
INTERNAL_READERS = frozenset({Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD, Role.LEADER})


def can_see_reports(user) -> bool:
    """Return True if ``user`` may see the foreign-affairs report (deputy periods included)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(READERS & roles_of(user))


def can_see_internal_report(user) -> bool:
    """Return True if ``user`` may see the internal management report."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(INTERNAL_READERS & roles_of(user))


def job_of(user, job_id) -> ExportJob:
    """Return ``user``'s own export job ``job_id``; anyone else's is a 404.

    An internal report's job is refused (404) to whoever may no longer read that report.
    """
    job = get_object_or_404(ExportJob, pk=job_id, requested_by=user)
    if job.report == ExportJob.Report.INTERNAL and not can_see_internal_report(user):
        raise Http404
    return job


def figure_requests_to_answer(user):
    """Return the requests for figures awaiting ``user``'s agency's answer (the agencies
    ``user`` answers for, deputy periods included), the nearest due date first: the
    agency's tasks on "Việc của tôi"."""
    if not getattr(user, "is_authenticated", False):
        return FigureRequest.objects.none()
    agencies = {unit_id for role, unit_id in acting_grants(user) if role in ANSWERING_ROLES}
    return (
        FigureRequest.objects.pending()
        .filter(agency_id__in=agencies)
        .select_related("agency")
        .order_by("due_on", "pk")
    )
