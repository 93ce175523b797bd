from django.conf import settings
from django.utils import translation


class ArabicFirstLocaleMiddleware:
    """Arabic unless the visitor chose French with the switch (the language cookie).

    Unlike Django's LocaleMiddleware the browser's Accept-Language is not consulted: the
    network's sites are Arabic first, whatever the device's settings.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.cookie_name = settings.LANGUAGE_COOKIE_NAME
        self.languages = frozenset(code for code, _ in settings.LANGUAGES)
        self.default = settings.LANGUAGE_CODE

    def __call__(self, request):
        chosen = request.COOKIES.get(self.cookie_name)
        language = chosen if chosen in self.languages else self.default
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch = response.get("Vary", "")
        if "Cookie" not in patch:
            response["Vary"] = (patch + ", Cookie").lstrip(", ")
        translation.deactivate()
        return response
