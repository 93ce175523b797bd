"""Personal data as law 09-08 asks (docs/law.md, section 6): a notice on every form that
collects it, one retention table applied by a daily purge, and a person's data found,
exported and erased by the focal point alone, each action logged; never across members."""

import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tenants.site.models import PersonalDataRead, RetentionPurge, SiteProfile
from tenants.privacy.retention import (
    PROCESSINGS,
    RETENTION,
    petition_appeal_days,
    retention_purge_run,
)
from tenants.site.roles import Role

CITIZEN = "amina@example.ma"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


# The notice on every form ------------------------------------------------------------------


def _form_pages() -> dict[str, str]:
    """Each public form's page, with what it needs to show its form (current member)."""
    from tenants.consultations.tests.factories import consultation_in
    from tenants.ideas.tests.factories import cocreated_programme, idea_on
    from tenants.meetings.tests.factories import meeting_in
    from tenants.petitions.tests.factories import petition
    from tenants.surveys.tests.factories import survey_built

    programme = cocreated_programme()
    idea = idea_on(programme)
    meeting = meeting_in(5, takes_registrations=True)
    return {
        "information_request": "/information-requests/new/",
        "petition_filing": "/petitions/new/",
        "petition_signature": f"/petitions/{petition(threshold=100).pk}/sign/",
        "comment": f"/consultations/{consultation_in().pk}/",
        "subscription": "/notifications/",
        "meeting_registration": f"/meetings/{meeting.pk}/register/",
        "idea": "/ideas/new/",
        "idea_support": f"/ideas/{idea.pk}/",
        "survey": f"/surveys/{survey_built().pk}/",
    }


def test_every_form_that_collects_personal_data_carries_the_notice(tetouan, in_member, client_for):
    with in_member(tetouan):
        SiteProfile.objects.update(contact_email="contact@tetouan.ma")
        pages = _form_pages()
        name = SiteProfile.objects.get().name_ar
    client = client_for(tetouan)
    for purpose, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert f'id="personal-data-{purpose}"' in body, url
        assert name in body, url  # the controller
        assert "contact@tetouan.ma" in body, url  # where to exercise rights
        assert "cndp.ma" in body, url
        assert "التصريح لدى اللجنة الوطنية: في طور الإنجاز." in body, url  # pending
        for key in PROCESSINGS[purpose].retention:  # the retention, per form
            from django.utils import translation

            with translation.override("ar"):
                assert str(RETENTION[key].kept) in body, (url, key)
        assert f"/privacy/#{purpose}" in body


def test_the_staff_paper_request_form_carries_the_notice(tetouan, staff_client):
    body = staff_client(tetouan, Role.FOCAL_POINT).get("/staff/requests/new/").content.decode()
    assert 'id="personal-data-information_request_paper"' in body


def test_the_declaration_reference_set_in_the_workspace_shows_in_the_notice(
    tetouan, in_member, staff_client, client_for
):
    client = staff_client(tetouan, Role.FOCAL_POINT)
    assert 'name="cndp_declaration"' in client.get("/staff/site/branding/").content.decode()
    with in_member(tetouan):
        profile = SiteProfile.objects.get()
    response = client.post(
        "/staff/site/branding/",
        {
            "name_ar": profile.name_ar,
            "name_fr": profile.name_fr,
            "primary_colour": "#0b6e4f",
            "secondary_colour": "#c1272d",
            "cndp_declaration": "D-GC-123/2026",
            "action": "save",
        },
    )
    assert response.status_code == 302
    body = client_for(tetouan).get("/notifications/").content.decode()
    assert "D-GC-123/2026" in body and "في طور الإنجاز" not in body


def test_the_privacy_page_lists_every_processing(tetouan, client_for):
    body = client_for(tetouan).get("/privacy/").content.decode()
    for key in PROCESSINGS:
        assert f'id="{key}"' in body
    assert "القانون 09.08" in body


# The retention table and the purge ---------------------------------------------------------


def test_each_row_of_the_retention_table_says_how_long_and_why():
    for row in RETENTION.values():
        assert str(row.what) and str(row.kept) and str(row.reason)
    for processing in PROCESSINGS.values():
        assert processing.retention and all(key in RETENTION for key in processing.retention)
    assert str(petition_appeal_days()) in str(RETENTION["signatory_identity"].kept)


def _decided_petition(days_ago: int, signatures: int = 2):
    from tenants.petitions.models import Petition, PetitionStep, State
    from tenants.petitions.tests.factories import petition, sign

    target = petition(threshold=100)
    sign(target, signatures)
    Petition.objects.filter(pk=target.pk).update(state=State.DECIDED)
    PetitionStep.objects.create(
        petition=target,
        state=State.DECIDED,
        happened_on=timezone.localdate() - timedelta(days=days_ago),
    )
    return target


