"""Stored files (tài liệu đính kèm): check what is uploaded, store it, hand it back.

A file is accepted only when its *content* is a PDF, DOCX, XLSX, JPEG or PNG and its
name says the same: a renamed executable or web page is refused. Files are stored under
a random name (``random_name``); the uploader's name is kept only for the download. Who
may download is the caller's business (``visible_to`` of the file's matter). Every kind
of matter uploads and downloads through here, with its own ``StoredFile`` model.
"""

import contextvars
import hashlib
import os
import secrets
import unicodedata
import zipfile
import zlib
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

import audit
from audit import flush

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TYPE_BY_EXTENSION = {
    ".pdf": PDF,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".png": PNG,
    ".docx": DOCX,
    ".xlsx": XLSX,
}

MAGIC = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
)
ZIP_MAGIC = b"PK\x03\x04"

# What an Office Open XML package must hold to be a Word document or an Excel workbook,
# and the main part's content type ("macroEnabled" variants such as .docm are refused).
OOXML_PARTS = {
    DOCX: ("word/document.xml", DOCX + ".main+xml"),
    XLSX: ("xl/workbook.xml", XLSX + ".main+xml"),
}
CONTENT_TYPES_PART = "[Content_Types].xml"

# Zip-bomb guards: only the central directory and [Content_Types].xml are ever read.
ZIP_MAX_ENTRIES = 10_000
ZIP_MAX_TOTAL_UNCOMPRESSED = 500 * MB
ZIP_MAX_CONTENT_TYPES_BYTES = 1 * MB
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,  # encrypted entries
    NotImplementedError,  # unsupported compression
)

FALLBACK_NAME = "tep-dinh-kem"
MAX_NAME_LENGTH = 255


def max_upload_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def clean_filename(name: str) -> str:
    """Return ``name`` as a safe display name: basename only, no control characters.

    Format characters (Unicode category Cf) go too, so a right-to-left override cannot
    make ``invoice\\u202efdp.exe`` look like ``invoiceexe.pdf``.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf"))
    name = name.strip().strip(".").strip()
    if not name:
        return FALLBACK_NAME
    if len(name) <= MAX_NAME_LENGTH:
        return name
    stem, extension = os.path.splitext(name)
    if len(extension) >= MAX_NAME_LENGTH:
        return name[:MAX_NAME_LENGTH]
    return stem[: MAX_NAME_LENGTH - len(extension)] + extension


def validate_upload(file) -> str:
    """Return the content type of an acceptable upload; raise ValidationError otherwise."""
    name = clean_filename(getattr(file, "name", ""))
    _check_size(file, name)
    expected = TYPE_BY_EXTENSION.get(os.path.splitext(name)[1].lower())
    if expected is None:
        raise ValidationError(
            _("Tệp “%(name)s” không thuộc định dạng được phép (PDF, DOCX, XLSX, JPG, PNG)."),
            code="file_type_not_allowed",
            params={"name": name},
        )
    if sniff_content_type(file) != expected:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải PDF, DOCX, XLSX, JPG hoặc PNG hợp lệ "
                "(nội dung tệp không khớp với định dạng)."
            ),
            code="file_content_mismatch",
            params={"name": name},
        )
    return expected


def _check_size(file, name: str) -> None:
    limit = max_upload_bytes()
    if file.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” vượt quá dung lượng cho phép %(limit)s."),
            code="file_too_large",
            params={"name": name, "limit": human_size(limit)},
        )
    if file.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng."), code="file_empty", params={"name": name})


def human_size(size: int) -> str:
    """Return 20971520 as "20 MB" and 1572864 as "1,5 MB" (Vietnamese decimal comma)."""
    value, unit = (size / MB, "MB") if size >= MB else (size / 1024, "KB")
    number = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{number} {unit}"


def sniff_content_type(file) -> str | None:
    """Return the content type that ``file``'s bytes show, or None if none we accept."""
    head = _read_head(file, 8)
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    if head.startswith(ZIP_MAGIC):
        return _ooxml_type(file)
    return None


def _read_head(file, size: int) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _ooxml_type(file) -> str | None:
    """Return DOCX or XLSX if ``file`` is such a package, reading as little as possible."""
    try:
        with zipfile.ZipFile(file) as package:
            return _package_type(package)
    except ZIP_ERRORS:
        return None
    finally:
        file.seek(0)


def _package_type(package: zipfile.ZipFile) -> str | None:
    entries = package.infolist()
    if len(entries) > ZIP_MAX_ENTRIES:
        return None
    if sum(entry.file_size for entry in entries) > ZIP_MAX_TOTAL_UNCOMPRESSED:
        return None
    names = {entry.filename for entry in entries}
    if CONTENT_TYPES_PART not in names:
        return None
    with package.open(CONTENT_TYPES_PART) as part:
        # The declared size may lie: never inflate more than the cap.
        content_types = part.read(ZIP_MAX_CONTENT_TYPES_BYTES + 1)
    if len(content_types) > ZIP_MAX_CONTENT_TYPES_BYTES:
        return None
    for content_type, (main_part, main_type) in OOXML_PARTS.items():
        if main_part in names and main_type.encode() in content_types:
            return content_type
    return None


def unpacked_size(file) -> int:
    """Return the size a zip package says it unpacks to (0 if ``file`` is no zip).

    Only the central directory is read. zipfile never inflates an entry past its declared
    size, so a parser reading the package through zipfile is bound by this figure.
    """
    try:
        with zipfile.ZipFile(file) as package:
            return sum(entry.file_size for entry in package.infolist())
    except ZIP_ERRORS:
        return 0
    finally:
        file.seek(0)


# The files stored inside a ``removed_on_rollback`` block: (storage, name, witness).
_stored: contextvars.ContextVar[list | None] = contextvars.ContextVar("stored_files", default=None)


