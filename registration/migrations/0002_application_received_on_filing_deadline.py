from django.db import migrations, models
from django.utils import timezone


def received_on_submission_date(apps, schema_editor):
    """Applications made before the date received was recorded: the Hong Kong date they were
    submitted or keyed in, from which their vetting due date was counted."""
    Application = apps.get_model("registration", "Application")
    for application in Application.objects.only("pk", "submitted_at").iterator():
        Application.objects.filter(pk=application.pk).update(
            received_on=timezone.localdate(application.submitted_at)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="received_on",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(received_on_submission_date, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="application",
            name="received_on",
            field=models.DateField(
                help_text="GEN-6: the date the court received the application (Hong Kong): the "
                "submission date online; on paper, the date of the fax, post or delivery by hand."
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="filing_deadline",
            field=models.DateField(
                blank=True,
                help_text="REG-3: a prospective litigant must file an e-proceeding by this date; "
                "set when identity is authenticated and stated in the activation email.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="due_date",
            field=models.DateField(
                help_text="Vetting due: 3 working days after the application was received (REG-8)."
            ),
        ),
    ]
