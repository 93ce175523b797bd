from django.conf import settings
from django.utils import translation

# The staff's pages: the member's workspace and back office, the network's console, back
# office and sign-in. Their interface is kept in Arabic and French (settings.
# BACK_OFFICE_LANGUAGES); a visitor who reads the public site in Amazigh gets Arabic there.
BACK_OFFICE_PREFIXES = (
    "/staff/",
    "/admin/",
    "/console/",
    "/sign-in/",
    "/sign-out/",
    "/two-factor/",
)


def is_back_office(path: str) -> bool:
    return path.startswith(BACK_OFFICE_PREFIXES)


def interface_languages(path: str) -> list[str]:
    """The languages a page at this path is offered in, Arabic first."""
    if is_back_office(path):
        return list(settings.BACK_OFFICE_LANGUAGES)
    return [code for code, _ in settings.LANGUAGES]


def chosen_language(request) -> str:
    """The language of the switch's cookie if this page is offered in it, Arabic otherwise."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in interface_languages(request.path_info) else settings.LANGUAGE_CODE


class ArabicFirstLocaleMiddleware:
    """Arabic unless the visitor chose French or Amazigh with the switch (the language cookie).

    Unlike Django's LocaleMiddleware the browser's Accept-Language is not consulted: the
    network's sites are Arabic first, whatever the device's settings. `request.
    interface_languages` is what the page's switch offers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        request.interface_languages = interface_languages(request.path_info)
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch = response.get("Vary", "")
        if "Cookie" not in patch:
            response["Vary"] = (patch + ", Cookie").lstrip(", ")
        translation.deactivate()
        return response
