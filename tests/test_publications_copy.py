"""Commitment templates copied into a member's programme: the copy lives in that member's
schema only, records its template by value, and the network records who copied what."""

import pytest
from django.core.exceptions import ValidationError

from network.publications.models import TemplateCopy
from network.publications.services import commitment_template_copy_for_member, publication_update
from network.publications.tests.factories import template_factory
from tenants.programme.models import Commitment
from tenants.programme.tests.factories import commitment_factory, programme_factory
from kernel.actors import Actor


@pytest.fixture
def programmes(tetouan, tanger, in_member):
    with in_member(tetouan):
        tetouan_programme = programme_factory()
        commitment_factory(tetouan_programme, 1)
    with in_member(tanger):
        commitment_factory(programme_factory(), 1, title_ar="التزام طنجة")
    return tetouan_programme


def test_a_copy_lands_in_its_member_only_with_its_provenance_by_value(
    programmes, tetouan, tanger, in_member
):
    template = template_factory()
    commitment_id = commitment_template_copy_for_member(
        member=tetouan, template=template, by=Actor(name="المديرية")
    )
    with in_member(tetouan):
        copy = Commitment.objects.get(pk=commitment_id)
        assert (copy.number, copy.title_ar, copy.problem_fr) == (
            2,
            "ميزانية مفتوحة",
            "Le budget n'est pas publié",
        )
        assert copy.principles == ["transparency_integrity", "access_to_information"]
        assert (copy.source_template_id, copy.source_template_version) == (template.pk, 1)
        assert copy.updates.filter(field="created").exists()  # in the public history
    with in_member(tanger):
        assert list(Commitment.objects.values_list("title_ar", flat=True)) == ["التزام طنجة"]
    record = TemplateCopy.objects.get()
    assert (record.member, record.template, record.version, record.commitment_id) == (
        tetouan,
        template,
        1,
        commitment_id,
    )
    # By value: the member's table has no constraint into the public schema.
    field = Commitment._meta.get_field("source_template_id")
    assert not field.is_relation


def test_a_second_copy_of_a_template_is_refused_without_a_partial_write(
    programmes, tetouan, in_member
):
    template = template_factory()
    commitment_template_copy_for_member(member=tetouan, template=template, by=Actor(name="x"))
    publication_update(publication=template, by=Actor(name="x"), action_ar="نص معدل")  # version 2
    with pytest.raises(ValidationError) as error:
        commitment_template_copy_for_member(member=tetouan, template=template, by=Actor(name="x"))
    assert "هذا النموذج" in " ".join(error.value.messages)
    with in_member(tetouan):
        assert Commitment.objects.filter(source_template_id=template.pk).count() == 1
    assert TemplateCopy.objects.count() == 1


def test_a_draft_template_cannot_be_copied(programmes, tetouan, in_member):
    template = template_factory(published=False)
    with pytest.raises(ValidationError):
        commitment_template_copy_for_member(member=tetouan, template=template, by=Actor(name="x"))
    with in_member(tetouan):
        assert not Commitment.objects.exclude(source_template_id=None).exists()


COPY_PAGE = "/admin/programme/commitment/from-template/"


def test_member_staff_copy_a_template_from_their_back_office(
    programmes, tetouan, tanger, staff_client, in_member
):
    template = template_factory()
    draft = template_factory(published=False, title_ar="نموذج قيد الإعداد")
    client = staff_client(tetouan, "editor")
    page = client.get(COPY_PAGE).content.decode()
    assert "ميزانية مفتوحة" in page and "نموذج قيد الإعداد" not in page and 'dir="rtl"' in page
    response = client.post(COPY_PAGE, {"template": template.pk})
    assert response.status_code == 302 and "/change/" in response["Location"]
    with in_member(tetouan):
        copy = Commitment.objects.get(source_template_id=template.pk)
        assert copy.source_template_version == 1
    assert TemplateCopy.objects.get().member == tetouan
    # Copied once: the page says so, and a second post changes nothing.
    assert "ميزانية مفتوحة" in client.get(COPY_PAGE).content.decode()
    client.post(COPY_PAGE, {"template": template.pk})
    client.post(COPY_PAGE, {"template": draft.pk})
    client.post(COPY_PAGE, {"template": "not-a-number"})
    with in_member(tetouan):
        assert Commitment.objects.exclude(source_template_id=None).count() == 1
    with in_member(tanger):
        assert not Commitment.objects.exclude(source_template_id=None).exists()
    assert TemplateCopy.objects.count() == 1


def test_a_moderator_cannot_copy_a_template(programmes, tetouan, staff_client, in_member):
    template = template_factory()
    client = staff_client(tetouan, "moderator")
    assert client.get(COPY_PAGE).status_code == 403
    assert client.post(COPY_PAGE, {"template": template.pk}).status_code == 403
    with in_member(tetouan):
        assert not Commitment.objects.exclude(source_template_id=None).exists()


def test_the_portal_shows_which_members_copied_a_template(programmes, tetouan, client_for):
    template = template_factory()
    commitment_template_copy_for_member(member=tetouan, template=template, by=Actor(name="x"))
    page = client_for(None).get(f"/commitment-templates/{template.pk}/").content.decode()
    assert "تطوان" in page


def test_the_directorate_copies_a_template_for_a_member_through_the_api(
    programmes, tetouan, tanger, client_for, in_member
):
    import json

    from network.publications.tests.factories import directorate_account, focal_point_account
    from twofactor.testing import two_factor_signed_in

    template = template_factory()
    url = f"/api/commitment-templates/{template.pk}/copies/"
    anonymous = client_for(None)
    body = json.dumps({"member": tetouan.collectivity_id})
    assert anonymous.post(url, body, content_type="application/json").status_code == 403
    focal_point = client_for(None)
    two_factor_signed_in(focal_point, focal_point_account())  # network accounts give a code too
    assert focal_point.post(url, body, content_type="application/json").status_code == 403
    directorate = client_for(None)
    two_factor_signed_in(directorate, directorate_account())
    response = directorate.post(url, body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["member_name_fr"] == "Tétouan" and response.json()["version"] == 1
    again = directorate.post(url, body, content_type="application/json")
    assert again.status_code == 400 and "هذا النموذج" in again.content.decode()
    copies = anonymous.get(url).json()["results"]
    assert [copy["member"] for copy in copies] == [tetouan.collectivity_id]
    with in_member(tanger):
        assert not Commitment.objects.exclude(source_template_id=None).exists()


def test_the_public_commitment_page_says_where_the_copy_came_from(programmes, tetouan, client_for):
    template = template_factory()
    commitment_id = commitment_template_copy_for_member(
        member=tetouan, template=template, by=Actor(name="x")
    )
    page = client_for(tetouan).get(f"/programme/commitments/{commitment_id}/").content.decode()
    assert f'commitment-templates/{template.pk}/"' in page
    assert "مقتبس من نموذج التزام تقترحه الشبكة (الإصدار 1)" in page
