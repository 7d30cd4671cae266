"""Reads on the audit trail."""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.models import AuditRecord
from permissions.roles import Capability, require

# What each recorded action is called on the staff's screens (OPS-2). Every action the portal
# writes is here; tests/test_audit.py checks that none is missing.
ACTION_LABELS = {
    "application.submitted": _("Application received"),
    "application.information_requested": _("More information requested"),
    "application.supplemented": _("Information supplemented by the applicant"),
    "application.marked_in_order": _("Marked in order"),
    "application.rejected": _("Rejected"),
    "application.identity_authenticated": _("Identity authenticated; account issued"),
    "application.authentication_expired": _("Not authenticated within 30 days"),
    "application.personal_data_read": _("Application's personal data read"),
    "account.opened": _("Account opened"),
    "account.activated": _("Account activated"),
    "account.activation_code_reissued": _("Activation code re-sent"),
    "account.password_reset_started": _("Password reset started"),
    "account.password_reset": _("Password reset with a Change Token"),
    "account.password_changed": _("Password changed by the holder"),
    "account.optional_role_granted": _("Optional role granted"),
    "account.optional_role_revoked": _("Optional role revoked"),
    "account.unlocked": _("Account unlocked"),
    "account.unlock_token_sent": _("Change Token sent to open a locked account"),
    "account.personal_data_read": _("Account's personal data read"),
    "account.suspended": _("Account suspended"),
    "account.reactivated": _("Account re-activated"),
    "account.terminated": _("Account ended"),
    "account.deactivation_notice_sent": _("De-activation notice sent to the Message Box"),
    "account.deactivated": _("Account de-activated after the final disposal of its cases"),
    "account.terminated_unlinked": _("Account ended: no e-proceeding filed in the period"),
    "account.end_date_passed": _("Effective end date passed; account no longer usable"),
    "configuration_change.requested": _("Configuration change requested"),
    "organization.created": _("Organization created with its Organization Code"),
    "organization.in_service": _("Organization in service: a Primary Administrator is active"),
    "organization.primary_administrator_ended": _(
        "Primary Administrator account ended on the organization's request"
    ),
    "account.default_ou_designated": _("Designated a default OU"),
    "account.default_ou_removed": _("No longer a default OU"),
    "account.end_date_revised": _("Effective end date revised"),
    "account.profile_updated": _("Profile updated"),
    "account.name_corrected": _("Name corrected"),
    "account.email_change_requested": _("Change of email address asked for"),
    "account.email_changed": _("Email address changed"),
    "branch.created": _("Branch code created"),
    "branch.updated": _("Branch code changed"),
    "branch.removed": _("Branch code removed"),
    "configuration_change.approved": _("Configuration change approved"),
    "configuration_change.rejected": _("Configuration change rejected"),
    "organization.configuration_changed": _(
        "Organization's limits or account registration changed"
    ),
    "account.second_factor_enrolled": _("Authenticator app set up"),
    "account.second_factor_reset": _("Second factor reset"),
    # CASE-5, CASE-6: the organization's cases handed to its SAs and OUs.
    "case_profile.given": _("Cases of a case profile given to an SA"),
    "case_profile.taken_back": _("Case profile taken back from an SA"),
    "case_number.given": _("Case given to an SA by case number"),
    "case_number.taken_back": _("Case number taken back from an SA"),
    "case_assignment.created": _("Case party assigned to an OU"),
    "case_assignment.removed": _("Case party taken off an OU"),
    # [A12]: a party's solicitors brief counsel, and withdraw the brief.
    "counsel.instructed": _("Counsel instructed for a case party"),
    "counsel.withdrawn": _("Counsel's instructions withdrawn"),
    "counsel.brief_returned": _("Brief returned by counsel"),
    # CASE-1..3, GEN-2, BEY-1: the registry's records, links and what holders lodge.
    "case.created": _("Case entered by the registry"),
    "case.updated": _("Case particulars changed"),
    "case.party_added": _("Party added to a case"),
    "case.party_updated": _("Party of a case changed"),
    "case.party_removed": _("Party removed from a case"),
    "case.finally_disposed": _("Final disposal of a case recorded"),
    "case.reopened": _("Case reopened"),
    "case_link.created": _("Account or organization linked to a case party"),
    "case_link.ended": _("Link to a case party ended"),
    "case_link.corrected": _("Link moved to the right party of its case"),
    "case_link.linked_on_filing": _("Filer linked to a case on an accepted filing"),
    "case_link_request.created": _("Request to link a listed case sent to the registry"),
    "case_link_request.lodged": _("Notice of Consent lodged"),
    "case_link_request.accepted": _("Request to link a case accepted"),
    "case_link_request.refused": _("Request to link a case refused"),
    "notice_of_change.lodged": _("Notice of Change lodged"),
    "notice_of_change.accepted": _("Notice of Change accepted"),
    "notice_of_change.refused": _("Notice of Change refused"),
    "court_level.created": _("Court level added"),
    "proceeding_type.created": _("Proceeding type added"),
    "implementation_notice.created": _("Implementation notice entered"),
    "implementation_notice.withdrawn": _("Implementation notice withdrawn"),
    # MSG-1, MSG-3, BEY-6: the Message Box, the holders' choice of emails, the directions.
    "message.direction_sent": _("Direction sent to a case by the registry"),
    # SVC-5: the court's documents, with their Document Reference Numbers.
    "document.issued": _("Document issued to a case with a DRN"),
    # SVC-2, GEN-3: public inspection.
    "case.inspection_closed": _("Case closed to the public by the registry"),
    "case.inspection_opened": _("Case opened to public inspection by the registry"),
    "document.inspection_paid": _("Search fee paid for the inspection of a document"),
    "message.read": _("Message opened and marked read"),
    "message.marked_unread": _("Message marked unread"),
    "message.all_marked_read": _("Every message marked read"),
    "messaging.preferences_changed": _("Choice of notification emails changed"),
    "messaging.case_muted": _("Immediate emails of a case muted"),
    "messaging.case_unmuted": _("Immediate emails of a case no longer muted"),
    # BEY-2: the court policy the registry keeps.
    "document_type.created": _("Document type added to the court policy"),
    "document_type.updated": _("Document type of the court policy changed"),
    "file_limits.set": _("File limits of the court policy set"),
    "file_limits.removed": _("Own file limits removed: the default applies"),
    # SVC-4: e-payments and deposit accounts.
    "payment.created": _("Payment started"),
    "payment.succeeded": _("Payment made; receipt issued"),
    "payment.failed": _("Payment not made"),
    "payment.refunded": _("Payment refunded"),
    "deposit_account.topped_up": _("Deposit account topped up"),
    "deposit_account.debited": _("Fee paid from the deposit account"),
    # SVC-1: e-filings and the registry's review.
    "filing.created": _("Filing made"),
    "filing.submitted": _("Filing reached the registry's queue"),
    "filing.withdrawn": _("Filing withdrawn by its filer"),
    "filing.accepted": _("Filing accepted by the registry"),
    "filing.rejected": _("Filing rejected by the registry, with reasons"),
    # SVC-3, BEY-6: the Cause Book and the holders' calendar addresses.
    "hearing.created": _("Hearing listed in the Cause Book"),
    "hearing.updated": _("Hearing in the Cause Book corrected"),
    "hearing.removed": _("Hearing taken off the Cause Book"),
    "cause_book.imported": _("File of hearings imported into the Cause Book"),
    "calendar_feed.created": _("Hearings calendar address made"),
    "calendar_feed.revoked": _("Hearings calendar address stopped"),
    # SVC-6: requests for the certification of translations.
    "certification.created": _("Translation certification requested"),
    "certification.submitted": _("Translation certification request reached the registry"),
    "certification.withdrawn": _("Translation certification request withdrawn by its applicant"),
    "certification.certified": _("Translation certified by the registry"),
    "certification.rejected": _("Translation certification rejected by the registry, with reasons"),
}

