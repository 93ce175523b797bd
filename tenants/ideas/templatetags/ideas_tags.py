"""What the programme's pages show of ideas (their templates include one line of ours)."""

from django import template

from tenants.ideas.selectors import (
    collection_is_open,
    ideas_behind_commitment,
    ideas_behind_programme,
)

register = template.Library()


@register.inclusion_tag("ideas/_behind_programme.html")
def ideas_behind_programme_block(programme):
    """The ideas retained into the programme's commitments, and the call for ideas while
    the programme is co-created (one query)."""
    return {
        "ideas": ideas_behind_programme(programme=programme) if programme else [],
        "is_open": collection_is_open(programme),
    }


@register.inclusion_tag("ideas/_behind_commitment.html")
def ideas_behind_commitment_block(commitment):
    """The citizens' ideas this commitment came from (one query)."""
    return {"ideas": ideas_behind_commitment(commitment=commitment)}
