"""Keeps each territory's `ancestors` (every territory that contains it) in step with `parents`."""

from django.db import transaction
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from projects.network.models import Territory


def ancestors_of(territory: Territory, parents_by_id: dict[int, set[int]]) -> set[int]:
    """Every territory containing ``territory``, following parent links transitively."""
    seen: set[int] = set()
    stack = list(parents_by_id.get(territory.pk, ()))
    while stack:
        current = stack.pop()
        if current in seen or current == territory.pk:
            continue
        seen.add(current)
        stack.extend(parents_by_id.get(current, ()))
    return seen


def refresh_ancestors(territory: Territory) -> None:
    """Recompute the ancestors of ``territory`` and of every territory it contains."""
    links = Territory.parents.through.objects.values_list("from_territory_id", "to_territory_id")
    parents_by_id: dict[int, set[int]] = {}
    children_by_id: dict[int, set[int]] = {}
    for child, parent in links:
        parents_by_id.setdefault(child, set()).add(parent)
        children_by_id.setdefault(parent, set()).add(child)
    affected = {territory.pk}
    stack = [territory.pk]
    while stack:
        for child in children_by_id.get(stack.pop(), ()):
            if child not in affected:
                affected.add(child)
                stack.append(child)
    through = Territory.ancestors.through
    with transaction.atomic():
        through.objects.filter(from_territory_id__in=affected).delete()
        rows = []
        for pk in affected:
            node = Territory(pk=pk)
            rows += [
                through(from_territory_id=pk, to_territory_id=ancestor)
                for ancestor in ancestors_of(node, parents_by_id)
            ]
        through.objects.bulk_create(rows)


@receiver(m2m_changed, sender=Territory.parents.through)
def parents_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        # ``instance`` is a parent: the children it gained or lost need refreshing.
        for child in Territory.objects.filter(pk__in=pk_set or []):
            refresh_ancestors(child)
        if action == "post_clear":
            refresh_ancestors(instance)
    else:
        refresh_ancestors(instance)
