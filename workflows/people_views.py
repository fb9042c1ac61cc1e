"""The import of the registry of persons and their passports from Excel (the focal agency).

The registry (``people``) stands below the kernel and knows no upload rules; the page
(``matters.imports``) checks the file as every upload is checked and hands it to
``people.importing``.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from matters.imports import import_page, template_response
from people import importing
from people.selectors import is_focal_agency


def _require_focal_agency(user) -> None:
    if not is_focal_agency(user):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ được nhập danh bạ."))


@login_required
def person_import(request):
    _require_focal_agency(request.user)
    return import_page(
        request,
        template_name="people/person_import.html",
        run=lambda upload: importing.import_workbook(upload, actor=request.user),
        not_xlsx=_("Danh bạ phải là tệp Excel (.xlsx)."),
    )


@login_required
@require_GET
def person_template(request):
    _require_focal_agency(request.user)
    return template_response(importing.template_workbook(), "mau-danh-ba-ca-nhan.xlsx")
