"""Reads of the reports app: who may see the report, and their export jobs."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from organizations.models import Role
from organizations.selectors import roles_of

from .models import ExportJob

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
