"""Demo news for `manage.py seed_demo`: 12 Polish news items with locally drawn images."""

import datetime
import io

from anyascii import anyascii
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from news.models import NewsCategory, NewsIndexPage, NewsPage

CATEGORIES = [
    ("Ekonomia społeczna", "ekonomia-spoleczna"),
    ("Dotacje", "dotacje"),
    ("Szkolenia", "szkolenia"),
    ("Partnerstwa", "partnerstwa"),
]

NEWS = [
    (
        "Rusza nabór na dotacje dla nowych spółdzielni socjalnych",
        "dotacje",
        ["nabór", "dotacje"],
        "Do 31 stycznia można składać biznesplany. Na każde nowe miejsce pracy przewidziano "
        "dotację i sześć miesięcy wsparcia pomostowego.",
    ),
    (
        "Lubuski pakt na rzecz ekonomii społecznej podpisany",
        "partnerstwa",
        ["seminarium"],
        "Ponad 120 gości seminarium sieciującego w Gorzowie Wielkopolskim podpisało deklarację "
        "współpracy samorządów i podmiotów ekonomii społecznej.",
    ),
    (
        "Warsztaty biznesplanu w Świebodzinie",
        "szkolenia",
        ["biznesplan", "warsztaty"],
        "Trzy spotkania dla grup inicjatywnych: od pomysłu do biznesplanu, który przekona "
        "komisję grantową.",
    ),
    (
        "Klauzule społeczne w zamówieniach gminy Kożuchów",
        "ekonomia-spoleczna",
        ["klauzule"],
        "Gmina Kożuchów jako pierwsza w powiecie zastosowała klauzulę społeczną przy "
        "zamówieniu na utrzymanie zieleni.",
    ),
    (
        "Spotkanie animacyjne w Dobiegniewie",
        "ekonomia-spoleczna",
        ["animacja"],
        "Mieszkańcy, sołtysi i przedstawiciele OPS rozmawiali o pomyśle na spółdzielnię "
        "socjalną świadczącą usługi opiekuńcze.",
    ),
    (
        "Nowy doradca prawny w Kostrzynie nad Odrą",
        "szkolenia",
        ["doradztwo"],
        "We wtorki w ośrodku w Kostrzynie nad Odrą dyżuruje doradca prawny – zapisy przez "
        "intranet lub telefonicznie.",
    ),
    (
        "Wsparcie pomostowe: jak rozliczyć pierwsze miesiące",
        "dotacje",
        ["wsparcie pomostowe"],
        "Przypominamy zasady rozliczania wsparcia pomostowego i terminy składania "
        "zestawień wydatków.",
    ),
    (
        "Fundacja z Gorzowa uzyskała status przedsiębiorstwa społecznego",
        "ekonomia-spoleczna",
        ["przedsiębiorstwo społeczne"],
        "Wojewoda wpisał fundację do rejestru przedsiębiorstw społecznych – to już czwarty "
        "taki podmiot w naszym regionie w tym roku.",
    ),
    (
        "Partnerstwo lokalne w powiecie świebodzińskim",
        "partnerstwa",
        ["partnerstwo"],
        "Samorząd, PUP i dwa stowarzyszenia tworzą partnerstwo na rzecz zatrudnienia osób "
        "z niepełnosprawnościami.",
    ),
    (
        "Szkolenie z marketingu dla podmiotów ekonomii społecznej",
        "szkolenia",
        ["marketing"],
        "Jak opowiadać o społecznej wartości swoich usług i zdobywać klientów – dwudniowe "
        "szkolenie w Gorzowie Wielkopolskim.",
    ),
    (
        "Ekonomizacja organizacji pozarządowych – webinarium",
        "szkolenia",
        ["ekonomizacja"],
        "Dla stowarzyszeń i fundacji, które chcą prowadzić działalność odpłatną lub gospodarczą.",
    ),
    (
        "Podsumowanie roku: 94 podmioty i 293 osoby objęte wsparciem",
        "ekonomia-spoleczna",
        ["podsumowanie"],
        "Przedstawiamy najważniejsze liczby z minionego roku działalności ośrodka.",
    ),
]

COLOURS = ["#0b5563", "#8a3b00", "#2f4f8f", "#5b3a7a", "#1e6b34", "#7a2e2e"]


def seed_news(home):
    index = NewsIndexPage.objects.first()
    if index is None:
        index = NewsIndexPage(
            title="Aktualności",
            slug="aktualnosci",
            intro="Wiadomości z ośrodka: nabory, szkolenia, partnerstwa i historie podmiotów.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    categories = {
        slug: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in CATEGORIES
    }
    today = timezone.localdate()
    for number, (title, category_slug, tags, intro) in enumerate(NEWS):
        if NewsPage.objects.filter(title=title).exists():
            continue
        news = NewsPage(
            title=title,
            slug=slugify(anyascii(title))[:80].strip("-"),
            date=today - datetime.timedelta(days=4 * number + 1),
            author="Redakcja OWES",
            intro=intro,
            main_image=_news_image(title, COLOURS[number % len(COLOURS)]),
            main_image_alt=f"Grafika ilustrująca wiadomość: {title}",
            body=[
                ("paragraph", RichText(f"<p>{intro}</p>")),
                ("heading", {"text": "Szczegóły", "level": "h2"}),
                (
                    "paragraph",
                    RichText(
                        "<p>Więcej informacji udziela biuro projektu: tel. 95 720 55 10, "
                        "e-mail biuro@owes.example.org.</p>"
                    ),
                ),
            ],
        )
        index.add_child(instance=news)
        news.categories.set([categories[category_slug]])
        news.tags.set(tags)
        news.save_revision().publish()
    return index


def seed_news_archive(index, total: int) -> int:
    """Older news up to `total` news in all (benchmarks: 500), each with a category, a tag
    and one of a few shared images. Returns how many were added."""
    categories = list(NewsCategory.objects.all())
    images = [_news_image(f"Archiwum {n}", colour) for n, colour in enumerate(COLOURS)]
    added, number = 0, NewsPage.objects.count()
    oldest = NewsPage.objects.order_by("date").values_list("date", flat=True).first()
    oldest = oldest or timezone.localdate()
    while number < total:
        title = f"Z archiwum ośrodka: wiadomość {number + 1}"
        news = NewsPage(
            title=title,
            slug=f"archiwum-{number + 1}",
            date=oldest - datetime.timedelta(days=2 * (number + 1)),
            author="Redakcja OWES",
            intro="Relacja z działań ośrodka: doradztwo, szkolenia i wsparcie podmiotów.",
            main_image=images[number % len(images)],
            main_image_alt="Grafika ilustrująca wiadomość z archiwum",
            body=[("paragraph", RichText("<p>Relacja z działań ośrodka.</p>"))],
        )
        index.add_child(instance=news)
        if categories:
            news.categories.set([categories[number % len(categories)]])
        news.tags.set(["archiwum"])
        news.save_revision().publish()
        added, number = added + 1, number + 1
    return added


def _news_image(title: str, colour: str) -> Image:
    canvas = PILImage.new("RGB", (1200, 675), colour)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([60, 60, 1140, 615], outline="white", width=6)
    draw.text((100, 300), title[:60], fill="white")
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=80)
    buffer.seek(0)
    return Image.objects.create(title=title[:200], file=ImageFile(buffer, name="aktualnosc.jpg"))
