"""The public pages: counts and progress, never who signed; forms sanitised, rate limited,
protected by a honeypot; Arabic first."""

import re
from dataclasses import replace

from django.core import mail
from django.test import Client
from django.utils import timezone

from citizens.limits import PUBLIC_WRITE_LIMITS
from conftest import host_of
from tenants.petitions.models import Petition, Source, State
from tenants.petitions.seeds import ANSWER, COLLECTING, DECIDED, petitions_seed_demo
from tenants.petitions.services import petition_file, petition_publish, petition_settings_update
from tenants.petitions.tests.factories import AGENT, SUBJECT, TEXT, sign

SIGNATORY = "عبد الإله الوزاني"
FORM = {
    "subject": "إحداث خط للنقل الحضري نحو حي الملاليين",
    "text": "نلتمس من المجلس إدراج نقطة حول إحداث خط للنقل الحضري.",
    "agent_name": "سعاد المرابط",
    "agent_cin": "l 987654",
    "agent_email": "souad@example.ma",
    "agent_phone": "0612345678",
    "website": "",
}
SIGNATURE = {
    "full_name": SIGNATORY,
    "cin": "kb 445566",
    "link": "resident",
    "declaration": "on",
    "website": "",
}


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_list_and_a_petition_show_the_count_and_progress_in_arabic(
    tetouan, client_for, collecting
):
    client = client_for(tetouan)
    listing = text_of(client.get("/petitions/"))
    assert '<html lang="ar" dir="rtl">' in listing
    assert SUBJECT in listing and 'aria-valuenow="25"' in listing
    assert "113.14" in listing  # the legal reference of the member's threshold
    page = text_of(client.get(f"/petitions/{collecting.pk}/"))
    assert TEXT in page and 'aria-valuenow="25"' in page
    assert f'href="/petitions/{collecting.pk}/sign/"' in page
    assert "csrfmiddlewaretoken" not in page  # the cached pages carry no form


def test_the_pages_in_french(tetouan, client_for, collecting):
    client = client_for(tetouan)
    client.cookies["django_language"] = "fr"
    page = text_of(client.get(f"/petitions/{collecting.pk}/"))
    assert '<html lang="fr" dir="ltr">' in page and SUBJECT in page


def test_public_pages_never_show_personal_data(tetouan, client_for, in_member, collecting):
    client = client_for(tetouan)
    assert client.post(f"/petitions/{collecting.pk}/sign/", SIGNATURE).status_code == 302
    pages = [
        text_of(client.get(path))
        for path in (
            "/petitions/",
            f"/petitions/{collecting.pk}/",
            f"/petitions/{collecting.pk}/sign/",
            f"/petitions/{collecting.pk}/signed/",
        )
    ]
    for page in pages:
        for secret in (
            SIGNATORY,
            "KB445566",
            "kb 445566",
            "موقع 0",
            "AB100000",
            AGENT["agent_name"],
            "L987654",
            AGENT["agent_email"],
            AGENT["agent_phone"],
            collecting.agent_key,
        ):
            assert secret not in page
    assert "2 signatures of the 4 required" in pages[3] or 'aria-valuenow="50"' in pages[3]


def test_signing_in_arabic_end_to_end(tetouan, client_for, in_member, collecting):
    client = client_for(tetouan)
    form = text_of(client.get(f"/petitions/{collecting.pk}/sign/"))
    assert "csrfmiddlewaretoken" in form and 'name="website"' in form
    assert "no-cache" in client.get(f"/petitions/{collecting.pk}/sign/")["Cache-Control"]
    response = client.post(f"/petitions/{collecting.pk}/sign/", SIGNATURE)
    assert response.status_code == 302
    assert response["Location"] == f"/petitions/{collecting.pk}/signed/"
    assert 'aria-valuenow="50"' in text_of(client.get(response["Location"]))
    with in_member(tetouan):
        signature = collecting.signatures.get(cin_normalized="KB445566")
        assert (signature.full_name, signature.link, signature.source) == (
            SIGNATORY,
            "resident",
            Source.ONLINE,
        )


