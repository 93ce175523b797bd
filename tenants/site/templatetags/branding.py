"""A member's colours, made readable: white text on them must pass WCAG AA (4.5:1)."""

from django import template

register = template.Library()

AA_CONTRAST = 4.5


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(rgb: tuple[int, int, int]) -> float:
    return 1.05 / (relative_luminance(rgb) + 0.05)


@register.filter
def readable_on_white_text(colour: str) -> str:
    """`colour` darkened just enough for white text on it to pass AA (unchanged if it does)."""
    try:
        rgb = tuple(int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    except (ValueError, AttributeError):
        return "#0b6e4f"
    while contrast_with_white(rgb) < AA_CONTRAST:
        rgb = tuple(max(0, int(c * 0.92)) for c in rgb)
    return "#{:02x}{:02x}{:02x}".format(*rgb)
