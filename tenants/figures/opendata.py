"""A member's open data (member schema): its catalogue as DCAT-AP JSON-LD at
/open-data/catalog.jsonld, and four datasets, each as CSV and JSON, read through the apps'
public selectors (nothing a public page does not already show: the register has no personal
data, a commitment's contact only when made public is left out altogether):

- commitments of the current openness programme, with completion and milestones;
- meetings and workshops;
- the register of information requests (law 31.13), without personal data;
- the documents of the proactive-publication library (law 31.13, art. 10).

The network's catalogue (network/aggregation/dcat.py) refers to each member's catalogue by
its address: the network never reads a member's schema for it.
"""

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone

from tenants.documents.selectors import document_library
from tenants.information_requests.selectors import information_request_register
from tenants.meetings.selectors import meeting_list
from tenants.programme.selectors import commitment_list, programme_current
from kernel import dcat
from tenants.site.selectors import site_profile_get
from tenancy.addresses import current_member_site_url


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: tuple[str, str]  # Arabic, French
    description: tuple[str, str]
    landing: str  # URL name of the public page
    rows: Callable[[], object]  # the queryset (or list) of objects
    columns: tuple[tuple[str, Callable], ...]  # (name, value of an object)


def _commitments():
    programme = programme_current()
    return commitment_list(programme=programme) if programme else []


def _day(value):
    return value.isoformat() if value else None


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


DATASETS = (
    Dataset(
        "commitments",
        ("التزامات برنامج الانفتاح", "Engagements du programme d'ouverture"),
        (
            "التزامات برنامج الانفتاح الجاري ومستوى إنجازها ومراحلها.",
            "Les engagements du programme d'ouverture en cours, leur niveau d'achèvement et leurs "
            "jalons.",
        ),
        "programme:programme",
        _commitments,
        (
            ("number", lambda c: c.number),
            ("title_ar", lambda c: c.title_ar),
            ("title_fr", lambda c: c.title_fr),
            ("principles", lambda c: ";".join(c.principles)),
            ("lead_department", lambda c: c.lead_department),
            ("start_date", lambda c: _day(c.start_date)),
            ("end_date", lambda c: _day(c.end_date)),
            ("completion", lambda c: c.completion),
            ("milestones", lambda c: c.milestones_total),
            ("milestones_done", lambda c: c.milestones_done),
            ("path", lambda c: reverse("programme:commitment", args=[c.pk])),
        ),
    ),
    Dataset(
        "meetings",
        ("الاجتماعات واللقاءات", "Réunions et ateliers"),
        (
            "اللقاءات التواصلية وورشات الإعداد المشترك واجتماعات لجنة التتبع والدورات التكوينية.",
            "Réunions d'information, ateliers de co-construction, comités de suivi et formations.",
        ),
        "meetings:list",
        lambda: meeting_list(),
        (
            ("id", lambda m: m.pk),
            ("kind", lambda m: m.kind),
            ("title_ar", lambda m: m.title_ar),
            ("title_fr", lambda m: m.title_fr),
            ("starts_at", lambda m: _moment(m.starts_at)),
            ("ends_at", lambda m: _moment(m.ends_at)),
            ("place", lambda m: m.place),
            ("path", lambda m: reverse("meetings:detail", args=[m.pk])),
        ),
    ),
    Dataset(
        "information-requests",
        ("سجل طلبات الحصول على المعلومات", "Registre des demandes d'accès à l'information"),
        (
            "طلبات الحصول على المعلومات (القانون 31.13) وآجالها وقراراتها، دون أي معطيات شخصية.",
            "Les demandes d'accès à l'information (loi 31.13), leurs délais et leurs décisions, "
            "sans aucune donnée personnelle.",
        ),
        "information_requests:index",
        lambda: information_request_register(),
        (
            ("reference", lambda r: r.reference),
            ("received_on", lambda r: _day(r.received_on)),
            ("subject", lambda r: r.subject),
            ("state", lambda r: r.state),
            ("due_on", lambda r: _day(r.due_on)),
            ("extended", lambda r: r.is_extended),
            ("decided_on", lambda r: _day(r.decided_on)),
            ("answered_on_time", lambda r: r.answered_on_time),
            ("refusal_ground", lambda r: r.refusal_ground),
            ("path", lambda r: reverse("information_requests:detail", args=[r.pk])),
        ),
    ),
    Dataset(
        "documents",
        ("مكتبة الوثائق (النشر الاستباقي)", "Bibliothèque des documents (publication proactive)"),
        (
            "الوثائق المنشورة استباقيًا حسب الفئة (القانون 31.13، المادة 10).",
            "Les documents publiés de manière proactive, par catégorie (loi 31.13, article 10).",
        ),
        "documents:library",
        lambda: document_library(),
        (
            ("id", lambda d: d.pk),
            ("category", lambda d: d.category),
            ("title_ar", lambda d: d.title_ar),
            ("title_fr", lambda d: d.title_fr),
            ("published_on", lambda d: _day(d.published_on)),
            ("url", lambda d: d.url),
        ),
    ),
)
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


