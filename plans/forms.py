"""Forms of the annual plan: opening a round, a plan item, a comment, a supplement."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matters.forms import DATE_INPUT, SaneInput, countries_field

from .models import PlanItem, Round
from .services import ITEM_FIELDS


class RoundForm(SaneInput, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["year", "deadline", "budget_estimate", "notice"]
        widgets = {"deadline": DATE_INPUT, "notice": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1


class BudgetForm(SaneInput, forms.Form):
    budget_estimate = forms.DecimalField(
        label=_("Dự toán kinh phí (Sở Tài chính) (đồng)"),
        max_digits=18,
        decimal_places=0,
        min_value=0,
        required=False,
    )


class ItemForm(SaneInput, forms.ModelForm):
    countries = countries_field(_("Quốc gia"), _("Hãy chọn ít nhất một quốc gia."))

    class Meta:
        model = PlanItem
        fields = list(ITEM_FIELDS)
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "justification": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service checks what each kind needs, and says it in one go.
        for name in ("countries", "size", "days", "estimated_cost", "head_level"):
            self.fields[name].required = False
        if self.instance.pk:
            self.initial["countries"] = [c.code for c in self.instance.countries]
        # In a supplement, an item may change one of the unit's approved items.
        replaceable = PlanItem.objects.in_force().filter(unit_plan=self.instance.unit_plan_id)
        if replaceable.exists():
            field = self.fields["replaces"]
            field.queryset = replaceable.select_related("unit_plan__round")
            field.label_from_instance = lambda item: item.choice_label
            field.empty_label = _("— Mục mới, không thay thế mục nào —")
            field.help_text = _(
                "Điều chỉnh kế hoạch: mục này thay thế mục đã phê duyệt; mục cũ được giữ "
                "trong lịch sử kế hoạch."
            )
        else:
            del self.fields["replaces"]

    def item_fields(self) -> dict:
        fields = {name: self.cleaned_data.get(name) for name in ITEM_FIELDS}
        fields["replaces"] = self.cleaned_data.get("replaces")
        for name in ("size", "days", "estimated_cost"):
            fields[name] = fields[name] or 0
        fields["head_level"] = fields["head_level"] or PlanItem.head_level.field.default
        return fields


class CommentForm(SaneInput, forms.Form):
    comment = forms.CharField(label=_("Nội dung, ý kiến"), widget=forms.Textarea, required=False)


class SupplementForm(SaneInput, forms.Form):
    deadline = forms.DateField(label=_("Hạn đăng ký bổ sung"), widget=DATE_INPUT)
    comment = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)
