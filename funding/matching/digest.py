"""The weekly e-mail digest of funding calls to the leads of experiments seeking funding.

Each lead gets, once a week, for each experiment they lead that looks for funding: the matching
calls not announced to them before, and the matching calls that close soon. The e-mail is in
their language, with a signed link to unsubscribe in one click without signing in.
`send_digests` is idempotent: one `DigestDelivery` per person and week, so running it twice the
same week sends nothing more. Run weekly by `manage.py funding_digest` (cron) or the
`send_funding_digests` task.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Locale

from accounts.models import User
from core.mail import subject_line
from funding.matching.models import DigestDelivery, DigestOptOut
from funding.matching.queries import catalogue_base_url
from funding.matching.recommendations import candidate_calls, recommend_many
from funding.matching.scoring import Match
from projects.experiments.models import Experiment, ExperimentMember

UNSUBSCRIBE_SALT = "funding.matching.digest.unsubscribe"
# Matching calls closing within this many days are reminded every week until they close.
DEFAULT_CLOSING_SOON_DAYS = 14


def closing_soon_days() -> int:
    return getattr(settings, "FUNDING_DIGEST_CLOSING_SOON_DAYS", DEFAULT_CLOSING_SOON_DAYS)


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week: the key of the weekly log."""
    return day - datetime.timedelta(days=day.weekday())


# ---------------------------------------------------------------------- unsubscribe tokens
def unsubscribe_token(user: User) -> str:
    """A signed, non-expiring token naming ``user`` (the link of every digest)."""
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def user_from_token(token: str) -> User | None:
    """The user a token names, None when it is forged, damaged or the user is gone."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    pk = data.get("u") if isinstance(data, dict) else None
    return User.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def unsubscribe(user: User) -> bool:
    """Stop the digest for ``user``; False when they had already unsubscribed."""
    _opt_out, created = DigestOptOut.objects.get_or_create(user=user)
    return created


def resubscribe(user: User) -> bool:
    """Receive the digest again; False when they were subscribed."""
    deleted, _rows = DigestOptOut.objects.filter(user=user).delete()
    return bool(deleted)


def unsubscribe_url(user: User) -> str:
    """The absolute unsubscribe link, with the path in the user's language."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        path = reverse("funding:digest_unsubscribe", kwargs={"token": unsubscribe_token(user)})
    return settings.SITE_URL.rstrip("/") + path


# ---------------------------------------------------------------------- building
@dataclass(frozen=True)
class DigestSection:
    """One experiment in a lead's digest: matching calls new to them, and closing soon."""

    experiment: Experiment
    new: tuple[Match, ...]
    closing: tuple[Match, ...]


@dataclass(frozen=True)
class Digest:
    user: User
    week: datetime.date
    sections: tuple[DigestSection, ...]

    @property
    def announced(self) -> list[list[int]]:
        return [[s.experiment.pk, m.call.id] for s in self.sections for m in s.new]

    @property
    def closing(self) -> list[list[int]]:
        return [[s.experiment.pk, m.call.id] for s in self.sections for m in s.closing]


def _leads(experiments: list[Experiment]) -> dict[User, list[Experiment]]:
    """Active, subscribed lead users → the experiments they lead (one query)."""
    by_pk = {e.pk: e for e in experiments}
    memberships = (
        ExperimentMember.objects.filter(
            experiment__in=by_pk, role=ExperimentMember.Role.LEAD, user__is_active=True
        )
        .exclude(user__funding_digest_opt_out__isnull=False)
        .select_related("user")
        .order_by("user_id", "experiment_id")
    )
    leads: dict[int, list[Experiment]] = defaultdict(list)
    users: dict[int, User] = {}
    for membership in memberships:
        users[membership.user_id] = membership.user
        leads[membership.user_id].append(by_pk[membership.experiment_id])
    return {users[pk]: found for pk, found in leads.items()}


