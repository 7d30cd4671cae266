"""OPS-1: court staff log in with a second factor from now on. Their bearer tokens issued
before it (by password alone) stop working; page sessions without it are ended by
accounts.middleware.SecondFactorMiddleware."""

from django.db import migrations
from django.utils import timezone

# permissions.roles.STAFF_ROLES as it is at this migration.
STAFF_ROLES = ["HELP_CENTRE", "VETTING", "REGISTRY", "SYSTEM_ADMIN"]


def revoke_staff_tokens(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(user__role__in=STAFF_ROLES, revoked_at=None).update(
        revoked_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_sub_account_end_date_and_post_title"),
    ]

    operations = [
        migrations.RunPython(revoke_staff_tokens, migrations.RunPython.noop),
    ]
