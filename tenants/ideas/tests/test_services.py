"""The writes of ideas: proposing, supporting and commenting while the programme is co-created,
the e-mailed confirmation, reports, moderation with reasons and the official answer."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tenants.ideas import services
from tenants.ideas.models import Answer, Event, Idea, Status, Support
from tenants.ideas.tests.factories import (
    close_collection,
    cocreated_programme,
    comment_of,
    commitment_factory,
    idea_on,
    support_of,
)
from tenants.ideas.tokens import LinkRefused, contribution_token_make
from kernel.actors import Actor

pytestmark = pytest.mark.usefixtures("in_tetouan")


@pytest.fixture
def programme():
    return cocreated_programme()


def test_an_idea_waits_for_its_link_then_is_published_once(
    programme, django_capture_on_commit_callbacks, sent_link
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = idea_on(programme, published=False, email="Amina@Example.MA")
    assert idea.status == Status.PENDING and idea.email == "Amina@example.ma"
    assert len(mail.outbox) == 1 and "نشر الميزانية بصيغة مفتوحة" in mail.outbox[0].body
    token = sent_link().split("/")[-2]
    kind, confirmed = services.contribution_confirm(token=token)
    assert kind == "idea" and confirmed.status == Status.PUBLISHED and confirmed.verified_at
    assert list(confirmed.events.values_list("kind", flat=True)) == [Event.Kind.PUBLISHED]
    with pytest.raises(LinkRefused) as refused:
        services.contribution_confirm(token=token)
    assert refused.value.reason == "used"


def test_an_address_confirmed_in_the_browser_publishes_at_once(programme):
    idea = idea_on(programme, email="amina@example.ma", verified_email="AMINA@example.ma")
    assert idea.status == Status.PUBLISHED and not mail.outbox


def test_texts_are_stored_plain_and_required(programme):
    idea = idea_on(
        programme, title="<b>فكرة</b><script>alert(1)</script>", body="نص <a href='x'>رابط</a>"
    )
    assert idea.title == "فكرة" and idea.body == "نص رابط"
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        idea_on(programme, title="<p> </p>")
    assert "title" in error.value.message_dict
    assert Idea.objects.count() == 1


def test_an_attachment_is_judged_by_its_content(programme, media_root):
    pdf = SimpleUploadedFile("note.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    assert idea_on(programme, attachment=pdf).attachment.name.endswith(".pdf")
    fake = SimpleUploadedFile("note.pdf", b"<html><script>x</script></html>")
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        idea_on(programme, attachment=fake, title="أخرى")
    assert "attachment" in error.value.message_dict
    assert "هذا النوع من الملفات غير مقبول" in " ".join(error.value.message_dict["attachment"])
    assert Idea.objects.count() == 1


def test_a_principle_of_the_programme_is_required(programme):
    with pytest.raises(ValidationError) as error:
        idea_on(programme, principle="football")
    assert "principle" in error.value.message_dict


def test_an_association_signs_as_such(programme):
    idea = idea_on(programme, association="جمعية أحياء المدينة العتيقة", show_name=False)
    assert idea.public_name == "جمعية أحياء المدينة العتيقة"
    anonymous = idea_on(programme, show_name=False, title="فكرة ثانية")
    with translation.override("ar"):
        assert anonymous.public_name == "مشارك(ة)"


def test_a_closed_phase_refuses_new_ideas_supports_and_comments_but_honours_links(
    programme, django_capture_on_commit_callbacks, sent_link
):
    idea = idea_on(programme)
    with django_capture_on_commit_callbacks(execute=True):
        pending = comment_of(idea, published=False)
    close_collection(programme)
    for write in (
        lambda: idea_on(programme, title="متأخرة"),
        lambda: support_of(idea, "late@example.ma"),
        lambda: comment_of(idea, body="متأخر"),
    ):
        with pytest.raises(ValidationError) as error:
            write()
        assert error.value.code == "closed"
    # Sent while it was open: confirmed after the closing, still published.
    kind, comment = services.contribution_confirm(token=sent_link().split("/")[-2])
    assert kind == "comment" and comment.pk == pending.pk and comment.status == Status.PUBLISHED


def test_one_support_per_address_counted_once_confirmed(
    programme, django_capture_on_commit_callbacks, sent_link
):
    idea = idea_on(programme)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = support_of(idea, "fatima@example.ma", confirmed=False)
    assert waiting.confirmed_at is None
    with django_capture_on_commit_callbacks(execute=True):  # asking again sends the link again
        assert support_of(idea, "FATIMA@example.ma", confirmed=False).pk == waiting.pk
    assert len(mail.outbox) == 2
    kind, support = services.contribution_confirm(token=sent_link().split("/")[-2])
    assert kind == "support" and support.confirmed_at is not None
    with pytest.raises(ValidationError) as error:
        support_of(idea, "fatima@example.ma")
    assert error.value.code == "already_supported"
    assert Support.objects.filter(idea=idea).count() == 1


def test_an_unpublished_idea_cannot_be_supported_or_commented(programme):
    pending = idea_on(programme, published=False)
    with pytest.raises(ValidationError):
        support_of(pending, "a@example.ma")
    with pytest.raises(ValidationError):
        comment_of(pending)


def test_a_link_for_one_kind_does_not_confirm_another(programme):
    idea = idea_on(programme, published=False)
    support = support_of(idea_on(programme, title="أخرى"), "x@example.ma", confirmed=False)
    Support.objects.filter(pk=support.pk).update(id=idea.pk)
    kind, found = services.contribution_confirm(token=contribution_token_make("support", idea.pk))
    assert kind == "support" and isinstance(found, Support)
    idea.refresh_from_db()
    assert idea.status == Status.PENDING


def test_reports_hide_until_staff_decide(programme, settings):
    settings.CONSULTATION_REPORTS_TO_HIDE = 2
    idea = idea_on(programme)
    services.contribution_report(idea=idea, address="10.0.0.1")
    services.contribution_report(idea=idea, address="10.0.0.1")  # the same visitor: once
    idea.refresh_from_db()
    assert idea.report_count == 1 and idea.status == Status.PUBLISHED
    services.contribution_report(idea=idea, address="10.0.0.2")
    idea.refresh_from_db()
    assert idea.status == Status.HIDDEN
    services.idea_restore(idea=idea, by=Actor(name="أمينة"), reason="لا يخالف القواعد")
    for number in range(3, 6):
        services.contribution_report(idea=idea, address=f"10.0.0.{number}")
    idea.refresh_from_db()
    assert idea.status == Status.PUBLISHED and idea.report_count == 5
    kinds = list(idea.events.values_list("kind", flat=True))
    assert kinds == [Event.Kind.PUBLISHED, Event.Kind.HIDDEN_AFTER_REPORTS, Event.Kind.RESTORED]


def test_moderation_needs_a_reason_and_is_logged(programme):
    idea = idea_on(programme)
    comment = comment_of(idea)
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        services.comment_hide(comment=comment, by=Actor(name="أمينة"), reason="  ")
    assert error.value.message_dict["reason"] == ["اذكروا سبب هذا القرار."]
    event = services.comment_hide(comment=comment, by=Actor(name="أمينة"), reason="سب وشتم")
    comment.refresh_from_db()
    assert comment.status == Status.HIDDEN and event.comment_id == comment.pk
    assert event.note == "سب وشتم" and event.by == "أمينة"
    with pytest.raises(ValidationError):
        services.idea_restore(idea=idea, by=Actor(name="أمينة"), reason="خطأ")  # it is not hidden


def test_retained_needs_a_commitment_of_the_programme(programme):
    idea = idea_on(programme)
    other = commitment_factory(cocreated_programme(period_start=2027, period_end=2029))
    for commitment in (None, other):
        with pytest.raises(ValidationError) as error:
            services.idea_answer(
                idea=idea, answer=Answer.RETAINED, by=Actor(name="أمينة"), commitment=commitment
            )
        assert "commitment" in error.value.message_dict
    commitment = commitment_factory(programme)
    services.idea_answer(
        idea=idea, answer=Answer.RETAINED, by=Actor(name="أمينة"), commitment=commitment
    )
    idea.refresh_from_db()
    assert idea.answer == Answer.RETAINED and idea.commitment == commitment


def test_not_retained_needs_reasons(programme):
    idea = idea_on(programme)
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        services.idea_answer(idea=idea, answer=Answer.NOT_RETAINED, by=Actor(name="أمينة"))
    assert "reasons_ar" in error.value.message_dict
    idea.refresh_from_db()
    assert idea.answer == "" and not idea.events.filter(kind=Event.Kind.ANSWERED).exists()
    services.idea_answer(
        idea=idea,
        answer=Answer.NOT_RETAINED,
        by=Actor(name="أمينة"),
        reasons_fr="Hors des compétences de la commune.",
    )
    idea.refresh_from_db()
    assert idea.answer_text.startswith("Hors")


def test_merged_into_another_published_idea_not_merged_itself(programme):
    first, second, third = (idea_on(programme, title=title) for title in ("أ", "ب", "ج"))
    for target in (None, first):
        with pytest.raises(ValidationError):
            services.idea_answer(
                idea=first, answer=Answer.MERGED, by=Actor(name="أمينة"), merged_into=target
            )
    services.idea_answer(
        idea=second, answer=Answer.MERGED, by=Actor(name="أمينة"), merged_into=first
    )
    with pytest.raises(ValidationError):  # no chains: second is merged itself
        services.idea_answer(
            idea=third, answer=Answer.MERGED, by=Actor(name="أمينة"), merged_into=second
        )
    with pytest.raises(ValidationError):  # first holds merged ideas: it cannot be merged
        services.idea_answer(
            idea=first, answer=Answer.MERGED, by=Actor(name="أمينة"), merged_into=third
        )
    assert list(first.merged_ideas.all()) == [second]


def test_the_path_records_every_answer_in_order(programme):
    idea = idea_on(programme)
    commitment = commitment_factory(programme)
    services.idea_answer(idea=idea, answer=Answer.UNDER_STUDY, by=Actor(name="أمينة"))
    services.idea_answer(
        idea=idea, answer=Answer.RETAINED, by=Actor(name="أمينة"), commitment=commitment
    )
    steps = list(idea.events.values_list("kind", "answer", "by"))
    assert steps == [
        (Event.Kind.PUBLISHED, "", ""),
        (Event.Kind.ANSWERED, Answer.UNDER_STUDY, "أمينة"),
        (Event.Kind.ANSWERED, Answer.RETAINED, "أمينة"),
    ]
    services.idea_answer(idea=idea, answer=Answer.UNDER_STUDY, by=Actor(name="أمينة"))
    idea.refresh_from_db()
    assert idea.commitment is None  # a retained idea that goes back to study loses its link


def test_a_pending_idea_cannot_be_answered(programme):
    with pytest.raises(ValidationError):
        services.idea_answer(
            idea=idea_on(programme, published=False),
            answer=Answer.UNDER_STUDY,
            by=Actor(name="أمينة"),
        )


def test_unconfirmed_contributions_are_purged_after_their_link_expires(programme):
    from datetime import timedelta

    from django.utils import timezone

    kept = idea_on(programme, title="مؤكدة")
    pending = idea_on(programme, published=False)
    comment_of(kept, published=False)
    support_of(kept, "late@example.ma", confirmed=False)
    support_of(kept, "fan@example.ma")
    assert services.contribution_pending_purge() == 0  # within the link's life
    later = timezone.now() + timedelta(hours=services.verification_hours() + 1)
    assert services.contribution_pending_purge(now=later) == 3
    assert list(Idea.objects.all()) == [kept] and not Idea.objects.filter(pk=pending.pk).exists()
    assert Support.objects.get().email == "fan@example.ma"


def test_the_nightly_retention_purge_deletes_them(programme):
    """The retention table (tenants/privacy/retention.py), which the workers run each night,
    holds them: an unconfirmed idea is personal data kept for nothing once its link expired."""
    from datetime import timedelta

    from django.utils import timezone

    from tenants.privacy.retention import RETENTION, retention_purge_run

    pending = idea_on(programme, published=False)
    Idea.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(hours=services.verification_hours() + 1)
    )
    assert "pending_contribution" in RETENTION
    assert retention_purge_run()["pending_contribution"] == 1
    assert not Idea.objects.filter(pk=pending.pk).exists()
