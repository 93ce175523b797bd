"""The table of limits on public writes (citizens.limits.PUBLIC_WRITE_LIMITS).

Every row is read by a form or an API; each kind of write, past its row's count, is refused (on
the page in Arabic with a 429, in the API with a 429 and `Retry-After`) and writes nothing;
counts are per e-mail, per address and per member; docs/architecture.md prints the table as it
is (`UPDATE_DOCS=1` rewrites it).
"""

import html
import json
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.utils import translation

from citizens.limits import PUBLIC_WRITE_LIMITS, LimitedWrite, rows_read
from tenants.petitions.tests.factories import AGENT, SUBJECT, TEXT

DOCS = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
COUNT = 2  # every row's counts, in the tests of the doors: the third write is refused
PASSWORD = "Tetouan-2026-openness"


def test_every_row_is_read_by_a_form_or_an_api():
    import config.urls_public  # noqa: F401  (every page and API module, as a server loads them)
    import config.urls_tenant  # noqa: F401

    assert rows_read() == set(PUBLIC_WRITE_LIMITS)


def test_a_row_the_table_lacks_fails_when_it_is_named():
    with pytest.raises(KeyError, match="not a row"):
        LimitedWrite("ideas:proposal")


def test_a_row_limited_per_e_mail_is_not_counted_without_one(rf_request):
    with pytest.raises(TypeError, match="per e-mail"):
        LimitedWrite("consultations:comment").reached(rf_request())


@pytest.fixture
def rf_request():
    """A request from an address no other test uses (counters outlive a test)."""
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"

    def make(address: str = address):
        return RequestFactory().post("/", REMOTE_ADDR=address)

    return make


def test_counts_are_per_e_mail_and_per_address(tetouan, in_member, rf_request, monkeypatch):
    row = replace(PUBLIC_WRITE_LIMITS["notifications:subscribe"], per_email=1, per_address=2)
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, "notifications:subscribe", row)
    write, email = LimitedWrite("notifications:subscribe"), f"{uuid.uuid4().hex}@example.ma"
    with in_member(tetouan):
        assert not write.reached(rf_request(), email=email)
        assert write.reached(rf_request("192.0.2.77"), email=email)  # the e-mail, elsewhere
        assert not write.reached(rf_request(), email=f"x{email}")  # another, from here
        assert write.reached(rf_request(), email=f"y{email}")  # the address's third
        # An anonymous answer (no e-mail) counts for its address alone.
        assert write.reached(rf_request(), email="")


def test_hitting_a_limit_at_tetouan_does_not_limit_tanger(
    tetouan, tanger, client_for, in_member, monkeypatch
):
    row = replace(PUBLIC_WRITE_LIMITS["notifications:subscribe"], per_email=1, per_address=1)
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, "notifications:subscribe", row)
    address, email = _address(), f"{uuid.uuid4().hex}@example.ma"
    form = {**SUBSCRIPTION, "email": email}
    at_tetouan = client_for(tetouan)
    assert at_tetouan.post("/notifications/", form, REMOTE_ADDR=address).status_code == 302
    assert at_tetouan.post("/notifications/", form, REMOTE_ADDR=address).status_code == 429
    assert client_for(tanger).post("/notifications/", form, REMOTE_ADDR=address).status_code == 302
    with in_member(tanger):
        from tenants.notifications.models import Subscriber

        assert Subscriber.objects.filter(email=email).exists()


# Each kind of write, through each door that takes it ------------------------------------------


@dataclass
class Door:
    send: Callable[[int], object]  # the n-th write (0, 1, 2...), one person from one address
    written: Callable[[], int]  # how many of this kind of write the member holds
    api: bool = False


def _address() -> str:
    return f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"


def _count(member, model_path: str) -> Callable[[], int]:
    from django.apps import apps
    from django_tenants.utils import tenant_context

    def count() -> int:
        with tenant_context(member):
            return apps.get_model(model_path).objects.count()

    return count


def _json(client, path: str, data: dict, address: str):
    return client.post(path, json.dumps(data), content_type="application/json", REMOTE_ADDR=address)


