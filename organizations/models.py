"""Organizations and their branches (ORG-1, ORG-2). The PA, SA and OU accounts of an
organization point here; the organization's application, code, limits and configuration
changes are built on these rows."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    name = models.CharField(_("organization name"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name


class Branch(models.Model):
    """ORG-2: every SA and OU belongs to a branch of its organization."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="branches"
    )
    code = models.CharField(_("branch code"), max_length=20)
    name = models.CharField(_("branch name"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="one_branch_code_per_organization"
            )
        ]

    def __str__(self):
        return self.code
