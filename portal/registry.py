"""What the feature apps tell the ground floor, so that `portal` imports none of them.

Each feature app registers, in its `AppConfig.ready()`:

- the sections it adds to the home page (`register_home_section`): a name, the template
  that renders it and a selector giving what the template shows (called only when the
  section's cached fragment is missing);
- which public cache areas a change of one of its models makes stale
  (`register_invalidation`): e.g. a news item its own page, the news lists and the home
  page's news section. Areas are plain strings; `portal/versions.py` keeps one version
  per area and every cached fragment names the areas it shows.

The registry is filled once at start-up and only read afterwards.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# An area, or a function of the changed instance returning its areas.
AreaSpec = str | Callable[[object], Iterable[str]]


@dataclass(frozen=True)
class HomeSection:
    name: str  # also the area the section's fragment depends on: "home:<name>"
    template: str
    selector: Callable[[], object]
    order: int = 100
    # The page type whose public page the section links as "all …" (e.g. the news index):
    # the home page's child of that type, else the first in tree order
    # (`portal.selectors.index_pages_of`).
    index_model: type | None = None

    @property
    def area(self) -> str:
        return f"home:{self.name}"


_home_sections: dict[str, HomeSection] = {}
_invalidations: dict[type, list[AreaSpec]] = {}


def register_home_section(
    name: str,
    *,
    template: str,
    selector: Callable,
    order: int = 100,
    index_model: type | None = None,
):
    _home_sections[name] = HomeSection(name, template, selector, order, index_model)


def home_sections() -> list[HomeSection]:
    return sorted(_home_sections.values(), key=lambda section: (section.order, section.name))


def register_invalidation(model: type, *areas: AreaSpec) -> None:
    """A saved or deleted `model` (or subclass) instance makes these areas stale."""
    _invalidations.setdefault(model, []).extend(areas)


def invalidating_models() -> list[type]:
    return list(_invalidations)


def areas_for(instance) -> set[str]:
    """Every area a change of `instance` makes stale (from its class and its bases)."""
    found: set[str] = set()
    for model, specs in _invalidations.items():
        if isinstance(instance, model):
            for spec in specs:
                found.update([spec] if isinstance(spec, str) else spec(instance))
    return found


# Live slots: small parts of a page that change far more often than the page (an event's
# place counts and "Registration open" badge). Templates write `live_slot_marker(name,
# key)` where the part goes, also inside long-lived cached fragments; every response,
# from the page cache or not, gets them filled in by `portal.live.LiveSlotMiddleware`
# with `fill(keys) -> {key: html}` of the app that registered the name.
_live_slots: dict[str, Callable[[list[str]], dict[str, str]]] = {}


def register_live_slot(name: str, fill: Callable[[list[str]], dict[str, str]]) -> None:
    _live_slots[name] = fill


def live_slot_filler(name: str):
    return _live_slots.get(name)
