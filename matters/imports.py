"""The page of a one-sheet Excel import (the registry of persons, past ABTC cards): the
upload form, the checks every upload gets, and the result or every error named.

The importer (``people.importing``, ``abtc.importing``) reads the rows
(``organizations.excel``) and knows nothing of uploads; this module checks the file first
as every upload is checked (``matters.files``: its content is an .xlsx; ``matters.ooxml``:
no DTD) and within a size, then hands it over. Each error of the importer is a line under
the field; nothing is kept from a refused file (the importer's transaction).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import files
from .ooxml import refuse_xml_declarations

MAX_UNPACKED = 20 * files.MB


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx) theo mẫu"))


def import_page(request, *, template_name: str, run, not_xlsx: str, context=None):
    """Render ``template_name`` with the form and, after a good upload, ``run(upload)``'s
    result; a bad file or a refused import shows every message (status 400)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if files.validate_upload(upload) != files.XLSX:
                raise ValidationError(not_xlsx)
            if files.unpacked_size(upload) > MAX_UNPACKED:
                raise ValidationError(_("Tệp Excel quá lớn."))
            refuse_xml_declarations(upload)
            result = run(upload)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
    status = 400 if form.errors else 200
    page = {"form": form, "result": result, **(context or {})}
    return render(request, template_name, page, status=status)


def template_response(content: bytes, filename: str) -> HttpResponse:
    """Return an import's empty template as an .xlsx download."""
    response = HttpResponse(content, content_type=files.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
