"""Polish analysis for Elasticsearch, shared by the pages index (Wagtail's backend) and the
directory index (elasticsearch-dsl).

One analyzer, `polish_folded`: lower-case, then every word both as typed and accent-folded
(`asciifolding` with `preserve_original`), then — when the cluster has the official
analysis-stempel plugin — the Polish stemmer. The same chain runs on documents and queries,
so "dotacji" meets "dotacje" and "spoldzielnie" meets "spółdzielnie".
"""

ANALYZER = "polish_folded"


def analysis(*, stempel: bool) -> dict:
    filters = ["lowercase", "folding"]
    if stempel:
        filters += ["polish_stop", "polish_stem"]
    return {
        "filter": {"folding": {"type": "asciifolding", "preserve_original": True}},
        "analyzer": {
            ANALYZER: {"type": "custom", "tokenizer": "standard", "filter": filters},
            # Wagtail's backend indexes every SearchField and its catch-all field with the
            # index's default analyzer.
            "default": {"type": "custom", "tokenizer": "standard", "filter": filters},
        },
    }


def wagtail_backend(*, url: str, stempel: bool, index_prefix: str) -> dict:
    """WAGTAILSEARCH_BACKENDS["default"] for the pages when ELASTICSEARCH_URL is set."""
    return {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": [url],
        "INDEX": f"{index_prefix}_pages",
        "TIMEOUT": 5,
        "OPTIONS": {},
        "INDEX_SETTINGS": {"settings": {"analysis": analysis(stempel=stempel)}},
    }
