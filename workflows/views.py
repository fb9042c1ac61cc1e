"""The home page: one per person, by the roles they act in today."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .home import home_page_for


@login_required
def home(request):
    page = home_page_for(request.user)
    template = "workflows/home.html" if page.has_role else "workflows/no_role.html"
    return render(request, template, {"page": page})
