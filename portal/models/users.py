from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    """A user manager for a model whose login is the e-mail address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account; the e-mail address is the login."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    objects = EmailUserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    # Set for one request by portal.middleware.SecondFactorMiddleware when the session has
    # not passed the second factor: such a session is honoured no permission and no staff
    # or superuser status, whatever the path (deny by default). Outside a request (commands,
    # workers) it stays False.
    second_factor_missing = False

    def __str__(self):
        return self.get_full_name() or self.email

    def has_perm(self, perm, obj=None):
        if self.second_factor_missing:
            return False
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        if self.second_factor_missing:
            return False
        return super().has_module_perms(app_label)

    def get_all_permissions(self, obj=None):
        if self.second_factor_missing:
            return set()
        return super().get_all_permissions(obj)
