"""The steps and pages of a document's issuance (``matters.issuance``, ADR 0012), the same
for every kind: the signature, the registration, the files of the submission, the draft
and the signed document, and the request to amend or cancel it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

import audit
from matters import files, issuance, kinds
from matters.change_document import change_decision_docx
from matters.forms import ChangeRequestForm, RegisterForm, SignForm
from matters.models import Issuance
from matters.submission_document import submission_docx
from matters.views import word_or_pdf
from people.models import Person

from . import matter_views, step_views


class IssuanceStep(matter_views.StepView):
    """A step on the matter's document on its way: shows the submission and the draft."""

    summary_template = "workflows/issuance/_summary.html"

    def summary_context(self):
        return {"issuance": issuance.pending(self.subject)}


class SignView(IssuanceStep):
    form_class = SignForm
    success_message = gettext_lazy("Đã lưu bản đã ký của văn bản.")

    def perform(self, form):
        data = form.cleaned_data
        issuance.sign(
            self.subject,
            actor=self.request.user,
            upload=data["signed_file"],
            signed_on=data["signed_on"],
            task=self.task,
        )


class RegisterView(IssuanceStep):
    form_class = RegisterForm
    success_message = gettext_lazy("Đã vào sổ và ban hành văn bản.")

    def get_form_kwargs(self):
        pending = issuance.pending(self.subject)
        auto = pending is not None and issuance.auto_numbered(pending.doc_type)
        return {**super().get_form_kwargs(), "auto": auto}

    def perform(self, form):
        data = form.cleaned_data
        issuance.register(
            self.subject,
            actor=self.request.user,
            issued_on=data["issued_on"],
            sequence=data.get("sequence"),
            task=self.task,
        )


# -- the files -------------------------------------------------------------------------------


def visible_issuance(user, pk) -> tuple[Issuance, object]:
    """Return the document ``pk`` and its matter, if ``user`` may see the matter; 404."""
    document = get_object_or_404(Issuance, pk=pk)
    model = document.matter_type.model_class()
    matter = model.objects.visible_to(user).filter(pk=document.matter_id).first()
    if matter is None:
        raise Http404
    return document, matter


def _docx(content: bytes, name: str) -> HttpResponse:
    return files.download(content, name, files.DOCX)


def _send(request, matter, document, what: str, content: bytes, stem: str, *, as_pdf: bool):
    """Send the Word file or its PDF (``word_or_pdf``), audited as ``what`` of the document."""

    def record(_fmt):
        issuance.downloaded(request.user, matter, document, what, fmt="pdf" if as_pdf else None)

    return word_or_pdf(request, content, stem, as_pdf=as_pdf, back=matter, record=record)


@login_required
@require_GET
def submission(request, pk, as_pdf=False):
    """The focal agency's submission (tờ trình), as a Word file (or its PDF): for those
    who read the police's reasons (it summarises them) and the committee's clerk."""
    document, matter = visible_issuance(request.user, pk)
    if not document.submission_number or not issuance.reads_submission(request.user):
        raise Http404
    sequence = document.submission_number.split("/")[0]
    content = submission_docx(matter, document)
    stem = f"To-trinh-{sequence}-{matter.reference}"
    return _send(request, matter, document, "submission", content, stem, as_pdf=as_pdf)


@login_required
@require_GET
def draft(request, pk, as_pdf=False):
    """The draft of the approved document (no number, no date) the leader signs, as a
    Word file (or its PDF)."""
    document, matter = visible_issuance(request.user, pk)
    kind = kinds.for_model(type(matter))
    if kind is None or not kind.draft or document.approved_at is None:
        raise Http404
    if document.purpose == Issuance.Purpose.ORIGINAL:
        content = import_string(kind.draft)(matter, document)
    else:  # the amending or cancelling decision, citing the first (ADR 0012)
        content = change_decision_docx(matter, document)
    stem = f"Du-thao-{matter.reference}"
    return _send(request, matter, document, "draft", content, stem, as_pdf=as_pdf)


@login_required
@require_GET
def signed(request, pk):
    """The signed PDF: the document of record, exactly as it was uploaded."""
    document, matter = visible_issuance(request.user, pk)
    if not document.is_signed:
        raise Http404
    issuance.downloaded(request.user, matter, document, "signed")
    stem = document.number.replace("/", "-") if document.number else matter.reference
    with document.signed_file.open("rb") as handle:
        return files.download(handle.read(), f"{stem}.pdf", files.PDF)


# -- amendments and cancellation ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_change(request, app_label, model_name, pk):
    """The unit asks to amend or cancel the issued document of a matter."""
    model = kinds_model(app_label, model_name)
    matter = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    members = list(matter.members.all()) if hasattr(matter, "members") else ()
    people = Person.objects.visible_to(request.user) if hasattr(matter, "add_people") else None
    form = ChangeRequestForm(request.POST or None, members=members, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(), audit.batched():
                from .amendments import start_change

                start_change(
                    matter,
                    actor=request.user,
                    purpose=form.cleaned_data["purpose"],
                    reason=form.cleaned_data["reason"],
                    changes=form.changes(),
                )
        except ValidationError as error:
            step_views.apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã gửi đề nghị điều chỉnh, hủy tới cơ quan ngoại vụ."))
            return redirect(matter)
    return render(
        request, "workflows/issuance/change_request.html", {"form": form, "subject": matter}
    )


def kinds_model(app_label, model_name):
    for kind in kinds.all_kinds():
        meta = kind.model._meta
        if meta.app_label == app_label and meta.model_name == model_name:
            return kind.model
    raise Http404
