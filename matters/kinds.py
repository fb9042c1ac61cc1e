"""The registry of kinds of matter: each kind says once what the shell needs to know.

The menu, the home page's start links, the inbox (which flows' tasks it reads) and the
demo read this registry instead of lists of kinds written in several places.

Who registers what, and why this way round: ``matters`` knows no kind, and the kinds
know no engine. So each domain app registers its own kinds from its
``AppConfig.ready()`` (its model, its pages' URL names, who may start it, which
statuses count as done), and ``workflows``, which knows both the kinds and the engine,
attaches each kind's flow when it mounts the flows (``attach_flow``, in
``workflows/urls.py``) and its demo loader (``attach_demo``, in its ``ready()``: the
demo drives the flows). A kind without a flow yet is listed in the menu and nowhere
else.

Adding a kind: one ``register`` call in its app's ``ready()``, one ``attach_flow`` call
beside its flow's URLs, one ``attach_demo`` call if it has a demo.
"""

from dataclasses import dataclass, field

_KINDS: dict[str, "Kind"] = {}


@dataclass
class Kind:
    """One kind of matter (a trip, a visit, an agreement, ...)."""

    key: str
    #: What the menu calls its list (Vietnamese source string, translated).
    label: str
    #: The matter's model (a ``matters`` Matter once every kind stands on it).
    model: type
    #: The URL name of the kind's list page (the menu's link).
    list_url: str
    #: Where the kind sits in the menu and on the home page, lowest first.
    order: int = 100
    icon: str = ""
    #: The URL name of the page that starts one, with the home page's title and
    #: description of it, and the roles that may start one (in some unit).
    start_url: str = ""
    start_title: str = ""
    start_description: str = ""
    start_roles: tuple = ()
    #: The statuses in which a matter of this kind counts in the figures (it happened).
    counted_statuses: tuple = ()
    #: The dotted path of ``draft(matter, issuance) -> bytes``: the Word draft of the
    #: document the leader signs (ADR 0012); "" for a kind without a document.
    draft: str = ""
    #: The kind's flow class, attached by the engine (``attach_flow``); None until then.
    flow: type | None = field(default=None, compare=False)
    #: The dotted path of its demo loader (``loader(stdout)``), attached by whoever
    #: drives its flow (``attach_demo``); ``load_demo`` runs them in menu order.
    demo: str = ""

    def may_start(self, user) -> bool:
        """Return True if ``user`` may start one: they act in one of ``start_roles`` in
        some unit today (what the flow's start step asks, ``workflows.steps.RoleStart``)."""
        from organizations.selectors import roles_of

        return bool(set(self.start_roles) & set(roles_of(user)))

    @property
    def menu_testid(self) -> str:
        return f"nav-{self.key}"


def register(kind: Kind) -> Kind:
    """Register ``kind`` (again: the same key replaces it, e.g. on a test's app reload)."""
    previous = _KINDS.get(kind.key)
    if previous is not None:
        kind.flow = kind.flow or previous.flow
        kind.demo = kind.demo or previous.demo
    _KINDS[kind.key] = kind
    return kind


def attach_flow(key: str, flow_class) -> Kind:
    """Attach the flow that runs matters of the kind ``key``."""
    kind = _KINDS[key]
    kind.flow = flow_class
    return kind


def attach_demo(key: str, loader: str) -> Kind:
    """Attach the demo loader (a dotted path) of the kind ``key``."""
    kind = _KINDS[key]
    kind.demo = loader
    return kind


def get(key: str) -> Kind:
    return _KINDS[key]


def all_kinds() -> list[Kind]:
    """Return every registered kind, in menu order."""
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.key))


def for_model(model) -> Kind | None:
    """Return the kind whose model is ``model`` (or its concrete class), or None."""
    model = getattr(model, "_meta", None) and model._meta.concrete_model
    return next((kind for kind in _KINDS.values() if kind.model is model), None)


def flows() -> list:
    """Return the flow classes attached so far, in menu order."""
    return [kind.flow for kind in all_kinds() if kind.flow is not None]


def startable() -> list[Kind]:
    """Return the kinds one can start from the home page, in menu order."""
    return [kind for kind in all_kinds() if kind.start_url and kind.start_roles]
