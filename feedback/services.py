"""Writes of the feedback app: inviting the people who came, taking one answer per link."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from events.models import Registration
from feedback import selectors
from feedback.models import Answer, Audience, Invitation, QuestionKind, Response, Survey
from intranet.models import Booking
from portal.mail import absolute_url, mail_queue

# The one guard that makes a link single-use: the invitation is claimed with a conditional
# UPDATE (… WHERE used = false) in the transaction that stores the answers. Tests switch it
# off to show the race it closes.
CLAIM_WITH_CONDITIONAL_UPDATE = True
# Who is invited: people whose event or consultation was at most this many days ago.
DEFAULT_INVITE_DAYS = 30


class FeedbackError(Exception):
    pass


class InvitationUnknown(FeedbackError):
    pass


class SurveyAlreadyAnswered(FeedbackError):
    pass


def survey_url(invitation: Invitation) -> str:
    return absolute_url(reverse("feedback:survey", kwargs={"token": invitation.token}))


def _registration_facts(registration: Registration) -> dict:
    event = registration.event
    return {
        "audience": Audience.EVENT,
        "event": event,
        "event_kind": event.kind,
        "location_id": event.location_id,
        "held_on": registration.occurrence_date,
    }


def _booking_facts(booking: Booking) -> dict:
    return {
        "audience": Audience.CONSULTATION,
        "specialisation_id": booking.specialisation_id,
        "location_id": booking.location_id,
        "held_on": timezone.localtime(booking.start).date(),
    }


def _invitation_get_or_create(*, survey: Survey, email: str, **facts) -> Invitation:
    """The invitation of one registration or booking, made once even by concurrent runs
    (its one-to-one column refuses a second row)."""
    source = {key: facts.pop(key) for key in ("registration", "booking") if key in facts}
    existing = Invitation.objects.filter(**source).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Invitation.objects.create(survey=survey, email=email, **source, **facts)
    except IntegrityError:
        return Invitation.objects.get(**source)


def survey_url_for_registration(registration: Registration) -> str | None:
    """The survey link for a person marked present, for another e-mail to carry (the
    thank-you after the event). Creates the invitation if needed and counts it as sent, so
    `invitations_send` does not e-mail it again. None when no survey fits the event."""
    if not (registration.attended and registration.status == Registration.Status.CONFIRMED):
        return None
    survey = selectors.survey_for_event_kind(registration.event.kind)
    if survey is None:
        return None
    with transaction.atomic():
        invitation = _invitation_get_or_create(
            survey=survey,
            email="",  # the thank-you mail carries the link
            registration=registration,
            **_registration_facts(registration),
        )
        Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), email=""
        )
    return survey_url(invitation)


def _send_once(invitation: Invitation, *, subject_title: str, now) -> bool:
    """Queue the e-mail of `invitation` unless it has been sent: the conditional UPDATE
    decides, so two runs at once send it once."""
    with transaction.atomic():
        # The address is needed only to send: it is not kept past this message.
        claimed = Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
            sent_at=now, email=""
        )
        if not claimed:
            return False
        mail_queue(
            to=[invitation.email],
            subject=gettext_noop("How was “%(title)s”? Tell us in a minute"),
            subject_params={"title": subject_title},
            template="feedback/email/invitation.txt",
            context={
                "title": subject_title,
                "url": survey_url(invitation),
                "survey": invitation.survey,
            },
        )
    return True


def invitations_send(*, now: datetime.datetime | None = None, days_back: int | None = None) -> int:
    """E-mail a survey link to everyone marked present at an event, or whose consultation
    took place, in the last `days_back` days (settings.FEEDBACK_INVITE_DAYS, 30). Each person once,
    however often this runs. Returns the number of e-mails queued."""
    now = now or timezone.now()
    if days_back is None:
        days_back = getattr(settings, "FEEDBACK_INVITE_DAYS", DEFAULT_INVITE_DAYS)
    today = timezone.localtime(now).date()
    since = today - datetime.timedelta(days=days_back)
    sent = 0
    for registration in selectors.registrations_to_invite(since=since, before=today):
        survey = selectors.survey_for_event_kind(registration.event.kind)
        if survey is None:
            continue
        invitation = _invitation_get_or_create(
            survey=survey,
            email=registration.email,
            registration=registration,
            **_registration_facts(registration),
        )
        sent += _send_once(invitation, subject_title=registration.event.title, now=now)
    for booking in selectors.bookings_to_invite(since=since, now=now):
        survey = selectors.survey_for_specialisation(booking.specialisation_id)
        email = booking.member.email if booking.member_id else booking.visitor_email
        if survey is None or not email:
            continue
        invitation = _invitation_get_or_create(
            survey=survey, email=email, booking=booking, **_booking_facts(booking)
        )
        sent += _send_once(invitation, subject_title=booking.specialisation.name, now=now)
    return sent


def _claim(invitation: Invitation) -> bool:
    if CLAIM_WITH_CONDITIONAL_UPDATE:
        return bool(Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True))
    # Unguarded (tests only): check, then write — two requests can both pass the check.
    if invitation.used:
        return False
    Invitation.objects.filter(pk=invitation.pk).update(used=True)
    return True


def _invitation_for(token: str) -> Invitation:
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        raise InvitationUnknown(token)
    return invitation


def response_submit(*, token: str, answers: dict) -> Response:
    """Store the answers given through the link `token`, once: the invitation is marked
    used and the anonymous response written in one transaction. `answers` maps a question
    to its cleaned value (int 1–5, bool, text or None)."""
    with transaction.atomic():
        invitation = _invitation_for(token)
        if not _claim(invitation):
            raise SurveyAlreadyAnswered(token)
        held_on = invitation.held_on
        if invitation.audience == Audience.CONSULTATION:
            held_on = held_on.replace(day=1)  # a month, not a day someone met an adviser
        response = Response.objects.create(
            survey=invitation.survey,
            audience=invitation.audience,
            event_id=invitation.event_id,
            event_kind=invitation.event_kind,
            specialisation_id=invitation.specialisation_id,
            location_id=invitation.location_id,
            held_on=held_on,
        )
        Answer.objects.bulk_create(
            _answer(response, question, value) for question, value in answers.items()
        )
    return response


def _answer(response: Response, question, value) -> Answer:
    answer = Answer(
        response=response, question=question, question_text=question.text, kind=question.kind
    )
    if question.kind == QuestionKind.RATING:
        answer.rating = value
    elif question.kind == QuestionKind.YES_NO:
        answer.yes = value
    else:
        answer.text = value or ""
    return answer
