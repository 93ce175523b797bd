"""What an error page or report may show of the settings and of the request's environment."""

import re

from django.views.debug import SafeExceptionReporterFilter


class InfitahExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django hides names with KEY, SECRET, PASS, TOKEN…, not the URLs that carry credentials
    (DATABASE_URL, REDIS_URL, the broker's, a cache's LOCATION, SENTRY_DSN); runserver also
    puts the whole process environment in request.META."""

    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE_URL|REDIS_URL|BROKER_URL"
        "|RESULT_BACKEND|LOCATION|DSN|_URL$|CREDENTIAL",
        flags=re.IGNORECASE,
    )
