"""One demo account per role, all sharing one password (DEMO_PASSWORD or generated).

The accounts are listed in `home/demo/data/accounts.yaml`.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User
from home.demo.content import read


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    language: str
    groups: tuple[str, ...]  # names of groups (values of accounts/roles.py)
    role: str


def demo_accounts() -> list[DemoAccount]:
    """The demo accounts of the data file, their groups named by the constants of `roles`."""
    return [
        DemoAccount(
            email=account["email"],
            full_name=account["full_name"],
            language=account["language"],
            groups=tuple(getattr(roles, name) for name in account.get("groups", [])),
            role=account["role"],
        )
        for account in read("accounts")["accounts"]
    ]


def __getattr__(name: str) -> object:
    # `ACCOUNTS`, as `manage.py load_demo` and the tests name them: read when first asked for,
    # so that importing the demo reads no file.
    if name == "ACCOUNTS":
        return tuple(demo_accounts())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(password: str, *, reset_password: bool) -> dict[str, User]:
    """Create missing demo accounts; give every one ``password`` if asked to reset."""
    users = {}
    for account in demo_accounts():
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
