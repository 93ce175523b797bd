"""The public library of a member's documents (law 31.13, art. 10)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from tenants.documents.models import Category
from tenants.documents.selectors import (
    category_freshness,
    document_latest_by_category,
    document_library,
)
from kernel.page_cache import cache_public_page

PER_CATEGORY = 5  # on the library's front page; a category's own page lists all
PAGE_SIZE = 20
MAX_QUERY_LENGTH = 100


@cache_public_page
def library(request):
    """Every category with its freshness and latest documents; or, given ?q= or ?category=,
    the matching documents, a page at a time."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    category = request.GET.get("category", "")
    category = category if category in Category.values else ""
    freshness = category_freshness()
    context = {
        "query": query,
        "category": category,
        "categories": Category.choices,
        "today": timezone.localdate(),
    }
    if query or category:
        documents = document_library(query=query, category=category)
        context["page"] = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
        context["shelf"] = next((shelf for shelf in freshness if shelf.category == category), None)
    else:
        latest = list(document_latest_by_category(per_category=PER_CATEGORY))
        context["shelves"] = [
            (shelf, [d for d in latest if d.category == shelf.category]) for shelf in freshness
        ]
        context["per_category"] = PER_CATEGORY
    return render(request, "documents/library.html", context)
