"""e-Payments (SVC-4): every write of the payments app.

The interface for the apps that charge fees (e-filing next): one Payment per fee, saying what
it pays for with a purpose code and a reference string.

- `fee_pay_from_deposit(actor=, purpose=, reference=, amount=)`: an OU pays from its
  organization's deposit account; settled at once (a receipt) or refused with
  `InsufficientBalance`, nothing changed. Call it inside the charging app's own transaction,
  so that the filing and its fee commit or roll back together.
- `gateway_payment_start(actor=, purpose=, reference=, amount=)`: a payment by card or FPS;
  returns the payment, the gateway's page to send the payer to, and (paid without logging in,
  GEN-3) the secret link's token. The gateway's signed event settles it later
  (`gateway_event_receive`); the charging app hears of it through `payments.purposes`.
- `payment_refund(actor=, payment_id=, reasons=)`: the registry gives a fee back, to the
  deposit account it came from or recorded for the gateway's refund.
And the helpers the charging apps share: `fee_payment_choice`, `fee_payment_start`,
`fee_payments_lock`, `fee_bearing_locked`, `fee_refund_all`, `gateway_fee_paid`,
`fee_refund_unwanted`, `fee_bearing_settled`; and the registry's `deposit_top_up`."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.services import SYSTEM, audit_record
from core.errors import DomainError, NotFound, ValidationFailed
from core.money import CURRENCY, ZERO, NotMoney, money, parse_hkd
from core.organization_codes import normalize_organization_code
from organizations.models import Organization
from payments.fees import PUBLIC_SEARCH_FEE_HKD
from payments.gateways import gateway
from payments.gateways.base import EventOutcome, GatewayUnavailable
from payments.models import (
    PUBLIC_PURPOSES,
    DepositAccount,
    EntryKind,
    FeePayment,
    GatewayEvent,
    LedgerEntry,
    Payment,
    PaymentMethod,
    PaymentPurpose,
    PaymentStatus,
    Receipt,
    Refund,
)
from payments.purposes import reference_is_reserved, settlement_handlers
from payments.tokens import new_token, token_hash
from payments.transitions import PAYMENT_TRANSITIONS
from permissions.roles import Capability, can, require

# Who acted, in the audit trail, when nobody was logged in (audit.selectors.ACTOR_LABELS).
PUBLIC = "public"
PAYMENT_GATEWAY = "payment_gateway"


class InsufficientBalance(DomainError):
    code = "insufficient_balance"
    status = 409
    default_message = _(
        "The deposit account does not hold enough for this fee. Nothing has been paid; "
        "ask the registry to record a top-up first."
    )


def _amount(value, *, field="amount") -> object:
    try:
        amount = parse_hkd(value) if isinstance(value, str) else money(value)
    except NotMoney:
        raise ValidationFailed(
            {field: [_("Enter an amount in Hong Kong dollars, e.g. 1,234.50.")]}
        ) from None
    if amount <= ZERO:
        raise ValidationFailed({field: [_("Enter an amount above zero.")]})
    return amount


def receipt_number(payment: Payment) -> str:
    return f"R{timezone.localdate():%Y}-{payment.pk:08d}"


def payment_number(payment: Payment) -> str:
    """The payment's reference at the gateway."""
    return f"P{payment.pk:08d}"


def _created(payment: Payment, *, actor) -> None:
    audit_record(
        actor=actor,
        action="payment.created",
        obj=payment,
        after={
            "purpose": payment.purpose,
            "reference": payment.reference,
            "amount": str(payment.amount),
            "method": payment.method,
        },
        actor_label=PUBLIC,
    )


def _settle(payment: Payment, action: str, *, actor=None, actor_label=SYSTEM) -> Payment:
    """Move a locked, pending payment to paid (with its receipt) or not paid, then tell the
    charging app."""
    now = timezone.now()
    PAYMENT_TRANSITIONS.apply(payment, action, actor=actor, actor_label=actor_label, settled_at=now)
    if action == "succeed":
        Receipt.objects.create(payment=payment, number=receipt_number(payment), issued_at=now)
    for handler in settlement_handlers(payment.purpose):
        handler(payment)
    return payment


