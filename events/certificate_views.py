"""Certificates of attendance in public: check a code, see what it confirms, download the
PDF. The code is the key (60 random bits, printed on the certificate and sent in the
thank-you e-mail): no login, and nothing shown but the name, the event and its date."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events import selectors
from events.forms import CertificateLookupForm
from events.notifications import certificate_url
from events.services import occurrence_of
from portal.pdf import pdf_response


def certificate_context(certificate) -> dict:
    registration = certificate.registration
    return {
        "certificate": certificate,
        "registration": registration,
        "event": registration.event,
        "occurrence": occurrence_of(registration),
        "verification_url": certificate_url(certificate),
    }


@never_cache
def certificate_lookup(request):
    form = CertificateLookupForm(request.GET or None)
    status = 200
    if form.is_valid():
        certificate = selectors.certificate_valid(form.cleaned_data["kod"])
        if certificate is not None:
            return redirect("certificates:detail", code=certificate.code)
        form.add_error("kod", _("No certificate has this code. Check it against the paper."))
        status = 404
    return TemplateResponse(
        request, "events/certificate_lookup.html", {"form": form}, status=status
    )


def _certificate_or_404(code):
    certificate = selectors.certificate_valid(code)
    if certificate is None or certificate.code != code:
        raise Http404("No such certificate")
    return certificate


@never_cache
def certificate_detail(request, code):
    context = certificate_context(_certificate_or_404(code))
    return TemplateResponse(request, "events/certificate_detail.html", context)


def certificate_pdf(request, code):
    certificate = _certificate_or_404(code)
    return pdf_response(
        request,
        "events/staff/certificate.html",
        certificate_context(certificate),
        filename=f"zaswiadczenie-{certificate.code}",
    )
