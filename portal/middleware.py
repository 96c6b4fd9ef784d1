from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from portal.accounts import user_must_set_up_mfa

# Screens only staff reach; the intranet's staff views live under /intranet/kadra/.
STAFF_PATH_PREFIXES = ("/admin/", "/django-admin/", "/intranet/kadra/", "/intranet/raporty/")


class StaffTwoFactorMiddleware:
    """Send staff without two-factor authentication to set it up before staff screens."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PATH_PREFIXES) and user_must_set_up_mfa(request.user):
            messages.warning(
                request,
                _(
                    "Staff screens require two-factor authentication. "
                    "Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


# Pages with personal data: never stored by browsers or shared caches.
PRIVATE_PATH_PREFIXES = ("/intranet/", "/konto/")


class PrivatePagesNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PATH_PREFIXES) or "/zapis/" in request.path:
            response["Cache-Control"] = "no-store, private"
        return response