# The same, as a sentence: who did it to what ("Vetting officer vet1 rejected application
# IU2026000123").
ACTION_SENTENCES = {
    "application.submitted": _("%(who)s submitted %(what)s"),
    "application.information_requested": _("%(who)s asked for more information on %(what)s"),
    "application.supplemented": _("%(who)s supplemented %(what)s"),
    "application.marked_in_order": _("%(who)s marked %(what)s in order"),
    "application.rejected": _("%(who)s rejected %(what)s"),
    "application.identity_authenticated": _(
        "%(who)s authenticated the identity of the applicant of %(what)s; the account was issued"
    ),
    "application.authentication_expired": _(
        "%(who)s closed %(what)s: identity was not authenticated within 30 days"
    ),
    "application.personal_data_read": _("%(who)s read the personal data of %(what)s"),
    "account.opened": _("%(who)s opened %(what)s"),
    "account.activated": _("%(who)s activated %(what)s"),
    "account.activation_code_reissued": _("%(who)s re-sent the activation code of %(what)s"),
    "account.password_reset_started": _("%(who)s started a password reset for %(what)s"),
    "account.password_reset": _("%(who)s reset the password of %(what)s with a Change Token"),
    "account.password_changed": _("%(who)s changed the password of %(what)s"),
    "account.optional_role_granted": _("%(who)s granted an optional role to %(what)s"),
    "account.optional_role_revoked": _("%(who)s revoked an optional role of %(what)s"),
    "account.unlocked": _("%(who)s unlocked %(what)s"),
    "account.unlock_token_sent": _(
        "%(who)s sent a Change Token to open %(what)s, locked after failed logins"
    ),
    "account.personal_data_read": _("%(who)s read the personal data of %(what)s"),
    "account.suspended": _("%(who)s suspended %(what)s"),
    "account.reactivated": _("%(who)s re-activated %(what)s"),
    "account.terminated": _("%(who)s ended %(what)s"),
    "account.deactivation_notice_sent": _(
        "%(who)s told the holder of %(what)s in its Message Box of the date of de-activation"
    ),
    "account.deactivated": _(
        "%(who)s de-activated %(what)s three months after the final disposal of its last "
        "e-proceeding"
    ),
    "account.terminated_unlinked": _(
        "%(who)s ended %(what)s: it was linked to no e-proceeding when the period to file one "
        "ran out"
    ),
    "account.end_date_passed": _(
        "%(who)s recorded that the effective end date of %(what)s has passed; it can no longer "
        "be used"
    ),
    "configuration_change.requested": _("%(who)s sent %(what)s"),
    "organization.created": _("%(who)s created %(what)s with its Organization Code"),
    "organization.in_service": _(
        "%(who)s activated a Primary Administrator account; %(what)s is in service"
    ),
    "organization.primary_administrator_ended": _(
        "%(who)s ended a Primary Administrator account of %(what)s on its request"
    ),
    "account.default_ou_designated": _("%(who)s designated %(what)s a default OU"),
    "account.default_ou_removed": _("%(who)s made %(what)s no longer a default OU"),
    "account.end_date_revised": _("%(who)s revised the effective end date of %(what)s"),
    "account.profile_updated": _("%(who)s updated the profile of %(what)s"),
    "account.name_corrected": _("%(who)s corrected the name of %(what)s"),
    "account.email_change_requested": _("%(who)s asked to change the email address of %(what)s"),
    "account.email_changed": _("%(who)s confirmed a new email address for %(what)s"),
    "branch.created": _("%(who)s created %(what)s"),
    "branch.updated": _("%(who)s changed %(what)s"),
    "branch.removed": _("%(who)s removed %(what)s"),
    "configuration_change.approved": _("%(who)s approved %(what)s"),
    "configuration_change.rejected": _("%(who)s rejected %(what)s"),
    "organization.configuration_changed": _(
        "%(who)s changed the configuration of %(what)s as approved"
    ),
    "account.second_factor_enrolled": _("%(who)s set up an authenticator app for %(what)s"),
    "account.second_factor_reset": _("%(who)s reset the second factor of %(what)s"),
    "case_profile.given": _("%(who)s gave %(what)s the cases of a case profile"),
    "case_profile.taken_back": _("%(who)s took a case profile back from %(what)s"),
    "case_number.given": _("%(who)s gave %(what)s a case by its number"),
    "case_number.taken_back": _("%(who)s took a case number back from %(what)s"),
    "case_assignment.created": _("%(who)s assigned a case party to %(what)s"),
    "case_assignment.removed": _("%(who)s took a case party off %(what)s"),
    "counsel.instructed": _("%(who)s instructed %(what)s as counsel for a case party"),
    "counsel.withdrawn": _("%(who)s withdrew the instructions of counsel %(what)s"),
    "counsel.brief_returned": _("%(who)s returned the brief of counsel's link %(what)s"),
    "case.created": _("%(who)s entered case %(what)s"),
    "case.updated": _("%(who)s changed the particulars of case %(what)s"),
    "case.party_added": _("%(who)s added a party to case %(what)s"),
    "case.party_updated": _("%(who)s changed a party of case %(what)s"),
    "case.party_removed": _("%(who)s removed a party from case %(what)s"),
    "case.finally_disposed": _("%(who)s recorded the final disposal of case %(what)s"),
    "case.reopened": _("%(who)s reopened case %(what)s"),
    "case_link.created": _("%(who)s linked %(what)s to a case party"),
    "case_link.ended": _("%(who)s ended link %(what)s to a case party"),
    "case_link.corrected": _("%(who)s moved link %(what)s to the right party of its case"),
    "case_link.linked_on_filing": _(
        "%(who)s linked %(what)s, the filer of an accepted filing, to a case party"
    ),
    "case_link_request.created": _(
        "%(who)s sent request %(what)s to link a listed case to the registry"
    ),
    "case_link_request.lodged": _("%(who)s lodged Notice of Consent %(what)s"),
    "case_link_request.accepted": _("%(who)s accepted request %(what)s to link a case"),
    "case_link_request.refused": _("%(who)s refused request %(what)s to link a case"),
    "notice_of_change.lodged": _("%(who)s lodged Notice of Change %(what)s"),
    "notice_of_change.accepted": _("%(who)s accepted Notice of Change %(what)s"),
    "notice_of_change.refused": _("%(who)s refused Notice of Change %(what)s"),
    "court_level.created": _("%(who)s added court level %(what)s"),
    "proceeding_type.created": _("%(who)s added proceeding type %(what)s"),
    "implementation_notice.created": _("%(who)s entered implementation notice %(what)s"),
    "implementation_notice.withdrawn": _("%(who)s withdrew implementation notice %(what)s"),
    "message.direction_sent": _("%(who)s sent a direction to the recipients of %(what)s"),
    "document.issued": _("%(who)s issued %(what)s to a case and its recipients"),
    "case.inspection_closed": _("%(who)s closed %(what)s to the public"),
    "case.inspection_opened": _("%(who)s opened %(what)s to public inspection"),
    "document.inspection_paid": _("%(who)s: the search fee for %(what)s was paid"),
    "message.read": _("%(who)s opened %(what)s, which is now read"),
    "message.marked_unread": _("%(who)s marked %(what)s unread"),
    "message.all_marked_read": _("%(who)s marked every message of %(what)s read"),
    "messaging.preferences_changed": _("%(who)s changed the notification emails of %(what)s"),
    "messaging.case_muted": _("%(who)s muted the immediate emails of a case for %(what)s"),
    "messaging.case_unmuted": _(
        "%(who)s stopped muting the immediate emails of a case for %(what)s"
    ),
    "document_type.created": _("%(who)s added %(what)s to the court policy"),
    "document_type.updated": _("%(who)s changed %(what)s of the court policy"),
    "file_limits.set": _("%(who)s set %(what)s of the court policy"),
    "file_limits.removed": _(
        "%(who)s removed %(what)s: the default file limits apply to the proceeding type"
    ),
    "payment.created": _("%(who)s started %(what)s"),
    "payment.succeeded": _("%(who)s: %(what)s was made and its receipt issued"),
    "payment.failed": _("%(who)s: %(what)s was not made"),
    "payment.refunded": _("%(who)s refunded %(what)s"),
    "deposit_account.topped_up": _("%(who)s recorded a top-up of %(what)s"),
    "deposit_account.debited": _("%(who)s paid a fee from %(what)s"),
    "filing.created": _("%(who)s made %(what)s"),
    "filing.submitted": _("%(who)s: %(what)s reached the registry's queue"),
    "filing.withdrawn": _("%(who)s withdrew %(what)s"),
    "filing.accepted": _("%(who)s accepted %(what)s"),
    "filing.rejected": _("%(who)s rejected %(what)s"),
    "hearing.created": _("%(who)s listed a hearing of %(what)s in the Cause Book"),
    "hearing.updated": _("%(who)s corrected a hearing of %(what)s in the Cause Book"),
    "hearing.removed": _("%(who)s took a hearing of %(what)s off the Cause Book"),
    "cause_book.imported": _("%(who)s imported %(what)s into the Cause Book"),
    "calendar_feed.created": _("%(who)s made a hearings calendar address for %(what)s"),
    "calendar_feed.revoked": _("%(who)s stopped the hearings calendar address of %(what)s"),
    "certification.created": _("%(who)s requested the certification of a translation, %(what)s"),
    "certification.submitted": _("%(who)s: %(what)s reached the registry's queue"),
    "certification.withdrawn": _("%(who)s withdrew %(what)s"),
    "certification.certified": _("%(who)s certified the translation of %(what)s"),
    "certification.rejected": _("%(who)s rejected %(what)s"),
}
OTHER_ACTION = _("%(who)s: %(action)s, %(what)s")

