"""Secrets in addresses stay out of the logs (AUTH-6): a payment's secret link
(`/payments/p/<token>/`, `/api/v1/payments/by-token/<token>/`) and a paid inspection's
(`/documents/inspect/<token>/`, `/api/v1/documents/inspect/<token>/`) and a holder's calendar
address (`/cause-book/calendar/<token>.ics`) and an applicant's status page
(`/apply/status/<token>/`, open for 120 days) carry their token in the path; Django logs the path
of every 4xx answer ("Gone: /documents/inspect/..."), and a refused link (awaiting payment,
expired, closed; a calendar of a suspended account, which works again once it is re-activated)
may hold a token that still works. The filter writes such a token as "…"; the application
server's access log, which writes every request's path and Referer, does the same
(`config.access_log`)."""

import logging
import re

SECRET_PATH = re.compile(r"(/(?:p|by-token|inspect|calendar|status)/)[^/\s?]+")


def redacted(text: str) -> str:
    return SECRET_PATH.sub(r"\1…", text)


class SecretPathFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redacted(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redacted(a) if isinstance(a, str) else a for a in record.args)
        return True
