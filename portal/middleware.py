from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import get_user
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from portal.accounts import (
    session_passed_second_factor,
    user_may_hold_staff_rights,
    user_must_set_up_mfa,
)

# Screens only staff reach; the intranet's staff views live under /intranet/kadra/. Other
# staff data (grant attachments, ...) is protected by permissions, which the middleware
# below withholds from a session without the second factor whatever the path.
STAFF_PATH_PREFIXES = ("/admin/", "/intranet/kadra/", "/intranet/raporty/")


class SecondFactorMiddleware:
    """Staff rights only in a session that passed the second factor.

    A logged-in user whose session did not complete allauth's two-factor step is honoured
    no permission and no staff status (`User.second_factor_missing`), on every path. On
    staff screens such a person is sent to set up an authenticator app or to enter a code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_REQUIRE_MFA:
            request.user = SimpleLazyObject(lambda: self._user(request))
            if request.path.startswith(STAFF_PATH_PREFIXES):
                answer = self._send_to_second_factor(request)
                if answer is not None:
                    return answer
        return self.get_response(request)

    @staticmethod
    def _user(request):
        user = get_user(request)
        if user.is_authenticated and not session_passed_second_factor(request, user):
            user.second_factor_missing = True
        return user

    @staticmethod
    def _send_to_second_factor(request):
        user = request.user
        if not user.is_authenticated or not user.second_factor_missing:
            return None
        if user_must_set_up_mfa(user):
            messages.warning(
                request,
                _(
                    "Staff screens require two-factor authentication. "
                    "Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        if user_may_hold_staff_rights(user):
            messages.info(
                request,
                _("Staff screens need the code from your authenticator app in this session."),
            )
            return redirect_to_login(request.get_full_path(), login_url="mfa_reauthenticate")
        return None


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


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (settings.PERMISSIONS_POLICY) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
