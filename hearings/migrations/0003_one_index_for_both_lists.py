"""One index serves both lists in their order: the public search (which filters `public` in the
index) and the registry's list from a day on, public or not, which had none and sorted every
hearing from today on (docs/decisions.md, "The registry's Cause Book list"). The new index is
made before the old one goes, so that the public search is never without one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hearings", "0002_hearing_party_names"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="hearing",
            index=models.Index(
                fields=["date", "start_time", "court_level", "courtroom", "case"],
                include=("id", "public", "party_names"),
                name="hearings_in_order",
            ),
        ),
        migrations.RemoveIndex(model_name="hearing", name="public_hearings_in_order"),
    ]
