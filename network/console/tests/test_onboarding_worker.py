"""Onboarding from the console through a real Celery worker, watched on the progress page."""

import time

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from network.accounts.models import NetworkRole
from network.accounts.services import network_account_create
from network.aggregation.models import MemberSnapshot
from network.console.models import Onboarding
from network.members.models import Member
from tests.test_workers import spare_names, worker  # noqa: F401  (the real worker fixture)
from twofactor.testing import two_factor_signed_in

MARTIL = "01.573.01.03"


def test_onboarding_through_the_worker_shows_ready(worker, django_db_blocker):  # noqa: F811
    with django_db_blocker.unblock():
        user = network_account_create(email="onboarding@dgct.gov.ma", role="directorate")
        try:
            browser = Client(HTTP_HOST="localhost")
            two_factor_signed_in(browser, user)  # network accounts give a code too
            response = browser.post("/console/onboard/", {"hcp_code": MARTIL})
            assert response.status_code == 302
            progress_url = response["Location"]
            seen = []
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                response = browser.get(progress_url)
                if response.status_code == 302:  # ready: on to the member's page
                    seen.append("ready")
                    page = browser.get(response["Location"]).content.decode()
                    assert "/staff/" in page  # its workspace, where its focal point is invited
                    page += response["Location"]
                    break
                page = response.content.decode()
                state = page.split('data-state="', 1)[1].split('"', 1)[0]
                if not seen or seen[-1] != state:
                    seen.append(state)
                if state in ("ready", "failed"):
                    break
                assert 'http-equiv="refresh"' in page  # no script needed to follow it
                time.sleep(0.05)
            assert seen[-1] == "ready", seen
            assert set(seen) <= {"pending", "provisioning", "ready"}
            member = Member.objects.get(collectivity_id=MARTIL)
            assert member.is_ready and f"/console/members/{member.schema_name}/" in page
            # Its snapshot follows in moments (the worker writes it right after marking the
            # onboarding ready, which the page may show first): the dashboard's list shows it.
            snapshot_deadline = time.monotonic() + 10
            while not MemberSnapshot.objects.filter(member=member).exists():
                assert time.monotonic() < snapshot_deadline, "no snapshot 10 s after ready"
                time.sleep(0.05)
            # The new member's site answers on its host.
            assert Client(HTTP_HOST="martil.localhost").get("/").status_code == 200
        finally:
            Onboarding.objects.filter(collectivity_id=MARTIL).delete()
            member = Member.objects.filter(collectivity_id=MARTIL).first()
            with connection.cursor() as cursor:
                if member:
                    cursor.execute(f"DROP SCHEMA IF EXISTS {member.schema_name} CASCADE")
                for spare in spare_names():
                    cursor.execute(f'DROP SCHEMA "{spare}" CASCADE')
            if member:
                member.domains.all().delete()
                member.delete()
            # Not .delete(): the collector would look for DRF tokens, which live in members'
            # schemas only.
            NetworkRole.objects.filter(user=user).delete()
            TOTPDevice.objects.filter(user=user).delete()
            User.objects.filter(pk=user.pk)._raw_delete(connection.alias)