# --- the charging apps' fees ------------------------------------------------------------------


def fee_payment_choice(actor, fee, pay_by, errors: dict) -> str:
    """How `actor` pays `fee` (FeePayment): nothing when none is due; the deposit account (if
    it may) or card or FPS as it chose; else "" and an error under "pay_by"."""
    if fee == ZERO:
        return FeePayment.NONE
    pay_by = (pay_by or "").strip().upper()
    if pay_by == FeePayment.DEPOSIT and can(actor, Capability.PAY_FROM_DEPOSIT_ACCOUNT):
        return FeePayment.DEPOSIT
    if pay_by == FeePayment.GATEWAY:
        return FeePayment.GATEWAY
    if can(actor, Capability.PAY_FROM_DEPOSIT_ACCOUNT):
        message = gettext("Choose how to pay the fee: from the deposit account, or by card or FPS.")
    else:
        message = gettext("Choose to pay the fee by card or FPS.")
    errors["pay_by"] = [message]
    return ""


def fee_payment_start(*, actor, purpose: str, reference: str, amount, language="en") -> str:
    """Start a card or FPS payment of the fee of `reference`: the address of the gateway's
    page. GatewayUnavailable rises if the gateway cannot be reached."""
    _payment, url, _token = gateway_payment_start(
        actor=actor, purpose=purpose, reference=reference, amount=amount, language=language
    )
    return url


def fee_payments_lock(*, purpose: str, reference: str) -> None:
    """Lock the payments of `reference`, oldest first: the first of the charging app's locks
    (its payments, then its record, then the deposit account)."""
    list(
        Payment.objects.select_for_update()
        .filter(purpose=purpose, reference=reference)
        .order_by("pk")
    )


def fee_bearing_locked(found, *, purpose: str, related=("account",)):
    """`found` (a payments.models.FeeBearing its app's selector let the actor see) read again,
    locked after its payments (the charging apps' order of locks), with `related`."""
    fee_payments_lock(purpose=purpose, reference=found.reference)
    # OF its own row: a record whose case may be empty (an originating filing) is read with an
    # outer join, and PostgreSQL refuses to lock its nullable side.
    return (
        type(found)
        .objects.select_for_update(of=("self",))
        .select_related(*related)
        .get(pk=found.pk)
    )


def fee_refund_all(*, actor, purpose: str, reference: str, reasons: str) -> None:
    """The registry refunds every paid payment of `reference` (e.g. on rejecting it)."""
    for payment in Payment.objects.filter(
        purpose=purpose, reference=reference, status=PaymentStatus.SUCCEEDED
    ):
        payment_refund(actor=actor, payment_id=payment.pk, reasons=reasons)


def gateway_fee_paid(payment: Payment) -> bool:
    """Whether a settled payment is a fee paid by card or FPS, which its charging app acts on;
    a fee from the deposit account is settled inside the charging app's own transaction."""
    return payment.status == PaymentStatus.SUCCEEDED and payment.method == PaymentMethod.GATEWAY


def fee_refund_unwanted(payment: Payment, *, payer, reasons, values: dict) -> Refund | None:
    """A gateway payment for what no longer awaits payment (withdrawn meanwhile, or paid
    twice) goes back at once; `reasons` (lazy, with `values`) in the payer's language."""
    with translation.override(payer.preferred_language or settings.LANGUAGE_CODE):
        text = str(reasons) % values
    return fee_refund_on_withdrawal(
        actor=payer,
        purpose=payment.purpose,
        reference=payment.reference,
        reasons=text,
        payment_id=payment.pk,
    )


