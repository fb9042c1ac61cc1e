"""Attachments: only real PDF, DOCX, XLSX, JPEG and PNG files get in, by their content.

lan (unit staff of unit A) uploads to her unit's trip; minh (unit A head) downloads.
"""

import hashlib
import io
import struct
import unicodedata
import zipfile
import zlib

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile

import audit
from audit.models import Entry
from matters import files
from permits import uploads
from permits.models import Attachment

from .factories_trips import make_trip

pytestmark = pytest.mark.django_db


# -- real small files -----------------------------------------------------------------


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"


def png_bytes() -> bytes:
    """Return a valid 1×1 grey PNG."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    """Return the start of a JFIF JPEG and its end marker (enough for the check)."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + b"\xff\xd9"


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Thư mời tham dự hội nghị xúc tiến đầu tư")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Dự toán kinh phí"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in entries.items():
            package.writestr(name, content)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def refusal(file) -> str:
    with pytest.raises(ValidationError) as error:
        uploads.validate_upload(file)
    return error.value.messages[0]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def trip(unit_a, lan):
    return make_trip(unit_a, lan)


# -- what is accepted -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("thu-moi.pdf", pdf_bytes(), uploads.PDF),
        ("ban-dich.docx", docx_bytes(), uploads.DOCX),
        ("du-toan.xlsx", xlsx_bytes(), uploads.XLSX),
        ("anh.jpg", jpeg_bytes(), uploads.JPEG),
        ("anh.JPEG", jpeg_bytes(), uploads.JPEG),
        ("so-do.png", png_bytes(), uploads.PNG),
        ("THU MOI.PDF", pdf_bytes(), uploads.PDF),
    ],
)
def test_each_allowed_type_is_accepted_by_its_content(name, content, content_type):
    assert uploads.validate_upload(upload(name, content)) == content_type


def test_a_file_at_the_limit_is_accepted(settings):
    settings.UPLOAD_MAX_BYTES = len(pdf_bytes())
    assert uploads.validate_upload(upload("x.pdf", pdf_bytes())) == uploads.PDF


# -- what is refused ------------------------------------------------------------------


def test_an_oversized_file_is_refused_with_the_limit_in_megabytes():
    big = InMemoryUploadedFile(
        io.BytesIO(pdf_bytes()), "file", "x.pdf", "application/pdf", 20 * 1024 * 1024 + 1, None
    )
    assert refusal(big) == "Tệp “x.pdf” vượt quá dung lượng cho phép 20 MB."


@pytest.mark.parametrize(
    ("limit", "shown"), [(1536 * 1024, "1,5 MB"), (1536, "1,5 KB"), (5 * 1024 * 1024, "5 MB")]
)
def test_the_size_limit_is_a_setting(settings, limit, shown):
    settings.UPLOAD_MAX_BYTES = limit
    content = pdf_bytes() + b" " * limit
    assert refusal(upload("x.pdf", content)) == f"Tệp “x.pdf” vượt quá dung lượng cho phép {shown}."


def test_an_empty_file_is_refused():
    assert refusal(upload("x.pdf", b"")) == "Tệp “x.pdf” rỗng."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("hoa-don.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("thu-moi.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("thu-moi.docx", b"<html><body>not a document</body></html>"),
        ("anh.pdf", png_bytes()),
        ("thu-moi.png", pdf_bytes()),
        ("anh.jpg", png_bytes()),
        ("bang.xlsx", docx_bytes()),
        ("van-ban.docx", xlsx_bytes()),
        ("thu-moi.pdf", b" %PDF-1.4 leading space"),
    ],
)
def test_a_disguised_file_is_refused(name, content):
    assert refusal(upload(name, content)) == (
        f"Tệp “{name}” không phải PDF, DOCX, XLSX, JPG hoặc PNG hợp lệ "
        "(nội dung tệp không khớp với định dạng)."
    )


@pytest.mark.parametrize("name", ["setup.exe", "thu-moi.html", "thu-moi.doc", "thu-moi"])
def test_a_name_without_an_allowed_extension_is_refused(name):
    message = refusal(upload(name, pdf_bytes()))
    assert message == f"Tệp “{name}” không thuộc định dạng được phép (PDF, DOCX, XLSX, JPG, PNG)."


@pytest.mark.parametrize(
    "content",
    [
        zip_bytes({"readme.txt": b"hello"}),
        zip_bytes({"[Content_Types].xml": b"<Types/>", "word/other.xml": b"<x/>"}),
        zip_bytes(
            {
                "[Content_Types].xml": b"application/vnd.ms-word.document.macroEnabled.main+xml",
                "word/document.xml": b"<w:document/>",
            }
        ),
        b"PK\x03\x04" + b"\x00" * 100,
    ],
    ids=["plain zip", "no main part", "macro-enabled", "corrupt"],
)
def test_a_zip_that_is_not_a_word_document_is_refused(content):
    assert "nội dung tệp không khớp" in refusal(upload("thu-moi.docx", content))


