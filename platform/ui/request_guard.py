"""What a request may carry, checked once before anything reads it: a malformed request is a
clear 400, never a 500 deep in a view, a form or the database.

- No NUL character anywhere a request carries text: the path, the query string (names and
  values), form fields (url-encoded and multipart), JSON strings (`\\u0000`).
  PostgreSQL cannot store it in a text column and refuses it in a query's parameters, so a
  NUL that reached a filter or a save was a 500. It is refused, not removed: a request that
  carries one was not written by a person, and removing it would change what they sent.
- JSON nested deeper than Python's parser can follow (RecursionError): a 400 from the API's
  parser (`JSONParser`, the REST_FRAMEWORK default).

The answer is JSON `{"detail": ...}` on the APIs (`/api/`), a short page in Arabic and French
elsewhere: this runs before the host is routed to its member, so there is no branded frame.
"""

import re

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DrfJSONParser

NUL = "\x00"
# A JSON escape of NUL that is not itself an escaped backslash followed by "u0000".
JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _json_body(request) -> bool:
    content_type = request.content_type or ""
    return content_type == "application/json" or content_type.endswith("+json")


def _query_carries_nul(query_string: str) -> bool:
    """Whether the query string decodes to a NUL anywhere (a name or a value): a raw NUL or
    its escape `%00`, the only two spellings `QueryDict` decodes to one. Read raw, so that a
    page served from the cache does not pay for parsing a query string only to look at it."""
    return NUL in query_string or "%00" in query_string


def carries_nul(request) -> bool:
    """Whether any text of the request holds a NUL character (reads and caches the body of a
    form or JSON request, which the view then reads from the cache)."""
    if NUL in request.path_info or _query_carries_nul(request.META.get("QUERY_STRING", "")):
        return True
    if request.method == "POST" and request.content_type in FORM_TYPES:
        # (Django itself drops the unprintable characters of an uploaded file's name.)
        return any(
            NUL in key or any(NUL in v for v in values) for key, values in request.POST.lists()
        )
    if request.method in ("POST", "PUT", "PATCH") and _json_body(request):
        return bool(JSON_NUL.search(request.body))
    return False


def _nul_message() -> str:
    return _(
        "This request contains a character that is not allowed (NUL). Remove it and "
        "send the request again."
    )


def form_message() -> str:
    return _("The form sent with this request could not be read. Please send it again.")


def bad_request(request, message=_nul_message):
    """The 400 answer; `message` is called in each language it is given in."""
    if request.path_info.startswith("/api/"):
        with translation.override(translation.get_language_from_request(request)):
            return JsonResponse({"detail": message()}, status=400)
    lines = []
    for language, direction in (("ar", "rtl"), ("fr", "ltr")):
        with translation.override(language):
            lines.append(f'<p lang="{language}" dir="{direction}">{escape(message())}</p>')
    return HttpResponseBadRequest(
        '<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>400</title>{''.join(lines)}</html>",
        content_type="text/html; charset=utf-8",
    )


class JSONParser(DrfJSONParser):
    """DRF's JSON parser, with a body nested too deep for Python's parser a 400 like any
    other malformed JSON (DRF only turns ValueError into a ParseError)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("JSON parse error - the body is nested too deeply.")) from error
