"""What differs between types of application, so that the services handle every type the same
way: the particulars asked for, the documents required (REG-4), the reference, the rule of one
account per person, and the account that opens on approval.

Today there is the IU application; the PA application is another `ApplicationKind`."""

from dataclasses import dataclass

from permissions.roles import Role
from registration import validation
from registration.models import Application, ApplicationType, Channel, DocumentKind


@dataclass(frozen=True)
class ApplicationKind:
    application_type: ApplicationType
    reference_prefix: str
    account_role: Role
    # REG-5: one live account, or pending application, per identity document.
    one_per_identity_document: bool

    def clean_particulars(self, data: dict, errors: dict, *, keyed_in: bool = False) -> dict:
        """`keyed_in`: the complaints are read by the Help Centre officer, not the applicant."""
        raise NotImplementedError

    def required_documents(self, *, prospective: bool, channel: str) -> list[str]:
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


class IndividualUserApplication(ApplicationKind):
    def clean_particulars(self, data: dict, errors: dict, *, keyed_in: bool = False) -> dict:
        return validation.clean_particulars(data, errors, keyed_in=keyed_in)  # REG-2

    def required_documents(self, *, prospective: bool, channel: str) -> list[str]:
        # REG-4 for IU: proof of involvement, or for a prospective litigant a draft
        # originating document (REG-3); GEN-6: a paper application carries its scanned form.
        required = [
            DocumentKind.DRAFT_ORIGINATING_DOCUMENT
            if prospective
            else DocumentKind.PROOF_OF_INVOLVEMENT
        ]
        if channel != Channel.ONLINE:
            required.append(DocumentKind.SCANNED_APPLICATION_FORM)
        return required


APPLICATION_KINDS: dict[str, ApplicationKind] = {
    ApplicationType.IU: IndividualUserApplication(
        application_type=ApplicationType.IU,
        reference_prefix="IU",
        account_role=Role.IU,
        one_per_identity_document=True,
    ),
}


def application_kind(application_type: str) -> ApplicationKind:
    return APPLICATION_KINDS[application_type]
