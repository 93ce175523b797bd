"""One partial update (kernel.partial_update): what it sets, what it says changed, what it
refuses. The services that call it keep their own tests (histories, versions, files)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kernel.partial_update import fields_update
from tenants.consultations.models import Consultation
from tenants.meetings.models import Meeting
from tenants.programme.models import Programme


def test_sets_every_change_and_names_those_that_differ():
    consultation = Consultation(title_ar="الميزانية", title_fr="Budget", description_ar="")
    changed = fields_update(
        consultation,
        {"title_fr": "Budget", "title_ar": "الميزانية التشاركية", "description_ar": "x"},
    )
    assert changed == ["title_ar", "description_ar"]  # in the order given
    assert (consultation.title_ar, consultation.description_ar) == ("الميزانية التشاركية", "x")


def test_refuses_a_field_outside_the_allowed_ones_and_sets_nothing():
    consultation = Consultation(title_ar="الميزانية")
    with pytest.raises(TypeError, match=r"Not editable: \['id', 'programme_id'\]"):
        fields_update(
            consultation,
            {"title_ar": "أخرى", "id": 9, "programme_id": 1},
            allowed={"title_ar", "title_fr"},
        )
    assert consultation.title_ar == "الميزانية"


def test_a_related_row_is_compared_by_key_without_a_query(django_assert_num_queries, db):
    consultation = Consultation(programme_id=4)
    with django_assert_num_queries(0):
        assert fields_update(consultation, {"programme": Programme(pk=4)}) == []
        assert fields_update(consultation, {"programme": Programme(pk=5)}) == ["programme"]
        assert fields_update(consultation, {"programme": None}) == ["programme"]
    assert consultation.programme_id is None


def test_a_new_upload_is_a_change_even_under_the_same_name():
    meeting = Meeting(minutes="minutes.pdf")
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4")
    assert fields_update(meeting, {"minutes": upload}) == ["minutes"]
    assert fields_update(meeting, {"minutes": meeting.minutes}) == []