def _records(dataset: Dataset, base: str) -> list[dict]:
    records = []
    for item in dataset.rows():
        record = {name: value(item) for name, value in dataset.columns}
        # Addresses made absolute on the member's host (a document's link may be elsewhere).
        for key in ("path", "url"):
            if isinstance(record.get(key), str) and record[key].startswith("/"):
                record[key] = base + record[key]
        if "path" in record:
            record["url"] = record.pop("path")
        records.append(record)
    return records


def export(request, slug: str, fmt: str):
    dataset = BY_SLUG.get(slug)
    if dataset is None or fmt not in dcat.FORMATS:
        raise Http404
    base = current_member_site_url(request).rstrip("/")
    records = _records(dataset, base)
    names = [("url" if name == "path" else name) for name, _value in dataset.columns]
    if fmt == "json":
        response = HttpResponse(
            json.dumps(
                {"dataset": dataset.slug, "records": records},
                cls=DjangoJSONEncoder,
                ensure_ascii=False,
            ),
            content_type="application/json",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # spreadsheet programs then read the Arabic as UTF-8
        writer = csv.writer(response)
        writer.writerow(names)
        for record in records:
            writer.writerow(
                [
                    ""
                    if record[name] is None
                    else ("true" if record[name] else "false")
                    if isinstance(record[name], bool)
                    else record[name]
                    for name in names
                ]
            )
    response["Content-Disposition"] = f'inline; filename="{slug}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"  # harvesters and browsers' scripts alike
    return response


def member_catalog(*, base: str) -> dict:
    """The current member's DCAT-AP catalogue, its addresses under `base` (its own host)."""
    profile = site_profile_get()
    name_ar = profile.name_ar if profile else ""
    name_fr = profile.name_fr if profile else ""
    publisher = dcat.agent(name_ar=name_ar, name_fr=name_fr, homepage=base + "/")
    datasets = []
    for dataset in DATASETS:
        uri = f"{base}{reverse('open-data-catalog')}#{dataset.slug}"
        datasets.append(
            dcat.dataset(
                uri=uri,
                title=dataset.title,
                description=dataset.description,
                publisher=publisher,
                frequency=dcat.CONTINUOUS,
                landing_page=base + reverse(dataset.landing),
                distributions=[
                    dcat.distribution(
                        url=base + reverse("open-data-export", args=[dataset.slug, fmt]),
                        fmt=fmt,
                        title_ar=f"{dataset.title[0]} ({label})",
                        title_fr=f"{dataset.title[1]} ({label})",
                    )
                    for fmt, label in (("csv", "CSV"), ("json", "JSON"))
                ],
            )
        )
    return dcat.catalog(
        uri=base + reverse("open-data-catalog"),
        title=(f"المعطيات المفتوحة لـ{name_ar}", f"Données ouvertes de {name_fr}"),
        description=(
            f"ما ينشره موقع الانفتاح لـ{name_ar}: الالتزامات والاجتماعات وسجل طلبات "
            "الحصول على المعلومات والوثائق.",
            f"Ce que publie le site d'ouverture de {name_fr} : engagements, réunions, "
            "registre des demandes d'accès à l'information et documents.",
        ),
        publisher=publisher,
        homepage=base + "/",
        datasets=datasets,
    )


def catalog_view(request):
    document = member_catalog(base=current_member_site_url(request).rstrip("/"))
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type=dcat.JSON_LD
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


urlpatterns = [
    path("catalog.jsonld", catalog_view, name="open-data-catalog"),
    path("<slug:slug>.<str:fmt>", export, name="open-data-export"),
]
