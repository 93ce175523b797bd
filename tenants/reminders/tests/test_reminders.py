"""Which reminders a sweep records, to whom, in which language and when (in process; the real
worker and broker are in tests/test_reminders_worker.py)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from tenants.consultations.services import consultation_create
from tenants.information_requests.models import InformationRequest, Step
from tenants.information_requests.services import (
    information_request_answer,
    information_request_extend,
    information_request_start,
)
from tenants.information_requests.tests.factories import filed
from tenants.meetings.models import Registration
from tenants.meetings.services import registration_cancel
from tenants.meetings.tests.factories import meeting_in, registration_for
from tenants.notifications.models import Notification, Subscriber, Subscription, Topic
from tenants.petitions.models import Petition
from tenants.petitions.models import State as PetitionState
from tenants.petitions.tests.factories import petition
from tenants.programme.models import ProgrammeStatus
from tenants.programme.services import milestone_mark_done
from tenants.programme.tests.factories import (
    commitment_factory,
    milestone_factory,
    programme_factory,
)
from tenants.reminders.selectors import Kind, reminder_key
from tenants.reminders.tests.factories import at, reminders, sent_to, staff, sweep
from tenants.site.roles import Role
from kernel.actors import Actor
from tenants.site.services import staff_remove
from tenants.site.staff import staff_actor

pytestmark = pytest.mark.usefixtures("in_tetouan")

FOCAL = "focal@commune.ma"
OFFICER = "karim@commune.ma"


def in_language(language: str, day: date) -> str:
    with translation.override(language):
        return date_format(day, "DATE_FORMAT")


def request_due_on(due_on: date, **fields) -> InformationRequest:
    """A request received a month earlier whose deadline is `due_on`."""
    information_request = filed(today=due_on - timedelta(days=30), **fields)
    InformationRequest.objects.filter(pk=information_request.pk).update(
        initial_due_on=due_on, due_on=due_on
    )
    information_request.refresh_from_db()
    return information_request


# --- information requests -------------------------------------------------------------------


def requesters_told() -> list[str]:
    """Who got the requester's notice that the deadline passed (tenants/information_requests)."""
    return sorted(
        Notification.objects.filter(kind="mail.overdue").values_list("recipient_email", flat=True)
    )


def test_information_requests_are_reminded_on_working_days_around_eid():
    staff("focal", Role.FOCAL_POINT)
    karim = staff("karim", Role.EDITOR, first_name="Karim", last_name="Alami")
    staff("moderator", Role.MODERATOR)
    # Due Monday 23 March 2026, after Eid al-Fitr (estimated Friday 20 and Saturday 21).
    taken = request_due_on(date(2026, 3, 23))
    information_request_start(
        information_request=taken, by=staff_actor(karim), today=date(2026, 2, 23)
    )
    waiting = request_due_on(date(2026, 3, 23), email="other@example.ma")

    assert sweep(date(2026, 3, 16)) == {"requests_flagged": 0}
    assert reminders() == []
    # Tuesday 17: 3 working days before (Wednesday, Thursday, Monday). The officer who took
    # the request is reminded of it; the request nobody took goes to the focal point.
    sweep(date(2026, 3, 17))
    assert sent_to() == [(Kind.REQUEST_DUE_SOON, OFFICER), (Kind.REQUEST_DUE_SOON, FOCAL)]
    for day in (
        date(2026, 3, 18),
        date(2026, 3, 19),
        date(2026, 3, 20),
        date(2026, 3, 21),
        date(2026, 3, 22),
    ):
        sweep(day)
    assert len(reminders()) == 2  # nothing new on the days in between, the feast, the weekend
    # Monday 23: the due date.
    sweep(date(2026, 3, 23))
    assert sent_to(Kind.REQUEST_DUE_TODAY) == [
        (Kind.REQUEST_DUE_TODAY, OFFICER),
        (Kind.REQUEST_DUE_TODAY, FOCAL),
    ]
    assert requesters_told() == []  # the day is not over: still in time
    # Tuesday 24: overdue, flagged (the requesters are told) and reported to the focal point.
    outcome = sweep(date(2026, 3, 24))
    assert outcome["requests_flagged"] == 2
    assert sent_to(Kind.REQUEST_OVERDUE) == [(Kind.REQUEST_OVERDUE, FOCAL)] * 2
    assert taken.events.filter(step=Step.OVERDUE_NOTICE).count() == 1
    assert requesters_told() == ["amina@example.ma", "other@example.ma"]
    soon = reminders(Kind.REQUEST_DUE_SOON)[0]
    assert soon.key == f"reminder:information_request.due_soon:{taken.pk}:2026-03-23:{OFFICER}"
    # Staff read the reminders in Arabic, the back office's language, with the dates in Arabic.
    assert soon.language == "ar" and taken.reference in soon.subject
    assert "طلب الحصول على المعلومات" in soon.body
    assert in_language("ar", date(2026, 3, 23)) in soon.body
    assert f"/admin/information_requests/informationrequest/{taken.pk}/change/" in soon.body
    assert waiting.reference in reminders(Kind.REQUEST_DUE_SOON)[1].body


