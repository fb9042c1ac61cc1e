"""Pages of the notifications app: the list, opening one, marking read, preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import PreferenceForm
from .models import Notification

PAGE_SIZE = 30


@login_required
def notification_list(request):
    """List the user's notifications, newest first; ``?chua-doc=1`` keeps the unread."""
    notifications = Notification.objects.for_user(request.user).select_related(
        "actor", "on_behalf_of"
    )
    unread_only = request.GET.get("chua-doc") == "1"
    if unread_only:
        notifications = notifications.unread()
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread_only": unread_only},
    )


@login_required
def open_notification(request, pk):
    """Mark a notification read and go to the task or request it is about."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(notification)
    target = notification.url
    # Stored links are site paths; anything else falls back to the list (no open redirect).
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("notifications:list")
    return redirect(target)


@require_POST
@login_required
def mark_read(request, pk):
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(notification)
    return redirect(_next_or_list(request))


@require_POST
@login_required
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    done = ngettext(
        "Đã đánh dấu %(count)s thông báo là đã đọc.",
        "Đã đánh dấu %(count)s thông báo là đã đọc.",
        count,
    )
    messages.success(request, done % {"count": count})
    return redirect(_next_or_list(request))


@login_required
def preferences(request):
    """Let a person choose which notifications also come by email."""
    preference = selectors.preference_of(request.user)
    form = PreferenceForm.for_preference(
        preference, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        services.set_preferences(
            request.user,
            email_events=form.cleaned_data["email_events"],
            daily_digest=form.cleaned_data["daily_digest"],
        )
        messages.success(request, _("Đã lưu tùy chọn thông báo."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _next_or_list(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notifications:list"
