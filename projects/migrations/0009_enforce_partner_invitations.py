"""Partner invitations: a named organisation is invited until one of its members accepts."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_hygiene_one_line_fields"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="experimentpartner",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="Answered on"),
        ),
        migrations.AddField(
            model_name="experimentpartner",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Answered by",
            ),
        ),
        migrations.AddField(
            model_name="experimentpartner",
            name="invited_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="Invited on"),
        ),
        migrations.AddField(
            model_name="experimentpartner",
            name="invited_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Invited by",
            ),
        ),
        migrations.AddField(
            model_name="experimentpartner",
            name="status",
            # The partnerships recorded before invitations existed were agreed: accepted.
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("accepted", "Accepted"),
                    ("declined", "Declined"),
                ],
                default="accepted",
                max_length=10,
                verbose_name="Status",
            ),
        ),
        migrations.AlterField(
            model_name="experimentpartner",
            name="status",
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("accepted", "Accepted"),
                    ("declined", "Declined"),
                ],
                default="invited",
                max_length=10,
                verbose_name="Status",
            ),
        ),
    ]