def test_a_sweep_run_twice_sends_once_and_a_late_sweep_catches_up():
    staff("focal", Role.FOCAL_POINT)
    request_due_on(date(2026, 3, 23))
    # No sweep ran on Tuesday 17 (a lost tick): Thursday's sweep sends the reminder.
    first = sweep(date(2026, 3, 19))
    second = sweep(date(2026, 3, 19))
    assert first[Kind.REQUEST_DUE_SOON] == 1 and Kind.REQUEST_DUE_SOON not in second
    sweep(date(2026, 3, 19), hour=18)
    assert sent_to() == [(Kind.REQUEST_DUE_SOON, FOCAL)]


def test_a_moved_due_date_is_reminded_again_and_an_answered_request_no_more():
    staff("focal", Role.FOCAL_POINT)
    extended = request_due_on(date(2026, 3, 23))
    answered = request_due_on(date(2026, 3, 23), email="other@example.ma")
    sweep(date(2026, 3, 17))
    assert len(reminders(Kind.REQUEST_DUE_SOON)) == 2
    extended = information_request_extend(
        information_request=extended,
        by=Actor(name="clerk"),
        reason="حجم المعلومات المطلوبة",
        today=date(2026, 3, 18),
    )
    information_request_answer(
        information_request=answered,
        by=Actor(name="clerk"),
        answer_text="الجواب",
        today=date(2026, 3, 18),
    )
    assert extended.due_on == date(2026, 4, 20)  # 20 working days after 23 March
    sweep(date(2026, 3, 23))
    sweep(date(2026, 3, 24))
    sweep(date(2026, 4, 14))
    assert len(reminders()) == 2  # neither is due on the 23rd any more
    sweep(date(2026, 4, 15))  # Wednesday: 3 working days before Monday 20 April
    assert [row.key for row in reminders(Kind.REQUEST_DUE_SOON)][-1] == (
        f"reminder:information_request.due_soon:{extended.pk}:2026-04-20:{FOCAL}"
    )


def test_the_officer_is_found_by_account_when_two_colleagues_share_a_name():
    """Matching the history's name found two Karim Alami and fell back to the focal point: the
    account that acted is who is reminded, and the other Karim is not."""
    staff("focal", Role.FOCAL_POINT)
    staff("karim", Role.EDITOR, first_name="Karim", last_name="Alami")
    namesake = staff("karim2", Role.EDITOR, first_name="Karim", last_name="Alami")
    information_request = request_due_on(date(2026, 3, 23))
    information_request_start(
        information_request=information_request,
        by=staff_actor(namesake),
        today=date(2026, 2, 23),
    )
    sweep(date(2026, 3, 17))
    assert sent_to() == [(Kind.REQUEST_DUE_SOON, "karim2@commune.ma")]


