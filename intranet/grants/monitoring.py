"""Grants and jobs: the monitoring checks a job gets, recording them, overdue reminders."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.models import Job, JobCheck
from portal.dates import add_months


class GrantError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def job_checks_schedule(*, job: Job) -> int:
    """Checks every JOB_CHECK_EVERY_MONTHS for JOB_MONITORING_MONTHS after the job starts.

    Safe to call again (after an edit): missing dates are added, recorded ones kept."""
    every = settings.JOB_CHECK_EVERY_MONTHS
    months = settings.JOB_MONITORING_MONTHS
    due_dates = [add_months(job.start_date, m) for m in range(every, months + 1, every)]
    existing = set(job.checks.values_list("due_on", flat=True))
    new = [JobCheck(job=job, due_on=due) for due in due_dates if due not in existing]
    JobCheck.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def job_check_record(*, check: JobCheck, result: str, note: str, user) -> JobCheck:
    check = JobCheck.objects.select_for_update().get(pk=check.pk)
    if result not in JobCheck.Result.values:
        raise GrantError(_("Choose whether the job is maintained."))
    if check.result:
        raise GrantError(_("This check has already been recorded."))
    if check.due_on > timezone.localdate() + datetime.timedelta(days=31):
        raise GrantError(_("This check is not due yet."))
    check.result = result
    check.note = note
    check.checked_on = timezone.localdate()
    check.checked_by = user
    check.save()
    return check


def _checks():
    return JobCheck.objects.select_related("job__grant__entity", "job__participant")


def checks_overdue(today):
    return _checks().filter(result="", due_on__lt=today).order_by("due_on")


def checks_upcoming(today):
    return _checks().filter(result="", due_on__gte=today).order_by("due_on")


def overdue_checks_notify(*, today=None) -> int:
    """E-mail Kadra the overdue checks not yet reported. Safe to run twice."""
    from django.contrib.auth import get_user_model

    from intranet.enrolment import notifications

    today = today or timezone.localdate()
    with transaction.atomic():
        checks = list(
            checks_overdue(today)
            .filter(overdue_notified_on__isnull=True)
            .select_for_update(of=("self",))
        )
        if not checks:
            return 0
        JobCheck.objects.filter(pk__in=[c.pk for c in checks]).update(overdue_notified_on=today)
    recipients = list(
        get_user_model()
        .objects.filter(groups__name="Kadra", is_active=True)
        .values_list("email", flat=True)
        .distinct()
    )
    if not notifications.job_checks_overdue(checks, recipients):
        # Nobody was told: report these checks again on the next run.
        JobCheck.objects.filter(pk__in=[c.pk for c in checks]).update(overdue_notified_on=None)
        return 0
    return len(checks)
