"""Demo posts of the sharing board, posted through the real services by demo members on behalf of
their organisations: about twenty offers and requests across categories and territories of the
Hautes-Alpes, several that fit each other (their authors are told), conversations, one of which
became a cooperation idea, and posts in each state (draft, fulfilled, expired, about to expire).
The posts and conversations are listed in `home/demo/data/sharing.yaml`.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

import projects.sharing.services as sharing
from accounts.models import User
from accounts.notifications import emails_suppressed
from home.demo.content import read
from projects.network.models import OrganisationMembership
from projects.sharing.models import Conversation, SharingPost, weekday_mask

P = SharingPost

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _member(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=name)  # unusable password
    return user


def _fields(spec: dict, territories: dict) -> dict:
    fields = {
        "kind": spec["kind"],
        "category": spec["category"],
        "title": spec["title"],
        "description": spec["description"],
        "territory": territories[spec["territory"]],
        "commune": territories[spec["commune"]] if spec.get("commune") else None,
        "availability": spec["availability"],
        "weekdays": weekday_mask([WEEKDAYS.index(day) for day in spec.get("weekdays", [])]),
        "terms": spec["terms"],
        "terms_note": spec.get("terms_note", ""),
        "price": Decimal(spec["price"]) if spec.get("price") else None,
    }
    if "from" in spec:
        fields["available_from"] = _days(spec["from"])
    if "until" in spec:
        fields["available_until"] = _days(spec["until"])
    return fields


def _post(spec: dict, organisations: dict, territories: dict) -> SharingPost:
    organisation = organisations[spec["organisation"]]
    existing = SharingPost.objects.filter(title=spec["title"], organisation=organisation).first()
    if existing is not None:
        return existing
    author = User.objects.get(email=spec["by"])
    state = spec.get("state", "published")
    fields = _fields(spec, territories)
    if state == "fulfilled":
        # A past exchange: posted while its dates were still ahead.
        fields["available_from"] = fields["available_until"] = None
        fields["availability"] = P.Availability.ONGOING
    post = sharing.create_post(
        by=author, organisation=organisation, fields=fields, publish=state != "draft"
    )
    if state == "fulfilled":
        post = sharing.run_post_transition(post, "fulfil", by=author)
    elif state == "expired":
        SharingPost.objects.filter(pk=post.pk).update(expires_at=_days(-3))
        sharing.expire_posts()
    elif spec.get("expires_in") is not None:
        SharingPost.objects.filter(pk=post.pk).update(expires_at=_days(spec["expires_in"]))
    return post


def load(network: dict) -> dict[str, SharingPost]:
    """Create the demo members' memberships, posts and conversations that do not exist yet."""
    data = read("sharing")
    organisations = network["organisations"]
    territories = network["territories"]
    for member in data["members"]:
        OrganisationMembership.objects.get_or_create(
            user=_member(member["email"], member["full_name"]),
            organisation=organisations[member["organisation"]],
        )
    posts = {}
    with emails_suppressed():
        for spec in data["posts"]:
            posts[spec["key"]] = _post(spec, organisations, territories)
        for spec in data["conversations"]:
            post = posts[spec["post"]]
            organisation = organisations[spec["organisation"]]
            if Conversation.objects.filter(post=post, organisation=organisation).exists():
                continue
            first, *rest = spec["messages"]
            conversation = sharing.reply_to_post(
                post,
                by=User.objects.get(email=first["by"]),
                organisation=organisation,
                body=first["text"],
            )
            for message in rest:
                sharing.send_message(
                    conversation, by=User.objects.get(email=message["by"]), body=message["text"]
                )
            if spec["idea_by"]:
                by = User.objects.get(email=spec["idea_by"])
                draft = sharing.idea_draft(conversation, by)
                sharing.turn_into_idea(
                    conversation,
                    by=by,
                    title=data["idea_title"],
                    summary=draft.summary,
                    description=draft.description,
                    themes=draft.themes,
                    territories=draft.territories,
                )
    return posts