def test_the_focal_points_are_reminded_once_the_officer_left_the_team():
    focal = staff("focal", Role.FOCAL_POINT)
    karim = staff("karim", Role.EDITOR, first_name="Karim", last_name="Alami")
    information_request = request_due_on(date(2026, 3, 23))
    information_request_start(
        information_request=information_request, by=staff_actor(karim), today=date(2026, 2, 23)
    )
    staff_remove(membership=karim.staff_membership, by=focal)
    sweep(date(2026, 3, 17))
    assert sent_to() == [(Kind.REQUEST_DUE_SOON, FOCAL)]


def test_a_step_by_the_directorate_assistance_leaves_the_request_to_the_focal_points():
    staff("focal", Role.FOCAL_POINT)
    karim = staff("karim", Role.EDITOR, first_name="Karim", last_name="Alami")
    assistance = staff("assistance", Role.NETWORK_ASSISTANCE)
    information_request = request_due_on(date(2026, 3, 23))
    information_request_start(
        information_request=information_request, by=staff_actor(karim), today=date(2026, 2, 23)
    )
    information_request_extend(
        information_request=information_request,
        by=staff_actor(assistance, network_account_id=7),
        reason="حجم المعلومات المطلوبة",
        today=date(2026, 3, 2),
    )
    sweep(date(2026, 4, 15))  # 3 working days before the extended due date, Monday 20 April
    assert sent_to() == [(Kind.REQUEST_DUE_SOON, FOCAL)]


def test_a_long_address_gets_a_key_that_fits():
    address = "a" * 180 + "@example.ma"
    key = reminder_key(Kind.REQUEST_DUE_SOON, 7, date(2026, 3, 23), address)
    assert len(key) <= 200 and key.startswith("reminder:information_request.due_soon:7:2026-03-23:")
    assert key == reminder_key(Kind.REQUEST_DUE_SOON, 7, date(2026, 3, 23), address.upper())


def test_overdue_reports_stay_within_the_catch_up_window():
    staff("focal", Role.FOCAL_POINT)
    request_due_on(date(2026, 1, 5))
    sweep(date(2026, 3, 24))  # 78 days later: the requester is told, staff are not flooded
    assert reminders() == []


def test_without_a_focal_point_the_site_contact_is_reminded(tetouan):
    from tenants.site.models import SiteProfile

    SiteProfile.objects.update(contact_email="contact@tetouan.ma")
    staff("gone", Role.FOCAL_POINT, active=False)
    request_due_on(date(2026, 3, 23))
    sweep(date(2026, 3, 17))
    assert sent_to() == [(Kind.REQUEST_DUE_SOON, "contact@tetouan.ma")]


# --- milestones -----------------------------------------------------------------------------


def test_milestones_are_reminded_a_week_before_and_when_overdue():
    staff("focal", Role.FOCAL_POINT)
    staff("editor", Role.EDITOR)
    staff("moderator", Role.MODERATOR)
    staff("assistance", Role.NETWORK_ASSISTANCE)  # the directorate helping: not the member's
    commitment = commitment_factory(programme_factory(), lead_department="قسم الشؤون المالية")
    milestone_factory(commitment, due_on=date(2026, 4, 10), title_fr="Publier")
    done = milestone_factory(commitment, due_on=date(2026, 4, 10))
    milestone_mark_done(
        milestone=done,
        by=Actor(name="test"),
        done_on=date(2026, 4, 1),
        evidence_link="https://example.ma/budget.pdf",
    )
    evaluated = commitment_factory(
        programme_factory(status=ProgrammeStatus.EVALUATED, period_start=2020, period_end=2022)
    )
    milestone_factory(evaluated, due_on=date(2026, 4, 10))

    sweep(date(2026, 4, 2))
    assert reminders() == []
    sweep(date(2026, 4, 3))
    assert sent_to() == [
        (Kind.MILESTONE_DUE_SOON, FOCAL),
        (Kind.MILESTONE_DUE_SOON, "editor@commune.ma"),
    ]
    sweep(date(2026, 4, 10))
    assert len(reminders()) == 2
    sweep(date(2026, 4, 11))
    assert sent_to(Kind.MILESTONE_OVERDUE) == [
        (Kind.MILESTONE_OVERDUE, FOCAL),
        (Kind.MILESTONE_OVERDUE, "editor@commune.ma"),
    ]
    late = reminders(Kind.MILESTONE_OVERDUE)[0]
    assert "مرحلة" in late.body and "قسم الشؤون المالية" in late.body
    assert in_language("ar", date(2026, 4, 10)) in late.body
    assert f"/admin/programme/commitment/{commitment.pk}/change/" in late.body


