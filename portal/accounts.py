"""Rules about accounts that more than one place needs."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ROLE_EDITORS = "Redaktorzy"
ROLE_MODERATORS = "Moderatorzy"
ROLE_STAFF = "Kadra"
ROLE_ADVISERS = "Doradcy"
ROLES = (ROLE_EDITORS, ROLE_MODERATORS, ROLE_STAFF, ROLE_ADVISERS)
# Not a job but a permission: who may see PESEL and special-category data (intranet 0002).
ROLE_SPECIAL_DATA = "Dane szczególnych kategorii"


def user_is_staff_member(user) -> bool:
    """Staff are admins, superusers and anyone allowed into the Wagtail admin — in a session
    that passed the second factor (see `session_passed_second_factor`)."""
    if not user.is_authenticated or getattr(user, "second_factor_missing", False):
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def user_may_hold_staff_rights(user) -> bool:
    """Would this account have staff rights in a session that passed the second factor?
    (Its flags, permissions or groups, read from the database, not from this session.)"""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or user.is_superuser
        or user.groups.exists()
        or (user.user_permissions.exists())
    )


def session_passed_second_factor(request, user) -> bool:
    """Did `user` log in to this session with a second factor? allauth records every
    authentication step of the session (password, then "mfa" with the TOTP or recovery
    code), tied to the user they belong to."""
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def user_has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_must_set_up_mfa(user) -> bool:
    """A staff member without two-factor authentication may not reach staff screens."""
    if not settings.STAFF_REQUIRE_MFA:
        return False
    return user_may_hold_staff_rights(user) and not user_has_mfa(user)


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


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The client's address from the trusted proxies' X-Forwarded-For; a request with
        fewer forwarded addresses than proxies did not come through them all, so its own
        peer address counts (allauth would raise ImproperlyConfigured: a 500)."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not a bind
