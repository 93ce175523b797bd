"""The openness programme as a PDF to print, sign and send (member schema).

OGP action plans travel as documents: this renders the member's current programme (cover with
the member's name and logo, period, adoption, co-creation, each commitment on the OGP template
with its milestones) with WeasyPrint, whose Pango/HarfBuzz shape the Arabic, in the app's own
IBM Plex Sans Arabic.

Rendering takes a second or more, so the web never renders: it serves a stored file or asks the
workers for one (`programme_pdf_wanted`, received in workers/programme_pdf.py, since member code
never imports the workers) and shows a page that refreshes. A file is named after the
fingerprint of what it shows, so a change to the programme, a commitment, a milestone, the
profile or the layout gives a new name, and the old file is dropped once the new one is stored.
Files live in the member's storage (`members/<schema>/programme/pdf/`), cache keys carry the
schema: a member's PDF is never served on another's host.
"""

import base64
import hashlib
import logging
import mimetypes
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tenants.meetings.models import Attendance, Meeting
from tenants.programme.models import Commitment, Milestone, Programme, ProgressUpdate
from tenants.programme.selectors import programme_current
from tenants.site.models import SiteProfile

logger = logging.getLogger(__name__)

LANGUAGES = ("ar", "fr")
FOLDER = "programme/pdf"
# Sent when a PDF is wanted and none is stored or on its way. kwargs: schema_name, language.
programme_pdf_wanted = Signal()
# How long a request waits for the workers before asking again (a lost task, a dead worker).
IN_FLIGHT_SECONDS = 120

# The meetings that made the programme: shown as its co-creation, with who attended.
COCREATION_KINDS = (
    Meeting.Kind.INFORMATION,
    Meeting.Kind.COCREATION_WORKSHOP,
    Meeting.Kind.CONSULTATION,
    Meeting.Kind.MONITORING_COMMITTEE,
)

FONT_DIR = (
    Path(__file__).resolve().parents[2]
    / "platform"
    / "static"
    / "vendor"
    / "ibm-plex-sans-arabic"
    / "files"
)
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "programme" / "pdf"


def _font_files() -> dict[tuple[str, int], Path]:
    """The vendored WOFF2 files as plain TrueType, written once per process in a folder of its
    own: WeasyPrint reads every font twice (layout, then embedding), and undoing WOFF2's
    compression in Python each time costs more than the layout of a page."""
    global _FONT_CACHE
    if _FONT_CACHE is None:
        from fontTools.ttLib import TTFont

        folder = Path(tempfile.mkdtemp(prefix="infitah-pdf-fonts-"))
        files = {}
        for subset in ("arabic", "latin"):
            for weight in (400, 600, 700):
                font = TTFont(FONT_DIR / f"ibm-plex-sans-arabic-{subset}-{weight}-normal.woff2")
                font.flavor = None
                files[(subset, weight)] = folder / f"plex-{subset}-{weight}.ttf"
                font.save(files[(subset, weight)])
        _FONT_CACHE = files
    return _FONT_CACHE


_FONT_CACHE: dict[tuple[str, int], Path] | None = None


def font_faces_css() -> str:
    """@font-face rules for the vendored IBM Plex Sans Arabic: its Arabic and Latin subsets
    are separate files, declared as two families so that Pango picks each glyph's file."""
    return "\n".join(
        f"@font-face {{ font-family: 'Plex {subset}'; font-weight: {weight}; "
        f"src: url('{path.as_uri()}'); }}"
        for (subset, weight), path in _font_files().items()
    )


FONT_FAMILY = "'Plex arabic', 'Plex latin', sans-serif"


def _url_fetcher():
    """WeasyPrint may read the vendored fonts and data: URIs (the logo), nothing else: a text
    typed by staff can never make the worker fetch a URL or read a file."""
    from weasyprint.urls import URLFetcher

    class VendoredOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path not in set(_font_files().values()) and path.parent != FONT_DIR:
                    raise ValueError(f"not a vendored font: {url}")
            elif parsed.scheme != "data":
                raise ValueError(f"not fetched: {url}")
            return super().fetch(url, headers)

    return VendoredOnly(allowed_protocols=("file", "data"))


