"""What a matter's print view (bản in hồ sơ) and receipt (phiếu tiếp nhận) show, for any kind.

Read from the model's fields, so every kind prints without a template of its own: the
dossier's fields in their Vietnamese names, the people listed on it (members, guests,
business people) without personal data, its files and its steps (the timeline).
"""

import datetime
import decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

# Fields a reader of the dossier does not need (ids, bookkeeping, search and file keys).
HIDDEN_FIELDS = {"id", "search_text", "search_vector", "updated_at", "created_at", "process"}
# The people's columns worth printing; personal data (passport, identity, birth) never.
PEOPLE_COLUMNS = ("full_name", "position", "title", "organization", "workplace", "nationality")


def _shown(matter, field) -> str:
    value = getattr(matter, field.name, None)
    choices = dict(getattr(field, "flatchoices", None) or ())
    if choices and not isinstance(value, (list, tuple)):
        return str(choices.get(value, value or ""))
    if value in (None, "", [], ()):
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, int | decimal.Decimal) and not field.is_relation:
        return f"{value:,}".replace(",", ".") if value == int(value) else str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(getattr(item, "name", item)) for item in value)
    return str(value)


def dossier_fields(matter) -> list[tuple[str, str]]:
    """Return ``(label, value)`` for every filled field of ``matter`` a reader needs."""
    rows = []
    for field in matter._meta.concrete_fields:
        skipped = (models.FileField, models.JSONField, models.BooleanField)
        if field.name in HIDDEN_FIELDS or isinstance(field, skipped):
            continue
        if field.name.endswith("_sha256") or field.name.startswith("_"):
            continue
        shown = _shown(matter, field)
        if shown:
            rows.append((str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:], shown))
    return rows


def people_lists(matter) -> list[dict]:
    """Return the people listed on ``matter``: ``{"title", "columns", "rows"}`` per list."""
    lists = []
    for relation in matter._meta.related_objects:
        if not relation.one_to_many:
            continue
        model = relation.related_model
        names = {field.name for field in model._meta.concrete_fields}
        if "full_name" not in names:
            continue
        columns = [name for name in PEOPLE_COLUMNS if name in names]
        manager = getattr(matter, relation.get_accessor_name())
        fields = [model._meta.get_field(name) for name in columns]
        rows = [[_shown(person, field) for field in fields] for person in manager.all()]
        if rows:
            lists.append(
                {
                    "title": str(model._meta.verbose_name_plural).capitalize(),
                    "columns": [str(model._meta.get_field(n).verbose_name) for n in columns],
                    "rows": rows,
                }
            )
    return lists
