"""The directorate records the date the Ministry of Habous and Islamic Affairs announced for
Eid al-Adha 2027 in the console, on a phone, in Arabic: a mistake first (no Arabic name), then
the decision, which the year's calendar lists as announced in place of the estimate."""

from datetime import date

import pytest
from django.db import connection

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen, platform_served
from tests.journeys.conftest import DESKTOP, PHONE, async_unsafe_allowed, network_host
from tests.journeys.test_directorate_onboards_a_member import (
    network_account,
    sign_in_from_the_portal,
)

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

DIRECTORATE = "calendar.journey@dgct.gov.ma"
EID = date(2027, 5, 17)


def _remove_what_the_module_created() -> None:
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from citizens.models import HolidayDecision
    from citizens.working_days import calendar_forget
    from network.accounts.models import NetworkRole

    connection.set_schema_to_public()
    HolidayDecision.objects.filter(first_day=EID).delete()
    calendar_forget()
    users = User.objects.filter(username=DIRECTORATE)
    NetworkRole.objects.filter(user__in=users).delete()
    TOTPDevice.objects.filter(user__in=users).delete()
    Session.objects.all().delete()
    users._raw_delete(connection.alias)


@pytest.fixture(scope="module")
def network_site(network, django_db_blocker):
    with django_db_blocker.unblock():
        _remove_what_the_module_created()
        try:
            with platform_served() as port:
                yield network_host(port)
        finally:
            with async_unsafe_allowed():
                _remove_what_the_module_created()
                connection.close()


@pytest.mark.parametrize("viewport, name", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_the_directorate_records_eid_al_adha_and_sees_it_announced(
    network_site, browser_pages, viewport, name
):
    site = network_site
    site.run(_remove_what_the_module_created)
    network_account(site, email=DIRECTORATE, role="directorate")
    page = browser_pages(viewport=viewport)
    sign_in_from_the_portal(page, site, DIRECTORATE)
    expect(page).to_have_url(site.url("/console/"))

    page.get_by_role("link", name="الرزنامة الرسمية للعطل").click()
    page.get_by_role("link", name="2027").click()
    holidays = page.locator("#holidays")
    eid_row = holidays.get_by_role("row").filter(has_text="17 ماي")
    expect(eid_row).to_contain_text("تقديري")
    page.screenshot(path=ARTIFACTS / f"directorate-calendar-2027-{name}-ar.png", full_page=True)

    # The announcement: Eid al-Adha on Monday 17 May 2027, two days off, replacing the
    # estimated Sunday 16 and Monday 17. The Arabic name forgotten first.
    page.get_by_label("أول يوم عطلة").fill("2027-05-17")
    page.get_by_label("عدد أيام العطلة").fill("2")
    page.get_by_label("الاسم بالفرنسية").fill("Aïd al-Adha")
    page.get_by_label("16 ماي 2027", exact=False).check()
    page.get_by_label("17 ماي 2027", exact=False).check()
    page.get_by_label("مصدر الإعلان").fill("بلاغ وزارة الأوقاف والشؤون الإسلامية")
    page.get_by_role("button", name="تسجيل القرار").click()
    expect(page.get_by_role("alert")).to_contain_text("لم يتم تسجيل القرار")
    expect(page.get_by_role("alert")).to_contain_text("الاسم بالعربية")
    assert (
        site.run(
            lambda: (
                __import__("citizens.models", fromlist=["x"])
                .HolidayDecision.objects.filter(first_day=EID)
                .count()
            )
        )
        == 0
    )
    page.screenshot(path=ARTIFACTS / f"directorate-calendar-error-{name}-ar.png", full_page=True)

    page.get_by_label("الاسم بالعربية").fill("عيد الأضحى")
    page.get_by_label("16 ماي 2027", exact=False).check()
    page.get_by_label("17 ماي 2027", exact=False).check()
    page.get_by_role("button", name="تسجيل القرار").click()

    expect(page.get_by_role("status")).to_contain_text("تم تسجيل عيد الأضحى")
    expect(page).to_have_url(site.url("/console/calendar/?year=2027"))
    monday = holidays.get_by_role("row").filter(has_text="17 ماي")
    tuesday = holidays.get_by_role("row").filter(has_text="18 ماي")
    expect(monday).to_contain_text("معلن")
    expect(tuesday).to_contain_text("عيد الأضحى")
    expect(tuesday).to_contain_text("معلن")
    expect(holidays.get_by_role("row").filter(has_text="16 ماي")).to_have_count(0)
    decisions = page.locator("#decisions")
    expect(decisions).to_contain_text("عيد الأضحى")
    expect(decisions).to_contain_text("يوما عطلة")
    expect(decisions).to_contain_text(DIRECTORATE)
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / f"directorate-calendar-recorded-{name}-ar.png", full_page=True)
