"""The search page of a member's site (/search/): thin, the work is in selectors.py."""

from django.core.paginator import Paginator
from django.shortcuts import render

from tenants.search.selectors import KIND_LABELS, site_search
from kernel.page_cache import cache_public_page

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 100


@cache_public_page
def search(request):
    """Everything public that matches ?q=, best first, a page at a time; ?kind= narrows it to
    one kind. Without words, the form and what it searches."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("kind", "")
    kind = kind if kind in KIND_LABELS else ""
    context = {"query": query, "kind": kind, "kind_labels": KIND_LABELS}
    if query:
        results = site_search(
            query=query, kind=kind or None, page=request.GET.get("page"), page_size=PAGE_SIZE
        )
        context["page"] = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        context["kinds"] = [
            (value, label, results.counts.get(value, 0)) for value, label in KIND_LABELS.items()
        ]
        context["searched"] = bool(results.words)
    return render(request, "search/search.html", context)
