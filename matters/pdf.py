"""A generated Word document as PDF, converted by LibreOffice headless (ADR 0013).

``docx_to_pdf(content)`` writes the .docx into a private temporary folder and runs
``soffice --headless --convert-to pdf`` there, with a user profile of its own in the
same folder: two conversions at once never share (and never lock) a profile, and
nothing is left behind. LibreOffice lays the page out as the recipients' office suites
do; the PDF is a copy to read and print, the Word file stays the editable draft.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
DEFAULT_TIMEOUT = 60  # seconds: a first start of LibreOffice takes a few


def soffice_path() -> str | None:
    """Return the LibreOffice executable (setting SOFFICE_PATH, else on PATH) or None."""
    configured = getattr(settings, "SOFFICE_PATH", "")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(content: bytes, *, timeout: float | None = None) -> bytes:
    """Return the PDF of the Word file ``content``.

    Raise ImproperlyConfigured when LibreOffice is not installed, ValidationError (with
    a Vietnamese message) when the conversion fails or takes longer than ``timeout``.
    """
    soffice = soffice_path()
    if soffice is None:
        raise ImproperlyConfigured(
            "LibreOffice (soffice) is not installed: "
            "apt-get install libreoffice-writer-nogui fonts-liberation"
        )
    timeout = timeout or getattr(settings, "SOFFICE_TIMEOUT", DEFAULT_TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="doingoai-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(content)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        _run(command, cwd=work, timeout=timeout)
        result = work / "document.pdf"
        if not result.exists():
            raise ValidationError(_("Không chuyển được văn bản sang PDF."), code="pdf_failed")
        return result.read_bytes()


def _run(command: list[str], *, cwd: Path, timeout: float) -> None:
    """Run LibreOffice in a session of its own; on timeout stop it and all it started."""
    process = subprocess.Popen(  # noqa: S603 (fixed arguments, no shell)
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "HOME": str(cwd)},
    )
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ValidationError(
            _("Không chuyển được văn bản sang PDF: quá thời gian chờ."), code="pdf_timeout"
        ) from error