def fee_bearing_settled(payment: Payment, *, model, transitions, paid_too_late) -> None:
    """The gateway settled the fee of a `model` (a payments.models.FeeBearing, moved by
    `transitions`: payments.transitions.fee_transitions), inside its transaction, the payment
    locked: the core of the charging app's settlement handler. Paid: the request reaches the
    registry's queue; paid for one no longer awaiting payment (withdrawn meanwhile, or paid
    twice): the money goes back at once, for `paid_too_late` (lazy, with its "reference").
    Not paid: it waits; its page offers to pay again."""
    if not gateway_fee_paid(payment):
        # A fee from the deposit account is settled inside the charging app's own transaction,
        # which submits the request itself, in its applicant's name; submitting it here too
        # would submit it twice and lock it after the deposit account, against the order of
        # locks.
        return
    found = (
        model.objects.select_for_update(of=("self",))
        .select_related("account")
        .filter(reference=payment.reference)
        .first()
    )
    if found is None:
        return
    awaiting_payment = found.status in transitions["submit"].sources
    if awaiting_payment and payment.amount == found.fee:
        transitions.apply(found, "submit", actor_label=SYSTEM, submitted_at=timezone.now())
        return
    fee_refund_unwanted(
        payment,
        payer=found.account,
        reasons=paid_too_late,
        values={"reference": found.reference},
    )


# --- the deposit account ---------------------------------------------------------------------


@dataclass(frozen=True)
class TopUpChecked:
    """A top-up as it would be recorded: the organization the code names, the amount."""

    organization: Organization
    amount: object
    reference: str


def deposit_top_up_checked(*, actor, organization_code: str, amount, reference: str):
    """What `deposit_top_up` would record, checked and recording nothing: the page names the
    organization and the amount for the clerk to confirm (an entry is never changed)."""
    require(actor, Capability.RECORD_DEPOSIT_TOP_UPS)
    errors = {}
    # As holders type it at login: hyphens, spaces, full-width forms, O for 0 (AUTH-2).
    code = normalize_organization_code(organization_code)
    organization = Organization.objects.filter(code=code).first() if code else None
    if organization is None:
        errors["organization_code"] = [_("No organization has this Organization Code.")]
    reference = (reference or "").strip()
    if not reference:
        errors["reference"] = [_("Give the reference of the money received (e.g. the slip).")]
    try:
        amount = _amount(amount)
    except ValidationFailed as exc:
        errors |= exc.errors
    if errors:
        raise ValidationFailed(errors)
    return TopUpChecked(organization=organization, amount=amount, reference=reference)


def deposit_top_up(*, actor, organization_code: str, amount, reference: str, reasons: str = ""):
    """The registry records money received for an organization's deposit account (a cheque,
    a bank-in slip, a transfer); the account opens with its first top-up."""
    checked = deposit_top_up_checked(
        actor=actor, organization_code=organization_code, amount=amount, reference=reference
    )
    organization, amount, reference = checked.organization, checked.amount, checked.reference
    with transaction.atomic():
        account, _created_now = DepositAccount.objects.get_or_create(organization=organization)
        account = DepositAccount.objects.select_for_update().get(pk=account.pk)
        before = account.balance
        account.balance = before + amount
        account.save(update_fields=["balance"])
        entry = LedgerEntry.objects.create(
            account=account,
            kind=EntryKind.TOP_UP,
            amount=amount,
            balance_after=account.balance,
            reference=reference,
            reasons=(reasons or "").strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="deposit_account.topped_up",
            obj=account,
            before={"balance": str(before)},
            after={"balance": str(account.balance), "amount": str(amount), "reference": reference},
        )
    return entry