# --- meetings -------------------------------------------------------------------------------


def test_registrants_are_reminded_the_day_before_in_their_language():
    meeting = meeting_in(
        3,
        title_fr="Atelier budget participatif",
        title_ar="ورشة الميزانية",
        place="قاعة الاجتماعات",
    )
    arabic = registration_for(meeting, email="fatima@example.ma")
    french = registration_for(meeting, email="jeanne@example.ma", language="fr")
    cancelled = registration_for(meeting, email="parti@example.ma")
    registration_cancel(registration=cancelled)
    late = registration_for(meeting, email="late@example.ma")
    starts_on = timezone.localdate(meeting.starts_at)
    # Registered on the eve: the confirmation is fresh, no reminder.
    Registration.objects.filter(pk=late.pk).update(
        registered_at=at(starts_on - timedelta(days=1), 6)
    )

    sweep(at(starts_on - timedelta(days=2), 18))
    assert reminders() == []
    sweep(at(starts_on - timedelta(days=1), 7))
    assert sorted(sent_to()) == [
        (Kind.MEETING_EVE, "fatima@example.ma"),
        (Kind.MEETING_EVE, "jeanne@example.ma"),
    ]
    by_email = {row.recipient_email: row for row in reminders()}
    ar, fr = by_email["fatima@example.ma"], by_email["jeanne@example.ma"]
    assert ar.language == "ar" and "ورشة الميزانية" in ar.subject and "نذكّركم" in ar.body
    assert fr.language == "fr" and "Atelier budget participatif" in fr.subject
    assert "Pour rappel" in fr.body and in_language("fr", starts_on) in fr.body
    assert "/meetings/registration/" in fr.body  # the cancel link
    arabic.refresh_from_db()
    french.refresh_from_db()
    cancelled.refresh_from_db()
    assert arabic.reminded_at and french.reminded_at and cancelled.reminded_at is None
    sweep(at(starts_on, 7))  # on the day, before it starts: already reminded
    assert len(reminders()) == 2


def test_a_missed_eve_is_caught_up_before_the_meeting_not_after():
    meeting = meeting_in(3)
    registration_for(meeting, email="fatima@example.ma")
    starts_on = timezone.localdate(meeting.starts_at)
    sweep(meeting.starts_at + timedelta(minutes=5))  # the eve's ticks all missed: too late
    assert reminders() == []
    sweep(meeting.starts_at - timedelta(hours=1))  # an hour before: still worth it
    assert sent_to() == [(Kind.MEETING_EVE, "fatima@example.ma")]
    assert reminders()[0].key.endswith(f":{starts_on.isoformat()}:fatima@example.ma")


# --- consultations --------------------------------------------------------------------------


def follower(
    email: str, language: str, topic: str = Topic.CONSULTATIONS, verified: bool = True
) -> Subscriber:
    subscriber = Subscriber.objects.create(
        email=email, language=language, verified_at=timezone.now() if verified else None
    )
    Subscription.objects.create(subscriber=subscriber, topic=topic)
    return subscriber


