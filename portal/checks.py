"""Start-up checks of the deployment (`manage.py check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    """Links in e-mails are built from SITE_URL: in production it must be the public one."""
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme != "https" or parts.hostname in (None, "127.0.0.1", "localhost", "::1"):
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in e-mails would not reach people.",
                hint="Set SITE_URL to the public https:// address of the site.",
                id="portal.W001",
            )
        ]
    return []
