"""The register of foreign NGOs (danh mục tổ chức PCPNN), the meetings held with them and
the list of aid projects.

The register is the province's reference data: whoever holds a role reads it; the focal
agency's (or the appraising agency's) reviewers keep it. Projects are read through
``AidProject.objects.visible_to(user)`` everywhere, an NGO's page included: another
unit's projects are not listed. Visits hosted for an NGO are another kind's matters,
read through the registry of kinds and that kind's own visibility rule (ADR 0015).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from matters import kinds
from matters.paging import SearchedList
from matters.views import MatterList, field_column
from organizations.search import query_text, search
from organizations.selectors import roles_of

from . import forms, register
from .models import AidProject, ForeignNGO, Meeting, Status

URLS = {"page": "ngo_aid_project", "export": "ngo_aid:export"}


def _require_a_role(user) -> None:
    if not roles_of(user):
        raise PermissionDenied(_("Bạn chưa được phân quyền."))


def _keeps_register(user) -> bool:
    try:
        register.require_register_keeper(user)
    except PermissionDenied:
        return False
    return True


class ProjectList(MatterList):
    """The aid projects this person may see, newest first, by status and by text (the
    title, the reference or the donor's name in either language, accents aside)."""

    model = AidProject
    statuses = Status
    list_title = gettext_lazy("Viện trợ phi chính phủ nước ngoài")
    list_template = "ngo_aid/project_list.html"
    urls = URLS
    search_fields = ("title", "reference", "donor__name", "donor__name_vi")
    export_name = "danh-sach-vien-tro"
    title_header = gettext_lazy("Tên chương trình, dự án")
    field_columns = ("donor", "amount_usd")


projects = ProjectList()
project_list = require_GET(projects.list_view)
project_export = projects.export_view


class NgoRegister(SearchedList):
    """The register of foreign NGOs, searchable by name (either language) and country."""

    template = "ngo_aid/ngo_list.html"
    export_name = "danh-muc-to-chuc-pcpnn"
    sheet = gettext_lazy("Tổ chức PCPNN")
    export_url_name = "ngo_aid:ngos_export"

    def allow(self, request):
        _require_a_role(request.user)

    def rows(self, request):
        return _ngos(request)

    def extra(self, request):
        return {"can_edit": _keeps_register(request.user)}

    def columns(self):
        return [
            field_column(ForeignNGO, "name"),
            field_column(ForeignNGO, "name_vi"),
            field_column(ForeignNGO, "country"),
            field_column(ForeignNGO, "registration_kind"),
            field_column(ForeignNGO, "registration_number"),
            field_column(ForeignNGO, "registration_valid_until"),
            (_("Số khoản viện trợ"), lambda ngo: ngo.project_count),
        ]


ngos = NgoRegister()
ngo_list = ngos.list_view
ngo_export = ngos.export_view


def _ngos(request):
    """Return the register's rows matching ``?q=`` (a name in either language or a
    country code), by name, and the text searched."""
    ngos = ForeignNGO.objects.annotate(project_count=Count("projects", distinct=True))
    text = query_text(request)
    if text:
        ngos = search(ngos, text, ("name", "name_vi")) | ngos.filter(country__iexact=text)
    return ngos.order_by("name", "pk"), text


def _visits(user, ngo) -> list:
    """Return the visits hosted for ``ngo`` that ``user`` may see (each kind's own rule)."""
    shown = []
    for link in ngo.visits.select_related("matter_type"):
        kind = kinds.for_model(link.matter_type.model_class())
        if kind is None:
            continue
        matter = kind.model.objects.visible_to(user).filter(pk=link.matter_id).first()
        if matter is not None:
            shown.append(matter)
    return shown


@require_GET
@login_required
def ngo_detail(request, pk):
    """One NGO: its registration, and the province's history with it."""
    _require_a_role(request.user)
    ngo = get_object_or_404(ForeignNGO, pk=pk)
    projects = AidProject.objects.visible_to(request.user).filter(donor=ngo).for_list()
    return render(
        request,
        "ngo_aid/ngo_detail.html",
        {
            "ngo": ngo,
            "projects": projects.order_by("-created_at"),
            "meetings": ngo.meetings.order_by("-held_on"),
            "visits": _visits(request.user, ngo),
            "can_edit": _keeps_register(request.user),
            "link_form": forms.LinkVisitForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ngo_edit(request, pk=None):
    """Add an NGO to the register, or correct one (the register's keepers only)."""
    if not _keeps_register(request.user):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ mới cập nhật danh mục tổ chức PCPNN."))
    ngo = get_object_or_404(ForeignNGO, pk=pk) if pk else ForeignNGO()
    form = forms.NgoForm(request.POST or None, instance=ngo)
    if request.method == "POST" and form.is_valid():
        try:
            ngo = register.save_ngo(form.save(commit=False), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu tổ chức %(name)s.") % {"name": ngo.name})
            return redirect(ngo)
    return render(request, "ngo_aid/ngo_form.html", {"form": form, "ngo": ngo})


@login_required
@require_http_methods(["POST"])
def link_visit(request, pk):
    """Link an inbound visit hosted for the NGO, by its reference (the register's keepers)."""
    if not _keeps_register(request.user):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ mới cập nhật danh mục tổ chức PCPNN."))
    ngo = get_object_or_404(ForeignNGO, pk=pk)
    form = forms.LinkVisitForm(request.POST)
    visit = None
    if form.is_valid():
        model = kinds.get("inbound").model
        visible = model.objects.visible_to(request.user)
        visit = visible.filter(reference=form.cleaned_data["reference"].strip()).first()
    if visit is None:
        messages.error(request, _("Không tìm thấy đoàn vào có mã này."))
        return redirect(ngo)
    try:
        register.link_visit(ngo, visit, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã liên kết đoàn vào %(ref)s.") % {"ref": visit.reference})
    return redirect(ngo)


class MeetingList(SearchedList):
    """The meetings with NGOs, newest first."""

    template = "ngo_aid/meeting_list.html"
    export_name = "cuoc-gap-to-chuc-pcpnn"
    sheet = gettext_lazy("Cuộc gặp")
    export_url_name = "ngo_aid:meetings_export"

    def allow(self, request):
        _require_a_role(request.user)

    def rows(self, request):
        return _meetings(request)

    def extra(self, request):
        return {"can_edit": _keeps_register(request.user)}

    def columns(self):
        return [
            field_column(Meeting, "held_on"),
            field_column(Meeting, "title"),
            field_column(Meeting, "level"),
            (
                _("Tổ chức tham dự"),
                lambda meeting: ", ".join(ngo.name for ngo in meeting.organisations.all()),
            ),
            field_column(Meeting, "content"),
        ]


meetings = MeetingList()
meeting_list = meetings.list_view
meeting_export = meetings.export_view


def _meetings(request):
    """Return the meetings matching ``?q=`` (title or content), newest first, and the text."""
    meetings = Meeting.objects.prefetch_related("organisations")
    text = query_text(request)
    meetings = search(meetings, text, ("title", "content"))
    return meetings.order_by("-held_on", "-pk"), text


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request):
    """Record a meeting with NGOs (the register's keepers)."""
    if not _keeps_register(request.user):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ mới ghi nhận cuộc gặp."))
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisations = data.pop("organisations")
        try:
            register.record_meeting(actor=request.user, fields=data, organisations=organisations)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận cuộc gặp."))
            return redirect("ngo_aid:meetings")
    return render(request, "ngo_aid/meeting_form.html", {"form": form})
