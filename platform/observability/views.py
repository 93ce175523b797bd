"""Readiness and metrics: on the network's host, for operators and their monitors."""

import logging

from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from observability.metrics import metrics_text, scrape_allowed
from observability.readiness import readiness_report

logger = logging.getLogger(__name__)


@never_cache
def readiness(request):
    """200 when every check passes, 503 with the ones that failed. Load balancers keep
    /healthz (the process answers); this one is for deployments, monitors and operators."""
    report = readiness_report()
    if not report["ready"]:
        failed = sorted(name for name, check in report["checks"].items() if not check["ok"])
        logger.warning("Not ready: %s", ", ".join(failed), extra={"failed_checks": failed})
    return JsonResponse(report, status=200 if report["ready"] else 503)


@never_cache
def metrics(request):
    if not scrape_allowed(request):
        raise Http404  # nothing to see for whoever has no token
    return HttpResponse(metrics_text(), content_type="text/plain; version=0.0.4; charset=utf-8")
