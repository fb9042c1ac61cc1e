"""The import of the registry of persons and their passports from Excel (the focal agency).

The registry (``people``) stands below the kernel and knows no upload rules; this page
checks the file as every upload is checked (``matters.files``, ``matters.ooxml``) and
hands it to ``people.importing``.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from matters import files
from matters.ooxml import refuse_xml_declarations
from people import importing
from people.selectors import is_focal_agency

MAX_UNPACKED = 20 * files.MB


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx) theo mẫu"))


def _require_focal_agency(user) -> None:
    if not is_focal_agency(user):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ được nhập danh bạ."))


@login_required
def person_import(request):
    _require_focal_agency(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if files.validate_upload(upload) != files.XLSX:
                raise ValidationError(_("Danh bạ phải là tệp Excel (.xlsx)."))
            if files.unpacked_size(upload) > MAX_UNPACKED:
                raise ValidationError(_("Tệp Excel quá lớn."))
            refuse_xml_declarations(upload)
            result = importing.import_workbook(upload, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
    status = 400 if form.errors else 200
    return render(
        request, "people/person_import.html", {"form": form, "result": result}, status=status
    )


@login_required
@require_GET
def person_template(request):
    _require_focal_agency(request.user)
    response = HttpResponse(importing.template_workbook(), content_type=files.XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-ba-ca-nhan.xlsx"'
    return response
