"""Template context shared by every page: the bell's unread count."""

from django.utils.functional import SimpleLazyObject

from . import selectors


def notifications(request):
    """Add ``notifications_unread``, counted only if a template shows it (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    return {"notifications_unread": SimpleLazyObject(lambda: selectors.unread_count(user))}
