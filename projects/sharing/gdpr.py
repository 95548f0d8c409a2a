"""The sharing board's part of account deletion (see accounts/gdpr.py): conversation read marks
are erased; posts and messages are kept, pointing at the anonymised account."""

from accounts.gdpr import register_eraser
from projects.sharing.models import ConversationReadMark


@register_eraser
def erase_read_marks(user) -> None:
    ConversationReadMark.objects.filter(user=user).delete()