# What the keys of `before` and `after` are called.
FIELD_LABELS = {
    "status": _("Status"),
    "final_disposal_date": _("Date of final disposal"),
    "deactivation_date": _("Date of de-activation"),
    "filing_deadline": _("E-proceeding to be filed by"),
    "channel": _("Channel"),
    "rejection_reasons": _("Reasons for rejection"),
    "reasons": _("Reasons"),
    "message": _("Message"),
    "optional_role": _("Optional role"),
    "identity_check": _("Identity check"),
    "identity_note": _("Note on the identity check"),
    "surname": _("Surname"),
    "given_name": _("Given name"),
    "document_note": _("Document that shows the right name"),
    "failures": _("Failed logins"),
    "locked_until": _("Locked until"),
    "attempt_records_cleared": _("Login attempt records cleared"),
    "enrolled_at": _("Set up on"),
    "last_used_at": _("Last used on"),
    "via": _("Read through"),
    "document": _("Document"),
    "kind": _("Kind of document"),
    "organization_type": _("Type of organization"),
    "primary_administrator": _("Primary Administrator"),
    "effective_end_date": _("Effective end date"),
    "code": _("Code"),
    "name": _("Name"),
    "fee": _("Fee (HKD)"),
    "linking_role": _("Role in linking"),
    "active": _("May be filed"),
    "proceeding_type": _("Proceeding type"),
    "max_file_bytes": _("Largest file (bytes)"),
    "max_pages": _("Most pages in a file"),
    "max_files": _("Most files in a filing"),
    "balance": _("Balance"),
    "amount": _("Amount"),
    "purpose": _("Purpose"),
    "method": _("Method"),
    "settled_at": _("Settled at"),
    # The other records' fields, in a context of their own: "Reference" or "Title" elsewhere
    # name one thing (an application's reference, a case's title).
    "account": pgettext_lazy("audit field", "Account"),
    "account_status": pgettext_lazy("audit field", "Account status"),
    "address": pgettext_lazy("audit field", "Address"),
    "application": pgettext_lazy("audit field", "Application"),
    "authentication_due": pgettext_lazy("audit field", "Identity to be authenticated by"),
    "capacity": pgettext_lazy("audit field", "Capacity"),
    "case": pgettext_lazy("audit field", "Case"),
    "closed_to_public": pgettext_lazy("audit field", "Closed to public inspection"),
    "counsel_link": pgettext_lazy("audit field", "Counsel's link"),
    "counsel_link_ended": pgettext_lazy("audit field", "Counsel's link ended"),
    "counsel_may_file": pgettext_lazy("audit field", "Counsel may file it"),
    "court": pgettext_lazy("audit field", "Court"),
    "court_level": pgettext_lazy("audit field", "Court level"),
    "courtroom": pgettext_lazy("audit field", "Courtroom"),
    "created": pgettext_lazy("audit field", "Created"),
    "current": pgettext_lazy("audit field", "Current"),
    "date": pgettext_lazy("audit field", "Date"),
    "decided_at": pgettext_lazy("audit field", "Decided at"),
    "document_sha256": pgettext_lazy("audit field", "SHA-256 of the document"),
    "document_type": pgettext_lazy("audit field", "Document type"),
    "documents": pgettext_lazy("audit field", "Documents"),
    "drn": pgettext_lazy("audit field", "Document Reference Number"),
    "due_date": pgettext_lazy("audit field", "Due date"),
    "effective_date": pgettext_lazy("audit field", "Effective date"),
    "email": pgettext_lazy("audit field", "Email address"),
    "expires_at": pgettext_lazy("audit field", "Expires at"),
    "feed": pgettext_lazy("audit field", "Calendar address"),
    "file_name": pgettext_lazy("audit field", "File name"),
    "filed_by": pgettext_lazy("audit field", "Filed by"),
    "filer": pgettext_lazy("audit field", "Filer"),
    "hearing_type": pgettext_lazy("audit field", "Hearing type"),
    "in_order_at": pgettext_lazy("audit field", "Found in order at"),
    "incoming_organization": pgettext_lazy("audit field", "Incoming organization"),
    "individual": pgettext_lazy("audit field", "Individual User"),
    "judge_en": pgettext_lazy("audit field", "Judge (English)"),
    "judge_zh": pgettext_lazy("audit field", "Judge (Chinese)"),
    "languages": pgettext_lazy("audit field", "Languages"),
    "limits": pgettext_lazy("audit field", "Limits"),
    "link": pgettext_lazy("audit field", "Link to case"),
    "messages": pgettext_lazy("audit field", "Messages"),
    "name_en": pgettext_lazy("audit field", "Name (English)"),
    "name_zh": pgettext_lazy("audit field", "Name (Chinese)"),
    "new_email": pgettext_lazy("audit field", "New email address"),
    "notes": pgettext_lazy("audit field", "Notes"),
    "number": pgettext_lazy("audit field", "Case number"),
    "open_to_public_inspection": pgettext_lazy("audit field", "Open to public inspection"),
    "organization": pgettext_lazy("audit field", "Organization"),
    "originating": pgettext_lazy("audit field", "Originating document"),
    "pages": pgettext_lazy("audit field", "Pages"),
    "parties": pgettext_lazy("audit field", "Parties"),
    "party": pgettext_lazy("audit field", "Case party"),
    "party_name": pgettext_lazy("audit field", "Party's name"),
    "party_type": pgettext_lazy("audit field", "Party type"),
    "payment": pgettext_lazy("audit field", "Payment"),
    "phone": pgettext_lazy("audit field", "Telephone number"),
    "position": pgettext_lazy("audit field", "Position"),
    "preferred_language": pgettext_lazy("audit field", "Language of the emails"),
    "public": pgettext_lazy("audit field", "In the public Cause Book"),
    "read_at": pgettext_lazy("audit field", "Read at"),
    "received_on": pgettext_lazy("audit field", "Received on"),
    "recipients": pgettext_lazy("audit field", "Recipients"),
    "reference": pgettext_lazy("audit field", "Reference"),
    "replaced": pgettext_lazy("audit field", "Replaced"),
    "route": pgettext_lazy("audit field", "Route"),
    "rows": pgettext_lazy("audit field", "Rows"),
    "sha256": pgettext_lazy("audit field", "SHA-256"),
    "solicitors": pgettext_lazy("audit field", "Solicitors"),
    "source": pgettext_lazy("audit field", "Source"),
    "start_time": pgettext_lazy("audit field", "Start time"),
    "subject": pgettext_lazy("audit field", "Subject"),
    "submitted_at": pgettext_lazy("audit field", "Submitted at"),
    "title": pgettext_lazy("audit field", "Title"),
    "translation": pgettext_lazy("audit field", "Translation"),
    "unchanged": pgettext_lazy("audit field", "Unchanged"),
    "updated": pgettext_lazy("audit field", "Updated"),
}