COMMENT = {
    "body": "أقترح نشر محاضر الدورات في أجل أسبوع",
    "author_name": "سعاد العلمي",
    "show_name": "on",
    "website": "",
}
IDEA = {
    "principle": "transparency_integrity",
    "title": "نشر محاضر الدورات",
    "body": "أقترح نشر محاضر دورات المجلس في أجل أسبوع.",
    "author_name": "سعاد العلمي",
    "show_name": "on",
    "association": "",
    "website": "",
}
REQUEST = {
    "requester_name": "أمينة الفاسي",
    "id_document": "cin",
    "id_number": "K 123456",
    "postal_address": "زنقة الحرية، رقم 12، تطوان",
    "information_wanted": "أطلب الاطلاع على محضر دورة أكتوبر للمجلس.",
}
PETITION = {"subject": SUBJECT, "text": TEXT, **AGENT, "website": ""}
SIGNATURE = {"full_name": "مريم الحسني", "link": "resident"}
REGISTRATION = {"name": "يوسف التمسماني", "category": "students", "gender": "man"}
SUBSCRIPTION = {
    "topics": ["documents", "meetings"],
    "language": "ar",
    "delivery": "immediate",
    "website": "",
}


def consultation_comments(member, client, address, email, api):
    from tenants.consultations.tests.factories import consultation_in

    with _in(member):
        pk = consultation_in().pk
    written = _count(member, "consultations.Comment")
    if api:
        data = {**COMMENT, "show_name": True, "email": email}
        path = f"/api/consultations/{pk}/comments/"
        return Door(lambda n: _json(client, path, data, address), written, api)
    data = {**COMMENT, "email": email}
    return Door(lambda n: client.post(f"/consultations/{pk}/", data, REMOTE_ADDR=address), written)


def consultation_reports(member, client, address, email, api):
    from tenants.consultations.tests.factories import comment_on, consultation_in

    with _in(member):
        consultation = consultation_in()
        comments = [comment_on(consultation, body=f"تعليق {n}").pk for n in range(COUNT + 1)]
    prefix = "/api/consultations" if api else "/consultations"
    return Door(
        lambda n: client.post(f"{prefix}/comments/{comments[n]}/report/", REMOTE_ADDR=address),
        _count(member, "consultations.CommentReport"),
        api,
    )


def ideas(member, client, address, email, api):
    from tenants.ideas.tests.factories import cocreated_programme

    with _in(member):
        cocreated_programme()
    data = {**IDEA, "email": email}
    return Door(
        lambda n: client.post("/ideas/new/", data, REMOTE_ADDR=address),
        _count(member, "ideas.Idea"),
    )


def _ideas_of(member, count: int) -> list[int]:
    from tenants.ideas.tests.factories import cocreated_programme, idea_on

    with _in(member):
        programme = cocreated_programme()
        return [idea_on(programme, title=f"فكرة {n}").pk for n in range(count)]


def idea_supports(member, client, address, email, api):
    targets = _ideas_of(member, COUNT + 1)
    return Door(
        lambda n: client.post(
            f"/ideas/{targets[n]}/support/", {"support-email": email}, REMOTE_ADDR=address
        ),
        _count(member, "ideas.Support"),
    )


def idea_comments(member, client, address, email, api):
    (target,) = _ideas_of(member, 1)
    data = {
        "comment-body": "أساند هذه الفكرة",
        "comment-author_name": "فاطمة",
        "comment-email": email,
    }
    return Door(
        lambda n: client.post(f"/ideas/{target}/comments/", data, REMOTE_ADDR=address),
        _count(member, "ideas.IdeaComment"),
    )


def idea_reports(member, client, address, email, api):
    targets = _ideas_of(member, COUNT + 1)
    return Door(
        lambda n: client.post(f"/ideas/{targets[n]}/report/", REMOTE_ADDR=address),
        _count(member, "ideas.Report"),
    )


