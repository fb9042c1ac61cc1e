"""One form layout for every form of the project (ADR 0020).

``FORM_RENDERER`` points here. Every ``{{ form }}`` and ``{{ form.as_div }}`` renders
each field through ``matters/forms/field.html``: its label tied to the input's id, a
``*`` on required fields (and ``aria-required`` on the input), the help text, and the
field's errors in Vietnamese under the input. The forms carry ``novalidate``, so the
server's messages, all at once, replace the browser's pop-ups one field at a time.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates

FORM_TEMPLATE = "matters/forms/div.html"
FIELD_TEMPLATE = "matters/forms/field.html"

# Widgets whose inputs are a group (radios, checkboxes): the group is marked required,
# not each input (ARIA allows aria-required on a radio group, not on a radio).
GROUPED = {"radioselect", "checkboxselectmultiple"}


class FieldWithMarkers(BoundField):
    """A bound field whose required input says so to assistive technology."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if attrs.get("required") and self.widget_type not in GROUPED:
            attrs["aria-required"] = "true"
        return attrs

    @property
    def is_group(self) -> bool:
        return self.widget_type in GROUPED


class FormRenderer(DjangoTemplates):
    """Django's renderer with the project's form and field templates."""

    form_template_name = FORM_TEMPLATE
    field_template_name = FIELD_TEMPLATE
    bound_field_class = FieldWithMarkers

    def get_template(self, template_name):
        # ``form.as_div`` names Django's own template; it gets the project's layout too.
        if template_name == "django/forms/div.html":
            template_name = FORM_TEMPLATE
        return super().get_template(template_name)
