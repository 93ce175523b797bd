"""Texts kept in Arabic and French, and in Amazigh where given, shown in the page's language."""

from django.utils.translation import get_language

# Where a text missing in the page's language is looked for next. Amazigh falls back to
# Arabic, as the interface does (settings.LANGUAGES): both are official, Arabic is always given.
FALLBACKS = {"ar": ("ar", "fr", "zgh"), "fr": ("fr", "ar", "zgh"), "zgh": ("zgh", "ar", "fr")}


class Localized(str):
    """A text in the page's language, or in another when it has none; `.lang` says which
    (templates mark it with `lang="{{ text.lang }}"` so screen readers pronounce it right)."""

    lang: str

    def __new__(cls, text: str, lang: str):
        localized = super().__new__(cls, text)
        localized.lang = lang
        return localized


def in_page_language(text_ar: str, text_fr: str, text_zgh: str = "") -> Localized:
    texts = {"ar": text_ar, "fr": text_fr, "zgh": text_zgh}
    order = FALLBACKS.get(get_language(), FALLBACKS["ar"])
    for language in order:
        if texts[language]:
            return Localized(texts[language], language)
    return Localized("", order[0])


class Bilingual:
    """For models with `<field>_ar` / `<field>_fr` pairs, and optionally `<field>_zgh`:
    `obj.localized("title")`, `obj.title`."""

    def localized(self, field: str) -> Localized:
        return in_page_language(
            getattr(self, f"{field}_ar"),
            getattr(self, f"{field}_fr"),
            getattr(self, f"{field}_zgh", "") or "",
        )

    @property
    def title(self) -> Localized:
        return self.localized("title")