def test_a_zip_with_too_many_entries_is_refused(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_ENTRIES", 3)
    assert "không khớp" in refusal(upload("thu-moi.docx", docx_bytes()))


def test_a_zip_that_inflates_too_much_is_refused_without_inflating_it(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_TOTAL_UNCOMPRESSED", 1024 * 1024)
    bomb = zip_bytes(
        {
            "[Content_Types].xml": uploads.DOCX.encode() + b".main+xml",
            "word/document.xml": b"\x00" * (8 * 1024 * 1024),
        }
    )
    assert len(bomb) < 100 * 1024
    assert "không khớp" in refusal(upload("thu-moi.docx", bomb))


def test_an_oversized_content_types_part_is_not_read_in_full(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_CONTENT_TYPES_BYTES", 16)
    assert "không khớp" in refusal(upload("thu-moi.docx", docx_bytes()))


def test_validation_leaves_the_file_ready_to_be_read_again():
    content = docx_bytes()
    file = upload("thu-moi.docx", content)
    uploads.validate_upload(file)
    assert file.tell() == 0
    assert file.read() == content


# -- names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\lan\\Thư mời.pdf", "Thư mời.pdf"),
        ("thu\x00moi\r\n.pdf", "thumoi.pdf"),
        ("hoa-don\u202efdp.exe", "hoa-donfdp.exe"),
        ("  Thư mời.pdf  ", "Thư mời.pdf"),
        ("..", uploads.FALLBACK_NAME),
        ("", uploads.FALLBACK_NAME),
        (unicodedata.normalize("NFD", "Thư mời.pdf"), "Thư mời.pdf"),
    ],
)
def test_the_original_name_is_sanitised(given, kept):
    assert uploads.clean_filename(given) == kept


def test_a_long_name_is_cut_to_255_characters_keeping_its_extension():
    name = uploads.clean_filename("t" * 300 + ".pdf")
    assert len(name) == 255
    assert name.endswith("t.pdf")


# -- storing and handing back ---------------------------------------------------------


def test_an_upload_is_stored_under_a_random_name_and_audited(trip, lan, media_root):
    content = pdf_bytes()
    attachment = uploads.add_attachment(
        trip, upload("Thư mời JETRO.pdf", content), kind=Attachment.Kind.INVITATION, actor=lan
    )
    attachment.refresh_from_db()
    assert attachment.original_name == "Thư mời JETRO.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.uploaded_by == lan
    assert "JETRO" not in attachment.file.name
    assert attachment.file.name.startswith(f"permits/{attachment.created_at:%Y/%m}/")
    assert (media_root / attachment.file.name).read_bytes() == content
    entry = Entry.objects.get(action=audit.Action.FILE_UPLOADED)
    assert entry.actor == lan
    assert entry.subject_id == str(trip.pk)
    assert entry.payload == {
        "attachment": attachment.pk,
        "kind": "invitation",
        "name": "Thư mời JETRO.pdf",
        "size": len(content),
    }


def test_two_uploads_of_one_name_get_different_stored_names(trip, lan):
    first, second = (
        uploads.add_attachment(trip, upload("a.pdf", pdf_bytes()), kind="other", actor=lan)
        for _ in range(2)
    )
    assert first.file.name != second.file.name


def test_the_stored_name_drops_the_path_the_browser_sent(trip, lan):
    attachment = uploads.add_attachment(
        trip, upload("..\\..\\Thư mời.pdf", pdf_bytes()), kind="invitation", actor=lan
    )
    assert attachment.original_name == "Thư mời.pdf"
    assert ".." not in attachment.file.name


def test_a_refused_upload_leaves_nothing_behind(trip, lan, media_root):
    with pytest.raises(ValidationError):
        uploads.add_attachment(trip, upload("x.pdf", png_bytes()), kind="invitation", actor=lan)
    assert not Attachment.objects.exists()
    assert not Entry.objects.filter(action=audit.Action.FILE_UPLOADED).exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_a_download_is_an_attachment_and_is_audited(trip, lan, minh):
    content = docx_bytes()
    attachment = uploads.add_attachment(
        trip, upload("Chương trình.docx", content), kind="programme", actor=lan
    )
    response = uploads.download_response(attachment, actor=minh)
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == uploads.DOCX
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Ch%C6%B0%C6%A1ng%20tr%C3%ACnh.docx" in response["Content-Disposition"]
    assert response["Content-Length"] == str(len(content))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    entry = Entry.objects.get(action=audit.Action.FILE_DOWNLOADED)
    assert entry.actor == minh
    assert entry.subject_id == str(trip.pk)
    assert entry.payload["attachment"] == attachment.pk
    response.close()
