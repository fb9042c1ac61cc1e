"""The home page, one per person by the roles they act in today, and their tasks."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors
from .home import home_page_for


@login_required
def home(request):
    page = home_page_for(request.user)
    template = "workflows/home.html" if page.has_role else "workflows/no_role.html"
    return render(request, template, {"page": page})


@login_required
def my_tasks(request):
    """What waits for me, what I may take (my queue) and what I did lately, over every flow."""
    return render(
        request,
        "workflows/tasks.html",
        {
            "inbox": selectors.inbox(request.user),
            "queue": selectors.queue(request.user),
            "archive": selectors.archive(request.user),
        },
    )
