"""The review stages a dossier walks: which process applies, the dossier's own copy of its stages,
moving from one to the next, and the criteria each stage scores.

`DossierWorkflow` calls `freeze_stages` when the staff take a dossier up and `move_on` when the
people the stage allows send it to the next one; both run under the dossier's row lock, inside
the transition's transaction, and the transition's audit record names the stages.
"""

from django.utils import timezone

from core.translation import localize_all
from funding.dossiers.models import (
    STAGE_NAMES,
    DossierStage,
    FundingApplication,
    ReviewProcess,
    ReviewStage,
)

# The preset every funder without a process of its own follows (today's single review).
DEFAULT_PRESET = "single"


def process_for(call) -> ReviewProcess | None:
    """The process of the call, else its funder's, else the default preset."""
    funder_id = call.source.funder_id
    processes = ReviewProcess.objects.filter(funder_id=funder_id).prefetch_related("calls")
    own = [p for p in processes if any(c.pk == call.pk for c in p.calls.all())]
    general = [p for p in processes if not p.calls.all()]
    for candidates in (own, general):
        if candidates:
            return max(candidates, key=lambda p: p.updated_at)
    return ReviewProcess.objects.filter(funder=None, preset=DEFAULT_PRESET).first()


def freeze_stages(application: FundingApplication) -> list[DossierStage]:
    """The dossier's own copy of its process's stages (made once; later edits of the process
    never change it). A dossier whose funder has no process at all gets one staff stage."""
    existing = list(application.stages.all())
    if existing:
        return existing
    process = process_for(application.call)
    stages: list[ReviewStage] = list(process.stages.all()) if process else []
    language = process.language if process else "fr"
    copies = []
    for position, stage in enumerate(stages or [None], start=1):
        copy = DossierStage(application=application, position=position, language=language)
        if stage is not None:
            for field in DossierStage.RULES:
                setattr(copy, field, getattr(stage, field))
            copy.frozen_criteria = stage.own_criteria
        else:
            copy.name, copy.code, copy.scores = "Review", "review", True
        copies.append(copy)
    DossierStage.objects.bulk_create(copies)
    application._prefetched_objects_cache = {
        **getattr(application, "_prefetched_objects_cache", {}),
        "stages": list(application.stages.all().order_by("position")),
    }
    return application._prefetched_objects_cache["stages"]


def enter_first_stage(application: FundingApplication) -> DossierStage:
    """On taking the dossier up: its first stage, or the stage that asked for changes."""
    stages = freeze_stages(application)
    if application.stage_id:
        stage = next(s for s in stages if s.pk == application.stage_id)
    else:
        stage = stages[0]
    stage.enter()
    stage.save(update_fields=["entered_at", "left_at"])
    application.stage = stage
    return stage


def move_on(application: FundingApplication) -> DossierStage:
    """Leave the current stage for the next one."""
    stages = list(application.stages.all().order_by("position"))
    current = next(s for s in stages if s.pk == application.stage_id)
    following = next(s for s in stages if s.position == current.position + 1)
    current.left_at = timezone.now()
    current.save(update_fields=["left_at"])
    following.enter()
    following.save(update_fields=["entered_at", "left_at"])
    application.stage = following
    return following


def leave_stage(application: FundingApplication) -> None:
    """A decision ends the review: the current stage is left (the dossier keeps pointing at it,
    the stage where the decision was taken)."""
    if application.stage_id:
        stage = application.stage
        stage.left_at = timezone.now()
        stage.save(update_fields=["left_at"])


def stage_name(application: FundingApplication) -> str:
    """The current stage as the history records it: a preset stage's code (translated when
    read, `stage_label`), else its name."""
    if not application.stage_id:
        return ""
    stage = application.stage
    return stage.code if stage.code in STAGE_NAMES else stage.name


def stage_label(recorded: str):
    """What people read of a stage the history recorded (`stage_name`), in their language."""
    return STAGE_NAMES.get(recorded, recorded)


def criteria_of(
    application: FundingApplication, stage: DossierStage | None, *, localized: bool = True
) -> list[dict]:
    """What ``stage`` scores: its own criteria, else the call's (in the reader's language unless
    ``localized`` is false: lists that show only averages), each as ``{"key", "label", "help",
    "weight"}``; nothing for a stage that does not score."""
    if stage is not None and not stage.scores:
        return []
    if stage is not None and stage.own_criteria:
        return [{"help": "", **c} for c in stage.own_criteria]
    criteria = application.call.criteria.all()
    return [
        {"key": f"call-{c.pk}", "label": c.label, "help": c.help, "weight": c.weight, "pk": c.pk}
        for c in (localize_all(criteria) if localized else criteria)
    ]
