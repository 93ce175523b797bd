"""A holiday decision recounts the due dates of every member's open requests (by the workers'
fan-out, run here in this process), tells the people whose date moved, never touches a closed
request nor another member's rows, and the public page of a request shows how its deadline was
counted. The console's calendar page: the directorate's only."""

import copy
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context

from citizens.models import HolidayDecision
from citizens.working_days import add_working_days, calendar_current, calendar_forget
from tenants.reminders.calendar_hooks import due_dates_recount
from tenants.information_requests.models import InformationRequest, State
from tenants.notifications.models import Notification
from workers import holidays as holiday_jobs

pytestmark = pytest.mark.django_db

RECEIVED = date(2027, 5, 10)  # a Monday; Eid al-Adha 2027 is estimated Sun 16 and Mon 17 May
DUE_ESTIMATED = date(2027, 6, 8)
DUE_ANNOUNCED = date(2027, 6, 9)  # Mon 17 and Tue 18 off: one working day later
EID = [
    "2027-05-17",
    "--days",
    "2",
    "--name-ar",
    "عيد الأضحى",
    "--name-fr",
    "Aïd al-Adha",
    "--replaces",
    "2027-05-16",
    "2027-05-17",
]


@pytest.fixture(autouse=True)
def fresh_calendar():
    calendar_forget()
    yield
    calendar_forget()


@pytest.fixture
def workers_here(monkeypatch):
    """The recount's fan-out run in this process: the sweep at once, each batch of members on
    this connection (what the workers do, without a broker nor a connection of their own)."""
    sent = []

    def batch(args, **options):
        schema_names, days = args
        sent.append((schema_names, None if days is None else tuple(days)))
        return holiday_jobs.members_due_dates_recount(
            schema_names, None if days is None else [date.fromisoformat(d) for d in days]
        )

    monkeypatch.setattr(holiday_jobs.due_dates_recount_batch, "apply_async", batch)
    monkeypatch.setattr(
        holiday_jobs.due_dates_recount_sweep,
        "apply_async",
        lambda kwargs, **options: holiday_jobs.due_dates_recount_sweep.run(**kwargs),
    )
    return sent


def request_filed(
    *, number: int, state: str = State.RECEIVED, email: str = "", language: str = "ar"
) -> InformationRequest:
    due = add_working_days(RECEIVED, 20)
    return InformationRequest.objects.create(
        reference=f"DI-2027-{number:04d}",
        year=2027,
        sequence=number,
        requester_name="سلمى",
        id_number="K123456",
        postal_address="تطوان",
        information_wanted="الميزانية",
        email=email,
        language=language,
        received_on=RECEIVED,
        initial_due_on=due,
        due_on=due,
        state=state,
        decided_on=date(2027, 5, 20) if state == State.ANSWERED else None,
        answer_text="الجواب" if state == State.ANSWERED else "",
    )


def test_a_decision_moves_the_open_requests_of_two_members_and_not_a_closed_one(
    tetouan, tanger, workers_here, django_capture_on_commit_callbacks
):
    with tenant_context(tetouan):
        tetouan_open = request_filed(number=1, email="salma@example.ma")
        tetouan_closed = request_filed(number=2, state=State.ANSWERED)
    with tenant_context(tanger):
        tanger_open = request_filed(number=1, email="karim@example.ma", language="fr")
    assert tetouan_open.due_on == tanger_open.due_on == DUE_ESTIMATED
    mail.outbox.clear()

    connection.set_schema_to_public()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("holiday_decision", *EID)

    with tenant_context(tetouan):
        tetouan_open.refresh_from_db()
        tetouan_closed.refresh_from_db()
        told = Notification.objects.get(kind="calendar.information_request.due_moved")
    with tenant_context(tanger):
        tanger_open.refresh_from_db()
        tanger_told = Notification.objects.get(kind="calendar.information_request.due_moved")
    # One batch for both members, with the days the decision changes.
    assert any({tetouan.schema_name, tanger.schema_name} <= set(names) for names, _ in workers_here)
    assert {days for _, days in workers_here} == {("2027-05-16", "2027-05-17", "2027-05-18")}
    assert tetouan_open.due_on == tetouan_open.initial_due_on == DUE_ANNOUNCED
    assert tanger_open.due_on == DUE_ANNOUNCED
    assert tetouan_closed.due_on == DUE_ESTIMATED  # answered: its record stays as it was
    # The requesters are told, each in their language, from their member's outbox.
    assert told.recipient_email == "salma@example.ma"
    assert tanger_told.recipient_email == "karim@example.ma"
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "9 يونيو 2027" in by_recipient["salma@example.ma"].body
    assert "8 يونيو 2027" in by_recipient["salma@example.ma"].body
    assert "9 juin 2027" in by_recipient["karim@example.ma"].body