# Who acted, for records made without a logged-in actor (audit.services.APPLICANT, SYSTEM).
ACTOR_LABELS = {
    "applicant": _("The applicant"),
    "system": _("The system"),
    # SVC-4, GEN-3: a payment made without logging in, and the gateway's signed events.
    "public": _("A member of the public"),
    "payment_gateway": _("The payment gateway"),
}

READ_ACTIONS = frozenset(a for a in ACTION_LABELS if a.endswith(".personal_data_read"))
PAGE_SIZE = 50


@dataclass(frozen=True)
class ObjectNamer:
    """How the trail names the records of one model, which the audit app cannot import: the
    app shell above the domain apps registers one per model (backoffice.audit_names)."""

    noun: str  # "" where the action's sentences say what kind of record it is
    names: object  # (list of object ids) -> {object id: name}
    find: object  # (a name as typed) -> list of object ids


OBJECT_NAMERS: dict[str, ObjectNamer] = {}


def object_namer_register(object_type: str, *, noun, names, find) -> None:
    OBJECT_NAMERS[object_type] = ObjectNamer(noun=noun, names=names, find=find)


def audit_record_count(*, actor) -> int:
    require(actor, Capability.ADMINISTER_SYSTEM)
    return AuditRecord.objects.count()


def application_history(*, actor, application) -> list[dict]:
    """OPS-2 for the officer handling an application: who did what to it, and when. Reads of
    it are in the trail, not in its history."""
    require(actor, Capability.VIEW_APPLICATIONS)
    records = (
        AuditRecord.objects.filter(
            object_type=application._meta.label_lower, object_id=str(application.pk)
        )
        .exclude(action__in=READ_ACTIONS)
        .order_by("at", "pk")  # records awaiting sealing have no sequence yet
    )
    return [
        {
            "at": r.at,
            "who": r.actor_label
            if r.actor_id is not None
            else str(ACTOR_LABELS.get(r.actor_label, r.actor_label)),
            "what": ACTION_LABELS.get(r.action, r.action),
        }
        for r in records
    ]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# An instant as the services record it (isoformat, or str() of an aware datetime).
