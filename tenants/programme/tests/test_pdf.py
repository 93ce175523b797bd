"""The programme as a PDF: Arabic shaped by HarfBuzz, prepared by the workers, stored per
member and served from storage until the programme changes."""

from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.utils import timezone

from tenants.meetings.models import Attendance, Meeting
from tenants.meetings.services import meeting_create
from tenants.programme import pdf
from tenants.programme.models import ProgrammeStep, StepKind
from tenants.programme.services import commitment_update
from tenants.site.models import SiteProfile
from tenants.programme.tests.factories import (
    commitment_factory,
    milestone_factory,
    programme_factory,
)
from tests.browser import ARTIFACTS
from kernel.actors import Actor

ZWNJ = "\u200c"  # zero-width non-joiner: letters side by side, each in its isolated form


@pytest.fixture
def wanted(monkeypatch):
    """The hand-overs to the workers (schema, language), recorded instead of sent: the
    signal's receivers (the workers' among them) are set aside for the test."""
    calls = []

    def record(sender, *, schema_name, language, **kwargs):
        calls.append((schema_name, language))

    monkeypatch.setattr(pdf.programme_pdf_wanted, "receivers", [])
    pdf.programme_pdf_wanted.connect(record, weak=False)
    return calls


@pytest.fixture
def fresh_marks(network, media_root, in_member):
    """Files in this test's folder, and no mark of a file stored by an earlier test."""
    for member in network.values():
        with in_member(member):
            cache.delete_pattern("programme-pdf:*")
    return media_root


def _programme(*, french: bool = True):
    programme = programme_factory(adopted_on=date(2024, 2, 5), status="adopted")
    ProgrammeStep.objects.create(
        programme=programme,
        kind=StepKind.WORKSHOP,
        happened_on=date(2023, 11, 20),
        title_ar="ورشة مع الجمعيات",
        title_fr="Atelier avec les associations",
    )
    workshop = meeting_create(
        kind=Meeting.Kind.COCREATION_WORKSHOP,
        title_ar="ورشة تطوان",
        title_fr="Atelier de Tétouan",
        place="قاعة الاجتماعات",
        starts_at=timezone.make_aware(timezone.datetime(2023, 12, 2, 10)),
    )
    Attendance.objects.create(
        meeting=workshop, category=Attendance.Category.CIVIL_SOCIETY, women=14, men=9
    )
    first = commitment_factory(
        programme,
        1,
        title_ar="تعزيز مشاركة الشباب",
        title_fr="Renforcer la participation des jeunes",
        problem_ar="ضعف مشاركة الشباب في تدبير الشأن المحلي",
        problem_fr="Faible participation des jeunes" if french else "",
        lead_department="مصلحة الشؤون الثقافية",
    )
    milestone_factory(first, due_on=date(2024, 6, 30), title_fr="Premier forum des jeunes")
    commitment_factory(programme, 2)
    return programme


def _text(document, index: int) -> str:
    """Page `index`'s text in logical order. pdfium reorders a right-to-left line letter by
    letter, so the letters of one ligature glyph (لا, في…: they share one box) come back
    reversed: put them back. It also reads a space of no width where a letter that does not
    join leftwards meets the next (أ كتوبر): dropped; the text's own spaces have a width."""
    textpage = document[index].get_textpage()
    out, group, box = [], [], None
    for i in range(textpage.count_chars()):
        char = textpage.get_text_range(i, 1)
        char_box = textpage.get_charbox(i)
        if char == " " and char_box[0] == char_box[2]:  # a space of no width: not in the text
            continue
        if group and char_box != box:
            out += (
                reversed(group)
                if len(group) > 1 and all("\u0600" <= c <= "\u06ff" for c in group)
                else group
            )
            group = []
        group.append(char)
        box = char_box
    out += (
        reversed(group)
        if len(group) > 1 and all("\u0600" <= c <= "\u06ff" for c in group)
        else group
    )
    return "".join(out)


def _word_width(document, index: int, word: str) -> float:
    """The printed width of the first `word` on page `index`, from its characters' boxes."""
    textpage = document[index].get_textpage()
    start = textpage.get_text_range().index(word)
    boxes = [textpage.get_charbox(start + offset) for offset in range(len(word))]
    return max(box[2] for box in boxes) - min(box[0] for box in boxes)


