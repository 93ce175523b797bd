"""Texts kept in Arabic and French, shown in the page's language."""
from django.utils.translation import get_language


class Localized(str):
    """A text in the page's language, or in the other when it has none; `.lang` says which
    (templates mark it with `lang="{{ text.lang }}"` so screen readers pronounce it right)."""

    lang: str

    def __new__(cls, text: str, lang: str):
        localized = super().__new__(cls, text)
        localized.lang = lang
        return localized


def in_page_language(text_ar: str, text_fr: str) -> Localized:
    candidates = [("fr", text_fr), ("ar", text_ar)]
    if get_language() != "fr":
        candidates.reverse()
    for language, text in candidates:
        if text:
            return Localized(text, language)
    return Localized("", candidates[0][0])


class Bilingual:
    """For models with `<field>_ar` / `<field>_fr` pairs: `obj.localized("title")`, `obj.title`."""

    def localized(self, field: str) -> Localized:
        return in_page_language(getattr(self, f"{field}_ar"), getattr(self, f"{field}_fr"))

    @property
    def title(self) -> Localized:
        return self.localized("title")
