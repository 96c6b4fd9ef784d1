from django import template

from portal.structured_data import json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def organization_json_ld(context, entity):
    """Schema.org Organization for an entity profile."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": entity.name,
        "url": request.build_absolute_uri(entity.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": entity.street,
            "postalCode": entity.postcode,
            "addressLocality": entity.town,
            "addressRegion": "lubuskie",
            "addressCountry": "PL",
        },
    }
    optional = {
        "alternateName": entity.short_name,
        "email": entity.email,
        "telephone": entity.phone,
        "sameAs": [url for url in (entity.website, entity.facebook_url) if url] or None,
        "taxID": entity.nip,
        "foundingDate": str(entity.year_founded) if entity.year_founded else None,
    }
    data.update({key: value for key, value in optional.items() if value})
    return json_ld(data)
