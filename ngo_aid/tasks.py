"""Celery tasks of foreign NGO aid (Celery beat): the warning before an approval lapses.

The lapse itself ends the project's flow too, so the engine runs it
(``workflows.lapse_ngo_aid``).
"""

from celery import shared_task

from . import services


@shared_task(name="ngo_aid.warn_unstarted", acks_late=True, ignore_result=True)
def warn_unstarted() -> int:
    """Warn the owners of approved aid not yet started that the approval will lapse."""
    return services.warn_unstarted()
