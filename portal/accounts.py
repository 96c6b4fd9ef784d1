"""Rules about accounts that more than one place needs."""

from allauth.mfa.models import Authenticator
from django.conf import settings

ROLE_EDITORS = "Redaktorzy"
ROLE_MODERATORS = "Moderatorzy"
ROLE_STAFF = "Kadra"
ROLE_ADVISERS = "Doradcy"
ROLES = (ROLE_EDITORS, ROLE_MODERATORS, ROLE_STAFF, ROLE_ADVISERS)
# Not a job but a permission: who may see PESEL and special-category data (intranet 0002).
ROLE_SPECIAL_DATA = "Dane szczególnych kategorii"


def user_is_staff_member(user) -> bool:
    """Staff are admins, superusers and anyone allowed into the Wagtail admin."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def user_has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_must_set_up_mfa(user) -> bool:
    """A staff member without two-factor authentication may not reach staff screens."""
    if not settings.STAFF_REQUIRE_MFA:
        return False
    return user_is_staff_member(user) and not user_has_mfa(user)


def permission_required_or_403(permission: str):
    """Anonymous people go to the login page; logged-in people without `permission` get 403."""
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
