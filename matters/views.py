"""The pages every kind of matter has: its list, its page, a file, its Word document
and withdrawing it.

A kind describes itself in a ``MatterPages`` (its model, statuses, templates, forms and
services) and takes its views from it (``pages.list_view``, ``pages.detail_view``, ...).
Every read starts from ``Model.objects.visible_to(user)``: what a person may not see is
a 404. Nothing here knows a kind or the workflow engine: the engine's part of a page
(the steps, the actions, cancelling the open tasks) comes in by overriding the hooks.
"""

from functools import cached_property
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

import audit

from . import files, kinds, printing
from .paging import filter_matters, list_context, xlsx_response


def error_text(error: ValidationError) -> str:
    """Return a service's ValidationError as one line for a flash message."""
    return " ".join(getattr(error, "messages", [str(error)]))


def download_recorder(actor, subject, **payload):
    """Return a ``record(fmt)`` for ``word_or_pdf``: one "file downloaded" entry on
    ``subject`` with ``payload`` and the format."""

    def record(fmt):
        with transaction.atomic():
            audit.record(
                audit.Action.FILE_DOWNLOADED,
                actor=actor,
                subject=subject,
                payload={**payload, "format": fmt},
            )

    return record


def word_or_pdf(request, content: bytes, stem: str, *, as_pdf: bool, back, record):
    """Send a generated Word file ``content`` as ``stem``.docx, or its PDF (LibreOffice
    headless, ADR 0013) as ``stem``.pdf. ``record(fmt)`` audits the download ("docx" or
    "pdf") once the file is made. Without LibreOffice, or when the conversion fails, back
    to ``back`` (a URL or a model) with the reason: the Word file stays there."""
    from .pdf import PDF, docx_to_pdf

    if not as_pdf:
        record("docx")
        return files.download(content, f"{stem}.docx", files.DOCX)
    try:
        pdf = docx_to_pdf(content)
    except ImproperlyConfigured:
        messages.error(
            request, _("Máy chủ chưa cài LibreOffice: chưa tạo được bản PDF, hãy tải bản Word.")
        )
        return redirect(back)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(back)
    record("pdf")
    return files.download(pdf, f"{stem}.pdf", PDF)


def field_column(model, name):
    """Return the export column of ``model``'s field ``name``: its verbose name, and its
    value as a person reads it (a choice's label, countries' names, a related row)."""
    field = model._meta.get_field(name)

    def value(row):
        found = getattr(row, name)
        if getattr(field, "countries", None) is not None:  # a CountryField, one or many
            many = list(found) if field.multiple else [found] if found else []
            return ", ".join(str(country.name) for country in many)
        if field.choices:
            return getattr(row, f"get_{name}_display")()
        if field.is_relation and found is not None:
            return str(found)
        return found

    return (capfirst(field.verbose_name), value)


class MatterList:
    """The list of one kind of matter and its Excel export, with the same filters.

    The list shows the total, page numbers that keep the filters, a search that ignores
    accents and case, and "Tạo mới" to whoever may start one (``Kind.may_start``).
    A kind's list outside its pages (a kind without the engine) subclasses this alone.
    """

    model = None
    #: The kind's statuses (a TextChoices), offered by the list's filter.
    statuses = None
    #: The list page's title (also the export's sheet).
    list_title = ""
    list_template = ""
    #: The URL names the shared templates link to: page, export, download, withdraw, chart.
    urls: dict = {}
    #: The fields ``?q=`` looks in, accents and case aside.
    search_fields = ("title", "reference")
    #: The list's order, newest first.
    ordering = ("-created_at", "-pk")
    #: The export's file name, before the day ("danh-sach-doan-ra").
    export_name = "danh-sach"
    #: The header of the matter's title in the export.
    title_header = gettext_lazy("Tên hồ sơ")

    def visible(self, user):
        """Return the matters ``user`` may see: the start of every page."""
        return self.model.objects.visible_to(user)

    def filter(self, request, matters):
        """Return ``matters`` filtered as ``request`` asks, and the filters' context."""
        return filter_matters(request, matters, self.statuses, fields=self.search_fields)

    def filtered(self, request):
        """Return the rows the list (and its export) shows, in order, and the filters."""
        matters, filters = self.filter(request, self.visible(request.user).for_list())
        return matters.order_by(*self.ordering), filters

    #: The model fields the export adds between the unit and the status (headed by
    #: their verbose names): ("countries", "start_date", "end_date").
    field_columns: tuple = ()

    def kind_columns(self) -> list:
        """Return the kind's own export columns, between the unit and the status."""
        return [field_column(self.model, name) for name in self.field_columns]

    def export_columns(self) -> list:
        """Return the export's columns: (Vietnamese header, value of a matter) pairs."""
        return [
            (_("Mã hồ sơ"), attrgetter("reference")),
            (self.title_header, attrgetter("title")),
            (_("Đơn vị"), lambda matter: matter.unit.name),
            *self.kind_columns(),
            (_("Trạng thái"), lambda matter: matter.get_status_display()),
            (_("Ngày lập"), lambda matter: timezone.localdate(matter.created_at)),
        ]

    def list_links(self, user) -> dict:
        """Return the list's "Tạo mới" (for whoever may start one) and "Xuất Excel" links."""
        kind = kinds.for_model(self.model)
        may_create = kind is not None and kind.start_url and kind.may_start(user)
        return {
            "create_url": reverse(kind.start_url) if may_create else "",
            "export_url": reverse(self.urls["export"]) if "export" in self.urls else "",
        }

    def list(self, request):
        """The matters this person may see, newest first, filtered and searched."""
        rows, filters = self.filtered(request)
        extra = {"urls": self.urls, "title": self.list_title, **self.list_links(request.user)}
        return render(request, self.list_template, list_context(request, rows, **filters, **extra))

    def export(self, request):
        """The list's rows, with the same filters, as an Excel workbook."""
        rows, _filters = self.filtered(request)
        columns = self.export_columns()
        return xlsx_response(rows, columns, filename=self.export_name, sheet=self.list_title)

    @cached_property
    def list_view(self):
        return login_required(self.list)

    @cached_property
    def export_view(self):
        return login_required(require_GET(self.export))


class MatterPages(MatterList):
    """The pages of one kind of matter; a kind sets the attributes and hooks it needs."""

    #: The kind's services module; ``can_withdraw``, ``withdraw`` and
    #: ``document_service`` are read from it when a page is served.
    services = None
    #: The name the templates know the matter by ("trip", "visit", "agreement").
    name = "matter"
    detail_template = ""
    attachment_model = None
    #: The attachment's foreign key to its matter.
    attachment_field = ""
    withdraw_form = None
    #: The service that makes the matter's Word document, for ``document_view``.
    document_service = ""

    # -- reads ---------------------------------------------------------------------------

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
