"""Site-wide forms: uploads are checked by their content, not only by their name."""

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04",)
# What the first bytes of each allowed document type must be (WAGTAILDOCS_EXTENSIONS).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "zip": ZIP,
    "rtf": (b"{\\rtf",),
}
TEXT_TYPES = {"csv", "txt"}
HTML_MARKERS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml")


def content_matches_extension(name: str, head: bytes) -> bool:
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension in TEXT_TYPES:
        sample = head.lstrip().lower()
        if b"\x00" in head or sample.startswith(HTML_MARKERS):
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A sample may end in the middle of a multi-byte character.
            return error.start >= len(head) - 3
        return True
    return head.startswith(SIGNATURES.get(extension, (b"\x00\x00\x00\x00-never",)))


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content is not what their name says
    (e.g. an HTML page renamed to .pdf)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            position = file.tell()
            file.seek(0)
            head = file.read(4096)
            file.seek(position)
            if not content_matches_extension(file.name, head):
                raise ValidationError(
                    _("The content of this file does not match its type (%(name)s)."),
                    params={"name": os.path.basename(file.name)},
                )
        return file
