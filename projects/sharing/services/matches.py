"""Offers and requests that fit: the database narrows, the pure rules of
`projects.sharing.matching` decide, and both authors are told once."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import Message, notify
from projects.network.models import Territory
from projects.sharing.matching import Availability, PostFacts, matches_for
from projects.sharing.models import SharingMatch, SharingPost, weekdays_of
from projects.sharing.services.common import post_contacts, post_url


def _facts(posts: list[SharingPost]) -> dict[int, PostFacts]:
    """Plain facts of the posts for `projects.sharing.matching` (one query for territories)."""
    territory_ids = {post.territory_id for post in posts}
    ancestors: dict[int, set[int]] = {pk: set() for pk in territory_ids}
    links = Territory.ancestors.through.objects.filter(
        from_territory_id__in=territory_ids
    ).values_list("from_territory_id", "to_territory_id")
    for child, ancestor in links:
        ancestors[child].add(ancestor)
    return {
        post.pk: PostFacts(
            id=post.pk,
            kind=post.kind,
            category=post.category,
            organisation_id=post.organisation_id,
            territory_id=post.territory_id,
            territory_ancestors=frozenset(ancestors[post.territory_id]),
            availability=Availability(
                start=post.available_from,
                end=post.available_until,
                weekdays=frozenset(weekdays_of(post.weekdays)),
            ),
        )
        for post in posts
    }


def matching_posts(post: SharingPost, *, today: datetime.date | None = None) -> list[SharingPost]:
    """Posts on the board that fit ``post`` (the database narrows, the pure rules decide)."""
    today = today or timezone.localdate()
    opposite = (
        SharingPost.Kind.REQUEST if post.kind == SharingPost.Kind.OFFER else SharingPost.Kind.OFFER
    )
    candidates = list(
        SharingPost.objects.on_board(today)
        .filter(kind=opposite, category=post.category)
        .exclude(organisation_id=post.organisation_id)
        .in_territory(post.territory)
        .select_related("organisation", "author")
    )
    facts = _facts([post, *candidates])
    fitting = {
        f.id for f in matches_for(facts[post.pk], [facts[c.pk] for c in candidates], today=today)
    }
    return [c for c in candidates if c.pk in fitting]


def find_matches(post: SharingPost) -> list[SharingMatch]:
    """Record the offers/requests that fit ``post`` and were not matched yet; tell both
    authors, each with a link to the other's post."""
    found = []
    for other in matching_posts(post):
        offer, request = (post, other) if post.kind == SharingPost.Kind.OFFER else (other, post)
        try:
            with transaction.atomic():
                match, created = SharingMatch.objects.get_or_create(offer=offer, request=request)
        except IntegrityError:  # matched meanwhile by a concurrent publication
            continue
        if created:
            found.append(match)
            _notify_match(post, other)
            _notify_match(other, post)
    return found


def _notify_match(post: SharingPost, other: SharingPost) -> None:
    """Tell ``post``'s author that ``other`` fits it."""

    def compose(user: User) -> Message:
        if other.kind == SharingPost.Kind.OFFER:
            title = _("An offer fits your request “%(title)s”")
        else:
            title = _("A request fits your offer “%(title)s”")
        return Message(
            title=title % {"title": post.title},
            body=_("%(organisation)s: “%(title)s”. Reply to it on the platform.")
            % {"organisation": other.organisation.name, "title": other.title},
            url=post_url(other),
        )

    notify(post_contacts(post), compose)


def matches_of(post: SharingPost) -> list[SharingPost]:
    """The posts recorded as fitting ``post`` that are still on the board."""
    if post.kind == SharingPost.Kind.OFFER:
        ids = SharingMatch.objects.filter(offer=post).values("request_id")
    else:
        ids = SharingMatch.objects.filter(request=post).values("offer_id")
    return list(SharingPost.objects.on_board().filter(pk__in=ids).select_related("organisation"))
