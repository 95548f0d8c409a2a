"""Admin access follows the funders' memberships: whenever one is saved or deleted (in the
admin, the demo loader, a shell), the person's place in the « Funders' staff » group is
recomputed (`services.sync_funder_staff_group`). Connected in `FundingConfig.ready`."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import User
from funding.dossiers.models import FunderMembership
from funding.dossiers.services.processes import sync_funder_staff_group


@receiver(post_save, sender=FunderMembership)
@receiver(post_delete, sender=FunderMembership)
def membership_changed(sender, instance: FunderMembership, **kwargs) -> None:
    if kwargs.get("raw"):
        # Rows loaded as they are (fixtures, a test database restored): their groups come
        # with them.
        return
    user = User.objects.filter(pk=instance.user_id).first()
    if user is not None:
        sync_funder_staff_group(user)
