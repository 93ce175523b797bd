# The register's tests file requests through the service: its hourly limit, counted in the
# cache across the whole run, is lifted here as in the requests app's own tests.
from tenants.information_requests.tests.conftest import _no_rate_limit  # noqa: F401