def survey_answers(member, client, address, email, api):
    from tenants.surveys.tests.factories import answers, survey_built

    with _in(member):
        survey = survey_built()
        data = {**answers(survey), "website": ""}
    return Door(
        lambda n: client.post(f"/surveys/{survey.pk}/", data, REMOTE_ADDR=address),
        _count(member, "surveys.Response"),
    )


def information_requests(member, client, address, email, api):
    written = _count(member, "information_requests.InformationRequest")
    if api:
        data = {**REQUEST, "email": email, "is_urgent": False}
        return Door(
            lambda n: _json(client, "/api/information-requests/", data, address), written, api
        )
    data = {**REQUEST, "email": email, "urgency_reason": "", "website": ""}
    path = "/information-requests/new/"
    return Door(lambda n: client.post(path, data, REMOTE_ADDR=address), written)


def petitions_filed(member, client, address, email, api):
    return Door(
        lambda n: client.post("/petitions/new/", PETITION, REMOTE_ADDR=address),
        _count(member, "petitions.Petition"),
    )


def petition_signatures(member, client, address, email, api):
    from tenants.petitions.tests.factories import petition

    with _in(member):
        pk = petition(threshold=100).pk

    def send(n: int):
        cin = f"KB{uuid.uuid4().int % 10**6}"
        if api:
            return _json(client, f"/api/petitions/{pk}/sign/", {**SIGNATURE, "cin": cin}, address)
        form = {**SIGNATURE, "cin": cin, "declaration": "on", "website": ""}
        return client.post(f"/petitions/{pk}/sign/", form, REMOTE_ADDR=address)

    return Door(send, _count(member, "petitions.Signature"), api)


def meeting_registrations(member, client, address, email, api):
    from tenants.meetings.tests.factories import meeting_in

    with _in(member):
        meetings = [meeting_in(3 + days).pk for days in range(COUNT + 1)]

    def send(n: int):
        data = {**REGISTRATION, "email": email}
        if api:
            return _json(client, f"/api/meetings/{meetings[n]}/register/", data, address)
        path = f"/meetings/{meetings[n]}/register/"
        return client.post(path, {**data, "website": ""}, REMOTE_ADDR=address)

    return Door(send, _count(member, "meetings.Registration"), api)


def subscriptions(member, client, address, email, api):
    # Each write another address to follow: a second form of one address writes no new row.
    return Door(
        lambda n: client.post(
            "/notifications/", {**SUBSCRIPTION, "email": f"{n}{email}"}, REMOTE_ADDR=address
        ),
        _count(member, "notifications.Subscriber"),
    )


def _in(member):
    from django_tenants.utils import tenant_context

    return tenant_context(member)


# (row, door) -> how to write; `api` for the API's door.
DOORS = {
    ("consultations:comment", "page"): consultation_comments,
    ("consultations:comment", "api"): consultation_comments,
    ("consultations:report", "page"): consultation_reports,
    ("consultations:report", "api"): consultation_reports,
    ("ideas:idea", "page"): ideas,
    ("ideas:support", "page"): idea_supports,
    ("ideas:comment", "page"): idea_comments,
    ("ideas:report", "page"): idea_reports,
    ("surveys:response", "page"): survey_answers,
    ("information_requests:filing", "page"): information_requests,
    ("information_requests:filing", "api"): information_requests,
    ("petitions:file", "page"): petitions_filed,
    ("petitions:sign", "page"): petition_signatures,
    ("petitions:sign", "api"): petition_signatures,
    ("meetings:registration", "page"): meeting_registrations,
    ("meetings:registration", "api"): meeting_registrations,
    ("notifications:subscribe", "page"): subscriptions,
}


def test_every_row_has_a_behaviour_test():
    tested = {row for row, _door in DOORS} | {"sign-in"}  # sign-ins: the test below
    assert tested == set(PUBLIC_WRITE_LIMITS)


def _lowered(monkeypatch, row: str) -> None:
    counts = {
        field: COUNT
        for field in ("per_email", "per_address", "per_account_at_address")
        if getattr(PUBLIC_WRITE_LIMITS[row], field) is not None
    }
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, row, replace(PUBLIC_WRITE_LIMITS[row], **counts))


