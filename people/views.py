"""Pages of the registry of persons: the list and search, a person, the member search
the trip form calls, adding a person, the focal agency's merge, flag and passports.

Every page starts from ``Person.objects.visible_to(user)``: a person the user may not
see is a 404; what only the focal agency does is a 403 for anyone else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from organizations.models import Role, Unit
from organizations.selectors import acting_grants

from . import services
from .forms import AccountForm, MergeForm, PassportForm, PersonEditForm, PersonForm
from .models import Person
from .selectors import is_focal_agency, may_see_registry, namesakes

PER_PAGE = 25


def _require_registry_role(user) -> list:
    if not may_see_registry(user):
        raise PermissionDenied(_("Bạn không có quyền xem danh bạ cá nhân."))
    return acting_grants(user)


@login_required
@require_GET
def person_search(request):
    """Return, as JSON, the persons the user may see whose name matches ``q``."""
    _require_registry_role(request.user)
    found = Person.objects.search(request.user, request.GET.get("q", ""))
    return JsonResponse({"results": [_choice(person) for person in found]})


def _choice(person: Person) -> dict:
    born = f"{person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else _("chưa rõ ngày sinh")
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "label": f"{person.full_name} — {born} — {person.unit_label}",
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else "",
        "unit_name": person.unit_label,
        "position": person.position,
        "leader_level": person.leader_level,
    }


@login_required
@require_GET
def person_list(request):
    _require_registry_role(request.user)
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    persons = Person.objects.visible_to(request.user).select_related("unit")
    if query:
        persons = persons.matching(query)
    # The lists' pages (matters.paging, which this floor may not import) with a plain
    # count: a person sees one unit's registry or, for the focal agency, a province's.
    paginator = Paginator(persons.order_by("name_key", "date_of_birth", "pk"), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "people/person_list.html",
        {
            "page": page,
            "page_numbers": list(paginator.get_elided_page_range(page.number, on_ends=1)),
            "query": filters.urlencode(),
            "q": query,
            "create_url": reverse("person_add"),
            "create_label": _("Thêm cá nhân"),
            "focal_agency": is_focal_agency(request.user),
        },
    )


@login_required
def person_add(request):
    """Unit staff add a person of their own units; the focal agency, of any unit."""
    grants = _require_registry_role(request.user)
    units = {unit for role, unit in grants if role in (Role.UNIT_STAFF, Role.UNIT_HEAD)}
    focal = is_focal_agency(request.user)
    if not units and not focal:
        raise PermissionDenied
    choices = Unit.objects.filter(is_active=True)
    form = PersonForm(
        request.POST or None, units=choices if focal else choices.filter(pk__in=units)
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(person)
    return render(request, "people/person_form.html", {"form": form})


def _person(request, pk) -> Person:
    _require_registry_role(request.user)
    return get_object_or_404(Person.objects.visible_to(request.user), pk=pk)


def _detail(request, person, *, status=200, **forms_given):
    """Render the person's page; a form refused by its step comes back with its errors."""
    focal = is_focal_agency(request.user)
    context = {
        "person": person,
        "passports": person.passports.select_related("kept_by"),
        "memberships": person.trip_memberships.select_related("trip").order_by("-trip__start_date"),
        "focal_agency": focal,
    }
    if focal:
        context |= {
            "merge_form": MergeForm(candidates=namesakes(person)),
            "passport_form": PassportForm(),
            "account_form": AccountForm(initial={"staff_profile": person.staff_profile_id}),
            **forms_given,
        }
    return render(request, "people/person_detail.html", context, status=status)


@login_required
@require_GET
def person_detail(request, pk):
    return _detail(request, _person(request, pk))


def _focal_person(request, pk) -> Person:
    person = _person(request, pk)
    if not is_focal_agency(request.user):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ được thực hiện thao tác này."))
    return person


@login_required
def person_edit(request, pk):
    """The focal agency corrects a person's details."""
    person = _focal_person(request, pk)
    units = Unit.objects.filter(is_active=True)
    if person.unit_id:
        units = units | Unit.objects.filter(pk=person.unit_id)
    form = PersonEditForm(request.POST or None, person=person, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã cập nhật thông tin cá nhân."))
            return redirect(person)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "people/person_form.html",
        {"form": form, "heading": _("Sửa thông tin cá nhân"), "person": person},
        status=status,
    )


@login_required
@require_POST
def person_merge(request, pk):
    """The focal agency folds a duplicate (a namesake record of the same person) into this one."""
    person = _focal_person(request, pk)
    form = MergeForm(request.POST, candidates=Person.objects.exclude(pk=person.pk))
    if not form.is_valid():
        # Shown under the field; the list offered is the namesakes, as on the page.
        form.fields["duplicate"].queryset = namesakes(person)
        return _detail(request, person, status=400, merge_form=form)
    services.merge_persons(
        person,
        form.cleaned_data["duplicate"],
        actor=request.user,
        comment=form.cleaned_data["comment"],
    )
    messages.success(request, _("Đã gộp bản ghi trùng."))
    return redirect(person)


@login_required
@require_POST
def person_flag(request, pk):
    person = _focal_person(request, pk)
    services.set_party_committee_managed(
        person, actor=request.user, managed=request.POST.get("managed") == "1"
    )
    return redirect(person)


@login_required
@require_POST
def person_account(request, pk):
    """The focal agency links the person to a staff account (or unlinks it)."""
    person = _focal_person(request, pk)
    form = AccountForm(request.POST)
    if form.is_valid():
        try:
            services.link_staff_profile(
                person, actor=request.user, profile=form.cleaned_data["staff_profile"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã cập nhật tài khoản cán bộ của cá nhân."))
            return redirect(person)
    return _detail(request, person, status=400, account_form=form)


@login_required
@require_POST
def passport_add(request, pk):
    person = _focal_person(request, pk)
    form = PassportForm(request.POST)
    if form.is_valid():
        try:
            services.add_passport(person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(person)
    return _detail(request, person, status=400, passport_form=form)
