"""The server-error page (the 404 and 403 pages are Django's handlers with our templates)."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    """Render 500.html with the product's and province's names from settings alone: the
    database may be what failed, so nothing here reads it."""
    context = {"product": settings.PRODUCT_NAME, "province": settings.PROVINCE_NAME}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
