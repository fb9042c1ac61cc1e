"""Template access to the registry of kinds (the menu lists one link per kind), and to
what a viewer may read of a matter (the police's reasons, the timeline)."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from audit.selectors import timeline
from matters import kinds, planning
from matters.selectors import VETTING_ACTIONS, sees_vetting_reasons
from organizations.models import Role
from organizations.selectors import has_role

# The police's verdicts on a person, as every kind stores them.
CLEARED, CLEARED_WITH_NOTES, OBJECTED = "cleared", "cleared_with_notes", "objected"

register = template.Library()


@register.simple_tag
def matter_kinds():
    """Return every registered kind, in menu order."""
    return kinds.all_kinds()


# The menu's entries other than the kinds: (data-testid, URL names whose paths are the
# entry's), as includes/nav.html; the first is the entry's link.
NAV_ENTRIES = (
    ("nav-home", ("home",)),
    ("nav-tasks", ("my_tasks",)),
    ("nav-consular", ("consular:list",)),
    ("nav-reports", ("reports:report",)),
    ("nav-people", ("person_list", "person_import")),
    ("nav-audit", ("audit:search",)),
)


def nav_prefixes() -> list[tuple[str, str]]:
    """Return (path prefix, menu entry) pairs: each entry's link, and for a kind its
    flow's pages too (its form and task pages live under /quy-trinh/…, not its list's
    path, so viewflow's own prefix match fell back to the home page's "/")."""
    pairs = [(reverse(name), testid) for testid, names in NAV_ENTRIES for name in names]
    for kind in kinds.all_kinds():
        pairs.append((reverse(kind.list_url), kind.menu_testid))
        if kind.flow is not None:
            pairs.append((kind.flow.instance.reverse("index"), kind.menu_testid))
    return pairs


@register.simple_tag(takes_context=True)
def nav_active(context) -> str:
    """Return the data-testid of the menu entry of the page: the longest path prefix."""
    request = context.get("request")
    if request is None:
        return ""
    matches = [(len(p), testid) for p, testid in nav_prefixes() if request.path.startswith(p)]
    return max(matches)[1] if matches else ""


@register.simple_tag(takes_context=True)
def vetting_result(context, person):
    """Return the police's verdict on ``person`` (a member or guest) as the viewer may read it.

    The focal agency, the police, leaders and auditors read the verdict and its reason;
    the requesting unit reads "cleared" or "not eligible", never why.
    """
    if sees_vetting_reasons(context["request"].user):
        shown = person.get_security_verdict_display()
        return f"{shown}: {person.security_note}" if person.security_note else shown
    if person.security_verdict == OBJECTED:
        return gettext("Không đủ điều kiện")
    if person.security_verdict in (CLEARED, CLEARED_WITH_NOTES):
        return gettext("Đủ điều kiện")
    return person.get_security_verdict_display()


@register.simple_tag(takes_context=True)
def sees_vetting(context) -> bool:
    """Return True if the viewer may read the police's reasons."""
    return sees_vetting_reasons(context["request"].user)


@register.inclusion_tag("audit/_timeline.html", takes_context=True)
def matter_timeline(context, subject):
    """Render ``subject``'s audit timeline, the police's comments withheld from whoever
    may not read them (the entries stay whole in the auditor's trail)."""
    sees = sees_vetting_reasons(context["request"].user)
    return {"entries": timeline(subject), "withheld": () if sees else VETTING_ACTIONS}


@register.filter
def objected_any(people) -> bool:
    """Return True if the police found one of ``people`` not eligible."""
    return any(person.security_verdict == OBJECTED for person in people)


@register.inclusion_tag("matters/_plan.html")
def plan_note(subject):
    """Render the plan item ``subject`` carries out, or the "ngoài kế hoạch" warning."""
    if not planning.applies(type(subject)):
        return {"shown": False}
    item = subject.plan_item if subject.plan_item_id else None
    return {"shown": True, "item": item, "warning": planning.warning(subject)}


@register.inclusion_tag("matters/_issuance.html", takes_context=True)
def issuances(context, matter):
    """Show the documents of ``matter`` (ADR 0012): the submission, the draft, the signed
    document of record and its registration; and the link to ask for a change."""
    from matters import issuance

    documents = list(issuance.of(matter).select_related("amends"))
    user = context["request"].user
    may_change = (
        issuance.amendable(matter)
        and hasattr(matter, "unit_id")
        and has_role(user, Role.UNIT_STAFF, matter.unit)
    )
    meta = matter._meta
    return {
        "documents": documents,
        "matter": matter,
        "may_change": may_change,
        "reads_submission": issuance.reads_submission(user),
        "app_label": meta.app_label,
        "model_name": meta.model_name,
    }


@register.simple_tag
def download_attrs():
    """Return the attributes of a link to a file (a document, an export): the browser
    fetches it once and saves it.

    Without them the frontend's link handling (Turbo, in viewflow's Material frontend)
    fetches the link in the background, finds no page in the answer and has the browser
    fetch it again: a form's export never downloads and a document is sent (and its
    download audited) twice. Turbo leaves alone a link with ``download`` or
    ``data-turbo="false"``.
    """
    return mark_safe('download data-turbo="false"')
