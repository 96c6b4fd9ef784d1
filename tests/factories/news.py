import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from news.models import NewsCategory, NewsIndexPage, NewsPage


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategoria {n}")
    slug = factory.Sequence(lambda n: f"kategoria-{n}")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Aktualności"
    slug = "aktualnosci"
    show_in_menus = True


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Wiadomość numer {n}")
    slug = factory.Sequence(lambda n: f"wiadomosc-{n}")
    date = factory.Sequence(lambda n: timezone.localdate() - datetime.timedelta(days=n))
    author = "Redakcja OWES"
    intro = "Krótki lead wiadomości."
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)
            obj.save()  # parental relations are stored when the page is saved

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.set(extracted)
            obj.save()


def news_image(title="Zdjęcie"):
    return Image.objects.create(title=title, file=get_test_image_file(size=(1200, 800)))