def fee_pay_from_deposit(*, actor, purpose: str, reference: str, amount) -> Payment:
    """An OU pays a fee from its organization's deposit account, under the account's row lock:
    paid, with its receipt, or refused with nothing changed (never below zero)."""
    require(actor, Capability.PAY_FROM_DEPOSIT_ACCOUNT)
    amount = _amount(amount)
    purpose = PaymentPurpose(purpose)
    with transaction.atomic():
        account = (
            DepositAccount.objects.select_for_update()
            .filter(organization_id=actor.organization_id)
            .first()
        )
        if account is None or account.balance < amount:
            raise InsufficientBalance()
        payment = Payment.objects.create(
            purpose=purpose,
            reference=(reference or "").strip(),
            amount=amount,
            method=PaymentMethod.DEPOSIT,
            account=actor,
            organization_id=actor.organization_id,
            deposit_account=account,
        )
        _created(payment, actor=actor)
        before = account.balance
        account.balance = before - amount
        account.save(update_fields=["balance"])
        LedgerEntry.objects.create(
            account=account,
            kind=EntryKind.DEBIT,
            amount=amount,
            balance_after=account.balance,
            reference=receipt_number(payment),
            payment=payment,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="deposit_account.debited",
            obj=account,
            before={"balance": str(before)},
            after={"balance": str(account.balance), "amount": str(amount)},
        )
        _settle(payment, "succeed", actor=actor)
    return payment


# --- card or FPS, through the gateway --------------------------------------------------------


def _return_url(payment: Payment, token: str | None) -> str:
    if token:
        path = reverse("payments:public_payment", kwargs={"token": token})
    else:
        path = reverse("payments:payment", kwargs={"payment_id": payment.pk})
    return settings.SITE_URL + path


def gateway_payment_start(*, actor, purpose: str, reference: str = "", amount, language="en"):
    """A payment by card or FPS: the payment awaits the gateway's event. Returns (payment,
    the address of the gateway's page, the secret link's token or None). A payment that
    needs no identity (GEN-3) may be made without logging in; any other needs an account
    that uses the e-services."""
    purpose = PaymentPurpose(purpose)
    amount = _amount(amount)
    signed_in = getattr(actor, "is_authenticated", False)
    public = purpose in PUBLIC_PURPOSES
    if not public:
        require(actor, Capability.USE_E_SERVICES)
    # A payment anyone may make is followed through its secret link, signed in or not.
    token = new_token() if public else None
    adapter = gateway()
    with transaction.atomic():
        payment = Payment.objects.create(
            purpose=purpose,
            reference=(reference or "").strip(),
            amount=amount,
            method=PaymentMethod.GATEWAY,
            account=actor if signed_in else None,
            organization_id=getattr(actor, "organization_id", None) if signed_in else None,
            access_token_hash=token_hash(token) if token else None,
            gateway=adapter.name,
        )
        _created(payment, actor=actor if signed_in else None)
    # The gateway is called outside any transaction: no row is held while it answers.
    try:
        session = adapter.session_create(
            payment_reference=payment_number(payment),
            amount=amount,
            currency=CURRENCY,
            description=str(payment.get_purpose_display()),
            return_url=_return_url(payment, token),
            language=language,
        )
    except GatewayUnavailable:
        with transaction.atomic():
            payment = Payment.objects.select_for_update().get(pk=payment.pk)
            _settle(payment, "fail", actor_label=PAYMENT_GATEWAY)
        raise
    Payment.objects.filter(pk=payment.pk).update(gateway_session_id=session.session_id)
    payment.gateway_session_id = session.session_id
    return payment, session.redirect_url, token


def search_fee_start(*, actor, reference: str = "", language="en"):
    """GEN-3 [A4]: the search fee, by card or FPS, with or without logging in, under the payer's
    own reference, which may not take a form another service reserves (a document's
    inspection is paid from the document, `inspection.services.inspection_start`). Returns
    what `gateway_payment_start` does."""
    if reference_is_reserved(reference):
        raise ValidationFailed(
            {
                "reference": [
                    _(
                        "This reference is kept for inspecting a document. To inspect one, "
                        "find it in the public search and pay from there."
                    )
                ]
            }
        )
    return gateway_payment_start(
        actor=actor,
        purpose=PaymentPurpose.SEARCH_FEE,
        reference=reference,
        amount=PUBLIC_SEARCH_FEE_HKD,
        language=language,
    )


