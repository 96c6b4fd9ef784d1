from django import template

from portal.fragments import site_settings_for
from portal.structured_data import json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, page, image=None):
    """Schema.org NewsArticle for a news page."""
    request = context["request"]
    organisation = site_settings_for(request).organisation_name or "OWES"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.search_description or page.intro,
        "datePublished": page.first_published_at or page.date,
        "dateModified": page.last_published_at or page.first_published_at or page.date,
        "mainEntityOfPage": page.get_full_url(request),
        "publisher": {"@type": "Organization", "name": organisation},
        "author": {"@type": "Person", "name": page.author}
        if page.author
        else {"@type": "Organization", "name": organisation},
    }
    if getattr(image, "url", None):
        data["image"] = [request.build_absolute_uri(image.url)]
    return json_ld(data)
