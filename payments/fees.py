"""Fees that the payments app itself charges, until the e-filing app's fee schedule (court
policy as data, BEY-2) takes them over. Exact HKD (core.money)."""

from decimal import Decimal

# GEN-3 [A4]: the fee for a search of documents open to public inspection, payable without
# logging in. A placeholder figure of ours; the court's fee schedule will set it.
PUBLIC_SEARCH_FEE_HKD = Decimal("145.00")