def gateway_event_receive(*, body: bytes, headers) -> str:
    """The gateway's signed event (its webhook). A forged or stale event is refused
    (EventRefused) before anything is read; an event seen before changes nothing; an event
    for a payment no longer awaiting payment changes nothing. Returns what it did."""
    adapter = gateway()
    event = adapter.event_verify(body=body, headers=headers)
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(gateway=adapter.name, gateway_session_id=event.session_id)
            .first()
        )
        if GatewayEvent.objects.filter(gateway=adapter.name, event_id=event.event_id).exists():
            return "duplicate"
        if payment is None or event.payment_reference != payment_number(payment):
            outcome = "unknown_payment"
        elif event.currency != CURRENCY or event.amount != payment.amount:
            outcome = "amount_mismatch"
        elif event.outcome is None or payment.status != PaymentStatus.PENDING:
            outcome = "ignored"
        else:
            action = "succeed" if event.outcome == EventOutcome.SUCCEEDED else "fail"
            _settle(payment, action, actor_label=PAYMENT_GATEWAY)
            outcome = "settled"
        try:
            with transaction.atomic():
                GatewayEvent.objects.create(
                    gateway=adapter.name,
                    event_id=event.event_id,
                    event_type=event.event_type,
                    payment=payment,
                    outcome=outcome,
                )
        except IntegrityError:
            # The same event, received at the same moment for no payment we know.
            return "duplicate"
    return outcome


# --- refunds ---------------------------------------------------------------------------------


def payment_refund(*, actor, payment_id: int, reasons: str) -> Refund:
    """The registry gives a paid fee back, whole (e.g. a filing it rejected): to the deposit
    account it was paid from, as a ledger entry; for card or FPS, recorded for the gateway's
    refund."""
    text = PAYMENT_TRANSITIONS.reasons("refund", reasons)
    require(actor, Capability.REFUND_PAYMENTS)
    with transaction.atomic():
        payment = Payment.objects.select_for_update().filter(pk=payment_id).first()
        if payment is None or not can(actor, Capability.VIEW_PAYMENTS, payment):
            raise NotFound()
        return _refund(payment, "refund", text, actor=actor)


def fee_refund_on_withdrawal(
    *, actor, purpose: str, reference: str, reasons: str, payment_id=None
) -> Refund | None:
    """The filer withdrew what it paid for before the registry looked at it: its paid fee (of
    `purpose` and `reference`) goes back at once, as the registry would refund it. Called by
    the charging app inside the withdrawal's transaction, after checking that `actor` may
    withdraw; None when nothing was paid. `payment_id`: that payment only."""
    payments = Payment.objects.select_for_update().filter(
        purpose=purpose, reference=reference, status=PaymentStatus.SUCCEEDED
    )
    if payment_id is not None:
        payments = payments.filter(pk=payment_id)
    payment = payments.order_by("pk").first()
    if payment is None:
        return None
    return _refund(payment, "refund_on_withdrawal", reasons, actor=actor)


def _refund(payment: Payment, action: str, text: str, *, actor) -> Refund:
    PAYMENT_TRANSITIONS.check(payment, action, actor=actor)
    entry = None
    if payment.method == PaymentMethod.DEPOSIT:
        account = DepositAccount.objects.select_for_update().get(pk=payment.deposit_account_id)
        before = account.balance
        account.balance = before + payment.amount
        account.save(update_fields=["balance"])
        entry = LedgerEntry.objects.create(
            account=account,
            kind=EntryKind.REFUND,
            amount=payment.amount,
            balance_after=account.balance,
            reference=payment.receipt.number,
            reasons=text,
            payment=payment,
            recorded_by=actor,
        )
    refund = Refund.objects.create(
        payment=payment,
        amount=payment.amount,
        reasons=text,
        ledger_entry=entry,
        recorded_by=actor,
    )
    PAYMENT_TRANSITIONS.apply(payment, action, actor=actor, reasons=text)
    return refund
