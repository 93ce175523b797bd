"""People in the audit trail (kernel.actors): every history and log row keeps the account that
acted and the name shown then; old rows keep their names through the migration; an account id
means something only in its own schema; no public page shows a member of staff's e-mail."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory

from kernel.actors import Actor
from network.accounts.actor import network_actor_of
from network.publications.models import NewsItem, TemplateCopy
from network.publications.services import commitment_template_copy_for_member, publication_create
from network.publications.tests.factories import directorate_account, template_factory
from tenants.consultations.models import ModerationEvent, Response
from tenants.consultations.services import comment_hide, comment_restore, response_save
from tenants.consultations.tests.factories import comment_on, consultation_in
from tenants.documents.models import Document
from tenants.documents.services import document_create, document_update
from tenants.ideas.models import Answer, Event
from tenants.ideas.services import idea_answer
from tenants.ideas.tests.factories import cocreated_programme, idea_on
from tenants.information_requests.models import RequestEvent
from tenants.information_requests.services import (
    information_request_answer,
    information_request_start,
)
from tenants.information_requests.tests.factories import filed
from tenants.notifications.models import Newsletter
from tenants.notifications.newsletter_services import newsletter_create
from tenants.petitions.models import PetitionStep
from tenants.petitions.services import petition_transition
from tenants.petitions.tests.factories import petition, sign
from tenants.programme.models import ProgressUpdate
from tenants.programme.services import commitment_update_progress
from tenants.programme.tests.factories import commitment_factory, programme_factory
from tenants.site.models import AssistanceVisit, StaffMembership
from tenants.site.roles import person_name
from tenants.site.services import staff_invite
from tenants.site.staff import actor, staff_actor

NAMELESS = "nameless.officer@tetouan.ma"
# Each member app's migration that added the account columns (and the one before it).
ACCOUNT_MIGRATIONS = {
    "programme": "0006_acting_accounts",
    "information_requests": "0003_acting_accounts",
    "consultations": "0002_acting_accounts",
    "ideas": "0002_acting_accounts",
    "petitions": "0003_acting_accounts",
    "documents": "0003_acting_accounts",
    "notifications": "0004_acting_accounts",
    "site": "0006_acting_accounts",
}


def staff_account(username: str, role: str = "editor", **names) -> User:
    user = User.objects.create_user(username, email=username, is_staff=True, **names)
    StaffMembership.objects.create(user=user, role=role)
    return user


def every_kind_of_history(by: Actor) -> dict:
    """A row of every member table that keeps an author, written by `by` through the
    services; {model: the row's pk}."""
    commitment = commitment_factory(programme_factory())
    commitment_update_progress(commitment=commitment, by=by, completion="limited", note="تقدم")
    information_request = information_request_start(information_request=filed(), by=by)
    information_request_answer(information_request=information_request, by=by, answer_text="ج")
    comment = comment_on(consultation_in())
    response_save(comment=comment, kind=Response.Kind.ACCEPTED, by=by, reasoning_ar="سيؤخذ به")
    comment_hide(comment=comment, by=by, reason="معطيات شخصية")
    comment_restore(comment=comment, by=by, reason="صححها صاحبها")
    idea = idea_on(cocreated_programme(period_start=2027, period_end=2029))
    idea_answer(idea=idea, answer=Answer.UNDER_STUDY, by=by, reasons_ar="قيد الدراسة")
    target = petition(threshold=1)
    sign(target, 1)
    petition_transition(petition=target, to="submitted", by=by, happened_on=date.today())
    document = document_create(
        by=by, category="budget_accounts", title_ar="الميزانية", link="https://a.ma"
    )
    document_update(document=document, by=by, title_ar="الميزانية 2026")
    newsletter = newsletter_create(by=by, subject_ar="أخبار", body_ar="نص")
    invited = staff_invite(
        email="invited@tetouan.ma", role="editor", invited_by=by, site_url="http://t.localhost"
    )
    return {
        "commitment": commitment.pk,
        "request": information_request.pk,
        "consultation": comment.consultation_id,
        "idea": idea.pk,
        "petition": target.pk,
        ProgressUpdate: ProgressUpdate.objects.filter(commitment=commitment).latest("pk").pk,
        RequestEvent: RequestEvent.objects.filter(request=information_request).latest("pk").pk,
        Response: comment.response.pk,
        ModerationEvent: ModerationEvent.objects.filter(comment=comment).latest("pk").pk,
        Event: Event.objects.filter(idea=idea).latest("pk").pk,
        PetitionStep: PetitionStep.objects.filter(petition=target).latest("pk").pk,
        Document: document.pk,
        Newsletter: newsletter.pk,
        StaffMembership: invited.pk,
    }


# The author columns of each model, and the field holding the name shown.
AUTHOR_FIELDS = {
    ProgressUpdate: ["by"],
    RequestEvent: ["by"],
    Response: ["by"],
    ModerationEvent: ["by"],
    Event: ["by"],
    PetitionStep: ["by"],
    Document: ["created_by", "updated_by"],
    Newsletter: ["created_by"],
    StaffMembership: ["invited_by"],
}


def authors(rows: dict) -> dict:
    """{(model name, field): (name, account id, network account id)} of the rows."""
    found = {}
    for model, fields in AUTHOR_FIELDS.items():
        row = model.objects.get(pk=rows[model])
        for field in fields:
            found[(model.__name__, field)] = (
                getattr(row, field),
                getattr(row, f"{field}_account_id"),
                getattr(row, f"{field}_network_account_id"),
            )
    return found


def test_every_history_row_keeps_the_account_and_the_name_shown(tetouan, in_member):
    with in_member(tetouan):
        karim = staff_account("karim@tetouan.ma", first_name="كريم", last_name="العلوي")
        rows = every_kind_of_history(staff_actor(karim, network_account_id=None))
        assert set(authors(rows).values()) == {("كريم العلوي", karim.pk, None)}


def test_an_erased_account_leaves_its_name_on_the_rows(tetouan, in_member):
    with in_member(tetouan):
        karim = staff_account("karim@tetouan.ma", first_name="كريم", last_name="العلوي")
        rows = every_kind_of_history(staff_actor(karim))
        karim.delete()
        assert set(authors(rows).values()) == {("كريم العلوي", None, None)}


def test_the_migration_keeps_each_rows_name_and_leaves_the_account_empty(tetouan, in_member):
    """Rows written before the account columns existed: migrated back past them and forward
    again, every row keeps its name, and no account is guessed for it."""
    with in_member(tetouan):
        karim = staff_account("karim@tetouan.ma", first_name="كريم", last_name="العلوي")
        rows = every_kind_of_history(staff_actor(karim))
        # Fire the deferred foreign-key checks now: PostgreSQL alters no table with some pending.
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
        executor = MigrationExecutor(connection)
        graph = executor.loader.graph
        before = [
            parent
            for app, name in ACCOUNT_MIGRATIONS.items()
            for parent in graph.node_map[(app, name)].parents
            if parent.key[0] == app
        ]
        executor.migrate([parent.key for parent in before])
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                connection.cursor(), ProgressUpdate._meta.db_table
            )
        }
        assert "by" in columns and "by_account_id" not in columns  # really migrated back
        executor.loader.build_graph()
        leaves = executor.loader.graph.leaf_nodes()
        executor.migrate([key for key in leaves if key[0] in ACCOUNT_MIGRATIONS])
        assert set(authors(rows).values()) == {("كريم العلوي", None, None)}