def test_a_recount_that_moves_nothing_writes_and_sends_nothing(tetouan, in_member):
    with in_member(tetouan):
        request_filed(number=1, email="salma@example.ma")
        mail.outbox.clear()
        assert due_dates_recount(members=[tetouan])[tetouan.schema_name].moved == []
        assert not Notification.objects.filter(kind__startswith="calendar.").exists()


def test_an_extended_urgent_request_is_recounted_with_its_own_terms(tetouan, in_member):
    with in_member(tetouan):
        information_request = request_filed(number=1)
        InformationRequest.objects.filter(pk=information_request.pk).update(
            is_urgent=True,
            urgency_reason="صحة طفل",
            initial_due_on=date(2027, 5, 13),
            due_on=date(2027, 5, 19),
            state=State.EXTENDED,
        )
        connection.set_schema_to_public()
        HolidayDecision.objects.create(
            first_day=date(2027, 5, 17),
            days=2,
            name_ar="عيد الأضحى",
            name_fr="Aïd al-Adha",
            replaces=[date(2027, 5, 16), date(2027, 5, 17)],
        )
        calendar_forget()
    with in_member(tetouan):
        (moved,) = due_dates_recount(members=[tetouan])[tetouan.schema_name].moved
        information_request.refresh_from_db()
    # 3 working days from Mon 10: Thu 13; extended by 3 more: Fri 14, Tue 18, Wed 19 with the
    # estimate (Mon 17 off); Fri 14, Wed 19, Thu 20 once Tuesday 18 is off too.
    assert information_request.initial_due_on == date(2027, 5, 13)
    assert (moved.before, moved.after) == (date(2027, 5, 19), date(2027, 5, 20))


def test_a_members_recount_never_touches_another_members_rows(tetouan, tanger, in_member):
    """The recount of Tétouan, run in Tétouan's schema, leaves Tanger's requests alone, even
    ones whose date would move."""
    stale = date(2027, 6, 1)
    for member in (tetouan, tanger):
        with in_member(member):
            information_request = request_filed(number=1, email="a@example.ma")
            InformationRequest.objects.filter(pk=information_request.pk).update(
                initial_due_on=stale, due_on=stale
            )
    holiday_jobs.members_due_dates_recount([tetouan.schema_name])
    with in_member(tetouan):
        assert InformationRequest.objects.get().due_on == DUE_ESTIMATED
    with in_member(tanger):
        untouched = InformationRequest.objects.get()
        assert untouched.due_on == untouched.initial_due_on == stale
        assert not Notification.objects.exists()


