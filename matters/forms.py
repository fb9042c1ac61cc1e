"""Forms the steps of every kind of matter share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.text import XmlSafeTextFields


class DecisionForm(XmlSafeTextFields, forms.Form):
    """A step's decision among ``choices`` with a comment (required for some choices)."""

    decision = forms.ChoiceField(label=_("Ý kiến"), widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Nội dung, ý kiến"), widget=forms.Textarea, required=False)

    def __init__(self, *args, choices, comment_required_for=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = choices
        self.comment_required_for = comment_required_for

    def clean(self):
        cleaned = super().clean()
        decision, comment = cleaned.get("decision"), cleaned.get("comment", "")
        if decision in self.comment_required_for and not comment.strip():
            self.add_error("comment", _("Hãy ghi rõ lý do hoặc nội dung cần chỉnh sửa."))
        return cleaned
