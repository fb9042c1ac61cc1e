"""The trail names the province's police as the issue #24 wording list does: "Công an
tỉnh đồng ý" and "Công an tỉnh không đồng ý", never the old "An ninh …"."""

from django.utils import translation

from audit.models import Action


def test_the_police_verdicts_name_the_provincial_police():
    with translation.override("vi"):
        assert Action.SECURITY_CLEARED.label == "Công an tỉnh đồng ý"
        assert Action.SECURITY_OBJECTED.label == "Công an tỉnh không đồng ý"
        assert not [label for _, label in Action.choices if str(label).startswith("An ninh ")]