def _control_width(text: str) -> float:
    """The width of `text` in the PDF's own fonts at the size of its body text."""
    from weasyprint import HTML

    html = (
        f"<html dir=rtl><style>{pdf.font_faces_css()} html {{ font-family: {pdf.FONT_FAMILY};"
        f" font-size: 10.5pt }}</style><p>{text}</p></html>"
    )
    document = pdfium.PdfDocument(HTML(string=html, url_fetcher=pdf._url_fetcher()).write_pdf())
    textpage = document[0].get_textpage()
    boxes = [
        textpage.get_charbox(i)
        for i in range(textpage.count_chars())
        if textpage.get_text_range(i, 1).strip() not in ("", ZWNJ)
    ]
    return max(b[2] for b in boxes) - min(b[0] for b in boxes)


def test_the_pdf_is_in_arabic_shaped_by_harfbuzz(tetouan, in_member, fresh_marks):
    with in_member(tetouan):
        _programme()
        name = pdf.programme_pdf_generate(language="ar")
        member_name = SiteProfile.objects.get().name_ar
        with default_storage.open(name, "rb") as file:
            data = file.read()
    assert data.startswith(b"%PDF-")
    document = pdfium.PdfDocument(data)
    # Cover, the co-creation and the list of commitments, one page per commitment.
    assert len(document) == 4
    cover, commitment_page = _text(document, 0), _text(document, 2)
    # Read back as typed (words whose glyphs are one letter each: a ligature's letters come
    # back reversed by pdfium's own reordering, not by the PDF).
    assert member_name in cover
    assert "دورة أكتوبر 2023" in cover
    assert "12/2023" in cover
    assert "5 فبراير 2024" in cover  # Moroccan month names
    assert "تعزيز مشاركة الشباب" in commitment_page
    assert "مصلحة الشؤون الثقافية" in commitment_page
    assert "30 يونيو 2024" in commitment_page  # the milestone's due date
    # Shaped: the word as printed is as narrow as HarfBuzz makes it joined, far narrower than
    # its letters in their isolated forms (what a renderer without shaping would print).
    printed = _word_width(document, 1, "تعزيز")  # in the list of commitments (body text)
    joined, isolated = _control_width("تعزيز"), _control_width(ZWNJ.join("تعزيز"))
    assert printed == pytest.approx(joined, rel=0.03)
    assert printed < 0.8 * isolated
    ARTIFACTS.mkdir(exist_ok=True)
    for index, label in ((0, "cover"), (2, "commitment")):
        document[index].render(scale=1.5).to_pil().save(ARTIFACTS / f"programme-pdf-{label}.png")


