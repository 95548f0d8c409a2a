"""One demo account per role, all sharing one password (DEMO_PASSWORD or generated)."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    language: str
    groups: tuple[str, ...]
    role: str


ACCOUNTS = (
    DemoAccount(
        "coordination@example.org",
        "Claire Martin",
        "fr",
        (roles.COORDINATORS,),
        "cluster coordinator",
    ),
    DemoAccount("porteur@example.org", "Julien Roux", "fr", (), "experiment lead"),
    DemoAccount("partenaire@example.org", "Élodie Garcin", "fr", (), "partner"),
    DemoAccount("financeur@example.org", "Marc Lambert", "fr", (), "reviewer of a first funder"),
    DemoAccount("financeur2@example.org", "Giulia Rossi", "it", (), "reviewer of a second funder"),
    DemoAccount("redaction@example.org", "Nadia Benali", "fr", (roles.EDITORS,), "editor"),
    DemoAccount("relecture@example.org", "Paul Chabert", "fr", (roles.MODERATORS,), "moderator"),
)


def load(password: str, *, reset_password: bool) -> dict[str, User]:
    """Create missing demo accounts; give every one ``password`` if asked to reset."""
    users = {}
    for account in ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                account.email, password, full_name=account.full_name, language=account.language
            )
        elif reset_password:
            user.set_password(password)
            user.save(update_fields=["password"])
        for name in account.groups:
            user.groups.add(Group.objects.get(name=name))
        users[account.email] = user
    return users
