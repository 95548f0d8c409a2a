"""Territories get their names and prepositions per language (« dans les Hautes-Alpes »).

The data step fills them for the territories of the demo and of the network's seed, found by
slug; the others keep blank fields, which the default rule of `projects/network/places.py`
reads.
"""

import core.validators
from django.db import migrations, models

# slug: (names {lang: name}, prepositions (fr, en, it))
TABLE = {
    "eu": ({"en": "European Union", "it": "Unione europea"}, ("dans l'", "in the", "nell'")),
    "france": ({"en": "France", "it": "Francia"}, ("en", "in", "in")),
    "italie": ({"en": "Italy", "it": "Italia"}, ("en", "in", "in")),
    "alcotra": (
        {"en": "Interreg ALCOTRA France-Italy area", "it": "Zona Interreg ALCOTRA Francia-Italia"},
        ("dans la", "in the", "nella"),
    ),
    "massif-alpes": ({"en": "Alps massif", "it": "Massiccio alpino"}, ("dans le", "in the", "nel")),
    "paca": ({"it": "Provenza-Alpi-Costa Azzurra"}, ("en", "in", "in")),
    "aura": ({"it": "Alvernia-Rodano-Alpi"}, ("en", "in", "in")),
    "piemonte": ({"fr": "Piémont", "en": "Piedmont"}, ("dans le", "in", "in")),
    "liguria": ({"fr": "Ligurie"}, ("en", "in", "in")),
    "valle-aosta": ({"fr": "Vallée d'Aoste", "en": "Aosta Valley"}, ("en", "in the", "in")),
    "hautes-alpes": ({"it": "Alte Alpi"}, ("dans les", "in", "nelle")),
    "alpes-haute-provence": ({"it": "Alpi dell'Alta Provenza"}, ("dans les", "in", "nelle")),
    "alpes-maritimes": ({"it": "Alpi Marittime"}, ("dans les", "in", "nelle")),
    "savoie": ({"it": "Savoia"}, ("en", "in", "in")),
    "haute-savoie": ({"it": "Alta Savoia"}, ("en", "in", "in")),
    "torino": (
        {"fr": "Métropole de Turin", "en": "Metropolitan City of Turin"},
        ("dans la", "in the", "nella"),
    ),
    "cuneo": (
        {"fr": "Province de Coni", "en": "Province of Cuneo"},
        ("dans la", "in the", "nella"),
    ),
    "imperia": (
        {"fr": "Province d'Imperia", "en": "Province of Imperia"},
        ("dans la", "in the", "nella"),
    ),
    "gal-sisteronais-buech": ({}, ("dans le", "in the", "nel")),
    "petr-grand-brianconnais": ({}, ("dans le", "in the", "nel")),
    "gal-pays-gapencais": ({}, ("dans le", "in the", "nel")),
    "ca-gap-tallard-durance": ({}, ("dans la", "in the", "nella")),
    "cc-brianconnais": ({}, ("dans la", "in the", "nella")),
    "cc-pays-des-ecrins": ({}, ("dans la", "in the", "nella")),
    "cc-guillestrois-queyras": ({}, ("dans la", "in the", "nella")),
    "cc-serre-poncon": ({}, ("dans la", "in the", "nella")),
    "cc-serre-poncon-val-avance": ({}, ("dans la", "in the", "nella")),
    "cc-champsaur-valgaudemar": ({}, ("dans la", "in the", "nella")),
    "cc-buech-devoluy": ({}, ("dans la", "in the", "nella")),
    "cc-sisteronais-buech": ({}, ("dans la", "in the", "nella")),
    "devoluy": ({}, ("dans le", "in", "nel")),
}


def fill_places(apps, schema_editor):
    Territory = apps.get_model("projects", "Territory")
    for territory in Territory.objects.filter(slug__in=TABLE):
        names, prepositions = TABLE[territory.slug]
        for code, name in names.items():
            setattr(territory, f"name_{code}", name)
        territory.in_fr, territory.in_en, territory.in_it = prepositions
        territory.save(
            update_fields=[f"{p}_{c}" for p in ("name", "in") for c in ("fr", "en", "it")]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_enforce_partner_invitations"),
    ]

    operations = [
        migrations.AddField(
            model_name="territory",
            name="in_en",
            field=models.CharField(
                blank=True,
                choices=[("in", "in"), ("in the", "in the")],
                help_text="« in », or « in the » (in the Briançonnais).",
                max_length=10,
                verbose_name="Preposition in English",
            ),
        ),
        migrations.AddField(
            model_name="territory",
            name="in_fr",
            field=models.CharField(
                blank=True,
                choices=[
                    ("en", "en"),
                    ("au", "au"),
                    ("aux", "aux"),
                    ("à", "à"),
                    ("dans le", "dans le"),
                    ("dans la", "dans la"),
                    ("dans les", "dans les"),
                    ("dans l'", "dans l'"),
                ],
                help_text="How French says « in » this territory: en France, dans les Hautes-Alpes, à Gap. Empty: guessed from the kind and the name.",
                max_length=10,
                verbose_name="Preposition in French",
            ),
        ),
        migrations.AddField(
            model_name="territory",
            name="in_it",
            field=models.CharField(
                blank=True,
                choices=[
                    ("in", "in"),
                    ("a", "a"),
                    ("nel", "nel"),
                    ("nello", "nello"),
                    ("nella", "nella"),
                    ("nell'", "nell'"),
                    ("nei", "nei"),
                    ("negli", "negli"),
                    ("nelle", "nelle"),
                ],
                help_text="How Italian says « in » this territory: in Francia, nelle Alte Alpi, a Gap.",
                max_length=10,
                verbose_name="Preposition in Italian",
            ),
        ),
        migrations.AddField(
            model_name="territory",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="Only when it differs from the official name (Coni for Cuneo in French).",
                max_length=150,
                validators=[core.validators.OneLineValidator()],
                verbose_name="Name in English",
            ),
        ),
        migrations.AddField(
            model_name="territory",
            name="name_fr",
            field=models.CharField(
                blank=True,
                help_text="Only when it differs from the official name (Coni for Cuneo in French).",
                max_length=150,
                validators=[core.validators.OneLineValidator()],
                verbose_name="Name in French",
            ),
        ),
        migrations.AddField(
            model_name="territory",
            name="name_it",
            field=models.CharField(
                blank=True,
                help_text="Only when it differs from the official name (Coni for Cuneo in French).",
                max_length=150,
                validators=[core.validators.OneLineValidator()],
                verbose_name="Name in Italian",
            ),
        ),
        migrations.RunPython(fill_places, migrations.RunPython.noop),
    ]