_INSTANT = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$", re.ASCII
)


def _value_text(value) -> str:
    """A recorded value as the administrator reads it: yes or no, a dash for nothing, an
    instant in Hong Kong time in the page's language; codes, lists and objects as recorded."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and _INSTANT.match(value):
        # Only what reads as an instant: text a person typed may merely look like one.
        try:
            instant = timezone.localtime(datetime.fromisoformat(value))
        except (ValueError, OverflowError):
            return value
        return formats.date_format(instant, "DATETIME_FORMAT")
    return str(value)


def _readable(values: dict, codes: dict | None = None) -> list[tuple[str, str]]:
    """`codes`: for a field of the record's model that has choices, its codes' labels, so
    that "AWAITING_AUTHENTICATION" reads "Awaiting authentication"."""
    codes = codes or {}
    return [
        (
            FIELD_LABELS.get(key, key.replace("_", " ").capitalize()),
            str(codes[key].get(value, value))
            if key in codes and isinstance(value, str)
            else _value_text(value),
        )
        for key, value in values.items()
    ]


def _choice_labels(object_type: str) -> dict:
    """The labels of the codes of each field with choices of the model `object_type` names
    ("registration.application"), found through the app registry: the audit app imports no
    domain app."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    return {
        field.name: dict(field.flatchoices)
        for field in model._meta.get_fields()
        if getattr(field, "choices", None)
    }


