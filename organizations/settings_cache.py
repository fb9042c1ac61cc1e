"""Settings every step and page reads, kept per process and checked once per unit of work.

Who holds which role where, deputy periods, the province's configuration, the units,
notification preferences and the working-day calendar are read on every step and page
and change a few times a day. Each process keeps what it read, tagged with the
*settings version* it read first in the unit of work (a request, a step, a Celery task):
a one-row table that statement-level triggers on those tables bump from a sequence in
the changing transaction (on SQLite, row triggers and ``random()``; see
``organizations/migrations/0004_settings_version.py``). A unit of work reads the version
once, before its first cached read, and uses the process's values only if they were
read under the same version; otherwise it starts afresh.

Why it is safe (docs/adr/0010-settings-cache.md):

- A change becomes visible to other connections with its commit, and the version with
  it: a unit of work that starts afterwards reads a new version and reads again.
- The version is read before the data, so a value is never older than its tag.
- A rolled-back change bumps the version only inside its own transaction, and its
  number comes from a sequence, which never gives a number twice: a cache filled under
  a version that was rolled back is never taken for a later version.
- A unit of work that changes settings itself (the signals ``watch`` connects, or an
  explicit ``changed()`` after a bulk write) reads them afresh at every call from then
  on and keeps nothing: its transaction, or a savepoint in it, may still roll back.

Outside a unit of work (a shell, a test, a management command) nothing is cached.
Values are copied into each unit of work, so a caller may change what it is given.
"""

import contextvars
import copy
import dataclasses
import datetime
import threading
from contextlib import contextmanager

from django.db import connection
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

VERSION_TABLE = "organizations_settings_version"
# A bound on the process's memory: past it, a generation starts empty again.
MAX_ENTRIES = 20_000


@dataclasses.dataclass
class _Generation:
    """The values read under one settings version."""

    version: int
    values: dict


@dataclasses.dataclass
class _Unit:
    """One unit of work: its own copies, the generation it shares (None until the
    version is read), and whether it changed settings (then it caches nothing)."""

    local: dict = dataclasses.field(default_factory=dict)
    shared: _Generation | None = None
    changed: bool = False


_unit: contextvars.ContextVar[_Unit | None] = contextvars.ContextVar(
    "settings_cache_unit", default=None
)
_current: _Generation | None = None
_lock = threading.Lock()
_WATCHED: set = set()


@contextmanager
def unit_of_work():
    """Read settings under one version until the block ends; a nested block shares it."""
    if _unit.get() is not None:
        yield
        return
    token = _unit.set(_Unit())
    try:
        yield
    finally:
        _unit.reset(token)


def cached(key, load):
    """Return the value of ``key``: cached, or ``load()`` read once per settings version.

    ``key`` is a hashable tuple that starts with the read's name, e.g. ``("province",)``;
    ``load`` must read only tables that bump the version (``watch``).
    """
    unit = _unit.get()
    if unit is None or unit.changed:
        return load()
    if key in unit.local:
        return unit.local[key]
    generation = _generation_of(unit)
    if key in generation.values:
        value = _copy(generation.values[key])
    else:
        value = load()
        if unit.changed:  # by the read itself (Province.current creates the row)
            return value
        generation.values[key] = _copy(value)
    unit.local[key] = value
    return value


def cached_many(name, ids, load) -> dict:
    """Return ``{id: value}`` for each of ``ids``, cached under ``(name, id)``; ``load``
    receives the ids not cached yet and returns their values as a dict (one read)."""
    ids = set(ids)
    unit = _unit.get()
    if unit is None or unit.changed:
        return load(ids) if ids else {}
    found = {i: unit.local[(name, i)] for i in ids if (name, i) in unit.local}
    generation = _generation_of(unit)
    for i in ids - found.keys():
        if (name, i) in generation.values:
            found[i] = _copy(generation.values[(name, i)])
    if missing := ids - found.keys():
        loaded = load(missing)
        if unit.changed:
            return found | loaded
        found.update(loaded)
        for i, value in loaded.items():
            generation.values[(name, i)] = _copy(value)
    unit.local.update({(name, i): value for i, value in found.items()})
    return found


def changed(*args, **kwargs) -> None:
    """Note that this process changed settings (also a signal receiver).

    The unit of work reads them afresh at every call from now on, as its transaction
    sees them, and keeps nothing: the change may yet roll back. Other units of work see
    it through the version once it commits.
    """
    unit = _unit.get()
    if unit is not None:
        unit.changed = True
        unit.local.clear()
        unit.shared = None


def watch(model) -> None:
    """Treat ``model``'s rows as settings: a change saved or deleted through the ORM in
    a unit of work is seen at once by that unit of work (``changed``).

    Its table must also bump the version (the trigger, added by a migration), so that
    other processes see the change; ``tests/organizations/test_settings_cache.py``
    checks that the two lists agree.
    """
    _WATCHED.add(model)
    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, dispatch_uid=f"settings_cache.{model._meta.label}")


def watched_tables() -> set[str]:
    """Return the tables of the models ``watch`` was called for."""
    return {model._meta.db_table for model in _WATCHED}


# Values of these types cannot be changed in place: shared, not copied.
_IMMUTABLE = (type(None), bool, int, float, str, bytes, datetime.date, datetime.timedelta)


def _copy(value):
    """Return a copy of ``value`` its holder may change; ``value`` itself if nothing in it
    can be changed (a tuple of ids, of dates: most cached reads), which spares a deep
    copy at every read. Model instances (the province, people) and lists of them are
    copied field by field, five times faster than a deep copy."""
    if _immutable(value):
        return value
    if isinstance(value, Model):
        return _copy_instance(value)
    if type(value) is list:
        return [_copy(item) for item in value]
    return copy.deepcopy(value)


def _copy_instance(instance):
    """Return a copy of a model instance: its state as Django gives it for pickling (the
    fields' values, a model state of its own), then a copy of each value that can change
    in place (a JSON field's dict) and of each related instance it has read."""
    clone = type(instance).__new__(type(instance))
    values = instance.__getstate__()
    for name, value in values.items():
        if name != "_state" and not _immutable(value):
            values[name] = _copy(value)
    clone.__dict__.update(values)
    related = clone._state.fields_cache
    for name, value in related.items():
        related[name] = _copy(value)
    return clone


def _immutable(value) -> bool:
    if isinstance(value, _IMMUTABLE):
        return True
    if type(value) in (tuple, frozenset):
        return all(_immutable(item) for item in value)
    return False


def read_version() -> int:
    """Return the settings version this connection sees now."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {VERSION_TABLE}")  # noqa: S608 - a constant
        return cursor.fetchone()[0]


def _generation_of(unit: _Unit) -> _Generation:
    """Return the generation ``unit`` shares, reading the version on first use."""
    if unit.shared is None:
        unit.shared = _generation(read_version())
    return unit.shared


def _generation(version: int) -> _Generation:
    """Return the process's values for ``version``, starting them if it is new."""
    global _current
    with _lock:
        current = _current
        if current is None or current.version != version or len(current.values) > MAX_ENTRIES:
            current = _current = _Generation(version, {})
        return current


def clear() -> None:
    """Forget everything this process cached (tests; nothing else needs it)."""
    global _current
    with _lock:
        _current = None


class UnitOfWorkMiddleware:
    """One unit of work per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with unit_of_work():
            return self.get_response(request)
