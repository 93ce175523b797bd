"""The first middleware, one layer for what every response needs whatever answers it (a view,
the page cache, a refusal, static files): the request id and metrics (observability), the
refusal of a request carrying a NUL (request_guard), the Content-Security-Policy and
X-Frame-Options (csp).

One layer rather than four: a page served from the page cache costs ~0.5 ms of CPU in all, and
each middleware layer, each header set through Django's checks, a few microseconds of it
(bench/RESULTS.md, issue 12: the warm page within 5 % of the code before these headers).
"""

import time

from django.http.multipartparser import MultiPartParserError

from observability import context, metrics
from ui.csp import PageHeadersMiddleware
from ui.request_guard import bad_request, carries_nul, form_message

REQUEST_ID_HEADER = "X-Request-ID"


class EdgeMiddleware(PageHeadersMiddleware):
    def __call__(self, request):
        started = time.perf_counter()
        request_id = context.request_id_for(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        context.request_bind(request, request_id)
        try:
            refused = carries_nul(request)
        except MultiPartParserError:  # a broken multipart body: Django would let it be a 500
            response = bad_request(request, form_message)
        else:
            response = bad_request(request) if refused else self.headed_response(request)
        # Ids are made here (a hex token) or checked against SANE_REQUEST_ID when given: safe
        # as they are, so written past Django's per-header encoding checks.
        response.headers._store["x-request-id"] = (REQUEST_ID_HEADER, request_id)
        # Unbound when the server closes the response, after Django's own log lines (a closer
        # rather than a request_finished receiver: one call, not a signal's dispatch).
        response._resource_closers.append(context.request_unbind)
        metrics.request_observe(response.status_code, time.perf_counter() - started)
        return response