def _who(record: AuditRecord) -> str:
    if record.actor is not None:
        return f"{record.actor.get_role_display()} {record.actor_label}"
    return str(ACTOR_LABELS.get(record.actor_label, record.actor_label))


def _entries(records: list[AuditRecord]) -> list[dict]:
    names: dict[tuple[str, str], str] = {}
    for object_type in {r.object_type for r in records}:
        namer = OBJECT_NAMERS.get(object_type)
        if namer is not None:
            ids = [r.object_id for r in records if r.object_type == object_type]
            for object_id, name in namer.names(ids).items():
                names[object_type, str(object_id)] = name
    codes = {
        object_type: _choice_labels(object_type) for object_type in {r.object_type for r in records}
    }
    entries = []
    for r in records:
        namer = OBJECT_NAMERS.get(r.object_type)
        name = names.get((r.object_type, r.object_id)) or f"#{r.object_id}"
        noun = namer.noun if namer else r.object_type
        what = f"{noun} {name}" if noun else name
        sentence = ACTION_SENTENCES.get(r.action)
        values = {"who": _who(r), "what": what, "action": r.action}
        entries.append(
            {
                "record": r,
                "sentence": (sentence or OTHER_ACTION) % values,
                "before": _readable(r.before, codes[r.object_type]),
                "after": _readable(r.after, codes[r.object_type]),
            }
        )
    return entries


