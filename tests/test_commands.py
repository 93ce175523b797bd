"""The operators' commands, as an operator types them."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from network.members.models import Member
from tests.hcp import TETOUAN


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_provision_member_says_when_nothing_changed(tetouan):
    assert "nothing changed" in run("provision_member", TETOUAN)


def test_provision_member_refuses_an_unknown_code(network, db):
    with pytest.raises(CommandError, match="99.999"):
        run("provision_member", "99.999")


def test_provision_all_of_a_tier(network, db):
    output = run("provision_member", all=True, tier="region", processes=1)
    assert "12 provisioned, 0 already there, 0 failed" in output
    assert Member.objects.ready().filter(collectivity__tier="region").count() == 12
    assert "0 provisioned, 12 already there" in run(
        "provision_member", all=True, tier="region", processes=1
    )


def test_migrate_members_check_reports_nothing_pending(tetouan, tanger):
    assert "nothing to apply" in run("migrate_members", check=True)


def test_seed_demo_is_idempotent(network, db, settings):
    settings.DEBUG = True
    first = run("seed_demo")
    assert "Timezgana" in first and "provisioned" in first
    assert "provisioned" not in run("seed_demo").replace("already there", "")


def test_seed_demo_gives_snapshots_and_network_accounts_that_sign_in(
    network, db, settings, client_for
):
    from network.aggregation.models import MemberSnapshot
    from network.demo.management.commands.seed_demo import DEMO_PASSWORD

    settings.DEBUG = True
    run("seed_demo")
    assert MemberSnapshot.objects.count() == Member.objects.ready().count()
    portal = client_for(None)
    assert portal.login(username="tta@demo.infitah.ma", password=DEMO_PASSWORD)
    assert portal.get("/comparison/01/").status_code == 200
    assert portal.get("/comparison/03/").status_code == 403  # not their region


def test_seed_demo_creates_no_known_password_outside_development(network, db, settings):
    from django.contrib.auth.models import User

    settings.DEBUG = False
    assert "password" not in run("seed_demo")
    assert not User.objects.filter(username__endswith="@demo.infitah.ma").exists()


def test_invite_staff_gives_a_working_link(tetouan, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run("invite_staff", TETOUAN, "focal@tetouan.ma")
    link = output.split("Link: ")[1].strip()
    assert link.startswith("http://tetouan.localhost:8000/staff/set-password/")
    page = client_for(tetouan).get(link.split(":8000")[1], follow=True)
    assert b"new_password1" in page.content
