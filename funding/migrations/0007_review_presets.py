"""The three shipped review processes, the keys of existing scores, and one stage (the single
preset's) for every dossier already taken up, so that its reviews belong to a stage."""

from django.db import migrations

PRESETS = [
    (
        "single",
        "Examen en une étape",
        [
            dict(name="Examen", code="review", actors="staff", scores=True),
        ],
    ),
    (
        "screening_review_committee",
        "Présélection, expertise externe, comité",
        [
            dict(name="Présélection", code="screening", actors="staff", scores=False),
            dict(
                name="Expertise externe",
                code="external_review",
                actors="assigned",
                scores=True,
                required_reviews=2,
                can_decline=False,
            ),
            dict(name="Comité", code="committee", actors="committee", scores=False),
        ],
    ),
    (
        "eligibility_committee",
        "Éligibilité puis comité de programmation",
        [
            dict(
                name="Vérification de l'éligibilité",
                code="eligibility",
                actors="staff",
                scores=False,
            ),
            dict(
                name="Comité de programmation",
                code="programming_committee",
                actors="committee",
                scores=True,
            ),
        ],
    ),
]

TAKEN_UP = ["under_review", "changes_requested", "accepted", "declined"]


def forwards(apps, schema_editor):
    ReviewProcess = apps.get_model("funding", "ReviewProcess")
    ReviewStage = apps.get_model("funding", "ReviewStage")
    ReviewScore = apps.get_model("funding", "ReviewScore")
    Review = apps.get_model("funding", "Review")
    FundingApplication = apps.get_model("funding", "FundingApplication")
    DossierStage = apps.get_model("funding", "DossierStage")
    for preset, name, stages in PRESETS:
        process, created = ReviewProcess.objects.get_or_create(
            funder=None, preset=preset, defaults={"name": name, "language": "fr"}
        )
        if created:
            for order, stage in enumerate(stages):
                ReviewStage.objects.create(process=process, sort_order=order, **stage)
    for score in ReviewScore.objects.filter(key=""):
        score.key = f"call-{score.criterion_id}"
        score.save(update_fields=["key"])
    reviewed = set(Review.objects.values_list("application_id", flat=True))
    for application in FundingApplication.objects.filter(stage__isnull=True, version_number__gt=0):
        if application.state not in TAKEN_UP and application.pk not in reviewed:
            continue
        decided = application.state in {"accepted", "declined", "withdrawn"}
        stage = DossierStage.objects.create(
            application=application,
            position=1,
            name="Examen",
            code="review",
            actors="staff",
            scores=True,
            language="fr",
            entered_at=application.submitted_at or application.state_changed_at,
            left_at=application.state_changed_at if decided else None,
        )
        FundingApplication.objects.filter(pk=application.pk).update(stage=stage)
        Review.objects.filter(application=application).update(stage=stage)


class Migration(migrations.Migration):
    dependencies = [("funding", "0006_review_stages")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
