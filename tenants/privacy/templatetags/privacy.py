"""The personal-data notice's lookups (tenants/privacy/retention.py): a form's processing and the
retention rows that apply to it."""

from django import template

from tenants.privacy.retention import PROCESSINGS, RETENTION

register = template.Library()

CNDP_URL = "https://www.cndp.ma/"


@register.simple_tag
def processing(purpose: str) -> dict:
    """The processing of the form `purpose` (a key of PROCESSINGS), with its retention rows.
    An unknown key is a programming error: it fails loudly in tests."""
    entry = PROCESSINGS[purpose]
    return {
        "processing": entry,
        "retention": [RETENTION[key] for key in entry.retention],
        "cndp_url": CNDP_URL,
    }
