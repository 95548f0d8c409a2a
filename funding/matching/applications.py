"""The experiment's dossiers as the funding tab and the planner see them.

Matching and dossiers are independent areas (docs/architecture.md): matching never imports the
dossiers' models. The dossiers area registers a reader when the app starts (`funding/apps.py`):
given experiment ids, it returns in one query a row per dossier with the fields of
`ApplicationFacts` and the dossier's `experiment_id`, newest first.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields

from funding.matching.facts import ApplicationFacts

Reader = Callable[[list[int]], Iterable[Mapping]]
_FIELDS = tuple(f.name for f in fields(ApplicationFacts))
_readers: list[Reader] = []


def register_reader(reader: Reader) -> None:
    """Set the function that reads the dossiers (the dossiers area, at start-up)."""
    _readers[:] = [reader]


def applications_of(experiment_ids: Iterable[int]) -> dict[int, tuple[ApplicationFacts, ...]]:
    """Each experiment's dossiers, newest first, in one query whatever their number."""
    ids = list(experiment_ids)
    found: dict[int, list[ApplicationFacts]] = {pk: [] for pk in ids}
    if ids and _readers:
        for row in _readers[0](ids):
            found[row["experiment_id"]].append(ApplicationFacts(**{f: row[f] for f in _FIELDS}))
    return {pk: tuple(items) for pk, items in found.items()}


def current_by_call(applications: Iterable[ApplicationFacts]) -> dict[int, ApplicationFacts]:
    """For each call, the dossier to show: the one that rules out a new one (being prepared,
    pending or accepted), else the newest (withdrawn or declined: the call may be tried
    again). ``applications`` come newest first."""
    current: dict[int, ApplicationFacts] = {}
    for application in applications:
        shown = current.get(application.call_id)
        if shown is None or (application.blocks_new_dossier and not shown.blocks_new_dossier):
            current[application.call_id] = application
    return current
