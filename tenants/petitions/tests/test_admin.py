"""The back office: petitions entered and moved through the services, signatures added once per
national ID number and exported as CSV, the settings the focal point's."""

import pytest
from django.utils import timezone

from tenants.petitions.models import Petition, PetitionSettings, Signature, Source, State
from tenants.petitions.services import petition_file, petition_settings_get, signature_add
from tenants.petitions.tests.factories import AGENT, SUBJECT, TEXT, petition, sign


@pytest.fixture
def editor(tetouan, staff_client):
    return staff_client(tetouan, "editor")


def test_staff_enter_a_petition_published_at_once(tetouan, in_member, editor):
    response = editor.post(
        "/admin/petitions/petition/add/",
        {
            "subject": "<b>تهيئة</b> ملعب القرب",
            "text": TEXT,
            "agent_name": "سعاد",
            "agent_cin": "l 12345",
            "agent_email": "",
            "agent_phone": "",
            "steps-TOTAL_FORMS": 0,
            "steps-INITIAL_FORMS": 0,
            "steps-MIN_NUM_FORMS": 0,
            "steps-MAX_NUM_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    with in_member(tetouan):
        entered = Petition.objects.get()
        assert (entered.subject, entered.agent_cin, entered.source) == (
            "تهيئة ملعب القرب",
            "L12345",
            Source.STAFF,
        )
        assert entered.is_published and entered.steps.get().state == State.COLLECTING
        assert entered.signatures_required == petition_settings_get().threshold


def test_the_list_shows_counts_and_publishes_filed_petitions(tetouan, in_member, editor):
    with in_member(tetouan):
        filed = petition_file(subject=SUBJECT, text=TEXT, **AGENT)
        sign(petition(subject="عريضة موقعة"), 2)
    page = editor.get("/admin/petitions/petition/", {"published": "no"})
    assert page.status_code == 200 and SUBJECT in page.content.decode()
    response = editor.post(
        "/admin/petitions/petition/", {"action": "publish_selected", "_selected_action": [filed.pk]}
    )
    assert response.status_code == 302
    with in_member(tetouan):
        filed.refresh_from_db()
        assert filed.is_published


def test_the_next_step_page_proposes_the_next_session_and_validates(tetouan, in_member, editor):
    with in_member(tetouan):
        target = petition(threshold=1)
        sign(target, 1)
    url = f"/admin/petitions/petition/{target.pk}/step/"
    page = editor.get(url)
    assert page.status_code == 200
    assert page.context["form"].fields["to"].choices == [("submitted", State.SUBMITTED.label)]
    assert page.context["form"].initial["session_date"].month in (2, 5, 10)
    today = timezone.localdate().isoformat()
    assert editor.post(url, {"to": "submitted", "happened_on": today}).status_code == 302
    refused = editor.post(url, {"to": "not_admissible", "happened_on": today, "reason": ""})
    assert refused.status_code == 200 and refused.context["form"].has_error("reason")
    assert (
        editor.post(
            url, {"to": "not_admissible", "happened_on": today, "reason": "خارج اختصاصات المجلس"}
        ).status_code
        == 302
    )
    with in_member(tetouan):
        target.refresh_from_db()
        assert target.state == State.NOT_ADMISSIBLE
        assert [step.by for step in target.steps.all()][-1] == "محرر"


def test_a_signature_on_paper_is_added_once(tetouan, in_member, staff_client):
    # Who signed, with their CIN, is the focal point's (tenants/site/personal_data.py).
    editor = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        target = petition()
    form = {"petition": target.pk, "full_name": "محمد", "cin": "kb 1234", "link": "resident"}
    assert editor.post("/admin/petitions/signature/add/", form).status_code == 302
    again = editor.post("/admin/petitions/signature/add/", {**form, "cin": "KB1234"})
    assert again.status_code == 200
    assert "cin" in again.context["adminform"].form.errors
    with in_member(tetouan):
        signature = Signature.objects.get()
        assert (signature.cin_normalized, signature.source) == ("KB1234", Source.STAFF)


def test_signatures_are_exported_as_csv(tetouan, in_member, staff_client):
    editor = staff_client(tetouan, "focal_point")  # the signatures are the focal point's
    with in_member(tetouan):
        target = petition()
        sign(target, 2)
        signature_add(petition=target, full_name='=HYPERLINK("x")', cin="Z9", link="economic")
    response = editor.post(
        "/admin/petitions/petition/",
        {"action": "export_signatures", "_selected_action": [target.pk]},
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = text.strip().splitlines()
    assert len(rows) == 4 and "AB100000" in rows[1] and "موقع 0" in rows[1]
    assert "'=HYPERLINK" in rows[3]  # no formula reaches a spreadsheet


def test_moderators_read_but_neither_move_nor_see_who_signed(tetouan, in_member, staff_client):
    moderator = staff_client(tetouan, "moderator")
    with in_member(tetouan):
        target = petition(threshold=1)
        sign(target, 1)
    assert moderator.get(f"/admin/petitions/petition/{target.pk}/change/").status_code == 200
    assert moderator.get(f"/admin/petitions/petition/{target.pk}/step/").status_code == 403
    # Who signed, with their CIN, is the focal point's (tenants/site/personal_data.py).
    assert moderator.get("/admin/petitions/signature/").status_code == 403
    response = moderator.post(
        "/admin/petitions/petition/",
        {"action": "export_signatures", "_selected_action": [target.pk]},
    )
    assert not response.get("Content-Type", "").startswith("text/csv")
    assert moderator.get("/admin/petitions/signature/add/").status_code == 403


def test_only_the_focal_point_changes_the_settings(tetouan, in_member, staff_client, editor):
    assert editor.get("/admin/petitions/petitionsettings/").status_code == 302
    page = editor.get("/admin/petitions/petitionsettings/1/change/")
    assert page.status_code == 200  # read only
    assert (
        editor.post(
            "/admin/petitions/petitionsettings/1/change/",
            {"threshold": 1, "legal_reference": "x", "session_months": [1]},
        ).status_code
        == 403
    )
    focal_point = staff_client(tetouan, "focal_point")
    response = focal_point.post(
        "/admin/petitions/petitionsettings/1/change/",
        {
            "threshold": 150,
            "legal_reference": "القانون التنظيمي 113.14، المادة 123",
            "session_months": [2, 5, 10],
            "admissibility_months": 3,
            "association_min_years": 3,
        },
    )
    assert response.status_code == 302
    with in_member(tetouan):
        settings = PetitionSettings.objects.get()
        assert (settings.threshold, settings.session_months) == (150, [2, 5, 10])


def test_a_published_petition_keeps_its_text_in_the_back_office(tetouan, in_member, editor):
    with in_member(tetouan):
        target = petition()
        step = target.steps.get()
    page = editor.get(f"/admin/petitions/petition/{target.pk}/change/")
    assert page.status_code == 200
    assert (
        'name="text"' not in page.content.decode() and 'name="agent_phone"' in page.content.decode()
    )
    response = editor.post(
        f"/admin/petitions/petition/{target.pk}/change/",
        {
            "subject": "آخر",
            "text": "آخر",
            "agent_name": "سعاد",
            "agent_cin": "L987654",
            "agent_email": "",
            "agent_phone": "0600000000",
            "steps-TOTAL_FORMS": 1,
            "steps-INITIAL_FORMS": 1,
            "steps-MIN_NUM_FORMS": 0,
            "steps-MAX_NUM_FORMS": 0,
            "steps-0-id": step.pk,
            "steps-0-petition": target.pk,
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    with in_member(tetouan):
        target.refresh_from_db()
        assert (target.subject, target.agent_phone, target.agent_email) == (
            SUBJECT,
            "0600000000",
            "",
        )
