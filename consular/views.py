"""The consular register's pages: the list, recording a case, the case page and its steps.

Each page reads through ``ConsularCase.objects.visible_to(user)`` (404 for a case one may
not see); a step refused to a person who sees the case is a 403 (``selectors``). A
step view validates its form and calls one service; a refusal of the service is shown
on the case page as a form error, nothing saved.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from matters.paging import list_context
from organizations.models import Role

from . import forms, selectors, services
from .models import ConsularCase, Group, Status


def _visible(request, pk) -> ConsularCase:
    return get_object_or_404(ConsularCase.objects.visible_to(request.user), pk=pk)


@require_GET
@login_required
def case_list(request):
    """The cases this person may see, latest first, filtered by group and status."""
    if not selectors.can_see_register(request.user):
        raise PermissionDenied(_("Bạn không có quyền xem sổ theo dõi vụ việc lãnh sự."))
    cases = ConsularCase.objects.visible_to(request.user)
    group = request.GET.get("group", "")
    if group in Group.values:
        cases = cases.filter(group=group)
    status = request.GET.get("status", "")
    if status in Status.values:
        cases = cases.filter(status=status)
    context = list_context(
        request,
        cases.order_by("-occurred_on", "-pk"),
        groups=Group.choices,
        statuses=Status.choices,
        group=group,
        status=status,
        may_record=selectors.may_record(request.user),
    )
    return render(request, "consular/case_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def case_create(request):
    """Record a new case with its persons."""
    if not selectors.may_record(request.user):
        raise PermissionDenied(_("Bạn không có quyền ghi nhận vụ việc lãnh sự."))
    groups = [g for g in Group.values if selectors.recording_role(request.user, g)]
    initial = {"group": request.GET.get("group")} if request.GET.get("group") in groups else {}
    form = forms.CaseForm(request.POST or None, groups=groups, initial=initial)
    persons = forms.PersonFormSet(request.POST or None, prefix="person")
    if request.method == "POST" and form.is_valid() and persons.is_valid():
        fields = {**form.cleaned_data}
        role = selectors.recording_role(request.user, fields["group"])
        try:
            with transaction.atomic():
                case = services.record_case(
                    actor=request.user, role=role, fields=fields, persons=forms.persons_of(persons)
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(case)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "consular/case_form.html", {"form": form, "persons": persons}, status=status
    )


def _page(request, case, *, status=200, **forms_given):
    may_update = selectors.may_update(request.user) and case.is_open
    context = {
        "case": case,
        "persons": list(case.persons.all()),
        "may_update": may_update,
        "may_reveal": _revealing_role(request.user, case) is not None,
    }
    if may_update:
        context |= {
            "notice_form": forms.NoticeForm(),
            "status_form": forms.StatusForm(case=case),
            "note_form": forms.NoteForm(),
            "close_form": forms.CloseForm(),
            **forms_given,
        }
    return render(request, "consular/case_detail.html", context, status=status)


@require_GET
@login_required
def case_detail(request, pk):
    """The case, its persons (masked), its notices, its history and the update forms."""
    return _page(request, _visible(request, pk))


def _step(request, pk, form_class, name, call, **form_kwargs):
    case = _visible(request, pk)
    if not selectors.may_update(request.user):
        raise PermissionDenied(_("Chỉ chuyên viên cơ quan ngoại vụ được cập nhật vụ việc."))
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            with transaction.atomic():
                call(case, form.cleaned_data)
        except ValidationError as error:
            case.refresh_from_db()
            _add_errors(form, error)
        else:
            return redirect(case)
    return _page(request, case, status=400, **{name: form})


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_POST
@login_required
def notice(request, pk):
    """Record the notice to the ministry's Consular Department or the representation."""

    def call(case, data):
        services.record_notice(case, actor=request.user, **data)

    return _step(request, pk, forms.NoticeForm, "notice_form", call)


@require_POST
@login_required
def status(request, pk):
    """Move the persons of a case on (detained → released → repatriated)."""
    case = _visible(request, pk)

    def call(case, data):
        services.change_status(case, actor=request.user, **data)

    return _step(request, pk, forms.StatusForm, "status_form", call, case=case)


@require_POST
@login_required
def note(request, pk):
    """Record what was done on the case."""

    def call(case, data):
        services.add_note(case, actor=request.user, **data)

    return _step(request, pk, forms.NoteForm, "note_form", call)


@require_POST
@login_required
def close(request, pk):
    """Close the case with how it was resolved."""

    def call(case, data):
        services.close_case(case, actor=request.user, **data)

    return _step(request, pk, forms.CloseForm, "close_form", call)


def _revealing_role(user, case) -> Role | None:
    if selectors.may_update(user):
        return Role.DEPARTMENT_REVIEWER
    if case.group == Group.FOREIGNER and selectors.recording_role(user, Group.FOREIGNER):
        return Role.SECURITY_OFFICER
    return None


@require_POST
@login_required
def reveal(request, pk, person_pk):
    """Show one person's name, document number and date of birth in full (audited)."""
    case = _visible(request, pk)
    role = _revealing_role(request.user, case)
    if role is None:
        raise PermissionDenied(_("Bạn không có quyền xem đầy đủ thông tin cá nhân."))
    person = get_object_or_404(case.persons, pk=person_pk)
    revealed = services.reveal_person(person, actor=request.user, role=role)
    return render(
        request, "consular/person_reveal.html", {"case": case, "person": person, **revealed}
    )
