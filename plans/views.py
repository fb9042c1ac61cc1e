"""Pages of the annual plan: the rounds, a round (a unit's plan, the focal agency's
compilation, the leader's approval, the signature and the registration), a plan item,
the compiled table, the draft and the registered plan's Word files and the plan against
actual. The signed PDF is the documents' shared download (``issuance_signed``).

Every item read starts from ``PlanItem.objects.visible_to(user)``; every act calls one
service, which checks who may do it (403 otherwise) and audits it.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from matters import issuance, kinds
from matters.forms import RegisterForm, SignForm
from matters.views import download_recorder, error_text, word_or_pdf
from organizations.models import Role, Unit
from organizations.selectors import acting_grants

from . import documents, exports, selectors, services
from .forms import BudgetForm, CommentForm, ItemForm, RoundForm, SupplementForm
from .models import PLAN_TYPE, PlanItem, Round, UnitPlan, Version
from .querysets import FOCAL_ROLES, UNIT_ROLES

ROUND_ACTIONS = ("submit", "approve", "return", "supplement", "budget", "sign", "register")


class Viewer:
    """What the person reading a page is, for the plan (read once per request)."""

    def __init__(self, user):
        grants = acting_grants(user) if user.is_authenticated else []
        self.roles = {role for role, _unit in grants}
        self.staff_units = sorted({u for r, u in grants if r == Role.UNIT_STAFF})
        self.unit_ids = sorted({u for r, u in grants if r in UNIT_ROLES})
        self.focal = bool(self.roles & FOCAL_ROLES)
        self.leader = Role.LEADER in self.roles
        self.clerk = Role.CLERK in self.roles
        self.signs = self.leader or self.clerk  # the leader, or the clerk for them
        self.auditor = Role.AUDITOR in self.roles
        self.province_wide = self.focal or self.leader or self.auditor
        # Who reads the plan's draft before it is signed: who drafts, signs, registers it.
        self.reads_draft = self.focal or self.leader or self.clerk or self.auditor

    def require_any_role(self):
        if not self.roles:
            raise PermissionDenied


def _int(text) -> int | None:
    return int(text) if str(text).isdigit() and len(str(text)) <= 9 else None


def _act(request, service, obj, success: str, **kwargs):
    """Call ``service`` on ``obj`` as the user; flash the result or the refusal."""
    try:
        service(obj, actor=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return False
    messages.success(request, success)
    return True


def _valid(request, form) -> bool:
    """Return True if ``form`` is valid; flash its errors if not."""
    if form.is_valid():
        return True
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return False


# -- rounds --------------------------------------------------------------------------------


@require_GET
@login_required
def index(request):
    viewer = Viewer(request.user)
    viewer.require_any_role()
    return render(
        request,
        "plans/index.html",
        {"rounds": Round.objects.all(), "viewer": viewer, "form": RoundForm()},
    )


@require_POST
@login_required
def open_round(request):
    if not Viewer(request.user).focal:
        raise PermissionDenied
    form = RoundForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan_round = services.open_round(
                year=data["year"],
                deadline=data["deadline"],
                budget_estimate=data["budget_estimate"],
                notice=data["notice"],
                actor=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("Đã mở đợt lập kế hoạch năm %(year)d.") % {"year": plan_round.year}
            )
            return redirect(plan_round)
    viewer = Viewer(request.user)
    context = {"rounds": Round.objects.all(), "viewer": viewer, "form": form}
    return render(request, "plans/index.html", context, status=400)


@require_GET
@login_required
def round_detail(request, pk):
    viewer = Viewer(request.user)
    viewer.require_any_role()
    plan_round = get_object_or_404(Round.objects.visible_to(request.user), pk=pk)
    visible = PlanItem.objects.visible_to(request.user).for_table()
    own = []
    for unit_id in viewer.unit_ids:
        unit_plan = plan_round.unit_plans.filter(unit_id=unit_id).select_related("unit").first()
        items = visible.filter(unit_plan=unit_plan) if unit_plan else PlanItem.objects.none()
        own.append(
            {
                "unit_id": unit_id,
                "plan": unit_plan,
                "items": items,
                "staff": unit_id in viewer.staff_units,
                "editable": plan_round.status == Round.Status.OPEN
                and (unit_plan is None or unit_plan.status in UnitPlan.EDITABLE),
            }
        )
    context = {
        "round": plan_round,
        "viewer": viewer,
        "own": own,
        "unit_plans": selectors.unit_plans(plan_round) if viewer.province_wide else [],
        "versions": plan_round.versions.select_related("issuance"),
        "document": _pending(plan_round),
        "sign_form": SignForm(),
        "register_form": _register_form(),
        "comment_form": CommentForm(),
        "supplement_form": SupplementForm(),
        "budget_form": BudgetForm(initial={"budget_estimate": plan_round.budget_estimate}),
        "compiled_total": selectors.total_cost(
            visible.filter(unit_plan__round=plan_round, withdrawn_in=None)
        ),
    }
    return render(request, "plans/round.html", context)


def _pending(plan_round):
    """Return the round's plan on its way to the register, or None."""
    if plan_round.status != Round.Status.SIGNING:
        return None
    return issuance.pending(plan_round)


