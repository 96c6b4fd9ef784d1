import factory
from django.utils import timezone

from directory.models import Entity, LegalForm


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Spółdzielnia Socjalna Razem {n}")
    slug = factory.Sequence(lambda n: f"podmiot-{n}")
    legal_form = LegalForm.SOCIAL_COOPERATIVE
    county = "swiebodzinski"
    commune = "Świebodzin"
    town = "Świebodzin"
    postcode = "66-200"
    live = True
    first_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def services(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.services.set(extracted)
            obj.save()
