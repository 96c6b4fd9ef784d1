from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from news import selectors
        from news.models import NewsCategory, NewsIndexPage, NewsPage
        from portal import registry

        registry.register_home_section(
            "news",
            template="news/includes/home_section.html",
            selector=selectors.home_section,
            order=10,
            index_model=NewsIndexPage,
        )
        registry.register_invalidation(NewsPage, "news", "home:news", "tags")
        registry.register_invalidation(NewsCategory, "news", "home:news")
