"""The ABTC pages outside the flow: the list with search, the register of cards (and
recording a card, and importing the cards issued before the system), the statistics and
their Excel export.

Every read goes through ``AbtcRequest.objects.visible_to(user)``: a person without a
role sees an empty list, a business sees its own requests and cards only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from matters import steps
from matters.imports import import_page, template_response
from matters.paging import SearchedList
from matters.views import MatterList, field_column
from organizations.models import Role
from organizations.search import query_text, search
from organizations.selectors import has_role
from people.selectors import is_focal_agency

from . import exports, importing, selectors, services
from .forms import CardForm
from .models import AbtcRequest, Manager, Status


def _year(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) == 4 else None


class RequestList(MatterList):
    """The requests this person may see, newest first; search (the reference, the
    business, its code, a manager's name or card number, accents aside) and status."""

    model = AbtcRequest
    statuses = Status
    list_title = gettext_lazy("Thẻ đi lại của doanh nhân APEC (ABTC)")
    list_template = "abtc/request_list.html"
    urls = {"page": "abtc_request", "export": "the_abtc:export"}
    search_fields = (
        "reference",
        "unit__name",
        "enterprise_code",
        "managers__full_name",
        "managers__card_number",
    )
    ordering = ("-submitted_at", "-pk")
    export_name = "danh-sach-ho-so-abtc"

    def export_columns(self):
        return [
            (_("Mã hồ sơ"), lambda r: r.reference),
            (_("Doanh nghiệp"), lambda r: r.unit.name),
            field_column(AbtcRequest, "enterprise_code"),
            (_("Ngày gửi"), lambda r: r.submitted_at),
            (_("Số doanh nhân"), lambda r: len(r.managers.all())),
            (_("Nền kinh tế"), lambda r: ", ".join(r.economy_names)),
            (_("Số quyết định"), lambda r: r.decision_number),
            (_("Trạng thái"), lambda r: r.get_status_display()),
        ]


request_pages = RequestList()
request_list = require_GET(request_pages.list_view)
request_export = request_pages.export_view


class CardRegister(SearchedList):
    """The register of cards (sổ theo dõi thẻ ABTC) the person may see."""

    template = "abtc/card_register.html"
    export_name = "so-the-abtc"
    sheet = gettext_lazy("Sổ thẻ ABTC")
    export_url_name = "the_abtc:cards_export"

    def rows(self, request):
        return _cards(request)

    def extra(self, request):
        return {"may_import": is_focal_agency(request.user)}

    def columns(self):
        return [
            field_column(Manager, "card_number"),
            field_column(Manager, "full_name"),
            field_column(Manager, "position"),
            (_("Doanh nghiệp"), lambda card: card.request.unit.name),
            (_("Quyết định"), lambda card: card.request.decision_number),
            field_column(Manager, "card_issued_on"),
            field_column(Manager, "card_expires_on"),
            (_("Nền kinh tế"), lambda card: ", ".join(str(n) for n in card.card_economy_names)),
        ]


cards = CardRegister()
card_register = cards.list_view
card_export = cards.export_view


def _cards(request):
    """Return the cards of the requests the person may see matching ``?q=`` (name, card
    number), soonest to expire first, and the text searched."""
    cards = selectors.cards(AbtcRequest.objects.visible_to(request.user))
    text = query_text(request)
    return search(cards, text, ("full_name", "card_number")), text


def _require_focal_agency(user) -> None:
    if not is_focal_agency(user):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ được nhập sổ thẻ ABTC."))


@login_required
def card_import(request):
    """The focal agency imports the cards issued before the system (docs/import.md)."""
    _require_focal_agency(request.user)
    return import_page(
        request,
        template_name="abtc/card_import.html",
        run=lambda upload: importing.import_workbook(
            upload, actor=request.user, file_name=upload.name
        ),
        not_xlsx=_("Sổ thẻ ABTC phải là tệp Excel (.xlsx)."),
    )


@login_required
@require_GET
def card_import_template(request):
    _require_focal_agency(request.user)
    return template_response(importing.template_workbook(), "mau-nhap-the-abtc.xlsx")


def may_register_cards(user, abtc_request) -> bool:
    """Return True if ``user`` is a reviewer of the focal agency (who keeps the register)."""
    agency = steps.seat(abtc_request, Role.DEPARTMENT_REVIEWER)
    return agency is not None and has_role(user, Role.DEPARTMENT_REVIEWER, agency)


@login_required
def register_card(request, pk, manager_pk):
    """The focal agency records the card issued to one allowed manager."""
    abtc_request = get_object_or_404(AbtcRequest.objects.visible_to(request.user), pk=pk)
    manager = get_object_or_404(Manager, request=abtc_request, pk=manager_pk, approved=True)
    if not may_register_cards(request.user, abtc_request):
        raise PermissionDenied(_("Bạn không có quyền vào sổ thẻ ABTC."))
    initial = {
        "number": manager.card_number,
        "issued_on": manager.card_issued_on,
        "expires_on": manager.card_expires_on,
        "economies": manager.card_economies or abtc_request.economies,
    }
    form = CardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register_card(
                manager,
                actor=request.user,
                number=data["number"],
                issued_on=data["issued_on"],
                expires_on=data["expires_on"],
                economies=data["economies"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Đã vào sổ thẻ ABTC của %(name)s.") % {"name": manager})
            return redirect(abtc_request)
    return render(
        request,
        "abtc/card_form.html",
        {"abtc_request": abtc_request, "manager": manager, "form": form},
    )


def _statistics(request):
    visible = AbtcRequest.objects.visible_to(request.user)
    year = _year(request.GET.get("year", ""))
    return visible, year, selectors.statistics(visible, year)


@require_GET
@login_required
def statistics(request):
    """The figures by year, economy and business, of what the person may see."""
    visible, year, figures = _statistics(request)
    return render(
        request,
        "abtc/statistics.html",
        {"figures": figures, "year": year, "years": selectors.years(visible)},
    )


@require_GET
@login_required
def statistics_xlsx(request):
    visible, year, figures = _statistics(request)
    return exports.statistics_xlsx(figures, selectors.cards(visible), year)
