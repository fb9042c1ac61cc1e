"""T14: hostile uploads through the real upload code paths of trips, visits and agreements.

Every upload goes through permits/uploads.py (agreements pass their own attachment model).
A refused file leaves no row, no audit entry and no file anywhere; an accepted file is
stored under a random name inside MEDIA_ROOT, its displayed name cleaned; downloads are
attachments with ``nosniff``.

Decision on names: a hostile *name* on an acceptable file is not refused. The file is
stored under a random name (permits.models._random_name), and the name shown and sent
back in Content-Disposition is cleaned by ``uploads.clean_filename``: basename only, no
control or format characters (NUL, U+202E), at most 255 characters keeping the extension.
"""

import os
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import audit
from agreements.models import Agreement, AgreementAttachment
from audit.models import Entry
from organizations import excel
from permits import guest_import, uploads
from permits.models import Attachment, InboundVisit, OutboundTrip
from tests.agreements.helpers import proposal
from tests.workflows.inbound_helpers import visit_data
from tests.workflows.test_outbound_flow import trip_data
from workflows.agreement_views import attach as attach_to_agreement
from workflows.flows import AgreementFlow, InboundVisitFlow, OutboundTripFlow

from ..start_forms import post_start as post_with_token
from . import upload_corpus as corpus
from .matters import submit_agreement, submit_trip, submit_visit

pytestmark = pytest.mark.django_db

LIMIT = 20 * 1024 * 1024
STORED = re.compile(r"^(permits|agreements)/\d{4}/\d{2}/[0-9a-f]{32}$")

MISMATCH = "không phải PDF, DOCX, XLSX, JPG hoặc PNG hợp lệ (nội dung tệp không khớp với định dạng)"
NOT_ALLOWED = "không thuộc định dạng được phép (PDF, DOCX, XLSX, JPG, PNG)"

# (id, file name, content, what the Vietnamese message says)
REFUSED = [
    ("empty", "thu-moi.pdf", lambda: b"", "Tệp “thu-moi.pdf” rỗng."),
    (
        "limit+1",
        "thu-moi.pdf",
        lambda: corpus.padded_pdf(LIMIT + 1),
        "Tệp “thu-moi.pdf” vượt quá dung lượng cho phép 20 MB.",
    ),
    ("exe as pdf", "hoa-don.pdf", lambda: corpus.EXE, f"Tệp “hoa-don.pdf” {MISMATCH}."),
    ("html as jpg", "anh.jpg", lambda: corpus.HTML, f"Tệp “anh.jpg” {MISMATCH}."),
    ("svg as jpg", "anh.jpg", lambda: corpus.SVG, f"Tệp “anh.jpg” {MISMATCH}."),
    ("svg", "anh.svg", lambda: corpus.SVG, f"Tệp “anh.svg” {NOT_ALLOWED}."),
    ("html", "thu-moi.html", lambda: corpus.HTML, f"Tệp “thu-moi.html” {NOT_ALLOWED}."),
    (
        "1 GiB docx bomb",
        "du-thao.docx",
        lambda: corpus.zip_bomb("word/document.xml", uploads.DOCX),
        f"Tệp “du-thao.docx” {MISMATCH}.",
    ),
    (
        "1 GiB xlsx bomb",
        "du-toan.xlsx",
        lambda: corpus.zip_bomb("xl/workbook.xml", uploads.XLSX),
        f"Tệp “du-toan.xlsx” {MISMATCH}.",
    ),
    (
        "10001 entries",
        "du-thao.docx",
        corpus.many_entries,
        f"Tệp “du-thao.docx” {MISMATCH}.",
    ),
    (
        "rtl exe",
        "hoa-don\u202efdp.exe",
        lambda: corpus.EXE,
        f"Tệp “hoa-donfdp.exe” {NOT_ALLOWED}.",
    ),
    (
        "nul before pdf",
        "setup.exe\x00.pdf",
        lambda: corpus.EXE,
        f"Tệp “setup.exe.pdf” {MISMATCH}.",
    ),
]

# (id, file name as sent, name shown afterwards)
HOSTILE_NAMES = [
    ("dot-dot", "../../../../tmp/thu-moi.pdf", "thu-moi.pdf"),
    ("backslash dot-dot", "..\\..\\..\\thu-moi.pdf", "thu-moi.pdf"),
    ("absolute", "/etc/cron.d/thu-moi.pdf", "thu-moi.pdf"),
    ("nul", "thu\x00moi.pdf", "thumoi.pdf"),
    ("rtl override", "hoa-don\u202efdp.pdf", "hoa-donfdp.pdf"),
    ("bidi marks", "\u200f\u2066thu-moi\u2069.pdf", "thu-moi.pdf"),
    ("header injection", 'thu-moi"\r\nX-Injected: 1.pdf', 'thu-moi"X-Injected: 1.pdf'),
    ("300 characters", "t" * 300 + ".pdf", "t" * 251 + ".pdf"),
]