def _layout_version() -> str:
    """The templates' own content: a changed layout gives new files without anyone bumping a
    number (computed once per process)."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATE_DIR.glob("*")):
        if path.name in ("preparing.html", "_links.html"):  # pages of the site, not the PDF
            continue
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


LAYOUT_VERSION = _layout_version()


# --- What the PDF shows -----------------------------------------------------------------


def _programme_models():
    """The programme app's models whose rows belong to one programme, with the lookup that
    reaches it; found from the foreign keys, so models added later are covered. The history
    (ProgressUpdate) is not printed and grows for ever: left out."""
    paths = []
    for model in apps.get_app_config("programme").get_models():
        if model in (Programme, ProgressUpdate):
            continue
        for field, lookup in (
            ("programme", "programme"),
            ("commitment", "commitment__programme"),
            ("milestone", "milestone__commitment__programme"),
        ):
            try:
                target = model._meta.get_field(field)
            except FieldDoesNotExist:
                continue
            if target.is_relation and target.concrete:
                paths.append((model, lookup))
                break
    return paths


def cocreation_meetings(*, programme: Programme):
    """The meetings of the co-creation kinds from the year before the programme's period until
    its adoption (or now, before it is adopted)."""
    qs = Meeting.objects.filter(
        kind__in=COCREATION_KINDS, starts_at__date__gte=f"{programme.period_start - 1}-01-01"
    )
    if programme.adopted_on:
        qs = qs.filter(starts_at__date__lte=programme.adopted_on)
    else:
        qs = qs.filter(starts_at__lte=timezone.now())
    return qs.order_by("starts_at", "pk")


def programme_pdf_fingerprint(*, programme: Programme, language: str) -> str:
    """A digest of everything the PDF shows (every column of the programme's rows, the profile,
    the co-creation meetings and their attendance), the layout and the language. One query,
    the rows hashed by the database: this runs on every request for the PDF."""
    meetings = cocreation_meetings(programme=programme)
    querysets = [
        Programme.objects.filter(pk=programme.pk),
        SiteProfile.objects.all(),
        meetings,
        Attendance.objects.filter(meeting__in=meetings),
    ]
    querysets += [
        model.objects.filter(**{lookup: programme}) for model, lookup in _programme_models()
    ]
    columns, params = [], []
    for index, queryset in enumerate(querysets):
        ids_sql, ids_params = queryset.order_by().values("pk").query.sql_with_params()
        table, pk = queryset.model._meta.db_table, queryset.model._meta.pk.column
        # A row as text holds every column, those added later included.
        columns.append(
            f"(SELECT md5(coalesce(string_agg(r{index}::text, '|' ORDER BY "
            f'r{index}."{pk}"), \'\')) FROM "{table}" r{index} '
            f'WHERE r{index}."{pk}" IN ({ids_sql}))'
        )
        params += ids_params
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        digests = cursor.fetchone()
    digest = hashlib.sha256(f"{LAYOUT_VERSION}:{language}:{':'.join(digests)}".encode())
    return digest.hexdigest()[:24]


def _bilingual_pairs(model) -> list[str]:
    names = {f.name for f in model._meta.concrete_fields}
    return [
        name[:-3] for name in sorted(names) if name.endswith("_ar") and f"{name[:-3]}_fr" in names
    ]


def programme_pdf_offered_in_french(*, programme: Programme) -> bool:
    """True when every text of the programme written in Arabic has its French text too
    (programme, co-creation steps, commitments, milestones, and fields added later)."""
    if not programme.title_fr:
        return False
    rows = [(Programme, "pk", programme.pk)] + [
        (model, lookup, programme) for model, lookup in _programme_models()
    ]
    for model, lookup, value in rows:
        missing = models.Q()
        for field in _bilingual_pairs(model):
            missing |= ~models.Q(**{f"{field}_ar": ""}) & models.Q(**{f"{field}_fr": ""})
        if missing and model.objects.filter(missing, **{lookup: value}).exists():
            return False
    return True


def _logo_data_uri(profile: SiteProfile | None) -> str:
    if not profile or not profile.logo:
        return ""
    try:
        with profile.logo.open("rb") as file:
            data = file.read()
    except (OSError, ValueError):  # a file gone from the storage: a cover without the logo
        logger.warning("logo not readable: %s", profile.logo.name)
        return ""
    kind = mimetypes.guess_type(profile.logo.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def programme_pdf_context(*, programme: Programme) -> dict:
    profile = SiteProfile.objects.first()
    commitments = (
        Commitment.objects.filter(programme=programme)
        .select_related("assessment")
        .prefetch_related(models.Prefetch("milestones", Milestone.objects.order_by("due_on", "pk")))
        .order_by("number")
    )
    meetings = list(cocreation_meetings(programme=programme).prefetch_related("attendance"))
    for meeting in meetings:
        rows = list(meeting.attendance.all())
        meeting.women = sum(row.women for row in rows)
        meeting.men = sum(row.men for row in rows)
    return {
        "programme": programme,
        "profile": profile,
        "logo": _logo_data_uri(profile),
        "steps": list(programme.steps.all()),
        "meetings": meetings,
        "commitments": list(commitments),
        "generated_on": timezone.localdate(),
        "font_faces": font_faces_css(),
        "font_family": FONT_FAMILY,
    }


def programme_pdf_render(*, programme: Programme, language: str) -> bytes:
    """The PDF of `programme` in `language` (slow: the workers call it)."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "programme/pdf/programme.html", programme_pdf_context(programme=programme)
        )
        return HTML(string=html, url_fetcher=_url_fetcher()).write_pdf()


