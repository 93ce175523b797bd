"""What every member API shares: services' validation errors become 400s, in the user's language."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


def run_service(service, **kwargs):
    """Call a service; its Django ValidationError becomes DRF's (400 with the messages)."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        raise ValidationError(
            error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
        ) from error


# The errors every API answers with, in the OpenAPI documents (a drf-spectacular
# postprocessing hook, SPECTACULAR_SETTINGS): drf-spectacular documents the successes only,
# so a client (and schemathesis, tests/test_schemathesis.py) would meet undocumented codes.
_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
_FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": True,
    "description": "Each field in error with its messages, or `detail`.",
}
_ERRORS = {
    "400": (
        "The request is malformed or a field is invalid (`detail` or the fields in error, "
        "with their messages).",
        _FIELD_ERRORS,
    ),
    "401": ("The token given is not valid.", _DETAIL),
    "403": ("Not signed in, not allowed, or the form token (CSRF) is missing.", _DETAIL),
    "404": ("No such object, or a page past the last.", _DETAIL),
    "415": ("The body's media type is not one this operation reads.", _DETAIL),
    "429": ("Too many public writes from here in a short time (`Retry-After`).", _DETAIL),
}


def _errors_of(path: str, method: str, operation: dict) -> list[str]:
    schemes = {name for requirement in operation.get("security", []) for name in requirement}
    takes_input = bool(operation.get("parameters") or operation.get("requestBody"))
    anonymous = not operation.get("security") or {} in operation["security"]
    codes = ["400"] if takes_input or "{" in path else []
    codes += ["401"] if "tokenAuth" in schemes else []
    codes += ["403"] if schemes else []
    # A page past the last, a filter or format naming nothing (a region, `?format=`).
    queried = any(p.get("in") == "query" for p in operation.get("parameters", []))
    codes += ["404"] if "{" in path or queried else []
    # A body sent as a media type the operation does not read (DRF's parsers refuse it).
    codes += ["415"] if operation.get("requestBody") else []
    codes += ["429"] if anonymous and method in ("post", "put", "patch") else []
    return codes


def document_error_responses(result, generator, request, public):
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            # DRF renders an error with the renderer it negotiated: the media types of the
            # success (the schema's YAML and JSON for /api/schema/, JSON everywhere else).
            media_types = next(
                (
                    list(r["content"])
                    for c, r in responses.items()
                    if c.startswith("2") and r.get("content")
                ),
                ["application/json"],
            )
            for code in _errors_of(path, method, operation):
                description, schema = _ERRORS[code]
                response = responses.setdefault(code, {"description": description})
                response.setdefault("content", {media: {"schema": schema} for media in media_types})
    return result


class ApiNotFound(APIView):
    """The last route of each API: a path under /api/ that names no endpoint (a malformed id,
    a typo) gets the API's JSON 404 like a missing object, not the site's HTML page."""

    authentication_classes = []
    permission_classes = [AllowAny]
    schema = None  # not an operation of the documents

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound
