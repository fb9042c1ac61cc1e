"""The pages every kind of matter has: its list, its page, a file, its Word document
and withdrawing it.

A kind describes itself in a ``MatterPages`` (its model, statuses, templates, forms and
services) and takes its views from it (``pages.list_view``, ``pages.detail_view``, ...).
Every read starts from ``Model.objects.visible_to(user)``: what a person may not see is
a 404. Nothing here knows a kind or the workflow engine: the engine's part of a page
(the steps, the actions, cancelling the open tasks) comes in by overriding the hooks.
"""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import files, printing
from .paging import matter_list


def error_text(error: ValidationError) -> str:
    """Return a service's ValidationError as one line for a flash message."""
    return " ".join(getattr(error, "messages", [str(error)]))


class MatterPages:
    """The pages of one kind of matter; a kind sets the attributes and hooks it needs."""

    model = None
    #: The kind's statuses (a TextChoices), offered by the list's filter.
    statuses = None
    #: The kind's services module; ``can_withdraw``, ``withdraw`` and
    #: ``document_service`` are read from it when a page is served.
    services = None
    #: The name the templates know the matter by ("trip", "visit", "agreement").
    name = "matter"
    #: The list page's title.
    list_title = ""
    list_template = ""
    detail_template = ""
    #: The URL names the shared templates link to: page, download, withdraw (and chart).
    urls: dict = {}
    attachment_model = None
    #: The attachment's foreign key to its matter.
    attachment_field = ""
    withdraw_form = None
    #: The service that makes the matter's Word document, for ``document_view``.
    document_service = ""

    # -- reads ---------------------------------------------------------------------------

    def visible(self, user):
        """Return the matters ``user`` may see: the start of every page."""
        return self.model.objects.visible_to(user)

    def get(self, request, pk):
        """Return the matter ``pk`` if ``request.user`` may see it, else raise 404."""
        return get_object_or_404(self.visible(request.user), pk=pk)

    def page_rows(self, visible):
        """Return ``visible`` with what the matter's page shows read along."""
        return visible.for_list()

    def attachments(self, matter):
        """Return the files the matter's page lists."""
        return matter.attachments.all()

    def may_download(self, user, matter, attachment) -> bool:
        """Return False for a file of a visible matter that ``user`` may still not have."""
        return True

    def detail_context(self, request, matter) -> dict:
        """Return what the matter's page shows; a kind adds its own part."""
        return {
            self.name: matter,
            "subject": matter,
            "urls": self.urls,
            "attachments": self.attachments(matter),
            "can_withdraw": self.services.can_withdraw(matter, request.user),
        }

    def print_context(self, request, matter) -> dict:
        """Return what the printed dossier shows: fields, people, files and steps."""
        return {
            "subject": matter,
            "heading": _("HỒ SƠ %(reference)s") % {"reference": matter.reference},
            "fields": printing.dossier_fields(matter),
            "people_lists": printing.people_lists(matter),
            "attachments": self.attachments(matter),
            "printed_at": timezone.localtime(),
        }

    # -- writes --------------------------------------------------------------------------

    def check_withdraw(self, request, matter) -> None:
        """Raise PermissionDenied before the form is read, where the kind asks it."""

    def withdraw_matter(self, matter, *, actor, comment):
        return self.services.withdraw(matter, actor=actor, comment=comment)

    def withdrawn_message(self, matter) -> str:
        return _("Đã rút hồ sơ %(ref)s.") % {"ref": matter.reference}

    def send_file(self, attachment, *, actor):
        """Return ``attachment`` as an audited download."""
        return files.download_response(attachment, actor=actor)

    # -- the pages -----------------------------------------------------------------------

    def list(self, request):
        """The matters this person may see, newest first, filtered by status and text."""
        matters = self.visible(request.user).for_list()
        return matter_list(
            request,
            matters,
            self.statuses,
            self.list_template,
            urls=self.urls,
            title=self.list_title,
        )

    def detail(self, request, pk):
        """The matter's page: its data, files, timeline and what this person may do now."""
        matter = get_object_or_404(self.page_rows(self.visible(request.user)), pk=pk)
        return render(request, self.detail_template, self.detail_context(request, matter))

    def print_page(self, request, pk):
        """The matter's dossier on one printable page (bản in hồ sơ), with its steps."""
        matter = self.get(request, pk)
        return render(request, "matters/print.html", self.print_context(request, matter))

    def download(self, request, pk, attachment_pk):
        """Send one file of a matter the person may see, as an attachment; audited."""
        matter = self.get(request, pk)
        owner = {self.attachment_field: matter}
        attachment = get_object_or_404(self.attachment_model, pk=attachment_pk, **owner)
        if not self.may_download(request.user, matter, attachment):
            raise Http404
        return self.send_file(attachment, actor=request.user)

    def document(self, request, pk):
        """Send the matter's Word document (made on first request), audited."""
        matter = self.get(request, pk)
        if not matter.document_available:
            raise Http404
        attachment = getattr(self.services, self.document_service)(matter)
        return self.send_file(attachment, actor=request.user)

    def document_pdf(self, request, pk):
        """Send the PDF of the matter's Word document (converted on request), audited."""
        matter = self.get(request, pk)
        if not matter.document_available:
            raise Http404
        attachment = getattr(self.services, self.document_service)(matter)
        try:
            return files.pdf_response(attachment, actor=request.user)
        except ImproperlyConfigured:
            messages.error(
                request, _("Máy chủ chưa cài LibreOffice: chưa tạo được bản PDF, hãy tải bản Word.")
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        return redirect(matter)

    def withdraw(self, request, pk):
        """The submitter withdraws a matter not yet decided; back to its page."""
        matter = self.get(request, pk)
        self.check_withdraw(request, matter)
        form = self.withdraw_form(request.POST)
        form.is_valid()
        try:
            self.withdraw_matter(
                matter, actor=request.user, comment=form.cleaned_data.get("comment", "")
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(matter)
        messages.success(request, self.withdrawn_message(matter))
        return redirect(matter)

    # -- as views, for a kind's URLs -----------------------------------------------------

    @cached_property
    def list_view(self):
        return login_required(self.list)

    @cached_property
    def detail_view(self):
        return login_required(self.detail)

    @cached_property
    def print_view(self):
        return login_required(require_GET(self.print_page))

    @cached_property
    def download_view(self):
        return login_required(self.download)

    @cached_property
    def document_view(self):
        return login_required(self.document)

    @cached_property
    def document_pdf_view(self):
        return login_required(self.document_pdf)

    @cached_property
    def withdraw_view(self):
        return login_required(require_POST(self.withdraw))
