"""Request parsers for the API (settings REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]). A module of
its own: DRF imports it while defining its base view, before core.api can be imported."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, but JSON nested too deeply for Python's decoder (which gives up with
    RecursionError, not ValueError) is bad input, not a server error."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(
                _("The JSON in the request is nested too deeply.")
            ) from None
