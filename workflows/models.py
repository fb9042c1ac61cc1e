"""Models of the workflows app: the deadlines of tasks and the process proxies."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class MatterProcess:
    """What every kind's process proxy shares: ``matter``, the process's own copy of its
    matter, under the kind's own name too (``trip``, ``visit``, ``agreement``)."""

    #: The name of the cached property that loads the matter (set by each proxy).
    matter_attr = ""

    @property
    def matter(self):
        return getattr(self, self.matter_attr)


class OutboundTripProcess(MatterProcess, Process):
    """The viewflow process of one outbound trip; the trip itself is the artifact."""

    matter_attr = "trip"

    class Meta:
        proxy = True
        verbose_name = _("quy trình đoàn ra")
        verbose_name_plural = _("quy trình đoàn ra")

    @cached_property
    def trip(self):
        from permits.models import OutboundTrip

        return OutboundTrip.objects.select_related("unit", "purpose", "submitted_by").get(
            pk=self.artifact_object_id
        )


class InboundVisitProcess(MatterProcess, Process):
    """The viewflow process of one inbound visit (đoàn vào); the visit is the artifact."""

    matter_attr = "visit"

    class Meta:
        proxy = True
        verbose_name = _("quy trình đoàn vào")
        verbose_name_plural = _("quy trình đoàn vào")

    @cached_property
    def visit(self):
        return self.artifact


class AgreementProcess(MatterProcess, Process):
    """The viewflow process of one international agreement; the agreement is the artifact."""

    matter_attr = "agreement"

    class Meta:
        proxy = True
        verbose_name = _("quy trình thỏa thuận quốc tế")
        verbose_name_plural = _("quy trình thỏa thuận quốc tế")

    @cached_property
    def agreement(self):
        return self.artifact


class ConferenceProcess(MatterProcess, Process):
    """The viewflow process of one international conference; the conference is the artifact."""

    matter_attr = "conference"

    class Meta:
        proxy = True
        verbose_name = _("quy trình hội nghị, hội thảo quốc tế")
        verbose_name_plural = _("quy trình hội nghị, hội thảo quốc tế")

    @cached_property
    def conference(self):
        return self.artifact


class AbtcProcess(MatterProcess, Process):
    """The viewflow process of one ABTC request; the request is the artifact."""

    matter_attr = "abtc_request"

    class Meta:
        proxy = True
        verbose_name = _("quy trình cho phép sử dụng thẻ ABTC")
        verbose_name_plural = _("quy trình cho phép sử dụng thẻ ABTC")

    @cached_property
    def abtc_request(self):
        return self.artifact


class NgoAidProcess(MatterProcess, Process):
    """The viewflow process of one foreign NGO aid project; the project is the artifact."""

    matter_attr = "project"

    class Meta:
        proxy = True
        verbose_name = _("quy trình viện trợ phi chính phủ nước ngoài")
        verbose_name_plural = _("quy trình viện trợ phi chính phủ nước ngoài")

    @cached_property
    def project(self):
        return self.artifact


class ChangeProcess(MatterProcess, Process):
    """The viewflow process amending or cancelling the issued document of a matter of any
    kind (ADR 0012); the matter is the artifact."""

    matter_attr = "changed_matter"

    class Meta:
        proxy = True
        verbose_name = _("quy trình điều chỉnh, hủy văn bản")
        verbose_name_plural = _("quy trình điều chỉnh, hủy văn bản")

    @cached_property
    def changed_matter(self):
        return self.artifact
