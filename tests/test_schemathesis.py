"""schemathesis against both OpenAPI documents (issue 12): a member's `/api/schema/` on
Tétouan and the portal's, anonymous and as staff (a focal point on the member, a directorate
account on the network). Every operation gets a bounded number of generated requests, valid
and invalid (`EXAMPLES` each), sent through Django's WSGI handler inside the test's
transaction, each in a savepoint rolled back after it; each answer is checked for a server
error and against the documented status codes, content types and response schemas.

The counts of each run are printed (`-s`) and recorded in docs/operations.md.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tenants.consultations.tests.factories import comment_on, consultation_in
from tenants.information_requests.tests.factories import filed

# Examples per operation and mode: the whole file stays under two minutes on two cores.
EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass
class Tally:
    cases: int = 0
    statuses: Counter = field(default_factory=Counter)  # answers by class: 200, 400 (4xx)...
    server_errors: list[str] = field(default_factory=list)
    nonconforming: list[str] = field(default_factory=list)


@pytest.fixture
def wsgi_in_test_transaction():
    """Django's WSGI handler, with the request signals that would close the test's connection
    (and its transaction) disconnected, as Django's own test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _schema(app, host: str):
    """The OpenAPI document as the API serves it on that host."""
    from werkzeug.test import Client

    response = Client(app).get("/api/schema/?format=json", headers={"Host": host})
    assert response.status_code == 200, response.status_code
    return schemathesis.openapi.from_dict(
        json.loads(response.data), config=schemathesis.config.SchemathesisConfig()
    )


def _fuzz(app, host: str, *, headers: dict, cookies: dict | None = None) -> Tally:
    schema = _schema(app, host)
    tally = Tally()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)

            @hypothesis.settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @hypothesis.given(case=strategy)
            def run(case):
                tally.cases += 1
                savepoint = transaction.savepoint()  # each request starts from the same data
                try:
                    response = case.call(
                        app=app, base_url=f"http://{host}", headers=headers, cookies=cookies
                    )
                    label = f"{case.operation.label} -> {response.status_code}"
                    tally.statuses[response.status_code // 100 * 100] += 1
                    if response.status_code >= 500:
                        tally.server_errors.append(label)
                    try:
                        case.validate_response(response, checks=CHECKS, headers=headers)
                    except (AssertionError, FailureGroup) as failure:
                        codes = sorted(set(re.findall(r"ST\d+ [^\n]+", str(failure))))
                        tally.nonconforming.append(f"{label}: {'; '.join(codes)}")
                finally:
                    transaction.savepoint_rollback(savepoint)

            try:
                run()
            except hypothesis.errors.Unsatisfiable:  # nothing in it can be made invalid
                pass
    return tally


def _report(document: str, role: str, tally: Tally) -> None:
    print(
        f"\nschemathesis {document} / {role}: {tally.cases} cases, "
        f"{len(tally.server_errors)} server errors, {len(tally.nonconforming)} non-conforming "
        f"(answers by class: {dict(sorted(tally.statuses.items()))})"
    )
    assert tally.server_errors == [], "\n".join(sorted(set(tally.server_errors)))
    assert tally.nonconforming == [], "\n".join(sorted(set(tally.nonconforming)))


@pytest.fixture
def member_data(tetouan, in_member):
    """Something for every kind of path of the member's API to find."""
    with in_member(tetouan):
        comment_on(consultation_in())
        filed(today=None)


def _host(member) -> str:
    return member.domains.get(is_primary=True).domain


def test_member_api_anonymous(tetouan, member_data, wsgi_in_test_transaction):
    tally = _fuzz(wsgi_in_test_transaction, _host(tetouan), headers={})
    _report("member", "anonymous", tally)


def test_member_api_focal_point(tetouan, member_data, in_member, wsgi_in_test_transaction):
    from django.contrib.auth.models import User
    from rest_framework.authtoken.models import Token

    from tenants.site.models import StaffMembership

    with in_member(tetouan):
        user = User.objects.create_user("fuzz@example.ma", email="fuzz@example.ma", is_staff=True)
        StaffMembership.objects.create(user=user, role="focal_point")
        token = Token.objects.create(user=user).key
    tally = _fuzz(
        wsgi_in_test_transaction, _host(tetouan), headers={"Authorization": f"Token {token}"}
    )
    _report("member", "focal point", tally)


def test_portal_api_anonymous(network, db, wsgi_in_test_transaction):
    tally = _fuzz(wsgi_in_test_transaction, "localhost", headers={})
    _report("portal", "anonymous", tally)


def test_portal_api_directorate(network, db, client_for, wsgi_in_test_transaction):
    from network.accounts.services import network_account_create
    from twofactor.testing import two_factor_signed_in

    user = network_account_create(email="fuzz@dgct.gov.ma", role="directorate")
    client = client_for(None)
    # The code given too: a session without it is anonymous on the API (platform/twofactor).
    two_factor_signed_in(client, user)
    csrf = "a" * 32  # the same secret in the cookie and the header: Django's CSRF check passes
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}
    tally = _fuzz(
        wsgi_in_test_transaction, "localhost", headers={"X-CSRFToken": csrf}, cookies=cookies
    )
    _report("portal", "directorate", tally)
