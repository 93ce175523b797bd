"""The workspace's pages of petitions: the list (waiting ones first) and a petition's own page,
where staff take each step through `petition_transition`; signatories' CINs for the focal
point only, logged; a constant number of queries; nothing of another member."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tenants.petitions.models import Petition, State
from tenants.petitions.services import petition_create, petition_transition
from tenants.petitions.tests.factories import AGENT, petition, sign
from tenants.site.models import PersonalDataRead
from kernel.actors import Actor


def _submitted(
    member, in_member, *, subject: str = "تهيئة حديقة عمومية بحي الأمل", signatures: int = 2
) -> Petition:
    with in_member(member):
        target = petition(threshold=signatures, subject=subject)
        sign(target, signatures)
        petition_transition(petition=target, to=State.SUBMITTED, by=Actor(name="agent"))
        return target


def _reload(member, in_member, target) -> Petition:
    with in_member(member):
        return Petition.objects.prefetch_related("steps").get(pk=target.pk)


def _url(target) -> str:
    return f"/staff/petitions/{target.pk}/"


def test_the_list_puts_waiting_petitions_first_and_filters_by_state(
    tetouan, in_member, staff_client
):
    with in_member(tetouan):
        collecting = petition(threshold=5, subject="عريضة في طور جمع التوقيعات")
    waiting = _submitted(tetouan, in_member, subject="عريضة مودعة تنتظر القرار")
    client = staff_client(tetouan, "focal_point")
    page = client.get("/staff/petitions/").content.decode()
    assert page.index(waiting.subject) < page.index(collecting.subject)
    assert f'href="{_url(waiting)}"' in page
    only = client.get("/staff/petitions/?state=collecting").content.decode()
    assert collecting.subject in only and waiting.subject not in only


def test_the_page_shows_the_petition_and_offers_the_steps_of_its_state(
    tetouan, in_member, staff_client
):
    target = _submitted(tetouan, in_member)
    page = staff_client(tetouan, "editor").get(_url(target))
    assert page.status_code == 200
    html = page.content.decode()
    assert target.subject in html and "نلتمس من المجلس" in html
    assert AGENT["agent_name"] in html and AGENT["agent_email"] in html
    assert 'id="action-admissible"' in html and 'id="action-not_admissible"' in html
    assert 'id="action-agenda"' not in html


def test_only_the_focal_point_sees_the_cins_and_each_reading_is_logged(
    tetouan, in_member, staff_client
):
    target = _submitted(tetouan, in_member)
    editor_page = staff_client(tetouan, "editor").get(_url(target)).content.decode()
    assert "AB100000" not in editor_page and "L987654" not in editor_page
    with in_member(tetouan):
        assert not PersonalDataRead.objects.exists()
    focal_page = staff_client(tetouan, "focal_point").get(_url(target)).content.decode()
    assert "AB100000" in focal_page and "L987654" in focal_page
    with in_member(tetouan):
        (reading,) = PersonalDataRead.objects.all()
    assert "agent_cin" in reading.fields and target.subject in reading.subject


def test_admissible_then_on_the_agenda_then_decided_shows_on_the_public_page(
    tetouan, in_member, staff_client, client_for, django_capture_on_commit_callbacks
):
    target = _submitted(tetouan, in_member)
    client = staff_client(tetouan, "focal_point")
    today = timezone.localdate()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(target), {"action": "admissible", "admissible-happened_on": today.isoformat()}
        )
    assert response.status_code == 302 and response["Location"] == _url(target)
    assert _reload(tetouan, in_member, target).state == State.ADMISSIBLE
    assert [email.to for email in mail.outbox] == [[AGENT["agent_email"]]]
    assert 'role="status"' in client.get(_url(target)).content.decode()

    page = client.get(_url(target)).content.decode()
    assert 'id="action-refer"' in page and 'id="action-agenda"' not in page
    refused = client.post(
        _url(target),
        {"action": "refer", "refer-committee": "", "refer-happened_on": today.isoformat()},
    )
    assert refused.status_code == 400 and "هناك مشكلة" in refused.content.decode()
    response = client.post(
        _url(target),
        {
            "action": "refer",
            "refer-committee": "لجنة المرافق العمومية",
            "refer-happened_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    assert _reload(tetouan, in_member, target).committee == "لجنة المرافق العمومية"

    response = client.post(
        _url(target),
        {
            "action": "agenda",
            "agenda-session_date": today.isoformat(),
            "agenda-happened_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    assert _reload(tetouan, in_member, target).session_date == today

    response = client.post(
        _url(target),
        {
            "action": "decision",
            "decision-answer": "وافق المجلس على تهيئة الحديقة في ميزانية 2027.",
            "decision-happened_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    stored = _reload(tetouan, in_member, target)
    assert stored.state == State.DECIDED
    assert [step.state for step in stored.steps.all()][-4:] == [
        State.ADMISSIBLE,
        State.REFERRED,
        State.ON_AGENDA,
        State.DECIDED,
    ]
    public = client_for(tetouan).get(f"/petitions/{target.pk}/").content.decode()
    assert "وافق المجلس على تهيئة الحديقة" in public


def test_not_admissible_needs_reasons_in_arabic(tetouan, in_member, staff_client):
    target = _submitted(tetouan, in_member)
    client = staff_client(tetouan, "focal_point")
    today = timezone.localdate().isoformat()
    invalid = client.post(
        _url(target),
        {
            "action": "not_admissible",
            "not_admissible-happened_on": today,
            "not_admissible-reason": "",
        },
    )
    assert invalid.status_code == 400
    with translation.override("ar"):  # the catalogue's wording (translations/ideas.json owns it)
        required = translation.gettext("This field is required.")
    assert required in invalid.content.decode() and "\u0627" in required
    assert _reload(tetouan, in_member, target).state == State.SUBMITTED
    response = client.post(
        _url(target),
        {
            "action": "not_admissible",
            "not_admissible-happened_on": today,
            "not_admissible-reason": "الموضوع خارج اختصاص المجلس.",
        },
    )
    assert response.status_code == 302
    stored = _reload(tetouan, in_member, target)
    assert stored.state == State.NOT_ADMISSIBLE
    assert stored.not_admissible_reason == "الموضوع خارج اختصاص المجلس."


def test_a_service_refusal_is_shown_on_the_form(tetouan, in_member, staff_client):
    target = _submitted(tetouan, in_member)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = staff_client(tetouan, "focal_point").post(
        _url(target), {"action": "admissible", "admissible-happened_on": tomorrow}
    )
    assert response.status_code == 400
    assert "هناك مشكلة" in response.content.decode()
    assert _reload(tetouan, in_member, target).state == State.SUBMITTED


def test_a_step_the_state_does_not_allow_is_not_taken(tetouan, in_member, staff_client):
    target = _submitted(tetouan, in_member)
    response = staff_client(tetouan, "focal_point").post(
        _url(target),
        {
            "action": "decision",
            "decision-answer": "قرار",
            "decision-happened_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert _reload(tetouan, in_member, target).state == State.SUBMITTED


def test_a_petition_filed_online_is_published_from_its_page(tetouan, in_member, staff_client):
    with in_member(tetouan):
        target = petition_create(
            by=Actor(name="x"), subject="عريضة وصلت عبر الموقع", text="نص", published=False, **AGENT
        )
    client = staff_client(tetouan, "focal_point")
    assert 'id="action-publish"' in client.get(_url(target)).content.decode()
    assert client.post(_url(target), {"action": "publish"}).status_code == 302
    assert _reload(tetouan, in_member, target).is_published


def test_a_moderator_gets_403(tetouan, in_member, staff_client):
    target = _submitted(tetouan, in_member)
    moderator = staff_client(tetouan, "moderator")
    assert moderator.get("/staff/petitions/").status_code == 403
    assert moderator.get(_url(target)).status_code == 403
    assert moderator.post(_url(target), {"action": "admissible"}).status_code == 403


def test_tetouans_staff_cannot_open_or_act_on_tangers_petitions(
    tetouan, tanger, in_member, staff_client
):
    foreign = _submitted(tanger, in_member, subject="عريضة في طنجة وحدها")
    with in_member(tetouan):
        assert not Petition.objects.filter(pk=foreign.pk).exists()
    client = staff_client(tetouan, "focal_point")
    assert client.get(_url(foreign)).status_code == 404
    assert (
        client.post(
            _url(foreign),
            {"action": "admissible", "admissible-happened_on": timezone.localdate().isoformat()},
        ).status_code
        == 404
    )
    assert "عريضة في طنجة وحدها" not in client.get("/staff/petitions/").content.decode()
    assert _reload(tanger, in_member, foreign).state == State.SUBMITTED


@pytest.mark.parametrize("path", ["list", "detail"])
def test_each_page_makes_a_constant_number_of_queries(tetouan, in_member, staff_client, path):
    client = staff_client(tetouan, "focal_point")
    client.get("/staff/")
    counts = []
    for volume in (1, 12):
        targets = [
            _submitted(tetouan, in_member, subject=f"عريضة {volume}-{number}", signatures=volume)
            for number in range(volume)
        ]
        url = "/staff/petitions/" if path == "list" else _url(targets[-1])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 20
