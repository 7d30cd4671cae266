"""GEN-2 [A3]: the court levels and proceeding types the registry starts with, and the first
implementation notice: District Court Personal Injuries Action and Tax Claim, from 6 May 2022.
The other types are on paper until a notice covers them."""

import datetime

from django.db import migrations

COURT_LEVELS = [
    ("DC", "District Court", "區域法院"),
    ("HC", "High Court (Court of First Instance)", "高等法院原訟法庭"),
]

PROCEEDING_TYPES = [
    ("DC", "DCPI", "Personal Injuries Action", "人身傷害訴訟"),
    ("DC", "DCTC", "Tax Claim", "稅款申索"),
    ("DC", "DCCJ", "Civil Action", "民事訴訟"),
    ("DC", "DCMP", "Miscellaneous Proceedings", "雜項程序"),
    ("DC", "DCEC", "Employees' Compensation Case", "僱員補償案件"),
    ("HC", "HCA", "Civil Action", "民事訴訟"),
    ("HC", "HCPI", "Personal Injuries Action", "人身傷害訴訟"),
]

FIRST_NOTICE = datetime.date(2022, 5, 6)


def seed(apps, schema_editor):
    CourtLevel = apps.get_model("cases", "CourtLevel")
    ProceedingType = apps.get_model("cases", "ProceedingType")
    ImplementationNotice = apps.get_model("cases", "ImplementationNotice")
    levels = {
        code: CourtLevel.objects.get_or_create(
            code=code, defaults={"name_en": en, "name_zh": zh}
        )[0]
        for code, en, zh in COURT_LEVELS
    }
    for level, code, en, zh in PROCEEDING_TYPES:
        proceeding_type, _ = ProceedingType.objects.get_or_create(
            code=code, defaults={"court_level": levels[level], "name_en": en, "name_zh": zh}
        )
        if code in {"DCPI", "DCTC"}:
            ImplementationNotice.objects.get_or_create(
                proceeding_type=proceeding_type,
                effective_date=FIRST_NOTICE,
                defaults={"title": "iCMS in the District Court: Personal Injuries Action and Tax Claim"},
            )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
