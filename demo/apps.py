from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top floor: `manage.py seed_demo` fills every app with its own demo content."""

    name = "demo"
    verbose_name = "Demo"
