"""The issuance of a matter's document as the tests drive it (ADR 0012): the signed PDF
uploaded, then the number entered in the people's committee's register.

Every flow that ends in a document stops after the leader's approval at its ``sign``
step; tests that need the issued document call ``issue`` (through the HTTP client, as
each role) or ``issue_in_code`` (through the driver, as the demo does).
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from workflows import driver, selectors


def pdf_bytes(text: str = "Quyet dinh da ky") -> bytes:
    """Return a small, well-formed one-page PDF (header, objects, xref, trailer)."""
    return driver.signed_pdf(text)


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
    return driver.issue(matter, flow, clerk=clerk, sequence=sequence, day=issued_on)
