"""The Content-Security-Policy header (the idle timeout is organizations.sessions)."""

from django.conf import settings

# No inline script, no plug-ins, no framing, forms post to us only. viewflow's Material
# components set inline styles, hence 'unsafe-inline' for styles alone.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` with every response that has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)
        if policy:
            response.headers.setdefault("Content-Security-Policy", policy)
        return response