def _arabic(text) -> str:
    with translation.override("ar"):
        arabic = str(text)
    assert re.search("[\u0600-\u06ff]", arabic), f"no Arabic translation of {text!r}"
    return arabic


@pytest.mark.parametrize("row, door", list(DOORS), ids=[f"{r}-{d}" for r, d in DOORS])
def test_past_its_count_a_write_is_refused_and_writes_nothing(
    row, door, tetouan, client_for, media_root, monkeypatch
):
    _lowered(monkeypatch, row)
    client = client_for(tetouan)
    write = DOORS[row, door](
        tetouan, client, _address(), f"{uuid.uuid4().hex[:12]}@example.ma", door == "api"
    )
    for n in range(COUNT):
        accepted = write.send(n)
        assert accepted.status_code in (201, 202, 302), (n, accepted.status_code)
    before = write.written()
    refused = write.send(COUNT)
    assert write.written() == before
    refusal = _arabic(PUBLIC_WRITE_LIMITS[row].refusal)
    if write.api:
        window = PUBLIC_WRITE_LIMITS[row].window
        assert refused.status_code == 429
        assert 0 < int(refused["Retry-After"]) <= window
        assert refusal in refused.json()["detail"]
    elif refused.status_code == 302:  # a report button: the refusal waits on the next page
        page = client.get(refused["Location"])
        assert refusal in html.unescape(page.content.decode())
    else:
        assert refused.status_code == 429
        assert refusal in html.unescape(refused.content.decode())


@pytest.fixture
def focal_point(tetouan, in_member):
    from tenants.site.models import StaffMembership

    email = f"focal-{uuid.uuid4().hex[:8]}@tetouan.ma"
    with in_member(tetouan):
        user = User.objects.create_user(email, email=email, password=PASSWORD, is_staff=True)
        StaffMembership.objects.create(user=user, role="focal_point")
    return email


def test_past_its_count_of_failures_a_sign_in_is_refused(
    tetouan, client_for, focal_point, monkeypatch
):
    _lowered(monkeypatch, "sign-in")
    address = _address()

    def sign_in(password: str):
        return client_for(tetouan).post(
            "/staff/sign-in/", {"username": focal_point, "password": password}, REMOTE_ADDR=address
        )

    for _ in range(COUNT):
        assert sign_in("wrong").status_code == 200
    refused = sign_in(PASSWORD)  # even the right password, until the window ends
    assert refused.status_code == 200 and "محاولات كثيرة" in refused.content.decode()


# The docs ---------------------------------------------------------------------------------------

START, END = "<!-- public-write-limits -->", "<!-- /public-write-limits -->"


def _window(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return "1 hour" if hours == 1 else f"{hours} hours"
    return f"{seconds // 60} minutes"


def limits_table() -> str:
    lines = [
        "| row (`scope`) | what | per e-mail | per address | per account at an address | window |",
        "|---|---|---|---|---|---|",
    ]
    for scope, limit in PUBLIC_WRITE_LIMITS.items():
        counts = [limit.per_email, limit.per_address, limit.per_account_at_address]
        cells = [str(count) if count is not None else "—" for count in counts]
        lines.append(
            f"| `{scope}` | {limit.what} | {' | '.join(cells)} | {_window(limit.window)} |"
        )
    return "\n".join(lines)


def test_the_architecture_page_prints_the_table():
    text = DOCS.read_text()
    block = re.search(f"{re.escape(START)}\n(.*?)\n?{re.escape(END)}", text, re.DOTALL)
    assert block, f"docs/architecture.md has no {START} ... {END} block"
    if block.group(1) != limits_table() and os.environ.get("UPDATE_DOCS"):
        DOCS.write_text(text.replace(block.group(0), f"{START}\n{limits_table()}\n{END}"))
        return
    assert block.group(1) == limits_table(), (
        "docs/architecture.md's table of limits differs from citizens.limits: run "
        "UPDATE_DOCS=1 pytest tests/test_public_write_limits.py -k architecture"
    )