def test_a_second_signature_with_the_same_cin_gets_a_clear_error(
    tetouan, client_for, in_member, collecting
):
    client = client_for(tetouan)
    client.post(f"/petitions/{collecting.pk}/sign/", SIGNATURE)
    again = client.post(f"/petitions/{collecting.pk}/sign/", {**SIGNATURE, "cin": "KB445566 "})
    assert again.status_code == 200
    assert again.context["form"].has_error("cin", code="duplicate_signature")
    with in_member(tetouan):
        assert collecting.signatures.count() == 2


def test_hostile_html_in_a_signature_is_stripped(tetouan, client_for, in_member, collecting):
    client = client_for(tetouan)
    client.post(
        f"/petitions/{collecting.pk}/sign/",
        {**SIGNATURE, "full_name": "<script>alert(1)</script>سناء"},
    )
    with in_member(tetouan):
        assert collecting.signatures.get(cin_normalized="KB445566").full_name == "سناء"


def test_the_honeypot_refuses_bots(tetouan, client_for, in_member, collecting):
    client = client_for(tetouan)
    response = client.post(
        f"/petitions/{collecting.pk}/sign/", {**SIGNATURE, "website": "http://spam.example"}
    )
    assert response.status_code == 200 and response.context["form"].has_error("website")
    filed = client.post("/petitions/new/", {**FORM, "website": "http://spam.example"})
    assert filed.status_code == 200
    with in_member(tetouan):
        assert collecting.signatures.count() == 1
        assert Petition.objects.count() == 1


def test_signing_is_rate_limited_per_address(
    tetouan, client_for, in_member, collecting, monkeypatch
):
    signing = replace(PUBLIC_WRITE_LIMITS["petitions:sign"], per_address=2)
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, "petitions:sign", signing)
    client = client_for(tetouan)
    statuses = [
        client.post(
            f"/petitions/{collecting.pk}/sign/", {**SIGNATURE, "cin": f"KB{number}"}
        ).status_code
        for number in range(3)
    ]
    assert statuses == [302, 302, 429]
    other_address = client.post(
        f"/petitions/{collecting.pk}/sign/", {**SIGNATURE, "cin": "KB9"}, REMOTE_ADDR="10.1.2.3"
    )
    assert other_address.status_code == 302
    with in_member(tetouan):
        assert collecting.signatures.count() == 4


