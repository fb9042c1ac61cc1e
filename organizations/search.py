"""Accent-insensitive search for every list: "hoi nguoi viet" finds "Hội người Việt".

``rows.filter(title__folded__contains=fold(text))`` compares the column without accents
or case with the folded query. ``folded`` is a transform on every text column:

- on PostgreSQL it is ``LOWER(UNACCENT(column))`` (the ``unaccent`` extension, created by
  ``organizations/migrations/0008_unaccent_extension``; its rules map Đ/đ to D/d, and
  LOWER after UNACCENT sees only ASCII, whatever the database's locale);
- on SQLite it is ``dn_fold(column)``, ``organizations.text.fold`` registered as a SQL
  function on every new connection (``register_sqlite_fold``).

``search(rows, text, fields)`` is what a list calls. No index serves it: a list's rows
are already narrowed by who may see them, and its count is capped (``matters.paging``).
"""

from functools import reduce
from operator import or_

from django.db.models import CharField, Q, TextField, Transform

from .text import fold

SQLITE_FUNCTION = "dn_fold"
#: The longest query a list searches for (a longer one is cut).
MAX_QUERY = 100


class Folded(Transform):
    """A text column without accents or case, compared with ``fold(text)``."""

    lookup_name = "folded"
    output_field = CharField()

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"{SQLITE_FUNCTION}({sql})", params

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"LOWER(UNACCENT({sql}))", params


CharField.register_lookup(Folded)
TextField.register_lookup(Folded)


def register_sqlite_fold(sender, connection, **kwargs):
    """Give a new SQLite connection the ``dn_fold`` function (``connection_created``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION,
            1,
            lambda value: fold(value) if value is not None else None,
            deterministic=True,
        )


def query_text(request, parameter="q") -> str:
    """Return the search text of ``request`` (``?q=``), trimmed, without NUL, at most
    ``MAX_QUERY`` characters (PostgreSQL text cannot hold NUL: it would be a 500)."""
    return request.GET.get(parameter, "").replace("\x00", "").strip()[:MAX_QUERY]


def search(rows, text: str, fields):
    """Return the ``rows`` one of whose ``fields`` contains ``text``, accents and case aside.

    An empty ``text`` (or one with nothing left once folded) returns ``rows`` unchanged.
    """
    key = fold(text)
    if not key:
        return rows
    rule = reduce(or_, (Q(**{f"{field}__folded__contains": key}) for field in fields))
    if any("__" in field for field in fields):
        # A field across a relation may match one row many times (a request's managers).
        return rows.filter(pk__in=rows.filter(rule).values("pk"))
    return rows.filter(rule)
