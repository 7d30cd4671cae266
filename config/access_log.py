"""The application server's access log without the secrets of the portal's links (AUTH-6).

Gunicorn writes every request's line and the page it came from (its Referer); a payment's,
a paid inspection's, a calendar's and an applicant's status link carry their token in the
path, and would be written whole on every use. This logger writes such a token as "…", as
`core.logfilters.SecretPathFilter` does in Django's own log."""

from gunicorn.glogging import Logger

from core.logfilters import redacted


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        return {
            key: redacted(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }
