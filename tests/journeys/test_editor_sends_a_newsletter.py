"""An editor, on a phone, in Arabic, writes a newsletter to the site's subscribers, previews it
as the e-mail will look in both languages, sends it after the confirmation (a double tap sends
nothing twice) and sees how many it reached; a real worker records the e-mails (the result page
follows it by itself) and the subscribers' e-mails arrive at a real SMTP server, each in its
reader's language with its own unsubscribe link."""

import time

import pytest

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen
from tests.journeys.conftest import DESKTOP
from tests.smtp_sink import SmtpSink
from tests.worker_process import worker_start, worker_stop

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

SUBJECT = "دعوة إلى لقاء تواصلي حول ميزانية 2027"
BODY = (
    "ندعوكم إلى لقاء تواصلي يوم السبت 14 نونبر 2026 على الساعة العاشرة صباحًا بقاعة "
    "الاجتماعات بمقر الجماعة.\n\nجدول الأعمال: تقديم مشروع الميزانية والاستماع إلى "
    "اقتراحاتكم."
)


@pytest.fixture
def sink(settings):
    """The server's mail goes to a local SMTP server (the outbox sends inline in tests)."""
    with SmtpSink() as running:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", running.port
        yield running


@pytest.fixture
def worker(sink, settings):
    """A real worker on the notifications queue: it records the newsletter's e-mails in
    batches and sends them, to the sink."""
    process = worker_start(
        queues="notifications",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
    )
    settings.NOTIFICATIONS_DELIVERY = "worker"
    yield process
    worker_stop(process)


@pytest.fixture
def subscribers(journey_member):
    from django.utils import timezone

    from tenants.notifications.models import (
        Delivery,
        Newsletter,
        Notification,
        Subscriber,
        Subscription,
    )

    def empty():
        Notification.objects.update(grouped_into=None)
        Notification.objects.all().delete()
        Newsletter.objects.all().delete()
        Subscriber.objects.all().delete()

    def create():
        empty()
        for email, language, delivery, topic in (
            ("amal@example.ma", "ar", Delivery.IMMEDIATE, "documents"),
            ("luc@example.ma", "fr", Delivery.IMMEDIATE, "meetings"),
            ("weekly@example.ma", "ar", Delivery.WEEKLY, "documents"),
        ):
            subscriber = Subscriber.objects.create(
                email=email, language=language, delivery=delivery, verified_at=timezone.now()
            )
            Subscription.objects.create(subscriber=subscriber, topic=topic)

    journey_member.run(create)
    yield
    journey_member.run(empty)


def test_an_editor_sends_a_newsletter_in_arabic(
    journey_member, subscribers, sink, worker, staff_page, citizen_page
):
    page = staff_page("editor")
    page.get_by_role("link", name="النشرات الإخبارية").click()
    page.get_by_role("link", name="كتابة نشرة إخبارية").click()

    page.get_by_role("button", name="حفظ ومعاينة").click()  # empty: told what is missing
    expect(page.get_by_role("alert")).to_contain_text("اكتبوا النشرة بالعربية أو بالفرنسية")

    page.get_by_label("الموضوع (بالعربية)").fill(SUBJECT)
    page.get_by_label("الرسالة (بالعربية)").fill(BODY)
    page.get_by_role("button", name="حفظ ومعاينة").click()
    expect(page.get_by_role("status")).to_contain_text("حُفظت المسودة")
    arabic = page.locator(".newsletter-preview").first
    expect(arabic).to_contain_text(SUBJECT)
    expect(arabic).to_contain_text("جدول الأعمال")
    expect(arabic).to_contain_text("إلغاء الاشتراك بنقرة واحدة")
    expect(page.locator(".newsletter-preview").nth(1)).to_contain_text(
        "لا توجد نسخة فرنسية: يتوصلون بالنسخة العربية."
    )
    expect(page.get_by_text("ستصل اليوم إلى 3 مشتركين")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-newsletter-preview-ar.png", full_page=True)

    page.get_by_role("link", name="إرسال النشرة").click()
    expect(page.locator(".newsletter-audience")).to_contain_text("3 مشتركين في المجموع")
    page.screenshot(path=ARTIFACTS / "staff-newsletter-confirm-ar.png", full_page=True)
    page.get_by_role("button", name="نعم، أرسلوها الآن").dblclick()  # an impatient double tap
    expect(page.locator("#reach-title")).to_have_text("عدد من وصلتهم")
    expect(page.locator(".workspace-messages")).to_contain_text("النشرة في طريقها إلى 3 مشتركين")
    # The worker records and sends; the page follows it by itself (progress while it records).
    total = page.locator(".newsletter-reach tbody tr").last.locator("td")
    # queued, in a digest to come, sent, failed, total
    expect(total).to_have_text(["0", "1", "2", "0", "3"], timeout=30_000)
    expect(page.get_by_text("أرسلها")).to_be_visible()  # "Sent on … by …": recording is over
    expect(page.locator(".newsletter-progress")).to_have_count(0)
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "staff-newsletter-sent-ar.png", full_page=True)

    time.sleep(1)  # a second send, had there been one, would have arrived by now
    assert sorted(recipient for message in sink.messages for recipient in message.recipients) == [
        "amal@example.ma",
        "luc@example.ma",
    ]
    (amal,), (luc,) = sink.to("amal@example.ma"), sink.to("luc@example.ma")
    assert amal.subject == SUBJECT and "جدول الأعمال" in amal.body
    assert "إلغاء الاشتراك بنقرة واحدة" in amal.body
    assert amal.headers["List-Unsubscribe"].strip().startswith(f"<http://{journey_member.host}")
    assert luc.subject == SUBJECT and "جدول الأعمال" in luc.body  # no French version: Arabic

    # Amal follows the link at the foot of her e-mail and can stop everything in one tap.
    citizen = citizen_page()
    citizen.goto(amal.headers["List-Unsubscribe"].strip()[1:-1])
    expect(citizen.get_by_role("button", name="إلغاء جميع الاشتراكات")).to_be_visible()
    expect(citizen.locator("main")).to_contain_text("amal@example.ma")
    citizen.screenshot(path=ARTIFACTS / "newsletter-unsubscribe-link-ar.png", full_page=True)


def test_the_sent_newsletter_reads_well_on_a_desktop(journey_member, subscribers, sink, staff_page):
    page = staff_page("focal_point", viewport=DESKTOP)
    page.goto(journey_member.staff_url("/newsletters/new/"))
    page.get_by_label("الموضوع (بالعربية)").fill(SUBJECT)
    page.get_by_label("الرسالة (بالعربية)").fill(BODY)
    page.get_by_label("الموضوع (بالفرنسية)").fill("Invitation à une réunion sur le budget 2027")
    page.get_by_label("الرسالة (بالفرنسية)").fill("Nous vous invitons samedi 14 novembre 2026.")
    page.get_by_role("button", name="حفظ ومعاينة").click()
    expect(page.locator(".newsletter-preview").nth(1)).to_contain_text("Se désabonner en un clic")
    page.screenshot(path=ARTIFACTS / "staff-newsletter-preview-desktop-ar.png", full_page=True)