def _register_form(data=None) -> RegisterForm:
    """The clerk's form: the number from the paper register, unless the system gives it."""
    return RegisterForm(data, auto=issuance.auto_numbered(PLAN_TYPE))


@require_POST
@login_required
def round_action(request, pk, action):
    plan_round = get_object_or_404(Round, pk=pk)
    viewer = Viewer(request.user)
    if action not in ROUND_ACTIONS:
        raise Http404
    allowed = {
        "approve": viewer.leader,
        "return": viewer.leader,
        "sign": viewer.signs,
        "register": viewer.clerk,
    }
    if not allowed.get(action, viewer.focal):
        raise PermissionDenied
    comment = request.POST.get("comment", "")
    if action == "submit":
        _act(
            request,
            services.submit_plan,
            plan_round,
            _("Đã trình UBND tỉnh phê duyệt kế hoạch."),
            comment=comment,
        )
    elif action == "approve":
        _act(
            request, services.approve_plan, plan_round, _("Đã phê duyệt kế hoạch."), comment=comment
        )
    elif action == "return":
        _act(request, services.return_plan, plan_round, _("Đã trả lại kế hoạch."), comment=comment)
    elif action == "sign":
        form = SignForm(request.POST, request.FILES)
        if _valid(request, form):
            _act(
                request,
                services.sign_plan,
                plan_round,
                _("Đã lưu bản đã ký của kế hoạch."),
                upload=form.cleaned_data["signed_file"],
                signed_on=form.cleaned_data["signed_on"],
            )
    elif action == "register":
        form = _register_form(request.POST)
        if _valid(request, form):
            _act(
                request,
                services.register_plan,
                plan_round,
                _("Đã vào sổ và ban hành kế hoạch."),
                issued_on=form.cleaned_data["issued_on"],
                sequence=form.cleaned_data.get("sequence"),
            )
    elif action == "supplement":
        form = SupplementForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Hãy nhập hạn đăng ký bổ sung hợp lệ."))
        else:
            _act(
                request,
                services.open_supplement,
                plan_round,
                _("Đã mở đợt đăng ký bổ sung kế hoạch."),
                deadline=form.cleaned_data["deadline"],
                comment=form.cleaned_data["comment"],
            )
    elif action == "budget":
        form = BudgetForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Dự toán kinh phí không hợp lệ."))
        else:
            _act(
                request,
                services.set_budget,
                plan_round,
                _("Đã cập nhật dự toán kinh phí."),
                budget_estimate=form.cleaned_data["budget_estimate"],
            )
    else:
        raise Http404
    return redirect(plan_round)


# -- a unit's plan and its items --------------------------------------------------------------


def _staff_unit_plan(request, plan_round):
    """Return the plan of the unit the user files for (``?unit=`` among theirs), or 403."""
    viewer = Viewer(request.user)
    unit_id = _int(request.GET.get("unit") or request.POST.get("unit") or "")
    units = viewer.staff_units
    if unit_id not in units:
        unit_id = units[0] if len(units) == 1 else None
    if unit_id is None:
        raise PermissionDenied
    return services.unit_plan_for(plan_round, Unit.objects.get(pk=unit_id))