def test_a_visitor_waits_for_the_workers_then_downloads_the_stored_file(
    tetouan, in_member, client_for, fresh_marks, wanted, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        _programme()
    browser = client_for(tetouan)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = browser.get("/programme/pdf/")
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert 'http-equiv="refresh"' in page and 'role="status"' in page
    assert "يتم إعداد" in page
    assert "no-cache" in waiting["Cache-Control"]
    assert wanted == [(tetouan.schema_name, "ar")]
    # Asked again while the workers work: no second task.
    with django_capture_on_commit_callbacks(execute=True):
        assert browser.get("/programme/pdf/").status_code == 202
    assert len(wanted) == 1

    with in_member(tetouan):  # what the worker's task does
        pdf.programme_pdf_generate(language="ar")
    served = browser.get("/programme/pdf/")
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("attachment")
    assert b"".join(served.streaming_content).startswith(b"%PDF-")


def test_served_from_storage_until_a_commitment_changes(
    tetouan,
    in_member,
    client_for,
    fresh_marks,
    wanted,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    with in_member(tetouan):
        programme = _programme()
        first = pdf.programme_pdf_generate(language="ar")

    def no_rendering(**kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(pdf, "programme_pdf_render", no_rendering)
    browser = client_for(tetouan)
    assert browser.get("/programme/pdf/").status_code == 200  # from storage, not rendered
    with in_member(tetouan):
        assert pdf.programme_pdf_generate(language="ar") == first  # idempotent, not rendered
        commitment = programme.commitments.get(number=2)
        commitment_update(
            commitment=commitment, by=Actor(name="test"), title_ar="نشر الميزانية المفصلة"
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert browser.get("/programme/pdf/").status_code == 202  # a new one is needed
    assert wanted == [(tetouan.schema_name, "ar")]
    monkeypatch.undo()
    with in_member(tetouan):
        second = pdf.programme_pdf_generate(language="ar")
        assert second != first
        assert default_storage.exists(second) and not default_storage.exists(first)
        with default_storage.open(second, "rb") as file:
            document = pdfium.PdfDocument(file.read())
    assert "المفصلة" in _text(document, 3)
    assert browser.get("/programme/pdf/").status_code == 200


def test_a_change_to_a_milestone_or_the_profile_changes_the_fingerprint(tetouan, in_member):
    with in_member(tetouan):
        programme = _programme()
        before = pdf.programme_pdf_fingerprint(programme=programme, language="ar")
        assert before == pdf.programme_pdf_fingerprint(programme=programme, language="ar")
        assert before != pdf.programme_pdf_fingerprint(programme=programme, language="fr")
        from tenants.programme.models import Milestone

        milestone = Milestone.objects.get()
        Milestone.objects.filter(pk=milestone.pk).update(due_on=milestone.due_on + timedelta(1))
        after_milestone = pdf.programme_pdf_fingerprint(programme=programme, language="ar")
        assert after_milestone != before
        SiteProfile.objects.update(name_ar="جماعة تطوان")
        assert pdf.programme_pdf_fingerprint(programme=programme, language="ar") != after_milestone


def test_french_is_offered_only_when_the_french_texts_are_there(
    tetouan, in_member, client_for, fresh_marks, wanted
):
    with in_member(tetouan):
        programme = _programme(french=False)
    browser = client_for(tetouan)
    page = browser.get("/programme/").content.decode()
    assert 'href="/programme/pdf/"' in page
    assert "/programme/pdf/fr/" not in page
    assert browser.get("/programme/pdf/fr/").status_code == 404
    with in_member(tetouan):
        assert pdf.programme_pdf_generate(language="fr") is None
        commitment_update(
            commitment=programme.commitments.get(number=1),
            by=Actor(name="test"),
            problem_fr="Faible participation des jeunes",
        )
        name = pdf.programme_pdf_generate(language="fr")
        with default_storage.open(name, "rb") as file:
            document = pdfium.PdfDocument(file.read())
    assert "/programme/pdf/fr/" in browser.get("/programme/").content.decode()
    assert browser.get("/programme/pdf/fr/").status_code == 200
    assert "Renforcer la participation des jeunes" in _text(document, 2)
    assert "Faible participation des jeunes" in _text(document, 2)


def test_the_link_on_the_programme_page_is_in_arabic(tetouan, in_member, client_for):
    with in_member(tetouan):
        _programme()
    page = client_for(tetouan).get("/programme/").content.decode()
    assert "تحميل البرنامج" in page


def test_a_members_pdf_is_not_served_on_another_members_host(
    tetouan, tanger, in_member, client_for, fresh_marks, wanted, django_capture_on_commit_callbacks
):
    with in_member(tetouan):
        _programme()
        name = pdf.programme_pdf_generate(language="ar")
    # Tanger has no programme: its address gives nothing, Tétouan's file included.
    assert client_for(tanger).get("/programme/pdf/").status_code == 404
    stored = f"/media/members/{tetouan.schema_name}/{name}"
    assert client_for(tanger).get(stored).status_code == 404
    # With a programme of its own, Tanger waits for its own file: Tétouan's is not Tanger's.
    with in_member(tanger):
        programme_factory(title_ar="برنامج طنجة")
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(tanger).get("/programme/pdf/").status_code == 202
    assert wanted == [(tanger.schema_name, "ar")]


def test_the_renderer_reads_only_the_vendored_fonts_and_data(tmp_path):
    fetcher = pdf._url_fetcher()
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    for url in (
        secret.as_uri(),
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        (pdf.FONT_DIR / ".." / ".." / "LICENSE").as_uri(),
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    font = next(pdf.FONT_DIR.glob("*.woff2"))
    assert fetcher.fetch(font.as_uri()).read(4) == b"wOF2"
