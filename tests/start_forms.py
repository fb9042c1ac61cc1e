"""Post a start form as a browser does: open the page, send its one-time token with it."""

import re

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def form_token(client, url) -> str:
    """Return the one-time token the start form at ``url`` carries for the logged-in user."""
    page = client.get(url)
    match = TOKEN.search(page.content.decode())
    assert match, f"the start form at {url} carries no one-time token ({page.status_code})"
    return match.group(1)


def post_start(client, url, data, **kwargs):
    """Open the start form at ``url`` and post ``data`` with the page's token."""
    if "form_token" not in data:
        data = {**data, "form_token": form_token(client, url)}
    return client.post(url, data, **kwargs)
