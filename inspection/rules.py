"""What is open to public inspection (SVC-2, GEN-3), in one place.

A document of a case's file is open to public inspection when its case is not closed to the
public by the registry (`inspection.models.CaseInspection`) and:
- filed by a party (origin FILED): its document type in the court's policy
  (`filing.DocumentType.open_to_public_inspection`, set by the registry per proceeding type);
- issued by the court (origin ISSUED): its kind is in `ISSUED_KINDS_OPEN_TO_PUBLIC` below.

The selector `inspection.selectors.open_documents` applies these rules; every public read
(the search, starting a paid inspection, the paid link and its download) goes through it."""

from documents.models import IssuedKind

# Our choice: the court's orders are open to public inspection (a judgment or order of the
# court is a public record, as the courts' registries let anyone search and inspect them);
# its directions are case management addressed to the parties and are not. A change here is a
# change of the rule for every case; a case the registry closes hides its orders all the same.
ISSUED_KINDS_OPEN_TO_PUBLIC = frozenset({IssuedKind.ORDER})

# A search fee paid for the inspection of one document names it in the payment's reference,
# "DOC-<the document's id>" (payments name what they pay for by a reference, never by a key).
DOCUMENT_REFERENCE_PREFIX = "DOC-"


def document_reference(document_id: int) -> str:
    return f"{DOCUMENT_REFERENCE_PREFIX}{document_id}"


def document_id_of(reference: str) -> int | None:
    """The document a search fee's reference names, or None when it names none."""
    text = (reference or "").strip()
    if not text.startswith(DOCUMENT_REFERENCE_PREFIX):
        return None
    digits = text.removeprefix(DOCUMENT_REFERENCE_PREFIX)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 18:
        return None
    return int(digits)