# -- owners and the filesystem around MEDIA_ROOT -----------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    """Put MEDIA_ROOT two folders deep, so that an escape upwards lands where we look."""
    root = tmp_path / "srv" / "doingoai" / "media"
    root.mkdir(parents=True)
    settings.MEDIA_ROOT = root
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "srv" / "upload-tmp"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return root


def snapshot(tmp_path) -> set[str]:
    return {
        os.path.relpath(os.path.join(folder, name), tmp_path)
        for folder, _dirs, files in os.walk(tmp_path)
        for name in files
    }


@pytest.fixture
def files_written(media_root, tmp_path):
    """Return a function listing files written since the test began, relative to tmp_path."""
    before = snapshot(tmp_path)
    return lambda: snapshot(tmp_path) - before


def assert_stored_inside_media(written, attachments):
    """Each new file is one attachment's, under MEDIA_ROOT, under a random name."""
    media = os.path.join("srv", "doingoai", "media")
    assert written == {os.path.join(media, a.file.name) for a in attachments}
    for attachment in attachments:
        assert STORED.match(attachment.file.name), attachment.file.name


@pytest.fixture
def owners(province, unit_a, lan, minh):
    return {
        "trip": (submit_trip(unit_a, lan), Attachment),
        "visit": (submit_visit(unit_a, lan), Attachment),
        "agreement": (submit_agreement(unit_a, lan), AgreementAttachment),
    }


def add(kind, owner, file, actor):
    """Upload ``file`` the way the views of ``kind`` do."""
    if kind == "agreement":
        return attach_to_agreement(owner, file, kind="other", actor=actor)
    return uploads.add_attachment(owner, file, kind="other", actor=actor)


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


OWNER_KINDS = ["trip", "visit", "agreement"]


# -- through the service functions ------------------------------------------------------


@pytest.mark.parametrize("kind", OWNER_KINDS)
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_a_hostile_file_is_refused_with_a_vietnamese_message_and_leaves_nothing(
    kind, name, content, message, owners, lan, files_written
):
    owner, model = owners[kind]
    uploads_before = Entry.objects.filter(action=audit.Action.FILE_UPLOADED).count()
    with pytest.raises(ValidationError) as refusal:
        add(kind, owner, upload(name, content()), lan)
    assert refusal.value.messages == [message]
    assert not model.objects.exists()
    assert Entry.objects.filter(action=audit.Action.FILE_UPLOADED).count() == uploads_before
    assert files_written() == set()


@pytest.mark.parametrize("kind", OWNER_KINDS)
def test_a_file_exactly_at_the_limit_is_accepted_and_stored_inside_media(
    kind, owners, lan, settings, files_written
):
    assert settings.UPLOAD_MAX_BYTES == LIMIT
    owner, _model = owners[kind]
    attachment = add(kind, owner, upload("thu-moi.pdf", corpus.padded_pdf(LIMIT)), lan)
    assert attachment.size == LIMIT
    assert_stored_inside_media(files_written(), [attachment])


@pytest.mark.parametrize("kind", OWNER_KINDS)
@pytest.mark.parametrize(
    ("given", "shown"), [case[1:] for case in HOSTILE_NAMES], ids=[c[0] for c in HOSTILE_NAMES]
)
def test_a_hostile_name_is_stored_under_a_random_name_and_shown_cleaned(
    kind, given, shown, owners, lan, kiem, files_written
):
    owner, _model = owners[kind]
    attachment = add(kind, owner, upload(given, corpus.pdf_bytes()), lan)
    attachment.refresh_from_db()
    name = attachment.original_name
    if shown is not None:
        assert name == shown
    assert len(name) <= uploads.MAX_NAME_LENGTH
    assert name.endswith(".pdf")
    assert not {"/", "\\", "\x00", "\r", "\n", "\u202e", "\u200f", "\u2066"} & set(name)
    assert_stored_inside_media(files_written(), [attachment])

    response = uploads.download_response(attachment, actor=kiem)
    disposition = response["Content-Disposition"]
    response.close()
    assert disposition.startswith("attachment;")
    assert not re.search(r"[\r\n\x00]", disposition)
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_jpeg_that_hides_a_web_page_is_only_ever_sent_as_a_jpeg_attachment(
    owners, lan, kiem, files_written
):
    """Content checks stop at the magic bytes; a polyglot gets in but can never render."""
    owner, _model = owners["trip"]
    attachment = add("trip", owner, upload("anh.jpg", corpus.JPEG_HTML_POLYGLOT), lan)
    response = uploads.download_response(attachment, actor=kiem)
    response.close()
    assert response["Content-Type"] == uploads.JPEG
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert_stored_inside_media(files_written(), [attachment])