def test_the_officer_is_the_account_not_a_namesake_across_members(tetouan, tanger, in_member):
    """Account ids repeat across schemas: the foreign key is to the user table of the row's own
    schema, so an id written at Tétouan names a Tétouan account, never Tanger's account with
    the same id."""
    with in_member(tetouan):
        karim = staff_account("karim@tetouan.ma", first_name="كريم")
        commitment = commitment_factory(programme_factory())
        commitment_update_progress(
            commitment=commitment, by=staff_actor(karim), completion="limited", note="تقدم"
        )
    with in_member(tanger):
        User.objects.filter(pk=karim.pk).delete()
        salma = User.objects.create_user("salma@tanger.ma", email="salma@tanger.ma", pk=karim.pk)
        assert salma.pk == karim.pk
        assert not ProgressUpdate.objects.filter(by_account_id=karim.pk).exists()
    with in_member(tetouan):
        update = ProgressUpdate.objects.select_related("by_account").latest("pk")
        assert update.by_account.email == "karim@tetouan.ma"
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT own.nspname, target_ns.nspname
            FROM pg_constraint c
            JOIN pg_class source ON source.oid = c.conrelid
            JOIN pg_namespace own ON own.oid = source.relnamespace
            JOIN pg_class target ON target.oid = c.confrelid
            JOIN pg_namespace target_ns ON target_ns.oid = target.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'f' AND target.relname = 'auth_user'
              AND a.attname LIKE '%%by_account_id' AND own.nspname IN (%s, %s)
            """,
            [tetouan.schema_name, tanger.schema_name],
        )
        references = cursor.fetchall()
    author_columns = [
        field
        for model in apps.get_models()
        if model._meta.app_label in ACCOUNT_MIGRATIONS
        for field in model._meta.fields
        if field.name.endswith("by_account")
    ]
    assert len(references) == 2 * len(author_columns)
    assert all(own == target for own, target in references)


def test_a_network_account_is_kept_by_value_in_a_members_rows(tetouan, in_member, programmes):
    directorate = directorate_account()
    template = template_factory()
    commitment_id = commitment_template_copy_for_member(
        member=tetouan, template=template, by=network_actor_of(directorate)
    )
    with in_member(tetouan):
        created = ProgressUpdate.objects.get(commitment_id=commitment_id, field="created")
        assert (created.by, created.by_account_id, created.by_network_account_id) == (
            "مسؤول بالمديرية",
            None,
            directorate.pk,
        )
    copy = TemplateCopy.objects.get(commitment_id=commitment_id)
    assert (copy.by_account_id, copy.by_member_account_id) == (directorate.pk, None)


@pytest.fixture
def programmes(tetouan, in_member):
    with in_member(tetouan):
        return commitment_factory(programme_factory()).programme


def test_the_directorate_assisting_is_kept_beside_the_assistance_account(
    tetouan, in_member, network_client, client_for
):
    """Through assistance the member's assistance account acts (a foreign key in the member's
    schema), and the network account that opened it is kept by value."""
    directorate = network_client("directorate")
    opened = directorate.post(f"/console/members/{tetouan.schema_name}/assist/")
    browser = client_for(tetouan)
    redeemed = browser.get("/admin/assist/" + opened["Location"].split("/admin/assist/")[1])
    assert redeemed.status_code == 302
    with in_member(tetouan):
        assistance = StaffMembership.objects.select_related("user").get(role="network_assistance")
        assert (assistance.invited_by_account_id, assistance.invited_by_network_account_id) == (
            None,
            directorate.user.pk,
        )
        visit = AssistanceVisit.objects.get()
        assert (visit.account_id, visit.network_account_id) == (
            assistance.user_id,
            directorate.user.pk,
        )
        request = RequestFactory().post("/admin/")
        request.user, request.session = assistance.user, browser.session
        assert actor(request) == Actor(
            name=person_name(assistance.user),
            account_id=assistance.user.pk,
            network_account_id=directorate.user.pk,
        )
        # An ordinary session of the same account carries no network account.
        request.session = {}
        assert actor(request).network_account_id is None


def test_no_public_history_shows_the_e_mail_of_a_nameless_member_of_staff(
    tetouan, in_member, client_for
):
    """A member of staff who set no name is shown by their role, on every public page that
    holds a history, in every language, and in the public API."""
    with in_member(tetouan):
        nameless = staff_account(NAMELESS)
        assert person_name(nameless) == "محرر"
        rows = every_kind_of_history(staff_actor(nameless))
    browser = client_for(tetouan)
    pages = [
        f"/programme/commitments/{rows['commitment']}/",
        f"/information-requests/{rows['request']}/",
        f"/consultations/{rows['consultation']}/",
        f"/ideas/{rows['idea']}/",
        f"/petitions/{rows['petition']}/",
        "/documents/",
        "/api/progress-updates/",
    ]
    for language in ("ar", "fr"):
        browser.get(f"/lang/{language}/")
        for path in pages:
            response = browser.get(path)
            assert response.status_code == 200, path
            text = response.content.decode()
            assert "@tetouan.ma" not in text and "nameless" not in text, (language, path)
    browser.get("/lang/ar/")
    commitment_page = browser.get(f"/programme/commitments/{rows['commitment']}/")
    assert "<bdi>محرر</bdi>" in commitment_page.content.decode()  # the history, by role


def test_no_portal_page_shows_the_e_mail_of_a_nameless_directorate_account(
    tetouan, in_member, client_for, programmes
):
    nameless = directorate_account("nameless.director@dgct.example.ma")
    news = publication_create(
        model=NewsItem,
        by=network_actor_of(nameless),
        title_ar="خبر الشبكة",
        summary_ar="ملخص",
        body_ar="نص",
        state="published",
    )
    assert (news.updated_by, news.updated_by_account_id) == ("مسؤول بالمديرية", nameless.pk)
    template = template_factory()
    commitment_id = commitment_template_copy_for_member(
        member=tetouan, template=template, by=network_actor_of(nameless)
    )
    portal = client_for(None)
    for path in ("/news/", f"/news/{news.pk}/", f"/commitment-templates/{template.pk}/"):
        response = portal.get(path)
        assert response.status_code == 200, path
        assert "nameless" not in response.content.decode(), path
    member_page = client_for(tetouan).get(f"/programme/commitments/{commitment_id}/")
    assert "nameless" not in member_page.content.decode()
    assert "مسؤول بالمديرية" in member_page.content.decode()


def test_the_console_logs_keep_the_directorate_account_and_old_rows_find_theirs(
    network, tetouan, network_client
):
    """The network's own logs (suspensions, invitations) live in the public schema with the
    accounts: a foreign key. Rows written before it find their account by the address kept."""
    import importlib

    from django.apps import apps as django_apps

    from network.console.models import MemberStatusChange, StaffInvitationSent

    directorate = network_client("directorate")
    old_change = MemberStatusChange.objects.create(
        member=tetouan, action="suspend", reason="قديم", by_email=directorate.user.email
    )
    old_invitation = StaffInvitationSent.objects.create(
        member=tetouan, email="amina@tetouan.ma", role="focal_point", by_email="gone@dgct.gov.ma"
    )
    migration = importlib.import_module("network.console.migrations.0003_acting_accounts")
    migration.accounts_from_addresses(django_apps, None)
    old_change.refresh_from_db()
    old_invitation.refresh_from_db()
    assert old_change.by_account == directorate.user
    assert old_invitation.by_account is None  # no account with that address: the address stays
    assert old_invitation.by_email == "gone@dgct.gov.ma"


def test_a_network_account_is_named_by_its_role_never_its_address(network, network_client):
    """(A member's tests may not import the network: this one lives here.)"""
    from network.accounts.actor import network_actor_of

    client = network_client("directorate")
    actor = network_actor_of(client.user)
    assert actor.name and "@" not in actor.name
    assert actor.network_account_id == client.user.pk and actor.account_id is None
