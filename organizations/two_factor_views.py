"""The second step of signing in: verify a code, enrol an authenticator app, recovery codes.

Only people who need a second factor (organizations.two_factor.required_for) have these
pages; everyone else gets 404.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from . import two_factor

# The recovery codes of a new enrolment, shown once on the next page.
NEW_CODES_SESSION_KEY = "two_factor_new_codes"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


@never_cache
@login_required
def verify(request):
    """Ask for the code from the authenticator app, or a recovery code."""
    _require_second_factor(request.user)
    next_url = _next_url(request)
    if two_factor.is_verified(request.user):
        return redirect(next_url)
    if two_factor.app_device(request.user) is None:
        return redirect(_with_next("two_factor:enrol", next_url))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if two_factor.verify(request, form.cleaned_data["token"]):
            return redirect(next_url)
        form.add_error("token", _("Mã xác thực không đúng hoặc đã được sử dụng."))
    context = {"form": form, "next": next_url, "wait": two_factor.wait_seconds(request.user)}
    return render(request, "two_factor/verify.html", context)


@never_cache
@login_required
def enrol(request):
    """Show the QR code and secret of a new app; confirm it with its first code."""
    _require_second_factor(request.user)
    next_url = _next_url(request)
    if two_factor.app_device(request.user) is not None:
        return redirect(_with_next("two_factor:verify", next_url))
    device = two_factor.pending_app_device(request.user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        codes = two_factor.confirm_enrolment(request, device, form.cleaned_data["token"])
        if codes is not None:
            request.session[NEW_CODES_SESSION_KEY] = codes
            return redirect(_with_next("two_factor:recovery_codes", next_url))
        form.add_error("token", _("Mã xác thực không đúng. Hãy nhập mã đang hiện trong ứng dụng."))
    context = {
        "form": form,
        "next": next_url,
        "qr_code": two_factor.qr_code(device),
        "secret": two_factor.secret_of(device),
    }
    return render(request, "two_factor/enrol.html", context)


@never_cache
@login_required
def recovery_codes(request):
    """Show the recovery codes once after enrolment; a POST replaces them with new ones."""
    _require_second_factor(request.user)
    next_url = _next_url(request)
    if not two_factor.is_verified(request.user):
        return redirect(_with_next("two_factor:verify", request.get_full_path()))
    if request.method == "POST":
        codes = two_factor.renew_recovery_codes(request.user)
    else:
        codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    context = {
        "codes": codes,
        "next": next_url,
        "remaining": two_factor.remaining_recovery_codes(request.user),
    }
    return render(request, "two_factor/recovery_codes.html", context)


def _require_second_factor(user) -> None:
    if not two_factor.required_for(user):
        raise Http404("No second factor for this person.")


def _next_url(request) -> str:
    """Return the page to go on to: ``next`` if it is ours, else the home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"
