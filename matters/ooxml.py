"""Office Open XML packages (DOCX, XLSX) checked before any parser reads them.

A part of the package may carry a DTD whose internal entities expand a few kilobytes
into gigabytes when parsed (the "billion laughs"), or name an external resource. No
document a person uploads needs a DTD, so a package with ``<!DOCTYPE`` or ``<!ENTITY``
in any XML part is refused outright: simpler and stricter than parsing it safely.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CHUNK = 64 * 1024
DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
OVERLAP = max(len(marker) for marker in DECLARATIONS) - 1
XML_PARTS = (".xml", ".rels", ".vml")


def refuse_xml_declarations(file) -> None:
    """Raise ValidationError if an XML part of the zip package ``file`` declares a DTD.

    A file that is no zip is left to the other checks. Each part is streamed through
    zipfile, which never inflates past the size the package declares, so the caller's
    cap on the unpacked size bounds this read too. ``file`` is left at its start.
    """
    try:
        with zipfile.ZipFile(file) as package:
            for entry in package.infolist():
                if entry.filename.lower().endswith(XML_PARTS) and _declares(package, entry):
                    raise ValidationError(
                        _(
                            "Tệp “%(name)s” không được chứa khai báo DTD hoặc thực thể XML "
                            "(phần “%(part)s”)."
                        )
                        % {"name": getattr(file, "name", ""), "part": entry.filename}
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
        return
    finally:
        file.seek(0)


def _declares(package: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    tail = b""
    with package.open(entry) as part:
        while chunk := part.read(CHUNK):
            window = tail + chunk
            if any(marker in window for marker in DECLARATIONS):
                return True
            tail = window[-OVERLAP:]
    return False
