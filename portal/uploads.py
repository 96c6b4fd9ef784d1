"""Uploaded files: what they really are, and where the private ones are kept.

A file is what its name says only if it opens as that: a PDF parses, an image decodes, an
OOXML or ODF document is a zip holding the parts of its kind. Its first bytes prove
nothing (an HTML page starting with "%PDF-" is still an HTML page).

Private files (grant-application attachments) live in the "private" storage: outside
MEDIA_ROOT, under random names, with no URL; only a permission-checked view serves them.
"""

import os
import uuid
import zipfile

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from PIL import Image

HTML_MARKERS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml")
# The part that makes a zip an OOXML document of each kind.
OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}


def extension_of(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def _is_pdf(file) -> bool:
    # pypdf is imported on use: only an upload needs it, not every worker's start-up
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not file.read(5) == b"%PDF-":
        return False
    file.seek(0)
    try:
        reader = PdfReader(file)
        return len(reader.pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError):
        return False


def _is_image(file, extension: str) -> bool:
    try:
        with Image.open(file) as image:
            image.verify()
            return image.format == IMAGE_FORMATS[extension]
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False


def _zip_names(file) -> set[str] | None:
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _is_ooxml(file, extension: str) -> bool:
    names = _zip_names(file) or set()
    return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names


def _is_odf(file, extension: str) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.read("mimetype").strip() == ODF_MIMETYPES[extension]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def _is_text(file) -> bool:
    sample = file.read(4096)
    if b"\x00" in sample or sample.lstrip().lower().startswith(HTML_MARKERS):
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A sample may end in the middle of a multi-byte character.
        return error.start >= len(sample) - 3
    return True


def _check(file, extension: str) -> bool:
    if extension == "pdf":
        return _is_pdf(file)
    if extension in IMAGE_FORMATS:
        return _is_image(file, extension)
    if extension in OOXML_PARTS:
        return _is_ooxml(file, extension)
    if extension in ODF_MIMETYPES:
        return _is_odf(file, extension)
    if extension == "zip":
        return _zip_names(file) is not None
    if extension == "rtf":
        return file.read(5) == b"{\\rtf"
    if extension in ("csv", "txt"):
        return _is_text(file)
    return False  # a type nobody taught this module to open


def mismatch_message(name: str) -> str:
    return _("The content of this file does not match its type (%(name)s).") % {
        "name": os.path.basename(name)
    }


def content_matches_name(file, name: str | None = None) -> bool:
    """Does `file` (an upload or any file object) open as the type its name says?"""
    extension = extension_of(name or file.name)
    position = file.tell()
    try:
        file.seek(0)
        return _check(file, extension)
    finally:
        file.seek(position)


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk under PRIVATE_MEDIA_ROOT (not MEDIA_ROOT: nothing serves it) and
    without a URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("A private file has no URL; a permission-checked view serves it.")


def private_storage():
    return storages["private"]


@deconstructible
class RandomName:
    """An `upload_to` keeping only the extension of the uploaded name: `folder/<uuid>.pdf`."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = extension_of(filename)
        return f"{self.folder}/{uuid.uuid4().hex}" + (f".{extension}" if extension else "")
