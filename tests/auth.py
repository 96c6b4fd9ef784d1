"""Logging in inside tests as the site's one login (allauth) would.

`Client.force_login` skips allauth, so a session made with it holds no record of the
second factor. The suite's conftest makes `force_login` record both steps (password, then
TOTP) for a user who has an authenticator app — as the real login insists — and tests of
the second factor itself log in through the forms or with `log_in_password_only`.
"""

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.test import Client

# allauth's private key naming the user the records belong to (account/internal/flows/login).
_RECORDS_USER_KEY = "account_authentication_methods_user"

_force_login = Client.force_login


def log_in_password_only(client, user):
    """A session that passed the password step only, as any login outside allauth would."""
    _force_login(client, user)


def log_in_with_second_factor(client, user):
    """A session that passed the password and the authenticator-app steps."""
    _force_login(client, user)
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_RECORDS_USER_KEY] = str(user.pk)
    session.save()


def force_login_as_allauth_would(client, user, backend=None):
    if Authenticator.objects.filter(user_id=user.pk).exists():
        log_in_with_second_factor(client, user)
    else:
        log_in_password_only(client, user)


def totp_code(user) -> str:
    """The current code of the user's authenticator app (RFC 6238), as a phone shows it."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
