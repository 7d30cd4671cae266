"""What the tests of e-filing and of the certification of translations share: a registry
clerk, an organization whose OU is assigned to its case with money in its deposit account, a
document type's fee, PDF uploads."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import PartyType
from cases.services.assignment import case_assignment_create
from filing.models import DocumentType
from payments.models import DepositAccount
from payments.services import deposit_top_up
from permissions.roles import Role
from tests.factories import StaffFactory, organization_with_cases, party_of
from tests.pdfs import good_pdf


def registry_clerk():
    return StaffFactory(role=Role.REGISTRY)


def assigned_organization(clerk=None, *, amount="1000.00", reference="SLIP-1", reasons=""):
    """organization_with_cases(), acting for the defendant of its DCPI case (the side that
    files a Defence), its OU `ou` assigned to the case, and `amount` in its deposit account,
    recorded by `clerk` (a new registry clerk if None)."""
    world = organization_with_cases()
    world.link.party = party_of(world.case, PartyType.DEFENDANT)
    world.link.save(update_fields=["party"])
    clerk = clerk or registry_clerk()
    case_assignment_create(actor=world.pa, link_id=world.link.pk, organization_user_id=world.ou.pk)
    deposit_top_up(
        actor=clerk,
        organization_code=world.organization.code,
        amount=amount,
        reference=reference,
        reasons=reasons,
    )
    return world


def fee_of(code, amount, proceeding="DCPI"):
    DocumentType.objects.filter(proceeding_type__code=proceeding, code=code).update(
        fee=Decimal(amount)
    )


def balance(world) -> Decimal:
    return DepositAccount.objects.get(organization=world.organization).balance


def pdf_upload(content=None, name="document.pdf", pages=1):
    """A PDF upload: `content`, or a good PDF of `pages` pages."""
    return SimpleUploadedFile(
        name, good_pdf(pages) if content is None else content, "application/pdf"
    )
