"""The feature's Arabic and French texts: its catalogues are complete and compiled, and its
pages show no English (the catalogues are this app's until the lead merges them into
platform/locale)."""
import gettext
from pathlib import Path

import pytest
from django.core import mail

from tenants.information_requests.models import RefusalGround
from tenants.information_requests.services import information_request_refuse
from tenants.information_requests.tests.factories import filed
from tests.test_translations import catalogue_entries, unescape

LOCALE = Path(__file__).resolve().parents[1] / "locale"
ENGLISH_UI = ["Access to information: requests and answers", "Register of requests",
              "Ask for information", "Requests received", "Answered on time", "Refused",
              "Who is asking", "Send the request", "Full name", "Information wanted", "Steps",
              "Legal ground of the refusal:", "The private life of persons, or personal data",
              "Request received", "Received on", "Your request has been received",
              "Start work", "Extend the deadline", "Give the answer", "Answer in part",
              "Refuse the request", "Record a withdrawal", "information requests",
              "Past the deadline (deemed refused)"]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_catalogue_is_complete_and_compiled(language, monkeypatch):
    monkeypatch.setattr("tests.test_translations.LOCALE", LOCALE)
    entries = catalogue_entries(language)
    assert len(entries) > 100
    assert [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)] == []
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert [msgid for msgid, strs, _ in entries if len(strs) == 1
            and compiled.gettext(unescape(msgid)) != unescape(strs[0])] == []


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_pages_and_e_mails_are_translated(language, tetouan, in_member, client_for,
                                              staff_client, django_capture_on_commit_callbacks):
    with in_member(tetouan):
        with django_capture_on_commit_callbacks(execute=True):
            information_request = information_request_refuse(
                information_request=filed(language=language), by="clerk",
                refusal_ground=RefusalGround.PRIVATE_LIFE)
    client = client_for(tetouan)
    client.cookies["django_language"] = language
    pages = [client.get(url).content.decode() for url in (
        "/information-requests/", "/information-requests/new/",
        f"/information-requests/{information_request.pk}/",
        f"/information-requests/{information_request.pk}/receipt/")]
    staff = staff_client(tetouan, "editor")
    staff.cookies["django_language"] = language
    pages.append(staff.get("/admin/information_requests/informationrequest/").content.decode())
    for page in pages:
        assert f'lang="{language}"' in page
        assert [text for text in ENGLISH_UI if f">{text}<" in page or f"{text}\n" in page] == []
    for email in mail.outbox:
        assert "request" not in email.subject.lower() and "The council" not in email.body