def test_followers_are_told_2_days_before_a_consultation_closes():
    now = timezone.now()
    consultation = consultation_create(
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=5),
        title_ar="مشروع برنامج الانفتاح",
        title_fr="Projet de programme d'ouverture",
    )
    follower("amal@example.ma", "ar")
    follower("luc@example.ma", "fr")
    follower("pending@example.ma", "fr", verified=False)
    follower("docs@example.ma", "fr", topic=Topic.DOCUMENTS)
    closes_on = timezone.localdate(consultation.closes_at)

    sweep(at(closes_on - timedelta(days=3), 18))
    assert reminders() == []
    sweep(at(closes_on - timedelta(days=2), 7))
    assert sorted(sent_to()) == [
        (Kind.CONSULTATION_CLOSING, "amal@example.ma"),
        (Kind.CONSULTATION_CLOSING, "luc@example.ma"),
    ]
    by_email = {row.recipient_email: row for row in reminders()}
    assert by_email["amal@example.ma"].language == "ar"
    assert "مشروع برنامج الانفتاح" in by_email["amal@example.ma"].body
    french = by_email["luc@example.ma"]
    assert french.language == "fr" and "Projet de programme d'ouverture" in french.body
    assert "Il est encore temps" in french.body
    assert french.unsubscribe_url and french.unsubscribe_url in french.body
    sweep(at(closes_on - timedelta(days=1), 7))
    assert len(reminders()) == 2


# --- council sessions -----------------------------------------------------------------------


def petition_in(state: str, *, session_date: date | None = None, **fields):
    """A petition already in `state` (its steps are the petitions app's business)."""
    target = petition(**fields)
    Petition.objects.filter(pk=target.pk).update(state=state, session_date=session_date)
    target.refresh_from_db()
    return target


def test_the_focal_point_is_reminded_a_month_before_the_session_where_things_are_due():
    staff("focal", Role.FOCAL_POINT)
    staff("editor", Role.EDITOR)
    programme_factory(status=ProgrammeStatus.CONSULTATION, period_start=2026, period_end=2029)
    submitted = petition_in(PetitionState.SUBMITTED)
    on_agenda = petition_in(
        PetitionState.ON_AGENDA, subject="إحداث مكتبة عمومية", session_date=date(2026, 6, 15)
    )
    collecting = petition(subject="تهيئة ملعب القرب")
    # Tétouan is a commune: ordinary sessions in February, May and October. The May session
    # opens on Monday 4 May 2026 (Friday 1 May is Labour Day): reminded from Saturday 4 April.
    sweep(date(2026, 4, 3))
    assert reminders() == []
    sweep(date(2026, 4, 4))
    assert sent_to() == [(Kind.SESSION_PROGRAMME, FOCAL), (Kind.SESSION_PETITION, FOCAL)]
    programme_reminder, petition_reminder = reminders()
    assert programme_reminder.key.split(":")[3] == "2026-05-04"
    assert in_language("ar", date(2026, 5, 4)) in programme_reminder.body
    assert "برنامج الانفتاح" in programme_reminder.subject
    assert submitted.subject in petition_reminder.body
    # The petition on the agenda of 15 June: a month before.
    sweep(date(2026, 5, 14))
    assert len(reminders()) == 2
    sweep(date(2026, 5, 15))
    assert reminders()[-1].key == f"reminder:session.petition:{on_agenda.pk}:2026-06-15:{FOCAL}"
    assert all(collecting.subject not in row.body for row in reminders())


# --- members --------------------------------------------------------------------------------


def test_a_sweep_in_tanger_never_reminds_tetouans_people(tetouan, tanger, in_member):
    staff("focal", Role.FOCAL_POINT)
    request_due_on(date(2026, 3, 23))
    with in_member(tanger):
        staff("focal-tanger", Role.FOCAL_POINT)
        assert sweep(date(2026, 3, 17)) == {"requests_flagged": 0}
        assert reminders() == []
    sweep(date(2026, 3, 17))
    assert sent_to() == [(Kind.REQUEST_DUE_SOON, FOCAL)]
