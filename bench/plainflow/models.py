"""What a team on plain viewflow would store: a trip row with its members, nothing else.

No audit trail, no notification outbox, no deadlines, no visibility rule, no numbering
(the clerk types the register's number), no submission (tờ trình), no file checks:
the difference between this and the product is what the benchmark measures.
"""

from django.db import models
from viewflow.workflow.models import Process


class PlainTrip(models.Model):
    title = models.CharField(max_length=255)
    status = models.CharField(max_length=20, default="submitted")
    start_date = models.DateField()
    end_date = models.DateField()
    decision_number = models.CharField(max_length=20, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    signed_file = models.FileField(upload_to="plain/", blank=True)

    def __str__(self):
        return self.title


class PlainTripMember(models.Model):
    trip = models.ForeignKey(PlainTrip, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(max_length=150)

    def __str__(self):
        return self.full_name


class PlainTripProcess(Process):
    class Meta:
        proxy = True

    @property
    def trip(self):
        return self.artifact
