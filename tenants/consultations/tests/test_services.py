"""Writes: the window, the one-time link, reports and moderation, responses, clean text."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tenants.consultations.models import Comment, ModerationEvent, Response
from tenants.consultations.services import (
    comment_hide,
    comment_pending_purge,
    comment_report,
    comment_restore,
    comment_verify,
    consultation_add_commitment_sections,
    response_save,
)
from tenants.consultations.tests.factories import close, comment_on, consultation_in, section_of
from tenants.consultations.tokens import LinkRefused, comment_token_make
from tenants.programme.tests.factories import commitment_factory, programme_factory
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


@pytest.mark.parametrize(
    "opens, closes, accepted", [(2, 10, False), (-1, 10, True), (-10, -1, False)]
)
def test_comments_are_received_only_while_open(opens, closes, accepted):
    consultation = consultation_in(opens, closes)
    if accepted:
        assert comment_on(consultation).status == Comment.Status.PUBLISHED
    else:
        with pytest.raises(ValidationError) as refused:
            comment_on(consultation)
        assert codes(refused.value) == {"not_open"}
        assert not Comment.objects.exists()


def test_the_window_ends_at_its_closing_time():
    consultation = consultation_in(-1, 1)
    assert consultation.state_at(consultation.closes_at - timedelta(seconds=1)) == "open"
    assert consultation.state_at(consultation.closes_at) == "closed"
    assert consultation.state_at(consultation.opens_at - timedelta(seconds=1)) == "upcoming"


def test_a_consultation_closes_after_it_opens():
    with pytest.raises(ValidationError) as refused:
        consultation_in(2, 1)
    assert codes(refused.value) == {"closes_before_opening"}


def test_a_new_comment_waits_and_its_link_is_e_mailed(django_capture_on_commit_callbacks):
    consultation = consultation_in()
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_on(consultation, published=False, email="Amina@Example.MA")
    assert comment.status == Comment.Status.PENDING and comment.verified_at is None
    assert comment.email == "Amina@example.ma"
    assert mail.outbox[-1].to == ["Amina@example.ma"]
    assert "/consultations/verify/" in mail.outbox[-1].body


def test_the_link_publishes_the_comment_once():
    comment = comment_on(consultation_in(), published=False)
    token = comment_token_make(comment.pk)
    assert comment_verify(token=token).status == Comment.Status.PUBLISHED
    with pytest.raises(LinkRefused) as refused:
        comment_verify(token=token)
    assert refused.value.reason == "used"


def test_an_expired_link_is_refused():
    comment = comment_on(consultation_in(), published=False)
    token = comment_token_make(comment.pk)
    later = timezone.now().timestamp() + 49 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        with pytest.raises(LinkRefused) as refused:
            comment_verify(token=token)
    assert refused.value.reason == "expired"
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING


@pytest.mark.parametrize("token", ["", "abc", "eyJjb21tZW50IjoxfQ:1uAAAA:forged"])
def test_a_forged_link_is_refused(token):
    with pytest.raises(LinkRefused) as refused:
        comment_verify(token=token)
    assert refused.value.reason == "invalid"


def test_a_comment_sent_in_time_is_published_even_if_confirmed_after_the_closing():
    comment = comment_on(consultation_in(), published=False)
    close(comment.consultation)
    assert comment_verify(token=comment_token_make(comment.pk)).status == Comment.Status.PUBLISHED


def test_an_address_confirmed_in_the_session_publishes_at_once_in_any_case():
    consultation = consultation_in()
    comment = comment_on(consultation, email="amina@example.ma", verified_email="AMINA@example.ma")
    assert comment.status == Comment.Status.PUBLISHED and comment.verified_at
    other = comment_on(
        consultation, published=False, email="someone@example.ma", verified_email="amina@example.ma"
    )
    assert other.status == Comment.Status.PENDING


def test_hostile_html_is_stripped_and_arabic_kept():
    comment = comment_on(
        consultation_in(),
        author_name="<b>سعاد</b>",
        body='<script>alert(1)</script>أقترح <img src=x onerror="alert(1)">النشر',
    )
    assert comment.body == "أقترح النشر" and comment.author_name == "سعاد"


def test_a_comment_of_only_markup_is_refused():
    with pytest.raises(ValidationError) as refused:
        comment_on(consultation_in(), body="<script>alert(1)</script>")
    assert "body" in refused.value.error_dict


def test_a_too_long_comment_is_refused():
    with pytest.raises(ValidationError) as refused:
        comment_on(consultation_in(), body="ا" * 4001)
    assert codes(refused.value) == {"too_long"}


def test_a_section_of_another_consultation_is_refused():
    other = section_of(consultation_in())
    with pytest.raises(ValidationError) as refused:
        comment_on(consultation_in(), section=other)
    assert codes(refused.value) == {"other_section"}


def test_a_withheld_name_is_not_public():
    comment = comment_on(consultation_in(), author_name="يوسف", show_name=False)
    assert comment.author_name == "يوسف" and comment.public_name != "يوسف"


def test_three_reports_hide_a_comment_until_a_moderator_decides(settings):
    comment = comment_on(consultation_in())
    for address in ("10.0.0.1", "10.0.0.2"):
        assert comment_report(comment=comment, address=address).status == Comment.Status.PUBLISHED
    comment_report(comment=comment, address="10.0.0.2")  # the same visitor counts once
    assert Comment.objects.get(pk=comment.pk).report_count == 2
    hidden = comment_report(comment=comment, address="10.0.0.3")
    assert hidden.status == Comment.Status.HIDDEN and hidden.report_count == 3
    event = ModerationEvent.objects.get(comment=comment)
    assert event.action == ModerationEvent.Action.HIDDEN_AFTER_REPORTS and event.by == ""


def test_the_number_of_reports_is_a_setting(settings):
    settings.CONSULTATION_REPORTS_TO_HIDE = 1
    comment = comment_on(consultation_in())
    assert comment_report(comment=comment, address="10.0.0.1").status == Comment.Status.HIDDEN


def test_a_moderator_restores_with_a_reason_and_reports_no_longer_hide(settings):
    settings.CONSULTATION_REPORTS_TO_HIDE = 1
    comment = comment_on(consultation_in())
    comment_report(comment=comment, address="10.0.0.1")
    comment_restore(comment=comment, by=Actor(name="المشرف"), reason="لا يتضمن التعليق أي إساءة")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED and comment.moderator_decided
    restore = ModerationEvent.objects.filter(comment=comment).first()
    assert (restore.action, restore.by, restore.reason) == (
        "restore",
        "المشرف",
        "لا يتضمن التعليق أي إساءة",
    )
    assert comment_report(comment=comment, address="10.0.0.2").status == Comment.Status.PUBLISHED


def test_a_moderator_hides_with_a_reason():
    comment = comment_on(consultation_in())
    with pytest.raises(ValidationError) as refused:
        comment_hide(comment=comment, by=Actor(name="المشرف"), reason="  ")
    assert codes(refused.value) == {"reason_required"}
    comment_hide(comment=comment, by=Actor(name="المشرف"), reason="إساءة لشخص")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.HIDDEN
    assert ModerationEvent.objects.get(comment=comment).action == "hide"


def test_only_a_hidden_comment_is_restored_and_a_pending_one_is_not_moderated():
    consultation = consultation_in()
    with pytest.raises(ValidationError) as refused:
        comment_restore(comment=comment_on(consultation), by=Actor(name="m"), reason="r")
    assert codes(refused.value) == {"wrong_status"}
    with pytest.raises(ValidationError):
        comment_hide(
            comment=comment_on(consultation, published=False), by=Actor(name="m"), reason="r"
        )
    assert not ModerationEvent.objects.exists()


def test_a_reasoned_response_is_saved_and_revised():
    comment = comment_on(consultation_in())
    response_save(
        comment=comment,
        kind=Response.Kind.PARTLY,
        by=Actor(name="نقطة الارتكاز"),
        reasoning_ar="سيؤخذ جزء من الاقتراح بعين الاعتبار.",
    )
    revised = response_save(
        comment=comment,
        kind=Response.Kind.ACCEPTED,
        by=Actor(name="المحرر"),
        reasoning_fr="Retenu.",
    )
    assert Response.objects.get() == revised
    assert (revised.kind, revised.by, revised.reasoning_ar) == ("accepted", "المحرر", "")


def test_a_response_needs_reasons_and_a_published_comment():
    consultation = consultation_in()
    with pytest.raises(ValidationError) as refused:
        response_save(comment=comment_on(consultation), kind="accepted", by=Actor(name="x"))
    assert codes(refused.value) == {"reasons_required"}
    with pytest.raises(ValidationError) as refused:
        response_save(
            comment=comment_on(consultation, published=False),
            kind="accepted",
            by=Actor(name="x"),
            reasoning_ar="سبب",
        )
    assert codes(refused.value) == {"not_published"}


def test_unconfirmed_comments_are_purged_once_their_link_expired():
    consultation = consultation_in()
    old = comment_on(consultation, published=False)
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=49))
    fresh = comment_on(consultation, published=False)
    published = comment_on(consultation)
    Comment.objects.filter(pk=published.pk).update(created_at=timezone.now() - timedelta(days=9))
    assert comment_pending_purge() == 1
    assert set(Comment.objects.values_list("pk", flat=True)) == {fresh.pk, published.pk}


def test_sections_for_the_commitments_of_the_programme():
    programme = programme_factory()
    for number in (1, 2):
        commitment_factory(
            programme,
            number,
            title_ar=f"الالتزام {number}",
            action_ar=f"ما يفعله الالتزام {number}",
        )
    consultation = consultation_in(programme=programme)
    section_of(consultation, "مقدمة")
    added = consultation_add_commitment_sections(consultation=consultation)
    assert [(s.number, s.title_ar, s.text_ar) for s in added] == [
        (2, "الالتزام 1", "ما يفعله الالتزام 1"),
        (3, "الالتزام 2", "ما يفعله الالتزام 2"),
    ]
    assert consultation_add_commitment_sections(consultation=consultation) == []
    added[0].commitment.delete()  # the section keeps its copied title
    assert consultation.sections.get(number=2).title_ar == "الالتزام 1"
