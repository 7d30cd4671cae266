from django.db import migrations, models

# Which side files each of the seeded document types (demonstration values, as the seed's fees
# are; the registry sets the real ones). Any other type: any party.
SIDES = {
    "CLAIMING": ("WRIT", "OS", "REPLY", "SOD"),
    "RESPONDING": ("AOS", "DEF", "DCC"),
}


def seed(apps, schema_editor):
    DocumentType = apps.get_model("filing", "DocumentType")
    for side, codes in SIDES.items():
        DocumentType.objects.filter(code__in=codes).update(filed_by=side)


class Migration(migrations.Migration):
    dependencies = [
        ("filing", "0004_document_type_open_to_public_inspection"),
    ]

    operations = [
        migrations.AddField(
            model_name="documenttype",
            name="filed_by",
            field=models.CharField(
                choices=[
                    ("ANY_PARTY", "Any party"),
                    ("CLAIMING", "The claiming side (plaintiff, applicant)"),
                    ("RESPONDING", "The responding side (defendant, respondent, third party)"),
                ],
                default="ANY_PARTY",
                max_length=12,
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
