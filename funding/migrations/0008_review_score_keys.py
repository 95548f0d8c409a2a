from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("funding", "0007_review_presets")]

    operations = [
        migrations.AddConstraint(
            model_name="reviewscore",
            constraint=models.UniqueConstraint(
                fields=("review", "key"), name="one_score_per_criterion_key"
            ),
        ),
    ]