def audit_trail(
    *,
    actor,
    record: str = "",
    actor_login_name: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    before: int | None = None,
    after: int | None = None,
    page_size: int = PAGE_SIZE,
) -> dict:
    """OPS-2: the trail for the system administrator, newest first, a page at a time
    (keyset: `before` gives the page older than that record, `after` the page newer), in a
    fixed number of queries whatever the page holds."""
    require(actor, Capability.ADMINISTER_SYSTEM)
    records = AuditRecord.objects.all()
    if record:
        found = [
            (object_type, [str(i) for i in namer.find(record.strip())])
            for object_type, namer in OBJECT_NAMERS.items()
        ]
        condition = Q(pk__in=[])
        for object_type, ids in found:
            if ids:
                condition |= Q(object_type=object_type, object_id__in=ids)
        records = records.filter(condition)
    if actor_login_name:
        records = records.filter(actor_label__iexact=actor_login_name.strip())
    if action:
        records = records.filter(action=action)
    if date_from:
        records = records.filter(at__gte=_start_of(date_from))
    if date_to:
        records = records.filter(at__lt=_start_of(date_to + timedelta(days=1)))
    filtered = records
    records = records.select_related("actor")
    if after is not None:
        page = list(records.filter(pk__gt=after).order_by("pk")[: page_size + 1])
        has_newer = len(page) > page_size
        page = page[:page_size][::-1]
        has_older = bool(page) and filtered.filter(pk__lt=page[-1].pk).exists()
    else:
        if before is not None:
            records = records.filter(pk__lt=before)
        page = list(records.order_by("-pk")[: page_size + 1])
        has_older = len(page) > page_size
        page = page[:page_size]
        has_newer = (
            before is not None and bool(page) and filtered.filter(pk__gt=page[0].pk).exists()
        )
    return {
        "entries": _entries(page),
        "older": page[-1].pk if page and has_older else None,
        "newer": page[0].pk if page and has_newer else None,
    }