# --- Stored files and their state --------------------------------------------------------


def _file_name(*, programme: Programme, language: str, fingerprint: str) -> str:
    return f"{FOLDER}/programme-{programme.pk}-{language}-{fingerprint}.pdf"


def _ready_key(name: str) -> str:
    return f"programme-pdf:ready:{name}"


def _in_flight_key(name: str) -> str:
    return f"programme-pdf:in-flight:{name}"


def programme_pdf_stored(*, programme: Programme, language: str) -> str | None:
    """The stored file of the programme as it is now, or None after asking the workers for it
    (once per IN_FLIGHT_SECONDS, however many people wait)."""
    name = _file_name(
        programme=programme,
        language=language,
        fingerprint=programme_pdf_fingerprint(programme=programme, language=language),
    )
    if cache.get(_ready_key(name)):
        return name
    # Stored, but unmarked: the cache was emptied, or the worker's mark was lost.
    if default_storage.exists(name):
        cache.set(_ready_key(name), True, timeout=None)
        return name
    if cache.add(_in_flight_key(name), True, timeout=IN_FLIGHT_SECONDS):
        schema_name = connection.schema_name
        transaction.on_commit(
            lambda: programme_pdf_wanted.send(
                sender=Programme, schema_name=schema_name, language=language
            )
        )
    return None


def programme_pdf_generate(*, language: str) -> str | None:
    """Render and store the current programme's PDF in `language` unless it is stored already;
    returns the file's name, None when there is nothing to render (no programme, or French
    texts missing). Idempotent: a second run finds the file. Runs in the member's schema
    (a worker's task)."""
    programme = programme_current()
    if programme is None or language not in LANGUAGES:
        return None
    if language == "fr" and not programme_pdf_offered_in_french(programme=programme):
        return None
    # Named before reading: a change made while rendering gives a newer name at the next
    # request, never a file that claims to be newer than what it shows.
    name = _file_name(
        programme=programme,
        language=language,
        fingerprint=programme_pdf_fingerprint(programme=programme, language=language),
    )
    if not default_storage.exists(name):
        pdf = programme_pdf_render(programme=programme, language=language)
        stored = default_storage.save(name, ContentFile(pdf))
        if stored != name:  # another worker stored the same file meanwhile: keep one
            default_storage.delete(stored)
        _older_delete(programme=programme, language=language, keep=name)
    cache.set(_ready_key(name), True, timeout=None)
    cache.delete(_in_flight_key(name))
    return name


def _older_delete(*, programme: Programme, language: str, keep: str) -> None:
    prefix = f"programme-{programme.pk}-{language}-"
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for file_name in files:
        if file_name.startswith(prefix) and f"{FOLDER}/{file_name}" != keep:
            default_storage.delete(f"{FOLDER}/{file_name}")
            cache.delete(_ready_key(f"{FOLDER}/{file_name}"))


def programme_pdf_download_name(*, programme: Programme, language: str) -> str:
    return f"programme-{programme.period_start}-{programme.period_end}-{language}.pdf"
