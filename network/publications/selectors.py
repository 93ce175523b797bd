"""Reads of the network's publications (public schema). The portal and the public API see
only what is published and due; the back office sees everything."""

from django.db.models import Count, QuerySet
from django.utils import timezone

from network.publications.models import (
    BestPractice,
    CommitmentTemplate,
    NewsItem,
    TemplateCopy,
    Training,
)
from kernel.full_text import Source, queryset_matching


def news_visible() -> QuerySet[NewsItem]:
    return NewsItem.objects.visible()


def best_practice_visible() -> QuerySet[BestPractice]:
    return BestPractice.objects.visible().select_related(
        "member", "member__collectivity", "member__collectivity__region"
    )


def training_visible(*, upcoming: bool | None = None) -> QuerySet[Training]:
    """Published trainings by date; `upcoming=True` those not yet over, False the past ones."""
    qs = Training.objects.visible()
    now = timezone.now()
    if upcoming is True:
        return qs.filter(starts_at__gte=now - timezone.timedelta(hours=12))
    if upcoming is False:
        return qs.filter(starts_at__lt=now - timezone.timedelta(hours=12)).order_by("-starts_at")
    return qs


def commitment_template_visible() -> QuerySet[CommitmentTemplate]:
    return CommitmentTemplate.objects.visible().annotate(copy_count=Count("copies"))


def commitment_template_catalogue() -> QuerySet[CommitmentTemplate]:
    """What members copy from (read from their back office): the published templates."""
    return CommitmentTemplate.objects.visible()


def template_copy_list(*, template: CommitmentTemplate | None = None) -> QuerySet[TemplateCopy]:
    qs = TemplateCopy.objects.select_related("member", "member__collectivity", "template")
    return qs.filter(template=template) if template else qs


# The portal's search reads news and practices with the members' full-text vectors
# (platform/kernel/full_text.py): a few hundred rows, no index needed.
NEWS_SEARCH = Source(
    "news",
    "publications_newsitem",
    arabic=(("title_ar", "A"), ("summary_ar", "B"), ("body_ar", "C")),
    french=(("title_fr", "A"), ("summary_fr", "B"), ("body_fr", "C")),
)
PRACTICE_SEARCH = Source(
    "best_practice",
    "publications_bestpractice",
    arabic=(("title_ar", "A"), ("summary_ar", "B"), ("body_ar", "C")),
    french=(("title_fr", "A"), ("summary_fr", "B"), ("body_fr", "C")),
)


def news_search(*, query: str) -> QuerySet[NewsItem]:
    """Visible news matching every word of `query` (Arabic or French), best first."""
    return queryset_matching(news_visible(), query=query, source=NEWS_SEARCH)


def best_practice_search(*, query: str) -> QuerySet[BestPractice]:
    return queryset_matching(best_practice_visible(), query=query, source=PRACTICE_SEARCH)