def test_filing_a_petition_online_in_arabic(
    tetouan, client_for, in_member, django_capture_on_commit_callbacks
):
    client = client_for(tetouan)
    assert "csrfmiddlewaretoken" in text_of(client.get("/petitions/new/"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/petitions/new/", {**FORM, "text": "<script>alert(1)</script>" + FORM["text"]}
        )
    assert response.status_code == 302 and response["Location"] == "/petitions/new/done/"
    with in_member(tetouan):
        filed = Petition.objects.get()
    assert (filed.subject, filed.text, filed.agent_cin) == (
        FORM["subject"],
        FORM["text"],
        "L987654",
    )
    assert not filed.is_published
    assert (
        f"http://{client.defaults['HTTP_HOST']}/petitions/agent/{filed.agent_key}/"
        in mail.outbox[-1].body
    )
    # Not on the site until staff publish it.
    assert FORM["subject"] not in text_of(client.get("/petitions/"))
    assert client.get(f"/petitions/{filed.pk}/").status_code == 404
    assert client.get(f"/petitions/{filed.pk}/sign/").status_code == 404


def test_filing_is_rate_limited_per_address(tetouan, client_for, in_member, monkeypatch):
    filing = replace(PUBLIC_WRITE_LIMITS["petitions:file"], per_address=1)
    monkeypatch.setitem(PUBLIC_WRITE_LIMITS, "petitions:file", filing)
    client = client_for(tetouan)
    assert client.post("/petitions/new/", FORM).status_code == 302
    assert client.post("/petitions/new/", FORM).status_code == 429
    with in_member(tetouan):
        assert Petition.objects.count() == 1


def test_filing_errors_come_back_on_the_form(tetouan, client_for):
    response = client_for(tetouan).post("/petitions/new/", {**FORM, "agent_cin": "123"})
    assert response.status_code == 200
    assert response.context["form"].has_error("agent_cin")


def test_the_agents_private_page_submits_the_petition(tetouan, client_for, in_member):
    with in_member(tetouan):
        filed = petition_file(subject=SUBJECT, text=TEXT, **AGENT)
    client = client_for(tetouan)
    page = client.get(f"/petitions/agent/{filed.agent_key}/")
    assert page.status_code == 200 and page["Referrer-Policy"] == "no-referrer"
    assert "no-cache" in page["Cache-Control"]
    with in_member(tetouan):
        petition_settings_update(threshold=2)
        petition_publish(petition=filed)
        sign(filed, 1)
    refused = client.post(f"/petitions/agent/{filed.agent_key}/")
    assert refused.status_code == 400
    with in_member(tetouan):
        sign(filed, 1, start=1)
    assert 'type="submit"' in text_of(client.get(f"/petitions/agent/{filed.agent_key}/"))
    assert client.post(f"/petitions/agent/{filed.agent_key}/").status_code == 302
    with in_member(tetouan):
        filed.refresh_from_db()
        assert filed.state == State.SUBMITTED
    assert client.get("/petitions/agent/not-a-key/").status_code == 404


def test_a_decided_petition_shows_its_steps_and_answer(tetouan, client_for, in_member):
    with in_member(tetouan):
        petitions_seed_demo(today=timezone.localdate())
        decided = Petition.objects.get(state=State.DECIDED)
    page = text_of(client_for(tetouan).get(f"/petitions/{decided.pk}/"))
    assert DECIDED[0] in page and ANSWER in page
    # collecting, submitted, admissible, referred, on the agenda, decided
    assert len(re.findall(r'<li><time datetime="', page)) == 6
    assert f'href="/petitions/{decided.pk}/sign/"' not in page
    closed = text_of(client_for(tetouan).get(f"/petitions/{decided.pk}/sign/"))
    assert "csrfmiddlewaretoken" not in closed


def test_the_list_filters_by_state(tetouan, client_for, in_member):
    with in_member(tetouan):
        petitions_seed_demo(today=timezone.localdate())
    page = text_of(client_for(tetouan).get("/petitions/?state=decided"))
    assert DECIDED[0] in page and COLLECTING[0] not in page


def test_the_list_is_cached_and_a_signature_refreshes_it(
    tetouan, client_for, in_member, collecting, page_cache, django_capture_on_commit_callbacks
):
    client = client_for(tetouan)
    assert 'aria-valuenow="25"' in text_of(client.get("/petitions/"))
    with django_capture_on_commit_callbacks() as after_commit:
        assert client.post(f"/petitions/{collecting.pk}/sign/", SIGNATURE).status_code == 302
    with in_member(tetouan):  # as after a real commit: in the member's schema
        for callback in after_commit:
            callback()
    assert 'aria-valuenow="50"' in text_of(client.get("/petitions/"))


def test_the_signing_form_needs_its_csrf_token(tetouan, collecting):
    client = Client(enforce_csrf_checks=True, HTTP_HOST=host_of(tetouan))
    assert client.post(f"/petitions/{collecting.pk}/sign/", SIGNATURE).status_code == 403
    form = client.get(f"/petitions/{collecting.pk}/sign/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    signed = client.post(
        f"/petitions/{collecting.pk}/sign/", {**SIGNATURE, "csrfmiddlewaretoken": token}
    )
    assert signed.status_code == 302
