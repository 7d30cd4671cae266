"""A12: the written submissions counsel and solicitors send in accordance with the court's
directions (submissions, skeleton arguments, lists of authorities), as document types of
the two e-enabled proceedings. Demonstration values like the rest of the seed (no fee, filed
by any party); the registry maintains the real ones."""

from decimal import Decimal

from django.db import migrations

# (code, name in English, name in Chinese)
WRITTEN_SUBMISSIONS = [
    ("SUBM", "Written Submissions", "書面陳詞"),
    ("SKEL", "Skeleton Argument", "陳詞綱要"),
    ("LOA", "List of Authorities", "典據列表"),
]


def seed(apps, schema_editor):
    ProceedingType = apps.get_model("cases", "ProceedingType")
    DocumentType = apps.get_model("filing", "DocumentType")
    for kind in ProceedingType.objects.filter(code__in=("DCPI", "DCTC")):
        for code, name_en, name_zh in WRITTEN_SUBMISSIONS:
            DocumentType.objects.get_or_create(
                proceeding_type=kind,
                code=code,
                defaults={"name_en": name_en, "name_zh": name_zh, "fee": Decimal("0.00")},
            )


class Migration(migrations.Migration):
    dependencies = [("filing", "0008_indexes_covered_by_others")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