@contextmanager
def removed_on_rollback():
    """Delete the files ``add_file`` stores inside the block if their rows roll back.

    Open it inside the transaction of a step or a page (``with transaction.atomic(),
    files.removed_on_rollback():``). A file is deleted when the block ends with an
    exception, when the transaction is marked for rollback, or when the savepoint it
    was stored in was rolled back (``audit.flush.witness``: a commit callback
    registered with the file is dropped with its savepoint). Blocks nest: the
    outermost one decides.
    """
    if _stored.get() is not None:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("files.removed_on_rollback() must run inside a transaction")
    token = _stored.set([])
    try:
        yield
    except BaseException:
        _delete(_stored.get())
        raise
    else:
        stored = _stored.get()
        if stored and transaction.get_rollback():
            _delete(stored)
        elif stored:
            kept = flush.alive(witness for _storage, _name, witness in stored)
            _delete([item for item, is_kept in zip(stored, kept, strict=True) if not is_kept])
    finally:
        _stored.reset(token)


def check_size(file) -> None:
    """Raise ValidationError if ``file`` is larger than uploads may be."""
    _check_size(file, clean_filename(getattr(file, "name", "")))


def remember(file_field) -> None:
    """Delete the stored ``file_field`` if the transaction storing it rolls back."""
    _remember(file_field)


def _remember(file_field) -> None:
    stored = _stored.get()
    if stored is not None:
        stored.append((file_field.storage, file_field.name, flush.witness()))


def _delete(stored) -> None:
    for storage, name, _witness in stored or ():
        storage.delete(name)


def random_name(instance, filename):
    """Return where to store an upload: under its app, its month and a random name.

    The uploader's name never reaches the disk.
    """
    return f"{instance._meta.app_label}/{instance.created_at:%Y/%m}/{secrets.token_hex(16)}"


@transaction.atomic
def add_file(owner, file, *, kind, actor, model):
    """Check ``file``, store it under a random name on ``owner`` and audit the upload.

    ``model`` is the kind's ``StoredFile`` model; ``kind`` one of its ``Kind`` values.
    """
    content_type = validate_upload(file)
    fields = model.owner_fields(owner)
    attachment = model(
        **fields,
        kind=model.Kind(kind),
        original_name=clean_filename(file.name),
        content_type=content_type,
        size=file.size,
        sha256=_sha256(file),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        created_at=timezone.now(),
    )
    file.seek(0)
    attachment.file.save(attachment.original_name, file, save=False)
    _remember(attachment.file)
    try:
        attachment.save()
        _record_file(audit.Action.FILE_UPLOADED, attachment, actor, size=attachment.size)
    except BaseException:
        # The row is gone with the transaction; do not leave its file behind.
        attachment.file.delete(save=False)
        raise
    return attachment


def _record_file(action, attachment, actor, **more) -> None:
    payload = {"attachment": attachment.pk, "kind": attachment.kind}
    payload.update(name=attachment.original_name, **more)
    audit.record(action, actor=actor, subject=attachment.owner, payload=payload)


def _sha256(file) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def download_response(attachment, *, actor) -> FileResponse:
    """Return ``attachment`` as a download and audit it. Check visibility first."""
    handle = attachment.file.open("rb")
    try:
        with transaction.atomic():
            _record_file(audit.Action.FILE_DOWNLOADED, attachment, actor)
    except BaseException:
        handle.close()
        raise
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


def pdf_response(attachment, *, actor) -> HttpResponse:
    """Return the PDF of a generated Word ``attachment`` as a download, audited.

    Converted on each request by LibreOffice (``matters.pdf``, ADR 0013); raise
    ImproperlyConfigured or ValidationError (``docx_to_pdf``) when it cannot be made.
    """
    from .pdf import PDF, docx_to_pdf

    with attachment.file.open("rb") as handle:
        content = docx_to_pdf(handle.read())
    with transaction.atomic():
        _record_file(audit.Action.FILE_DOWNLOADED, attachment, actor, format="pdf")
    return download(content, attachment.original_name.rsplit(".", 1)[0] + ".pdf", PDF)


def download(content: bytes, name: str, content_type: str) -> HttpResponse:
    """Return ``content`` as a file to save as ``name``: an attachment the browser does
    not sniff and nobody caches (documents carry personal data)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


# -- documents the system makes itself (a decision, an approval letter) -----------------


def issued_document(matter, *, model, kind: str, stem: str, missing: str, build):
    """Return the Word file of ``matter``'s numbered document, made on first download.

    ``model`` is the kind's ``StoredFile`` model. Raise ValidationError with ``missing``
    while no number has been issued.
    """
    if not matter.decision_number:
        raise ValidationError(missing)
    sequence = matter.decision_number.split("/")[0]
    year = matter.decision_date.year
    return stored_document(
        matter,
        model=model,
        kind=kind,
        name=f"{stem}-{sequence}-{year}-{matter.reference}.docx",
        build=build,
    )


@transaction.atomic
def stored_document(owner, *, model, kind: str, name: str, build):
    """Return ``owner``'s generated ``kind`` file, storing ``build(owner)`` the first time.

    The owner's row is locked first, so two first downloads make one file.
    """
    owner = type(owner).objects.select_for_update().get(pk=owner.pk)
    existing = owner.attachments.filter(kind=kind).first()
    if existing is not None:
        return existing
    return _attach_generated(owner, build(owner), model=model, kind=kind, name=name)


def _attach_generated(owner, content: bytes, *, model, kind: str, name: str):
    """Store a document the system produced itself on ``owner`` (no upload checks)."""
    attachment = model(
        **model.owner_fields(owner),
        kind=kind,
        original_name=name,
        content_type=DOCX,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        created_at=timezone.now(),
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment
