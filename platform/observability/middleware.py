"""The first middleware: a request id for the request's log lines and response, and the
request metrics. No database or Redis call: a few microseconds a request (docs/operations.md)."""

import time

from observability import context, metrics

HEADER = "X-Request-ID"


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.request_id_for(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        context.request_bind(request, request_id)  # unbound when the response is closed
        started = time.perf_counter()
        response = self.get_response(request)
        metrics.request_observe(response.status_code, time.perf_counter() - started)
        response[HEADER] = request_id
        return response
