"""The enrolment QR code, drawn as inline SVG by segno (pure Python, no image files)."""

import segno
from django.utils.safestring import mark_safe


def qr_svg(text: str) -> str:
    # Dark on white whatever the page's colours, with the quiet zone apps need to read it.
    svg = segno.make(text, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", border=4, omitsize=False
    )
    return mark_safe(svg)  # segno's own markup, from a URI segno encoded itself
