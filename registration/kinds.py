"""What differs between types of application, so that the services handle every type the same
way: the particulars asked for, the documents required (REG-4), the cases (REG-9), the
reference, the rule of one account per person, and the account that opens on approval.

Three types: the IU application, the PA application that creates an organization (REG-7), and
the replacement PA of an organization that has one (ORG-8)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.services import account_open
from organizations import services as organization_services
from organizations.codes import normalize_organization_code
from organizations.models import PROOF_OF_INVOLVEMENT_EXEMPT, Organization
from permissions.roles import Role
from registration import validation
from registration.models import (
    Application,
    ApplicationType,
    Channel,
    DocumentKind,
    Eligibility,
)


@dataclass(frozen=True)
class ApplicationKind:
    application_type: ApplicationType
    reference_prefix: str
    account_role: Role
    # REG-5: one live account, or pending application, per identity document.
    one_per_identity_document: bool
    # REG-9: whether the application lists cases, and whether it must list one.
    lists_cases: bool = True
    case_required: bool = True
    # GEN-6: how a paper application may reach the court (a replacement PA is also asked for
    # by email [A51]).
    paper_channels: tuple[str, ...] = (Channel.FAX, Channel.POST, Channel.HAND)

    def clean_particulars(self, data: dict, errors: dict, *, keyed_in: bool = False) -> dict:
        """`keyed_in`: the complaints are read by the Help Centre officer, not the applicant."""
        raise NotImplementedError

    def required_documents(self, *, particulars: dict, prospective: bool, channel: str):
        raise NotImplementedError

    def account_particulars(self, application: Application) -> dict:
        """The particulars of the account opened when identity is authenticated (IDA-4)."""
        return {
            "surname": application.surname,
            "given_name": application.given_name,
            "email": application.email,
            "phone": application.phone,
            "address": application.address,
            "id_document_type": application.id_document_type,
            "id_document_number": application.id_document_number,
            "preferred_language": application.language,
        }

    def open_account(
        self, application: Application, *, actor, filing_deadline=None, email_context=None
    ):
        """IDA-4: open the account (and what it belongs to) for an authenticated application;
        returns the account. Runs inside the authentication's transaction. `email_context`
        adds to the activation email (e.g. the listed cases that cannot be linked)."""
        user, _code = account_open(
            role=self.account_role,
            actor=actor,
            filing_deadline=filing_deadline,
            particulars=self.account_particulars(application),
            email_context=email_context,
        )
        return user

    def case_holder(self, application: Application, account) -> dict:
        """REG-9: who the listed cases are to be linked to: the IU account itself."""
        return {"individual": account}

    def party_name(self, application: Application) -> str:
        return application.full_name


def _scanned_form(channel: str) -> list[str]:
    # GEN-6: a paper application carries its scanned form.
    return [] if channel == Channel.ONLINE else [DocumentKind.SCANNED_APPLICATION_FORM]


class IndividualUserApplication(ApplicationKind):
    def clean_particulars(self, data: dict, errors: dict, *, keyed_in: bool = False) -> dict:
        return validation.clean_particulars(data, errors, keyed_in=keyed_in)  # REG-2

    def required_documents(self, *, particulars: dict, prospective: bool, channel: str):
        # REG-4 for IU: proof of involvement, or for a prospective litigant a draft
        # originating document (REG-3).
        return [
            DocumentKind.DRAFT_ORIGINATING_DOCUMENT
            if prospective
            else DocumentKind.PROOF_OF_INVOLVEMENT
        ] + _scanned_form(channel)


def _personal_particulars(data: dict, errors: dict, *, keyed_in: bool) -> dict:
    # REG-2's particulars, of the person who will hold the PA account. REG-1's eligibility is
    # the IU's question: a PA applies for its organization.
    return validation.clean_particulars(
        {**data, "eligibility": Eligibility.PARTY, "eligibility_reason": ""},
        errors,
        keyed_in=keyed_in,
    )


class PrimaryAdministratorApplication(ApplicationKind):
    def clean_particulars(self, data: dict, errors: dict, *, keyed_in: bool = False) -> dict:
        # REG-7: the organization's particulars and the PA's own, as for an IU (REG-2).
        particulars = _personal_particulars(data, errors, keyed_in=keyed_in)
        particulars.update(validation.clean_organization_particulars(data, errors))
        return particulars

    def required_documents(self, *, particulars: dict, prospective: bool, channel: str):
        # REG-4 [A23]: the authorization and the organization's status always; proof of
        # involvement unless the organization is of an exempt type.
        required = [DocumentKind.AUTHORIZATION_LETTER, DocumentKind.ORGANIZATION_STATUS_PROOF]
        if particulars.get("organization_type") not in PROOF_OF_INVOLVEMENT_EXEMPT:
            required.append(DocumentKind.PROOF_OF_INVOLVEMENT)
        return required + _scanned_form(channel)

    def case_holder(self, application: Application, account) -> dict:
        # CASE-4 [A45]: an organization's cases go to the organization, not to its PA.
        return {"organization": application.organization}

    def party_name(self, application: Application) -> str:
        return application.organization_name

    def open_account(
        self, application: Application, *, actor, filing_deadline=None, email_context=None
    ):
        # IDA-4, AUTH-2: the organization is created with its Organization Code, then its
        # first PA's account opens in it; the activation email carries the code.
        organization = organization_services.organization_create(
            actor=actor,
            name=application.organization_name,
            organization_type=application.organization_type,
            registration_document_type=application.organization_registration_document_type,
            registration_document_number=application.organization_registration_document_number,
            address=application.organization_address,
        )
        application.organization = organization
        return organization_services.primary_administrator_open(
            actor=actor,
            organization_id=organization.pk,
            particulars=self.account_particulars(application),
            email_context=email_context,
        )


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _organization_identified(data: dict, errors: dict):
    """ORG-8: the organization asking for a new PA, by its Organization Code, with its name as
    a check. A wrong code and a wrong name get the same answer, so that the form does not tell
    which organizations exist."""
    code = normalize_organization_code(str(data.get("organization_code") or ""))
    name = str(data.get("organization_name") or "")
    organization = Organization.objects.filter(code=code).first() if code else None
    if organization is None or not _same_name(name, organization.name):
        errors.setdefault("organization_code", []).append(
            _(
                "No organization account has this Organization Code and name. Check both "
                "against the Organization Code email, or ask the Help Centre."
            )
        )
        return None
    return organization


class ReplacementPrimaryAdministratorApplication(ApplicationKind):
    def clean_particulars(self, data: dict, errors: dict, *, keyed_in: bool = False) -> dict:
        # ORG-8 [A51]: the new PA's particulars, and the reasons for the change. The
        # organization itself is identified by the submission (its code and name).
        particulars = _personal_particulars(data, errors, keyed_in=keyed_in)
        particulars["replacement_reasons"] = validation.clean_replacement_reasons(data, errors)
        organization = _organization_identified(data, errors)
        if organization is not None:
            # The organization as on the record, for the vetting officer to read.
            particulars.update(
                organization=organization,
                organization_name=organization.name,
                organization_type=organization.organization_type,
                organization_registration_document_type=organization.registration_document_type,
                organization_registration_document_number=(
                    organization.registration_document_number
                ),
                organization_address=organization.address,
            )
        return particulars

    def required_documents(self, *, particulars: dict, prospective: bool, channel: str):
        # ORG-8 [A51]: "all the required supporting documents" of a new PA: the organization's
        # authorization of the new PA; its status is already on the record.
        return [DocumentKind.AUTHORIZATION_LETTER] + _scanned_form(channel)

    def open_account(
        self, application: Application, *, actor, filing_deadline=None, email_context=None
    ):
        # ORG-8, ORG-3: in the existing organization, within its limit of PA accounts.
        return organization_services.primary_administrator_open(
            actor=actor,
            organization_id=application.organization_id,
            particulars=self.account_particulars(application),
            email_context=email_context,
        )


APPLICATION_KINDS: dict[str, ApplicationKind] = {
    ApplicationType.IU: IndividualUserApplication(
        application_type=ApplicationType.IU,
        reference_prefix="IU",
        account_role=Role.IU,
        one_per_identity_document=True,
    ),
    ApplicationType.PA: PrimaryAdministratorApplication(
        application_type=ApplicationType.PA,
        reference_prefix="PA",
        account_role=Role.PA,
        # ORG-1: a person may be PA of one organization and hold other accounts.
        one_per_identity_document=False,
        case_required=False,
    ),
    ApplicationType.PA_REPLACEMENT: ReplacementPrimaryAdministratorApplication(
        application_type=ApplicationType.PA_REPLACEMENT,
        reference_prefix="PR",
        account_role=Role.PA,
        one_per_identity_document=False,
        lists_cases=False,
        case_required=False,
        paper_channels=(Channel.EMAIL, Channel.FAX, Channel.POST, Channel.HAND),
    ),
}


def application_kind(application_type: str) -> ApplicationKind:
    return APPLICATION_KINDS[application_type]
