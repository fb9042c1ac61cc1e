"""Attachments of trips and visits: ``matters.files`` with the trip's file model.

The checks and the storage live in ``matters.files``, shared by every kind; the names
are kept here for the callers that import them from ``permits.uploads``.
"""

from matters.files import (  # noqa: F401 (re-exported)
    CONTENT_TYPES_PART,
    DEFAULT_MAX_BYTES,
    DOCX,
    FALLBACK_NAME,
    JPEG,
    MAGIC,
    MAX_NAME_LENGTH,
    MB,
    OOXML_PARTS,
    PDF,
    PNG,
    TYPE_BY_EXTENSION,
    XLSX,
    ZIP_ERRORS,
    ZIP_MAGIC,
    ZIP_MAX_CONTENT_TYPES_BYTES,
    ZIP_MAX_ENTRIES,
    ZIP_MAX_TOTAL_UNCOMPRESSED,
    add_file,
    clean_filename,
    download_response,
    human_size,
    max_upload_bytes,
    sniff_content_type,
    unpacked_size,
    validate_upload,
)

from .models import Attachment


def owner_fields(owner) -> dict:
    """Return the Attachment fields naming ``owner``, an outbound trip or an inbound visit."""
    return Attachment.owner_fields(owner)


def add_attachment(owner, file, *, kind, actor, model=Attachment):
    """Check ``file``, store it under a random name on ``owner`` and audit the upload.

    ``model`` is the file model: ``Attachment`` for trips and visits, or another kind's
    ``StoredFile`` model (better called through ``matters.files.add_file``).
    """
    return add_file(owner, file, kind=kind, actor=actor, model=model)
