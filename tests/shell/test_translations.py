"""The committed translation catalogues are complete and their .mo files are current."""

import gettext
import pathlib
import re

import pytest
import viewflow

LOCALE = pathlib.Path(__file__).parents[2] / "locale"
VIEWFLOW_FR = pathlib.Path(viewflow.__file__).parent / "locale/fr/LC_MESSAGES/django.po"
ENTRY = re.compile(
    r'^(?:msgctxt "(?P<ctx>.*)"\n)?msgid "(?P<id>.*)"\n'
    r'(?:msgid_plural ".*"\n)?(?:msgstr(?:\[0\])? "(?P<str>.*)")',
    re.M,
)


def unquote(text):
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def po_entries(path):
    """Return {(context, msgid): msgstr} of a single-line-entry .po file."""
    text = re.sub(r'"\n"', "", path.read_text(encoding="utf-8"))  # join wrapped lines
    return {
        (m["ctx"], unquote(m["id"])): unquote(m["str"])
        for m in ENTRY.finditer(text)
        if m["id"] and "#, fuzzy" not in text[max(0, m.start() - 40) : m.start()]
    }


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for (context, msgid), msgstr in po_entries(folder / "django.po").items():
        if not msgstr:
            continue
        found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert found == msgstr, f"{language}: stale .mo for {msgid!r}; run make messages"


def test_every_viewflow_string_has_a_vietnamese_translation():
    ours = po_entries(LOCALE / "vi/LC_MESSAGES/django.po")
    missing = [key for key in po_entries(VIEWFLOW_FR) if not ours.get(key)]
    assert missing == []


def test_viewflow_pages_speak_vietnamese(client, lan):
    from django.utils import translation

    with translation.override("vi"):
        assert translation.gettext("Inbox") == "Việc của tôi"
        assert translation.pgettext("STATUS", "Done") == "Đã xong"


def test_one_vietnamese_word_with_two_meanings_has_two_english_ones():
    from django.utils import translation

    from agreements.models import Opinion
    from permits.models import TripMember
    from workflows import agreement_views, visit_views

    with translation.override("en"):
        assert str(TripMember.Verdict.OBJECTED.label) == "Objected"
        assert str(Opinion.Verdict.DISAGREE.label) == "Disagree"
        assert str(TripMember.Verdict.CLEARED.label) == "Cleared"
        assert str(Opinion.Verdict.AGREE.label) == "Agree"
        assert str(dict(visit_views.ApproveView.choices)["reject"]) == "Do not approve"
        assert str(dict(agreement_views.ApproveView.choices)["reject"]) == "Do not approve"
    with translation.override("vi"):
        assert str(Opinion.Verdict.DISAGREE.label) == "Không đồng ý"