# -- through the forms, over HTTP --------------------------------------------------------

# kind: (flow, the matter's model, a file field of its start form, the download route)
START_FORMS = {
    "trip": (OutboundTripFlow, OutboundTrip, "invitation", "outbound_download"),
    "visit": (InboundVisitFlow, InboundVisit, "invitation", "inbound_download"),
    "agreement": (AgreementFlow, Agreement, "proposal", "agreement_download"),
}


def post_start(client, kind, file, field=None):
    """Post ``kind``'s start form, filled in as the flow tests fill it, with ``file``."""
    flow, _model, default_field, _route = START_FORMS[kind]
    data = {"trip": trip_data, "visit": visit_data, "agreement": proposal}[kind]()
    return post_with_token(
        client, flow.instance.reverse("submit:execute"), {**data, field or default_field: file}
    )


HTTP_REFUSED = [case for case in REFUSED if case[0] != "empty"] + [
    # Django's FileField refuses an empty upload before our check, with its own message.
    ("empty", "thu-moi.pdf", lambda: b"", "Tập tin được gửi là rỗng."),
]


@pytest.mark.parametrize("kind", OWNER_KINDS)
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [case[1:] for case in HTTP_REFUSED],
    ids=[case[0] for case in HTTP_REFUSED],
)
def test_the_start_form_refuses_a_hostile_file_and_saves_nothing(
    kind, name, content, message, client, province, unit_a, lan, minh, files_written
):
    client.force_login(lan)
    response = post_start(client, kind, upload(name, content()))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not START_FORMS[kind][1].objects.exists()
    assert not Attachment.objects.exists() and not AgreementAttachment.objects.exists()
    assert files_written() == set()


@pytest.mark.parametrize("kind", OWNER_KINDS)
def test_the_start_form_stores_a_hostile_name_safely_and_serves_it_as_an_attachment(
    kind, client, province, unit_a, lan, minh, files_written
):
    client.force_login(lan)
    given = "../../..\\..\\hoa-don\u202efdp\x00" + "t" * 300 + ".pdf"
    response = post_start(client, kind, upload(given, corpus.pdf_bytes()))
    assert response.status_code == 302, response.content.decode()[:2000]
    model = AgreementAttachment if kind == "agreement" else Attachment
    attachment = model.objects.get()
    # Django's UploadedFile cuts the raw name to 255 characters first; ours cleans it.
    assert re.fullmatch(r"hoa-donfdpt{200,245}\.pdf", attachment.original_name)
    assert_stored_inside_media(files_written(), [attachment])

    route = START_FORMS[kind][3]
    download = client.get(reverse(route, args=[attachment.owner.pk, attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == corpus.pdf_bytes()


# -- the guest list, an upload that is also parsed --------------------------------------


def test_a_guest_list_that_unpacks_to_too_much_is_refused_before_it_is_parsed(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(excel, "load_workbook", never)
    content = corpus.guest_list(300_000)
    assert len(content) < 2 * 1024 * 1024
    with pytest.raises(ValidationError) as refusal:
        guest_import.parse_guest_list(upload("khach.xlsx", content))
    assert refusal.value.messages == ["Tệp Excel danh sách khách quá lớn (tối đa 500 khách)."]


def test_a_guest_list_of_too_many_rows_is_read_only_one_row_past_the_limit():
    with pytest.raises(ValidationError) as refusal:
        guest_import.parse_guest_list(upload("khach.xlsx", corpus.guest_list(20_000)))
    messages = refusal.value.messages
    assert messages[-1] == "Danh sách có quá 500 khách."
    # Row 502 is the last one looked at; each row lacks its four other required cells.
    assert len(messages) == 501 * 4 + 1
    assert messages[-2].startswith("Dòng 502,")


def test_the_visit_form_refuses_a_zip_bomb_as_guest_list(
    client, province, unit_a, lan, minh, files_written
):
    client.force_login(lan)
    bomb = corpus.zip_bomb("xl/workbook.xml", uploads.XLSX)
    response = post_start(client, "visit", upload("khach.xlsx", bomb), field="guest_file")
    assert response.status_code == 200
    assert f"Tệp “khach.xlsx” {MISMATCH}." in response.content.decode()
    assert not InboundVisit.objects.exists()
    assert files_written() == set()
