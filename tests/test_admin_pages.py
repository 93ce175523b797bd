"""Every page of every back office works: for each model admin registered on the members'
admin site (on Tétouan's host, as its focal point) and on the network's admin site (on the
network's host, as a directorate account), the changelist, the add page, the change page of a
real object, and the change form submitted unchanged, as a browser would send it.

The admins are read from the registries, so a new admin is walked the day it is registered;
its objects come from the demo seeds (and, for logs no seed writes, from the services that
write them). A model admin with no object to open fails the test: give it one.
"""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.db import connection
from django.utils import timezone

from network.admin_site import network_admin_site
from kernel.actors import Actor

MEMBER_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
NETWORK_ADMINS = sorted(network_admin_site._registry.items(), key=lambda item: item[0]._meta.label)


def _ids(items):
    return [model._meta.label for model, _model_admin in items]


class FormFields(HTMLParser):
    """The fields a browser would submit from the change form (`<form id="…_form">`):
    its inputs, ticked boxes, selected options and text areas, files left empty."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, []
        self._select, self._select_multiple, self._textarea, self._options = None, False, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            elif kind not in ("file", "submit", "button", "image", "reset"):
                self.data.append((name, attrs.get("value") or ""))
        elif tag == "select" and name and "disabled" not in attrs:
            self._select, self._select_multiple, self._options = name, "multiple" in attrs, []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name and "disabled" not in attrs:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not self._select_multiple and self._options:
                chosen = [self._options[0][0]]  # what a browser sends with nothing marked
            self.data.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea:
            # The browser drops the one newline after <textarea>; the parser already has.
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_data(html: str, form_id: str) -> dict[str, list[str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    return data


def walk(client, model_admin, obj, prefix: str) -> None:
    """Open the changelist, the add page, the change page; submit the change form unchanged."""
    opts = model_admin.model._meta
    base = f"{prefix}{opts.app_label}/{opts.model_name}/"
    changelist = client.get(base)
    # A model admin with a single object may send its list to that object's page.
    assert changelist.status_code in (200, 302), f"{base}: {changelist.status_code}"
    if changelist.status_code == 200:
        assert obj.pk is not None
        assert "errornote" not in changelist.content.decode()

    add = client.get(f"{base}add/")
    listing = changelist.content.decode() if changelist.status_code == 200 else ""
    tools = (
        listing[listing.find('class="object-tools"') :][:600] if "object-tools" in listing else ""
    )
    offered = 'class="addlink"' in tools
    # The add page opens wherever the list offers it, and is refused (not broken) elsewhere.
    assert add.status_code == (200 if offered else add.status_code), (
        f"{base}add/: {add.status_code}"
    )
    assert add.status_code in (200, 302, 403), f"{base}add/: {add.status_code}"

    change_url = f"{base}{obj.pk}/change/"
    change = client.get(change_url)
    assert change.status_code == 200, f"{change_url}: {change.status_code}"
    html = change.content.decode()
    data = form_data(html, f"{opts.model_name}_form")
    if not data:  # read-only: nothing to submit
        return
    data["_save"] = ["Save"]
    saved = client.post(change_url, data)
    body = saved.content.decode() if saved.status_code != 302 else ""
    problems = saved.context and saved.context.get("errors") if saved.status_code == 200 else None
    assert saved.status_code in (302, 403), (
        f"{change_url} unchanged: {saved.status_code} {problems or ''}"
        f" {body[body.find('errornote') :][:800] if 'errornote' in body else ''}"
    )
    if saved.status_code == 302:
        assert "/change/" not in saved["Location"] or saved["Location"] != change_url


# --- members' back office --------------------------------------------------------------------


def _member_seeds(member) -> None:
    """The demo content (tenants/*/seeds.py), and the logs no seed writes, by their services."""
    from network.demo.services import DEMO_MEMBERS, _site_content_seed_for_member

    _site_content_seed_for_member(member=member, branding=DEMO_MEMBERS[member.collectivity_id])


def _member_logs(member, user) -> None:
    from tenants.consultations.models import Comment
    from tenants.consultations.services import comment_hide
    from tenants.notifications.models import Notification, Subscriber
    from tenants.site.models import AssistanceVisit
    from tenants.site.personal_data import identity_read_record

    comment = Comment.objects.filter(status=Comment.Status.PUBLISHED).first()
    if comment and not comment.moderation_events.exists():
        comment_hide(comment=comment, by=Actor(name="مشرف"), reason="تعليق خارج الموضوع")
    identity_read_record(user=user, subject="سجل الطلبات", fields=["id_number"])
    if not AssistanceVisit.objects.exists():
        AssistanceVisit.objects.create(
            network_email="aide@dgct.gov.ma",
            ip_address="127.0.0.1",
            user_agent="test",
            account=user,
        )
    if not Subscriber.objects.exists():
        Subscriber.objects.create(email="citoyen@example.ma", language="ar")
    from rest_framework.authtoken.models import Token

    Token.objects.get_or_create(user=user)
    from tenants.notifications.models import Newsletter
    from tenants.notifications.newsletter_services import newsletter_create

    if not Newsletter.objects.exists():
        newsletter_create(by=Actor(name="أمينة"), subject_ar="نشرة", body_ar="نص النشرة.")
    if not Notification.objects.exists():
        Notification.objects.create(
            key="admin-walk",
            recipient_email="citoyen@example.ma",
            language="ar",
            kind="test",
            from_email="site@example.ma",
            template="test",
            subject="تحديث",
            body="…",
            next_attempt_at=timezone.now(),
        )


@pytest.fixture
def member_back_office(tetouan, in_member, staff_client, media_root):
    from django.contrib.auth.models import User

    client = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        _member_seeds(tetouan)
        _member_logs(tetouan, User.objects.get(username="focal_point@example.ma"))
    return client


@pytest.mark.parametrize(("model", "model_admin"), MEMBER_ADMINS, ids=_ids(MEMBER_ADMINS))
def test_every_member_admin_page_works(model, model_admin, tetouan, in_member, member_back_office):
    with in_member(tetouan):
        obj = model_admin.get_queryset(_request_for(member_back_office)).order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} to open: give it a seed or a log"
    walk(member_back_office, model_admin, obj, "/admin/")


def _request_for(client):
    """A request object good enough for get_queryset (annotations only)."""
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = getattr(client, "user", None) or _anonymous()
    return request


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


# --- the network's back office ---------------------------------------------------------------


@pytest.fixture
def network_back_office(network, network_client, media_root):
    from django.contrib.auth.models import Group

    from network.aggregation.services import snapshot_refresh_for_member
    from network.console.models import AssistanceGrant, MemberStatusChange, Onboarding
    from network.publications.seeds import seed_publications

    connection.set_schema_to_public()
    seed_publications()
    snapshot_refresh_for_member(member=network["tetouan"])
    connection.set_schema_to_public()
    Group.objects.get_or_create(name="مديرية الجماعات الترابية")
    client = network_client("directorate")
    tetouan = network["tetouan"]
    if not AssistanceGrant.objects.exists():
        AssistanceGrant.objects.create(
            token_id="admin-walk",
            email=client.user.email,
            member=tetouan,
            ip_address="127.0.0.1",
            expires_at=timezone.now(),
        )
    if not MemberStatusChange.objects.exists():
        MemberStatusChange.objects.create(
            member=tetouan, action="suspend", by_email=client.user.email, reason="اختبار"
        )
    if not Onboarding.objects.exists():
        Onboarding.objects.create(
            collectivity=tetouan.collectivity, requested_by=client.user, finished_at=timezone.now()
        )
    return client


@pytest.mark.parametrize(("model", "model_admin"), NETWORK_ADMINS, ids=_ids(NETWORK_ADMINS))
def test_every_network_admin_page_works(model, model_admin, network_back_office):
    connection.set_schema_to_public()
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} to open: give it a seed or a log"
    walk(network_back_office, model_admin, obj, "/admin/")


# --- the commitment's page: the 500s of issue 11 ---------------------------------------------


def _milestone_rows(data: dict, rows: list[dict], *, initial: int = 0) -> dict:
    """The milestone inline's management form and rows added to a form's data."""
    data = {key: value for key, value in data.items() if not key.startswith("milestones-")}
    data.update(
        {
            "milestones-TOTAL_FORMS": [str(len(rows))],
            "milestones-INITIAL_FORMS": [str(initial)],
            "milestones-MIN_NUM_FORMS": ["0"],
            "milestones-MAX_NUM_FORMS": ["1000"],
        }
    )
    for index, row in enumerate(rows):
        data.update({f"milestones-{index}-{name}": [value] for name, value in row.items()})
    return data


@pytest.fixture
def commitments_back_office(tetouan, in_member, staff_client, media_root):
    from django.contrib.auth.models import User

    from tenants.programme.tests.factories import commitment_factory, programme_factory

    client = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        User.objects.filter(username="focal_point@example.ma").update(
            first_name="أمينة", last_name="العلوي"
        )
        programme = programme_factory()
        commitment_factory(programme, 1)
    return client


@pytest.mark.parametrize("with_milestone", [False, True])
def test_a_commitment_is_added_with_or_without_a_milestone(
    tetouan, in_member, commitments_back_office, with_milestone
):
    from tenants.programme.models import Commitment, ProgressUpdate

    client = commitments_back_office
    data = form_data(
        client.get("/admin/programme/commitment/add/").content.decode(), "commitment_form"
    )
    with in_member(tetouan):  # the current programme is proposed
        assert data["programme"] == [str(Commitment.objects.get(number=1).programme_id)]
    data.update(
        {
            "number": ["2"],
            "title_ar": ["نشر محاضر الدورات"],
            "principles": ["transparency_integrity"],
            "completion": ["not_started"],
            "start_date": ["2025-01-01"],
            "end_date": ["2026-06-30"],
            "_save": ["Save"],
        }
    )
    rows = [{"title_ar": "نشر محاضر 2025", "due_on": "2025-12-31"}] if with_milestone else []
    response = client.post("/admin/programme/commitment/add/", _milestone_rows(data, rows))
    assert response.status_code == 302, _errors(response)
    with in_member(tetouan):
        added = Commitment.objects.get(number=2)
        assert [m.title_ar for m in added.milestones.all()] == [r["title_ar"] for r in rows]
        created = ProgressUpdate.objects.filter(commitment=added, field=ProgressUpdate.CREATED)
        assert created.count() == 1 + len(rows)
        assert {update.by for update in created} == {"أمينة العلوي"}


def test_a_commitment_and_its_milestones_are_edited_and_deleted_through_the_services(
    tetouan, in_member, commitments_back_office
):
    from tenants.programme.models import Commitment, ProgressUpdate
    from tenants.programme.services import milestone_create

    client = commitments_back_office
    with in_member(tetouan):
        commitment = Commitment.objects.get(number=1)
        kept = milestone_create(
            commitment=commitment,
            by=Actor(name="test"),
            due_on=timezone.localdate(),
            title_ar="أولى",
        )
        dropped = milestone_create(
            commitment=commitment,
            by=Actor(name="test"),
            due_on=timezone.localdate(),
            title_ar="ثانية",
        )
    url = f"/admin/programme/commitment/{commitment.pk}/change/"
    data = form_data(client.get(url).content.decode(), "commitment_form")
    assert data["milestones-INITIAL_FORMS"] == ["2"]
    data.update(
        {
            "title_ar": ["نشر الميزانية بصيغة مفتوحة"],
            "milestones-0-title_ar": ["الأولى"],
            "milestones-1-DELETE": ["on"],
            "_save": ["Save"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    with in_member(tetouan):
        commitment.refresh_from_db()
        kept.refresh_from_db()
        assert commitment.title_ar == "نشر الميزانية بصيغة مفتوحة"
        assert list(commitment.milestones.all()) == [kept] and kept.title_ar == "الأولى"
        history = {
            (u.model, u.field, u.by)
            for u in ProgressUpdate.objects.filter(commitment=commitment).exclude(by="test")
        }
        assert history == {
            ("commitment", "title_ar", "أمينة العلوي"),
            ("milestone", "title_ar", "أمينة العلوي"),
            ("milestone", "deleted", "أمينة العلوي"),
        }
        assert not commitment.milestones.filter(pk=dropped.pk).exists()
        # The admin's own log says what changed, as `formset.save()` would have let it.
        from django.contrib.admin.models import LogEntry

        message = LogEntry.objects.latest("pk").get_change_message()
        assert "الأولى" in message or "milestone" in message.lower() or "مرحلة" in message


def test_a_commitment_copied_from_a_template_is_adapted(
    tetouan, in_member, commitments_back_office, monkeypatch
):
    import commitment_templates
    from tenants.programme.models import Commitment

    template = {
        "id": 7,
        "version": 3,
        "title_ar": "مكتبة عمومية للوثائق",
        "title_fr": "Une bibliothèque publique",
        "problem_ar": "الوثائق موزعة",
        "problem_fr": "",
        "action_ar": "إحداث مكتبة",
        "action_fr": "",
        "solution_ar": "نشر استباقي",
        "solution_fr": "",
        "principles": ["access_to_information"],
    }
    monkeypatch.setattr(commitment_templates, "get", lambda template_id: template)
    client = commitments_back_office
    copied = client.post("/admin/programme/commitment/from-template/", {"template": "7"})
    assert copied.status_code == 302
    url = copied["Location"]
    data = form_data(client.get(url).content.decode(), "commitment_form")
    data = _milestone_rows(data, [{"title_ar": "إحداث المكتبة", "due_on": "2026-03-31"}])
    data.update({"title_ar": ["مكتبة تطوان للوثائق"], "_save": ["Save"]})
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    with in_member(tetouan):
        adapted = Commitment.objects.get(source_template_id=7)
        assert adapted.title_ar == "مكتبة تطوان للوثائق"
        assert [m.title_ar for m in adapted.milestones.all()] == ["إحداث المكتبة"]


def _errors(response) -> str:
    """The error list of a re-rendered admin form, to say why it was refused."""
    context = response.context or {}
    errors = [str(context.get("errors", ""))]
    for formset in context.get("inline_admin_formsets", []):
        errors.append(
            f"{formset.formset.prefix}: {formset.formset.errors} "
            f"{formset.formset.non_form_errors()}"
        )
    return f"{response.status_code} " + " ".join(errors)
