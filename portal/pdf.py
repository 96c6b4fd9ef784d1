"""Documents as PDF files: a print template rendered to HTML, then by WeasyPrint to a
tagged A4 PDF (PDF/UA-1: structure tags, the <title> as the document title, the page's
`lang` as its language), with Debian's DejaVu fonts through Pango for Polish letters.

The same templates serve the browser's print view and the PDF, so a document is written
once. Model-free: any app hands a template and its context to `pdf_response`.

Stylesheets and images are read from the project's own files (static files and the media
storage), never fetched over the network: a PDF needs no web server, and a template can
make the renderer request nothing else (no server-side request forgery).
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string

# Relative links of a template resolve against this; only its paths are ever read.
BASE_URL = "https://pdf.invalid/"
PDF_VARIANT = "pdf/ua-1"


def _local_file(path: str):
    """An open file for a /static/ or /media/ path of the project, else None."""
    if path.startswith(settings.STATIC_URL):
        name = path.removeprefix(settings.STATIC_URL)
        found = finders.find(name)
        if found:
            return open(found, "rb")  # noqa: SIM115 - WeasyPrint closes it
        if staticfiles_storage.exists(name):
            return staticfiles_storage.open(name, "rb")
        return None
    if path.startswith(settings.MEDIA_URL):
        name = path.removeprefix(settings.MEDIA_URL)
        if default_storage.exists(name):
            return default_storage.open(name, "rb")
    return None


def _url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            media = urlsplit(settings.MEDIA_URL)
            if url.startswith(BASE_URL) or (media.netloc and parts.netloc == media.netloc):
                path = unquote(parts.path)
                if media.netloc:  # media on object storage: an absolute MEDIA_URL
                    path = settings.MEDIA_URL + path.removeprefix(media.path)
                file = _local_file(path)
                if file is not None:
                    mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, file, {"Content-Type": mime_type})
            raise ValueError(f"Not a file of this project: {url}")

    return ProjectFilesFetcher()


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML document (its <title> and <html lang> become the metadata)."""
    from weasyprint import HTML  # imported on use: Pango loads only where PDFs are made

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_url_fetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    return html_to_pdf(render_to_string(template_name, context, request=request))


def pdf_response(
    request, template_name: str, context: dict, *, filename: str, inline: bool = False
) -> HttpResponse:
    """A PDF download of `template_name` (`filename` without ".pdf")."""
    response = HttpResponse(
        render_pdf(template_name, {**context, "as_pdf": True}, request), "application/pdf"
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
