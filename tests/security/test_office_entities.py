"""Office files (DOCX, XLSX) are zip packages of XML: a DTD in any part can declare
entities that expand a few kilobytes into gigabytes when parsed (the "billion laughs").
No Office file a person would upload needs a DTD, so any part declaring one is refused
before a parser sees it.
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from matters.ooxml import refuse_xml_declarations
from permits.guest_import import parse_guest_list
from tests.workflows.inbound_helpers import workbook

BOMB = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def _with_part_replaced(package: io.BytesIO, name: str, transform) -> SimpleUploadedFile:
    out = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for entry in source.infolist():
            data = source.read(entry.filename)
            z.writestr(entry, transform(data) if entry.filename == name else data)
    return SimpleUploadedFile(
        "khach.xlsx",
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _guest_rows():
    return [["TANAKA Hiroshi", "JP", "TZ1234567", "31/12/2030", "15/04/1975", "JETRO", ""]]


def _bombed(data: bytes) -> bytes:
    return BOMB + data.replace(b"TANAKA Hiroshi", b"&lol2;", 1)


def test_a_guest_workbook_declaring_entities_is_refused():
    upload = _with_part_replaced(workbook(_guest_rows()), "xl/worksheets/sheet1.xml", _bombed)
    with pytest.raises(ValidationError, match="không được chứa khai báo DTD"):
        parse_guest_list(upload)


def test_a_doctype_in_any_part_is_refused_even_without_entities():
    def doctype_only(data):
        return b'<!DOCTYPE worksheet SYSTEM "http://example.invalid/x">' + data

    upload = _with_part_replaced(workbook(_guest_rows()), "xl/worksheets/sheet1.xml", doctype_only)
    with pytest.raises(ValidationError):
        refuse_xml_declarations(upload)


def test_a_declaration_split_across_read_chunks_is_found():
    def padded(data):
        # Push the declaration so that it straddles the reader's 64 KiB chunk boundary.
        return b" " * (65536 - 4) + b"<!DOCTYPE x>" + data

    upload = _with_part_replaced(workbook(_guest_rows()), "xl/workbook.xml", padded)
    with pytest.raises(ValidationError):
        refuse_xml_declarations(upload)


def test_an_ordinary_workbook_passes_and_is_left_at_its_start():
    upload = SimpleUploadedFile("khach.xlsx", workbook(_guest_rows()).getvalue())
    refuse_xml_declarations(upload)
    assert upload.tell() == 0
    assert len(parse_guest_list(upload)) == 1


def test_a_file_that_is_no_zip_is_left_to_the_other_checks():
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.7\n...")
    refuse_xml_declarations(upload)
    assert upload.tell() == 0
