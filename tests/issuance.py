"""The issuance of a matter's document as the tests drive it (ADR 0012): the signed PDF
uploaded, then the number entered in the people's committee's register.

Every flow that ends in a document stops after the leader's approval at its ``sign``
step; tests that need the issued document call ``issue`` (through the HTTP client, as
each role) or ``issue_in_code`` (through the driver, as the demo does).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from matters import issuance
from workflows import driver, selectors


def pdf_bytes(text: str = "Quyet dinh da ky") -> bytes:
    """Return a small, well-formed one-page PDF (header, objects, xref, trailer)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def signed_pdf(name: str = "quyet-dinh-da-ky.pdf", content: bytes | None = None):
    return SimpleUploadedFile(name, content or pdf_bytes(), content_type="application/pdf")


def _task(matter, node):
    return selectors.open_tasks_of(matter, node).get()


def run_step(client, user, matter, node, data):
    """Claim ``node``'s task of ``matter`` as ``user`` if it is free, post ``data``."""
    client.logout()
    client.force_login(user)
    task = _task(matter, node)
    if task.owner_id is None:
        response = client.post(task.reverse("assign"))
        assert response.status_code in (302, 200), response.status_code
        task.refresh_from_db()
    return client.post(task.reverse("execute"), data)


def sign(client, user, matter, flow, *, upload=None, signed_on=None):
    signed_on = signed_on or timezone.localdate()
    data = {"signed_file": upload or signed_pdf(), "signed_on": signed_on.isoformat()}
    return run_step(client, user, matter, flow.sign, data)


def register(client, clerk, matter, flow, *, sequence=None, issued_on=None):
    data = {"issued_on": (issued_on or timezone.localdate()).isoformat()}
    if sequence is not None:
        data["sequence"] = str(sequence)
    return run_step(client, clerk, matter, flow.register, data)


def issue(client, matter, flow, *, clerk, signer=None, sequence=1889, issued_on=None):
    """Sign (as ``signer``, by default the clerk) and register ``matter``'s document
    through the HTTP client; return the matter, refreshed."""
    response = sign(client, signer or clerk, matter, flow)
    assert response.status_code == 302, response.content.decode()[:3000]
    response = register(client, clerk, matter, flow, sequence=sequence, issued_on=issued_on)
    assert response.status_code == 302, response.content.decode()[:3000]
    matter.refresh_from_db()
    return matter


def issue_in_code(matter, flow, *, clerk, sequence=None, issued_on=None):
    """Sign and register ``matter``'s document through the driver (no HTTP)."""
    day = issued_on or timezone.localdate()
    driver.complete(
        matter,
        flow.sign,
        actor=clerk,
        perform=lambda m, task: issuance.sign(
            m, actor=clerk, upload=signed_pdf(), signed_on=day, task=task
        ),
    )
    pending = issuance.pending(matter)
    if sequence is None and not issuance.auto_numbered(pending.doc_type):
        taken = issuance.of(matter).model.objects.filter(year=day.year).count()
        sequence = 1889 + taken
    return driver.complete(
        matter,
        flow.register,
        actor=clerk,
        perform=lambda m, task: issuance.register(
            m, actor=clerk, issued_on=day, sequence=sequence, task=task
        ),
    )