def _item_page(request, form, *, plan_round, unit_plan, item=None, status=200):
    context = {"form": form, "round": plan_round, "unit_plan": unit_plan, "item": item}
    return render(request, "plans/item_form.html", context, status=status)


def _save_item(request, form, unit_plan, item=None):
    """Validate ``form`` and save the item; return it, or None (errors on the form)."""
    if not form.is_valid():
        return None
    try:
        return services.save_item(
            unit_plan, actor=request.user, fields=form.item_fields(), item=item
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return None


@login_required
def item_new(request, pk):
    plan_round = get_object_or_404(Round, pk=pk)
    if plan_round.status != Round.Status.OPEN:
        raise PermissionDenied
    unit_plan = _staff_unit_plan(request, plan_round)
    form = ItemForm(request.POST or None, instance=PlanItem(unit_plan=unit_plan))
    if request.method == "POST":
        if _save_item(request, form, unit_plan) is not None:
            messages.success(request, _("Đã thêm mục vào kế hoạch của đơn vị."))
            return redirect(plan_round)
        return _item_page(request, form, plan_round=plan_round, unit_plan=unit_plan, status=400)
    return _item_page(request, form, plan_round=plan_round, unit_plan=unit_plan)


@login_required
def item_edit(request, pk):
    item = get_object_or_404(PlanItem.objects.visible_to(request.user).for_table(), pk=pk)
    unit_plan = item.unit_plan
    if unit_plan.unit_id not in Viewer(request.user).staff_units or item.approved:
        raise PermissionDenied
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST":
        if _save_item(request, form, unit_plan, item) is not None:
            messages.success(request, _("Đã cập nhật mục kế hoạch."))
            return redirect(unit_plan.round)
        status = 400
    else:
        status = 200
    return _item_page(
        request, form, plan_round=unit_plan.round, unit_plan=unit_plan, item=item, status=status
    )


@require_POST
@login_required
def item_delete(request, pk):
    item = get_object_or_404(PlanItem.objects.visible_to(request.user).for_table(), pk=pk)
    plan_round = item.unit_plan.round
    if item.unit_plan.unit_id not in Viewer(request.user).staff_units or item.approved:
        raise PermissionDenied
    _act(request, services.delete_item, item, _("Đã xóa mục kế hoạch."))
    return redirect(plan_round)


@require_GET
@login_required
def item_detail(request, pk):
    item = get_object_or_404(PlanItem.objects.visible_to(request.user).for_table(), pk=pk)
    viewer = Viewer(request.user)
    requests, start = [], []
    # What a request may carry out: in force, and no change to it awaiting approval.
    offered = item.in_force and not item.replacements.exists()
    for key, kind in selectors.planned_kinds().items():
        requests += list(kind.model.objects.visible_to(request.user).filter(plan_item=item))
        files_here = item.unit_plan.unit_id in viewer.staff_units
        if key == item.kind and kind.start_url and offered and files_here:
            start.append((kind, reverse(kind.start_url) + f"?plan_item={item.pk}"))
    return render(request, "plans/item.html", {"item": item, "requests": requests, "start": start})


@require_POST
@login_required
def unit_plan_action(request, pk, action):
    unit_plan = get_object_or_404(UnitPlan.objects.select_related("round", "unit"), pk=pk)
    viewer = Viewer(request.user)
    if not (viewer.focal or unit_plan.unit_id in viewer.unit_ids):
        raise Http404  # another unit's plan is none of this person's business
    comment = request.POST.get("comment", "")
    if action == "submit":
        _act(
            request,
            services.submit_unit_plan,
            unit_plan,
            _("Đã gửi kế hoạch của đơn vị tới lãnh đạo đơn vị."),
            comment=comment,
        )
    elif action == "endorse":
        _act(
            request,
            services.endorse_unit_plan,
            unit_plan,
            _("Đã gửi kế hoạch của đơn vị tới cơ quan ngoại vụ."),
            comment=comment,
        )
    elif action == "return":
        _act(
            request,
            services.return_unit_plan,
            unit_plan,
            _("Đã trả lại kế hoạch của đơn vị."),
            comment=comment,
        )
    else:
        raise Http404
    return redirect(unit_plan.round)


# -- the compiled plan, its Word file, the plan against actual ----------------------------------


@require_GET
@login_required
def compiled(request, pk):
    viewer = Viewer(request.user)
    viewer.require_any_role()
    plan_round = get_object_or_404(Round, pk=pk)
    visible = PlanItem.objects.visible_to(request.user)
    filters = {
        "unit": _int(request.GET.get("unit", "")),
        "kind": request.GET.get("kind", ""),
        "quarter": _int(request.GET.get("quarter", "")),
        "status": request.GET.get("status", ""),
        "sort": request.GET.get("sort", ""),
    }
    items = list(selectors.compiled_items(plan_round, visible, **filters))
    # The flags read the whole compiled plan, whatever the filter shows.
    everything = selectors.compiled_items(plan_round, visible)
    per_item, overall = selectors.flags(plan_round, everything)
    if request.GET.get("format") == "xlsx":
        return exports.compiled_xlsx(plan_round, items, per_item)
    units = {item.unit_plan.unit for item in everything}
    context = {
        "round": plan_round,
        "rows": [(item, per_item.get(item.pk, [])) for item in items],
        "overall": overall,
        "total": sum((item.estimated_cost for item in items), 0),
        "units": sorted(units, key=lambda unit: unit.name),
        "kinds": PlanItem.Kind.choices,
        "statuses": [
            ("approved", _("Đã phê duyệt")),
            ("pending", _("Chưa phê duyệt")),
            *UnitPlan.Status.choices,
        ],
        "filters": filters,
        "query": request.GET.urlencode(),
    }
    return render(request, "plans/compiled.html", context)


@require_GET
@login_required
def version_document(request, pk, as_pdf=False):
    """A registered version of the plan, as a Word file (or its PDF), audited."""
    Viewer(request.user).require_any_role()
    version = get_object_or_404(Version.objects.select_related("round", "approver"), pk=pk)
    plan_round = version.round
    record = download_recorder(request.user, plan_round, version=version.pk, kind="plan")
    stem = f"Ke-hoach-{plan_round.year}-lan-{version.number}"
    content = documents.version_docx(version)
    return word_or_pdf(
        request, content, stem, as_pdf=as_pdf, back=_round_url(plan_round), record=record
    )


@require_GET
@login_required
def draft(request, pk, as_pdf=False):
    """The approved plan awaiting signature, as the leader signs it: no number, no date
    (a Word file, or its PDF)."""
    if not Viewer(request.user).reads_draft:
        raise PermissionDenied
    plan_round = get_object_or_404(Round.objects.visible_to(request.user), pk=pk)
    document = _pending(plan_round)
    if document is None:
        raise Http404
    content = documents.draft_docx(plan_round, services.draft_items(plan_round))

    def record(_fmt):
        fmt = "pdf" if as_pdf else None
        issuance.downloaded(request.user, plan_round, document, "draft", fmt=fmt)

    stem = f"Du-thao-ke-hoach-{plan_round.year}"
    return word_or_pdf(
        request, content, stem, as_pdf=as_pdf, back=_round_url(plan_round), record=record
    )


def _round_url(plan_round) -> str:
    return reverse("plans:round", args=[plan_round.pk])


@require_GET
@login_required
def actual(request):
    viewer = Viewer(request.user)
    viewer.require_any_role()
    year = _int(request.GET.get("year", "")) or timezone.localdate().year
    if not datetime.MINYEAR < year < datetime.MAXYEAR:
        raise Http404
    unit = None
    if not viewer.province_wide:
        if not viewer.unit_ids:
            raise PermissionDenied
        unit = Unit.objects.get(pk=viewer.unit_ids[0])
    figures = selectors.plan_vs_actual(year, unit=unit)
    labels = {key: kinds.get(key).label for key in figures["kinds"]}
    if request.GET.get("format") == "xlsx":
        return exports.actual_xlsx(figures, labels)
    years = sorted(set(Round.objects.values_list("year", flat=True)) | {year}, reverse=True)
    rows = [
        (row["unit"], labels[key], row["kinds"][key])
        for row in figures["units"]
        for key in labels
        if row["kinds"][key]["planned"] or row["kinds"][key]["unplanned"]
    ]
    totals = [(key, labels[key], figures["total"][key]) for key in labels]
    context = {"rows": rows, "totals": totals, "year": year, "years": years, "unit": unit}
    return render(request, "plans/actual.html", context)
