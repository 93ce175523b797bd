"""One way to make each thing the ideas tests need (in the current member's schema)."""

from tenants.ideas.models import Idea, IdeaComment, Support
from tenants.ideas.services import comment_submit, idea_submit, support_submit
from tenants.programme.models import Principle, Programme, ProgrammeStatus
from tenants.programme.tests.factories import commitment_factory, programme_factory

SITE_URL = "http://tetouan.localhost/"


def cocreated_programme(**fields) -> Programme:
    """A programme being co-created (a draft): ideas are collected."""
    return programme_factory(**{"status": ProgrammeStatus.DRAFT, **fields})


def idea_on(
    programme: Programme, *, published: bool = True, email: str = "citizen@example.ma", **fields
) -> Idea:
    """An idea, published (as if its e-mail were confirmed) or pending."""
    values = {
        "principle": Principle.TRANSPARENCY_INTEGRITY,
        "title": "نشر الميزانية بصيغة مفتوحة",
        "body": "نقترح نشر الميزانية بصيغة CSV.",
        "author_name": "أمينة",
        "show_name": True,
        "verified_email": email if published else None,
    }
    return idea_submit(programme=programme, email=email, site_url=SITE_URL, **{**values, **fields})


def support_of(idea: Idea, email: str, *, confirmed: bool = True) -> Support:
    return support_submit(
        idea=idea, email=email, site_url=SITE_URL, verified_email=email if confirmed else None
    )


def comment_of(
    idea: Idea, *, published: bool = True, email: str = "reader@example.ma", **fields
) -> IdeaComment:
    values = {
        "body": "فكرة جيدة",
        "author_name": "كريم",
        "show_name": True,
        "verified_email": email if published else None,
    }
    return comment_submit(idea=idea, email=email, site_url=SITE_URL, **{**values, **fields})


def close_collection(programme: Programme) -> Programme:
    """The draft goes to public consultation: the collection of ideas closes."""
    Programme.objects.filter(pk=programme.pk).update(status=ProgrammeStatus.CONSULTATION)
    programme.refresh_from_db()
    return programme


__all__ = [
    "commitment_factory",
    "cocreated_programme",
    "idea_on",
    "support_of",
    "comment_of",
    "close_collection",
]