def build_digests(today: datetime.date | None = None) -> list[Digest]:
    """The digests due this week and not sent yet, in a constant number of queries."""
    today = today or timezone.localdate()
    week = week_of(today)
    experiments = list(
        Experiment.objects.filter(state=Experiment.State.SEEKING_FUNDING).order_by("title", "pk")
    )
    leads = _leads(experiments)
    if not leads:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        calls = candidate_calls()
    found = recommend_many([e.pk for e in experiments], calls=calls, today=today)
    deliveries = DigestDelivery.objects.filter(user__in=leads).values_list(
        "user_id", "week", "announced"
    )
    sent_this_week: set[int] = set()
    announced: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for user_id, delivered_week, pairs in deliveries:
        if delivered_week == week:
            sent_this_week.add(user_id)
        announced[user_id].update((e, c) for e, c in pairs)
    horizon = today + datetime.timedelta(days=closing_soon_days())
    digests = []
    for user, led in leads.items():
        if user.pk in sent_this_week:
            continue
        sections = []
        for experiment in led:
            matches = found[experiment.pk].matches
            new = tuple(m for m in matches if (experiment.pk, m.call.id) not in announced[user.pk])
            closing = tuple(
                m for m in matches if m.deadline is not None and today <= m.deadline <= horizon
            )
            if new or closing:
                sections.append(DigestSection(experiment, new, closing))
        if sections:
            digests.append(Digest(user=user, week=week, sections=tuple(sections)))
    return digests


# ---------------------------------------------------------------------- sending
class _Urls:
    """Call and experiment addresses in each language: the calls' facts carry the French
    catalogue's path, the digest gives each reader theirs (one query per language)."""

    def __init__(self) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self.default_base = catalogue_base_url()
        self.bases: dict[str, str] = {}

    def call(self, url: str, language: str) -> str:
        if language not in self.bases:
            locale = Locale.objects.filter(language_code=language).first()
            self.bases[language] = catalogue_base_url(locale) if locale else self.default_base
        if self.default_base and url.startswith(self.default_base):
            url = self.bases[language] + url[len(self.default_base) :]
        return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def render_digest(digest: Digest, urls: _Urls | None = None) -> EmailMessage:
    """The e-mail of one digest, in its reader's language."""
    urls = urls or _Urls()
    user = digest.user
    language = user.language or settings.LANGUAGE_CODE
    site = settings.SITE_URL.rstrip("/")
    with translation.override(language):
        sections = [
            {
                "experiment": section.experiment,
                "url": site
                + reverse("funding:experiment_funding", kwargs={"pk": section.experiment.pk}),
                "new": [(m, urls.call(m.call.url, language)) for m in section.new],
                "closing": [(m, urls.call(m.call.url, language)) for m in section.closing],
            }
            for section in digest.sections
        ]
        unsubscribe_link = unsubscribe_url(user)
        body = render_to_string(
            "funding/email/digest.txt",
            {
                "user": user,
                "sections": sections,
                "closing_days": closing_soon_days(),
                "unsubscribe_url": unsubscribe_link,
            },
        )
        subject = _("[Cluster 05 IS] Funding calls for your experiments, week of %(date)s") % {
            "date": date_format(digest.week, "SHORT_DATE_FORMAT")
        }
    return EmailMessage(
        subject=subject_line(subject),
        body=body,
        to=[user.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe button.
            "List-Unsubscribe": f"<{unsubscribe_link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_digests(today: datetime.date | None = None) -> int:
    """Send this week's digests not sent yet; returns how many were sent."""
    urls = _Urls()
    sent = 0
    for digest in build_digests(today):
        try:
            with transaction.atomic():
                # The log row first: a concurrent run hits the unique constraint and skips;
                # a failing mail server rolls the row back, so the next run tries again.
                DigestDelivery.objects.create(
                    user=digest.user,
                    week=digest.week,
                    announced=digest.announced,
                    closing=digest.closing,
                )
                render_digest(digest, urls).send()
        except IntegrityError:
            continue
        sent += 1
    return sent


@task()
def send_funding_digests() -> int:
    """The weekly digest as a Django task, for deployments that schedule work through the
    task worker rather than cron (`manage.py funding_digest` does the same)."""
    return send_digests()