def test_signatories_cin_are_blanked_after_the_decision_and_the_appeal_window(tetouan, in_member):
    from tenants.petitions.models import Petition, Signature, State
    from tenants.petitions.services import signature_add

    with in_member(tetouan):
        old = _decided_petition(petition_appeal_days() + 1)
        recent = _decided_petition(petition_appeal_days() - 1)
        counts = retention_purge_run()
        assert counts["signatory_identity"] == 2
        purged = list(Signature.objects.filter(petition=old))
        assert len(purged) == 2  # the count stays
        assert all(s.cin == "" and s.full_name == "" for s in purged)
        assert all(s.cin_normalized.startswith("#") for s in purged)
        assert Petition.objects.get(pk=old.pk).agent_cin == ""
        assert all(s.cin for s in Signature.objects.filter(petition=recent))
        (logged,) = RetentionPurge.objects.filter(kind="signatory_identity")
        assert logged.count == 2
        # Idempotent: nothing more the next day.
        assert retention_purge_run()["signatory_identity"] == 0
        # The same CIN is still refused a second signature on that petition.
        Petition.objects.filter(pk=old.pk).update(state=State.COLLECTING)
        with pytest.raises(Exception) as refused:
            signature_add(
                petition=Petition.objects.get(pk=old.pk),
                full_name="موقع",
                cin="AB100000",
                link="resident",
                source="staff",
            )
        assert "already signed" in str(refused.value) or "سبق" in str(refused.value)


def _answered_request(days_ago: int, *, with_scan: bool = True):
    from tenants.information_requests.models import InformationRequest, State
    from tenants.information_requests.tests.factories import filed

    request = filed(email=f"req{days_ago}@example.ma")
    if with_scan:
        request.scan.save("scan.pdf", ContentFile(PDF), save=True)
    decided = timezone.localdate() - timedelta(days=days_ago)
    InformationRequest.objects.filter(pk=request.pk).update(
        state=State.ANSWERED, decided_on=decided
    )
    return InformationRequest.objects.get(pk=request.pk)


def test_requesters_identity_and_scans_go_after_the_complaint_windows(
    tetouan, in_member, media_root, django_capture_on_commit_callbacks
):
    from tenants.information_requests.models import InformationRequest

    with in_member(tetouan):
        old = _answered_request(200)
        recent = _answered_request(10)
        old_scan = old.scan.name
        assert old.scan.storage.exists(old_scan)
        with django_capture_on_commit_callbacks(execute=True):
            counts = retention_purge_run()
        assert counts["requester_identity"] == 1
        old.refresh_from_db()
        assert (old.requester_name, old.id_number, old.email, old.scan.name) == ("", "", "", "")
        assert InformationRequest.objects.filter(pk=old.pk).exists()  # the register stays
        assert not recent.scan.storage.exists(old_scan)  # the file is gone
        recent.refresh_from_db()
        assert recent.id_number and recent.scan
        assert RetentionPurge.objects.get(kind="requester_identity").count == 1


def test_the_purge_never_touches_another_member(tetouan, tanger, in_member):
    from tenants.petitions.models import Signature

    with in_member(tanger):
        _decided_petition(petition_appeal_days() + 5)
    with in_member(tetouan):
        retention_purge_run()
    with in_member(tanger):
        assert all(s.cin for s in Signature.objects.all())
        assert not RetentionPurge.objects.exists()


# Export and erasure ------------------------------------------------------------------------


@pytest.fixture
def person(tetouan, in_member, monkeypatch):
    """A citizen with a subscription, a registration, a comment and a petition signature."""
    from tenants.consultations.tests.factories import comment_on, consultation_in
    from tenants.meetings.tests.factories import meeting_in, registration_for
    from tenants.notifications.models import Subscriber
    from tenants.petitions.models import Link
    from tenants.petitions.services import signature_add
    from tenants.petitions.tests.factories import petition

    with in_member(tetouan):
        Subscriber.objects.create(email=CITIZEN)
        registration_for(meeting_in(5, takes_registrations=True), email=CITIZEN, name="أمينة")
        comment_on(consultation_in(), email=CITIZEN)
        target = petition(threshold=100)
        signature_add(
            petition=target, full_name="أمينة الفاسي", cin="CD 777777", link=Link.RESIDENT
        )
    return {"petition": target.pk}


