"""Site-wide models: the user, locations, site settings and the site-wide page types."""

from .locations import Location
from .pages import AccessibilityStatementPage, BasePage, HomePage, LocationIndexPage, StandardPage
from .site_settings import SiteSettings
from .users import User

__all__ = [
    "AccessibilityStatementPage",
    "BasePage",
    "HomePage",
    "Location",
    "LocationIndexPage",
    "SiteSettings",
    "StandardPage",
    "User",
]
