"""Site-wide forms: uploads are checked by opening them (portal.uploads)."""

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm

from portal.uploads import content_matches_name, mismatch_message


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content is not what their name says
    (e.g. an HTML page renamed to .pdf)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data and not content_matches_name(file):
            raise ValidationError(mismatch_message(file.name))
        return file
