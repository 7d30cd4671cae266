"""BEY-2, SVC-1: the court policy the portal starts with, for the two proceedings e-enabled by
the first implementation notice (GEN-2 [A3]): District Court Personal Injuries Action (DCPI)
and Tax Claim (DCTC). Demonstration values (docs/decisions.md, "Court policy"): document types
of District Court civil proceedings, with fees in the manner of the District Court Civil
Procedure (Fees) Rules (Cap. 336C) as we judge plausible, not the schedule in force. The
registry maintains the real ones through the back office."""

from decimal import Decimal

from django.db import migrations

MIB = 1024 * 1024

# (code, name in English, name in Chinese, linking role, fee in HKD)
COMMON = [
    ("WRIT", "Writ of Summons", "傳訊令狀", "ORIGINATING_DOCUMENT", "630.00"),
    ("AOS", "Acknowledgment of Service", "送達認收書", "ACKNOWLEDGMENT_OF_SERVICE", "0.00"),
    ("DEF", "Defence", "抗辯書", "DEFENCE", "0.00"),
    ("NTA", "Notice to Act", "行事通知書", "NOTICE_TO_ACT", "0.00"),
    ("SUM", "Summons", "傳票", "", "210.00"),
    ("AFF", "Affidavit or Affirmation", "誓章或非宗教式誓詞", "", "0.00"),
]
DOCUMENT_TYPES = {
    "DCPI": [
        *COMMON,
        ("OS", "Originating Summons", "原訴傳票", "ORIGINATING_DOCUMENT", "630.00"),
        (
            "DCC",
            "Defence and Counterclaim",
            "抗辯及反申索書",
            "DEFENCE_AND_COUNTERCLAIM",
            "630.00",
        ),
        ("REPLY", "Reply", "答覆書", "", "0.00"),
        ("SOD", "Statement of Damages", "損害賠償陳述書", "", "0.00"),
        ("LOD", "List of Documents", "文件清單", "", "0.00"),
    ],
    "DCTC": COMMON,
}

# (proceeding type or None for the default, largest file in bytes, most pages, most files)
FILE_LIMITS = [
    (None, 10 * MIB, 300, 3),
    # Personal injuries: medical reports and records make long documents.
    ("DCPI", 10 * MIB, 500, 3),
]


def seed(apps, schema_editor):
    ProceedingType = apps.get_model("cases", "ProceedingType")
    DocumentType = apps.get_model("filing", "DocumentType")
    FileLimits = apps.get_model("filing", "FileLimits")
    for type_code, rows in DOCUMENT_TYPES.items():
        kind = ProceedingType.objects.filter(code=type_code).first()
        if kind is None:
            continue
        for code, name_en, name_zh, role, fee in rows:
            DocumentType.objects.get_or_create(
                proceeding_type=kind,
                code=code,
                defaults={
                    "name_en": name_en,
                    "name_zh": name_zh,
                    "linking_role": role,
                    "fee": Decimal(fee),
                },
            )
    for type_code, max_bytes, max_pages, max_files in FILE_LIMITS:
        kind = ProceedingType.objects.filter(code=type_code).first() if type_code else None
        if type_code and kind is None:
            continue
        FileLimits.objects.get_or_create(
            proceeding_type=kind,
            defaults={"max_file_bytes": max_bytes, "max_pages": max_pages, "max_files": max_files},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("filing", "0001_court_policy"),
        ("cases", "0002_seed_implementation_notices"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