def test_the_public_page_shows_how_the_deadline_was_counted(tetouan, client_for, in_member):
    with in_member(tetouan):
        information_request = request_filed(number=1)
    page = client_for(tetouan).get(f"/information-requests/{information_request.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "كيف تم احتساب أجل الجواب" in html
    assert "20 يوم عمل" in html
    assert "عيد الأضحى" in html and "تاريخ تقديري" in html

    connection.set_schema_to_public()
    call_command("holiday_decision", *EID)
    due_dates_recount(members=[tetouan])
    html = (
        client_for(tetouan).get(f"/information-requests/{information_request.pk}/").content.decode()
    )
    assert "تاريخ معلن" in html and "تاريخ تقديري" not in html
    assert '<time datetime="2027-05-18">' in html  # the second day off, skipped


# --- the batch: filter first, compare and set, in bulk ------------------------------------

EID_DAYS = [date(2027, 5, 16), date(2027, 5, 17), date(2027, 5, 18)]


def eid_recorded() -> None:
    connection.set_schema_to_public()
    HolidayDecision.objects.create(
        first_day=date(2027, 5, 17),
        days=2,
        name_ar="عيد الأضحى",
        name_fr="Aïd al-Adha",
        replaces=[date(2027, 5, 16), date(2027, 5, 17)],
    )
    calendar_forget()


def request_received_after_the_eid(*, number: int) -> InformationRequest:
    """Received on Tuesday 1 June 2027, with dates that are wrong (as if counted badly)."""
    information_request = request_filed(number=number, email="late@example.ma")
    InformationRequest.objects.filter(pk=information_request.pk).update(
        received_on=date(2027, 6, 1), initial_due_on=date(2027, 7, 30), due_on=date(2027, 7, 30)
    )
    return information_request


def test_only_the_requests_whose_window_holds_a_changed_day_are_counted_again(tetouan, in_member):
    with in_member(tetouan):
        before_the_eid = request_filed(number=1, email="salma@example.ma")
        after_the_eid = request_received_after_the_eid(number=2)
    eid_recorded()

    recount = due_dates_recount(members=[tetouan], days=EID_DAYS)[tetouan.schema_name]
    assert [m.request_id for m in recount.moved] == [before_the_eid.pk]
    with in_member(tetouan):
        after_the_eid.refresh_from_db()
        assert after_the_eid.due_on == date(2027, 7, 30)  # not read: no changed day in its window

    # Without the days (an operator's full recount), every open request is counted again.
    recount = due_dates_recount(members=[tetouan])[tetouan.schema_name]
    assert [(m.request_id, m.after) for m in recount.moved] == [
        (after_the_eid.pk, add_working_days(date(2027, 6, 1), 20))
    ]


def test_members_with_nothing_in_the_window_cost_one_shared_read(
    tetouan, tanger, in_member, django_assert_num_queries
):
    for member in (tetouan, tanger):
        with in_member(member):
            request_received_after_the_eid(number=1)
    eid_recorded()
    with django_assert_num_queries(1):  # one round trip asks both members
        recounts = due_dates_recount(members=[tetouan, tanger], days=EID_DAYS)
    assert all(r.moved == [] and r.told == 0 for r in recounts.values())
    with django_assert_num_queries(0):  # a decision that changes no day
        assert due_dates_recount(members=[tetouan, tanger], days=[])[tanger.schema_name].moved == []


def test_moved_dates_are_written_and_told_in_a_few_statements_for_the_whole_batch(
    tetouan, tanger, in_member
):
    for member in (tetouan, tanger):
        with in_member(member):
            for number in (1, 2, 3):
                request_filed(number=number, email=f"r{number}@example.ma")
    eid_recorded()
    calendar_current()  # read before, as the workers' task does
    site_urls = {tetouan.schema_name: "https://tetouan.example", tanger.schema_name: ""}
    with CaptureQueriesContext(connection) as queries:
        recounts = due_dates_recount(members=[tetouan, tanger], days=EID_DAYS, site_urls=site_urls)
    assert [len(recounts[m.schema_name].moved) for m in (tetouan, tanger)] == [3, 3]
    statements = [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    # Read, written, who to tell read, and recorded: four statements for the whole batch,
    # each a statement per member sent at once.
    assert [sql.split()[0] for sql in statements] == ["SELECT", "UPDATE", "SELECT", "INSERT"]
    assert all(tetouan.schema_name in sql and tanger.schema_name in sql for sql in statements)
    with in_member(tetouan):
        assert (
            "https://tetouan.example/information-requests/"
            in Notification.objects.filter(kind="calendar.information_request.due_moved")
            .first()
            .body
        )
    for member in (tetouan, tanger):
        with in_member(member):
            assert sorted(
                Notification.objects.filter(
                    kind="calendar.information_request.due_moved"
                ).values_list("recipient_email", flat=True)
            ) == ["r1@example.ma", "r2@example.ma", "r3@example.ma"]
            assert set(InformationRequest.objects.values_list("due_on", flat=True)) == {
                DUE_ANNOUNCED
            }


def test_a_request_changed_meanwhile_is_left_as_whoever_changed_it_left_it(
    tetouan, in_member, monkeypatch
):
    from tenants.reminders import calendar_hooks

    with in_member(tetouan):
        information_request = request_filed(number=1, email="salma@example.ma")
    eid_recorded()
    read = calendar_hooks.querysets_in_schemas

    def read_then_extended_by_staff(querysets, schema_names):
        found = read(querysets, schema_names)
        with in_member(tetouan):  # staff extend it, with the new calendar, before the write
            InformationRequest.objects.filter(pk=information_request.pk).update(
                initial_due_on=DUE_ANNOUNCED, due_on=date(2027, 7, 8), state=State.EXTENDED
            )
        return found

    monkeypatch.setattr(calendar_hooks, "querysets_in_schemas", read_then_extended_by_staff)
    recount = due_dates_recount(members=[tetouan], days=EID_DAYS)[tetouan.schema_name]
    assert recount.moved == [] and recount.told == 0
    with in_member(tetouan):
        information_request.refresh_from_db()
        assert information_request.due_on == date(2027, 7, 8)
        assert not Notification.objects.exists()


def test_an_open_complaint_is_recounted_and_an_answered_one_is_not(tetouan, in_member):
    from tenants.information_requests.models import Complaint, ComplaintOutcome

    with in_member(tetouan):
        complaints = [
            Complaint.objects.create(
                request=request_filed(number=number, state=State.ANSWERED),
                received_on=RECEIVED,
                due_on=date(2027, 6, 1),
                grievance="لم أتوصل بالجواب",
                outcome=outcome,
                decided_on=None if outcome == ComplaintOutcome.OPEN else date(2027, 5, 20),
            )
            for number, outcome in ((1, ComplaintOutcome.OPEN), (2, ComplaintOutcome.REJECTED))
        ]
    eid_recorded()
    recount = due_dates_recount(members=[tetouan], days=EID_DAYS)[tetouan.schema_name]
    assert recount.complaints == 1
    with in_member(tetouan):
        open_one, answered = (Complaint.objects.get(pk=c.pk) for c in complaints)
    # 15 working days from Monday 10 May: Tuesday 1 June with the estimate (Monday 17 off),
    # Wednesday 2 June once Tuesday 18 is off too.
    assert (open_one.due_on, answered.due_on) == (date(2027, 6, 2), date(2027, 6, 1))


def test_a_suspended_members_dates_move_and_its_people_are_not_written_to(tetouan, in_member):
    suspended = copy.copy(tetouan)
    suspended.suspended_at = timezone.now()
    with in_member(tetouan):
        information_request = request_filed(number=1, email="salma@example.ma")
    eid_recorded()
    recount = due_dates_recount(members=[suspended], days=EID_DAYS)[tetouan.schema_name]
    assert len(recount.moved) == 1 and recount.told == 0
    with in_member(tetouan):
        information_request.refresh_from_db()
        assert information_request.due_on == DUE_ANNOUNCED
        assert not Notification.objects.exists()


def test_an_email_already_recorded_for_a_date_is_not_recorded_again(tetouan, in_member):
    with in_member(tetouan):
        information_request = request_filed(number=1, email="salma@example.ma")
    eid_recorded()
    assert due_dates_recount(members=[tetouan], days=EID_DAYS)[tetouan.schema_name].told >= 1
    with in_member(tetouan):  # as if the first run's write had been lost, not its e-mails
        InformationRequest.objects.filter(pk=information_request.pk).update(
            initial_due_on=DUE_ESTIMATED, due_on=DUE_ESTIMATED
        )
    again = due_dates_recount(members=[tetouan], days=EID_DAYS)[tetouan.schema_name]
    assert len(again.moved) == 1 and again.told == 0
    with in_member(tetouan):
        assert (
            Notification.objects.filter(kind="calendar.information_request.due_moved").count() == 1
        )


def test_staff_are_told_by_the_reminders_rule_of_who_is_in_charge(tetouan, in_member):
    """The officer of each request read for the whole batch at once: the active account that
    took its latest staff step (two colleagues may share a name), else the focal points; as
    the reminders find them (one rule: tenants/reminders/officers.py)."""
    from django.contrib.auth.models import User

    from tenants.information_requests.models import RequestEvent, Step
    from tenants.reminders.selectors import information_request_officers
    from tenants.site.models import StaffMembership
    from tenants.site.staff import staff_actor

    with in_member(tetouan):
        StaffMembership.objects.all().delete()
        accounts = {}
        for username, first_name, role, active in (
            ("fp@tetouan.ma", "نادية", "focal_point", True),
            ("ed@tetouan.ma", "كريمة", "editor", True),
            ("ed2@tetouan.ma", "كريمة", "editor", True),  # the same name as ed
            ("gone@tetouan.ma", "سعيد", "editor", False),  # left the team
        ):
            accounts[username] = User.objects.create_user(
                username,
                email=username,
                first_name=first_name,
                last_name="العلوي",
                is_active=active,
            )
            StaffMembership.objects.create(role=role, user=accounts[username])
        named, left, unstarted = (request_filed(number=n) for n in (1, 2, 3))
        for information_request, username in (
            (named, "fp@tetouan.ma"),
            (named, "ed2@tetouan.ma"),
            (left, "gone@tetouan.ma"),
        ):
            RequestEvent.objects.create(
                request=information_request,
                step=Step.STARTED,
                state_before=State.RECEIVED,
                state_after=State.IN_PROGRESS,
                **staff_actor(accounts[username]).columns(),
            )
        expected = {
            pk: [r.email for r in recipients]
            for pk, recipients in information_request_officers([named, left, unstarted]).items()
        }
    assert expected == {
        named.pk: ["ed2@tetouan.ma"],
        left.pk: ["fp@tetouan.ma"],
        unstarted.pk: ["fp@tetouan.ma"],
    }
    eid_recorded()

    due_dates_recount(members=[tetouan], days=EID_DAYS)
    with in_member(tetouan):
        told = {
            n.recipient_email: n.body
            for n in Notification.objects.filter(
                kind="calendar.information_request.due_moved.staff"
            )
        }
    assert set(told) == {"ed2@tetouan.ma", "fp@tetouan.ma"}
    assert named.reference in told["ed2@tetouan.ma"]
    assert left.reference in told["fp@tetouan.ma"] and unstarted.reference in told["fp@tetouan.ma"]
    assert named.reference not in told["fp@tetouan.ma"]
    assert "9 يونيو 2027" in told["fp@tetouan.ma"]


# --- the console ------------------------------------------------------------------------------


@pytest.fixture
def directorate(network_client):
    return network_client("directorate")


def test_the_console_calendar_lists_the_year_and_records_a_decision(
    directorate, network_client, client_for
):
    page = directorate.get("/console/calendar/", {"year": 2027})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'lang="ar" dir="rtl"' in html and "الرزنامة الرسمية للعطل" in html
    assert 'value="2027-05-16"' in html  # an estimated date offered as one to replace
    assert (
        network_client("regional_focal_point", region_code="01")
        .get("/console/calendar/")
        .status_code
        == 403
    )
    assert client_for(None).get("/console/calendar/").status_code == 302

    response = directorate.post(
        "/console/calendar/",
        {
            "year": "2027",
            "first_day": "2027-05-17",
            "days": "2",
            "name_ar": "عيد الأضحى",
            "name_fr": "Aïd al-Adha",
            "replaces": ["2027-05-16", "2027-05-17"],
            "source": "https://www.habous.gov.ma/",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/console/calendar/?year=2027"
    html = response.content.decode()
    assert "تم تسجيل" in html
    decision = HolidayDecision.objects.get(first_day=date(2027, 5, 17))
    assert decision.recorded_by_name and decision.replaces == [date(2027, 5, 16), date(2027, 5, 17)]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name_ar": ""}, "name_ar"),
        ({"first_day": "17/05/2027"}, "first_day"),
        ({"days": "9"}, "days"),
        ({"replaces": ["2027-05-20"]}, "replaces"),  # not one of the offered estimated dates
    ],
)
def test_the_console_refuses_bad_input_with_a_400_and_records_nothing(directorate, changes, field):
    data = {
        "year": "2027",
        "first_day": "2027-05-17",
        "days": "2",
        "name_ar": "عيد الأضحى",
        "name_fr": "Aïd al-Adha",
        "replaces": ["2027-05-16"],
        **changes,
    }
    before = HolidayDecision.objects.count()
    response = directorate.post("/console/calendar/", data)
    assert response.status_code == 400
    assert f'href="#id_{field}"' in response.content.decode()
    assert HolidayDecision.objects.count() == before
