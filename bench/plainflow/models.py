"""A plain viewflow process: the data in its JSON, no audit, no outbox, no visibility."""

from viewflow import jsonstore
from viewflow.workflow.models import Process


class PlainTripProcess(Process):
    title = jsonstore.CharField(max_length=255)
    decision = jsonstore.CharField(max_length=20, blank=True)

    class Meta:
        proxy = True