def test_the_focal_point_finds_exports_and_erases_a_person(
    tetouan, in_member, staff_client, person
):
    from tenants.consultations.models import Comment
    from tenants.meetings.models import Registration
    from tenants.notifications.models import Subscriber
    from tenants.petitions.models import Signature

    client = staff_client(tetouan, Role.FOCAL_POINT)
    assert client.get("/staff/site/personal-data/").status_code == 200
    page = client.get("/staff/site/personal-data/", {"email": CITIZEN, "cin": "cd777777"})
    body = page.content.decode()
    assert page.status_code == 200
    for shown in ("أمينة الفاسي", "CD 777777", CITIZEN):
        assert shown in body
    exported = client.get(
        "/staff/site/personal-data/export/", {"email": CITIZEN, "cin": "CD777777", "format": "json"}
    )
    data = json.loads(exported.content)
    assert set(data) >= {
        "subscribers",
        "meeting_registrations",
        "consultation_comments",
        "petition_signatures",
    }
    csv_export = client.get(
        "/staff/site/personal-data/export/", {"email": CITIZEN, "format": "csv"}
    )
    assert CITIZEN in csv_export.content.decode("utf-8-sig")
    assert (
        client.get(
            "/staff/site/personal-data/erase/", {"email": CITIZEN, "cin": "CD777777"}
        ).status_code
        == 200
    )
    erased = client.post("/staff/site/personal-data/erase/", {"email": CITIZEN, "cin": "CD777777"})
    assert erased.status_code == 302
    with in_member(tetouan):
        assert not Subscriber.objects.filter(email=CITIZEN).exists()
        assert not Registration.objects.filter(email=CITIZEN).exists()
        assert Registration.objects.count() == 1  # counted, anonymous
        assert not Comment.objects.filter(email=CITIZEN).exists()
        # The petition still collects: the signature is withdrawn.
        assert not Signature.objects.filter(petition_id=person["petition"]).exists()
        actions = [r.fields.split(", ")[0] for r in PersonalDataRead.objects.all()]
        assert {"بحث", "تصدير", "محو"} <= set(actions)
        assert all(CITIZEN not in r.subject for r in PersonalDataRead.objects.all())
    after = client.get("/staff/site/personal-data/", {"email": CITIZEN}).content.decode()
    assert "لا يتوفر الموقع على أي معطيات شخصية" in after
    log = client.get("/staff/site/personal-data/log/").content.decode()
    assert "محو" in log


def test_a_counted_signature_keeps_its_count_without_the_identity(
    tetouan, in_member, staff_client, person
):
    from tenants.petitions.models import Petition, Signature, State

    with in_member(tetouan):
        Petition.objects.filter(pk=person["petition"]).update(state=State.SUBMITTED)
    staff_client(tetouan, Role.FOCAL_POINT).post(
        "/staff/site/personal-data/erase/", {"cin": "CD777777"}
    )
    with in_member(tetouan):
        (signature,) = Signature.objects.filter(petition_id=person["petition"])
        assert signature.cin == "" and signature.full_name == ""


def test_an_empty_search_is_refused_in_arabic(tetouan, staff_client):
    response = staff_client(tetouan, Role.FOCAL_POINT).get(
        "/staff/site/personal-data/", {"email": "", "cin": ""}
    )
    assert response.status_code == 400
    assert "أدخلوا عنوان بريد إلكتروني أو رقم بطاقة التعريف الوطنية" in response.content.decode()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR, Role.NETWORK_ASSISTANCE])
def test_only_the_focal_point_reaches_a_persons_data(
    tetouan, in_member, staff_client, person, role
):
    client = staff_client(tetouan, role)
    for url in ("/staff/site/personal-data/", "/staff/site/personal-data/log/"):
        assert client.get(url, {"email": CITIZEN}).status_code == 403
    assert client.post("/staff/site/personal-data/erase/", {"email": CITIZEN}).status_code == 403
    with in_member(tetouan):
        from tenants.notifications.models import Subscriber

        assert Subscriber.objects.filter(email=CITIZEN).exists()


def test_the_search_and_the_erasure_never_reach_another_member(
    tetouan, tanger, in_member, staff_client, person
):
    from tenants.notifications.models import Subscriber

    client = staff_client(tanger, Role.FOCAL_POINT)
    body = client.get("/staff/site/personal-data/", {"email": CITIZEN}).content.decode()
    assert "لا يتوفر الموقع على أي معطيات شخصية" in body
    client.post("/staff/site/personal-data/erase/", {"email": CITIZEN})
    with in_member(tetouan):
        assert Subscriber.objects.filter(email=CITIZEN).exists()
        assert not PersonalDataRead.objects.exists()
