"""The network's open-data catalogue as DCAT-AP JSON-LD (public schema), at
/open-data/catalog.jsonld on the portal: the datasets the network publishes (the members'
snapshots, as CSV and JSON; the directorate's publications, as JSON through the API), with
the DGCT as publisher, the licence (platform/kernel/dcat.py: license_uri) and how often each is
updated; and every ready member's own catalogue, referred to by its address on the member's
host (tenants/figures/opendata.py), where a harvester reads it: the network never reads a
member's schema for it."""

from django.urls import reverse
from django.utils import timezone

from network.members.selectors import link_scheme, member_directory
from tenancy.addresses import member_site_url
from kernel import dcat

JSON_LD = dcat.JSON_LD

DGCT = {
    "name_ar": "المديرية العامة للجماعات الترابية، وزارة الداخلية",
    "name_fr": "Direction Générale des Collectivités Territoriales, Ministère de l'Intérieur",
}

# (URL name of the API list, slug, title ar/fr, description ar/fr)
PUBLICATIONS = (
    (
        "news-list",
        "news",
        ("أخبار الشبكة", "Actualités du réseau"),
        (
            "الأخبار التي تنشرها المديرية العامة للجماعات الترابية على بوابة الشبكة.",
            "Les actualités publiées par la DGCT sur le portail du réseau.",
        ),
    ),
    (
        "best-practice-list",
        "best-practices",
        ("الممارسات الجيدة", "Bonnes pratiques"),
        (
            "الممارسات الجيدة لأعضاء الشبكة في مجال الانفتاح.",
            "Les bonnes pratiques d'ouverture des membres du réseau.",
        ),
    ),
    (
        "training-list",
        "trainings",
        ("الدورات التكوينية", "Formations"),
        (
            "الدورات التكوينية التي تقترحها الشبكة على أعضائها.",
            "Les formations proposées par le réseau à ses membres.",
        ),
    ),
    (
        "commitment-template-list",
        "commitment-templates",
        ("نماذج الالتزامات", "Modèles d'engagements"),
        (
            "نماذج الالتزامات التي ينسخها الأعضاء في برامج الانفتاح الخاصة بهم.",
            "Les modèles d'engagements que les membres copient dans leur programme d'ouverture.",
        ),
    ),
)


def network_catalog(request) -> dict:
    base = request.build_absolute_uri("/").rstrip("/")
    publisher = dcat.agent(**DGCT, homepage=base + "/")
    here = base + reverse("open-data-catalog")
    snapshots = dcat.dataset(
        uri=here + "#snapshots",
        title=("أرقام أعضاء الشبكة", "Chiffres des membres du réseau"),
        description=(
            "لكل عضو: برنامج الانفتاح والالتزامات والمراحل والاجتماعات والمشاركون "
            "والاستشارات وطلبات الحصول على المعلومات والعرائض والوثائق وبطاقة "
            "الإعداد المشترك.",
            "Pour chaque membre : programme d'ouverture, engagements, jalons, "
            "réunions et participants, consultations, demandes d'accès à "
            "l'information, pétitions, documents et grille de co-construction.",
        ),
        publisher=publisher,
        frequency=dcat.HOURLY,
        landing_page=base + reverse("open-data"),
        keywords=("gouvernement ouvert", "collectivités territoriales", "Maroc"),
        distributions=[
            dcat.distribution(
                url=base + reverse("open-data-csv"),
                fmt="csv",
                title_ar="أرقام الأعضاء (CSV)",
                title_fr="Chiffres des membres (CSV)",
            ),
            dcat.distribution(
                url=base + reverse("open-data-json"),
                fmt="json",
                title_ar="أرقام الأعضاء (JSON)",
                title_fr="Chiffres des membres (JSON)",
            ),
        ],
    )
    datasets = [snapshots]
    for url_name, slug, title, description in PUBLICATIONS:
        url = base + reverse(url_name) + "?format=json"
        datasets.append(
            dcat.dataset(
                uri=f"{here}#{slug}",
                title=title,
                description=description,
                publisher=publisher,
                frequency=dcat.IRREGULAR,
                distributions=[
                    dcat.distribution(
                        url=url,
                        fmt="json",
                        title_ar=f"{title[0]} (JSON)",
                        title_fr=f"{title[1]} (JSON)",
                    )
                ],
            )
        )
    scheme = link_scheme(request)
    members = []
    for member in member_directory().filter(suspended_at__isnull=True):
        site = member_site_url(member, scheme=scheme)
        if site:
            collectivity = member.collectivity
            members.append(
                {
                    "@id": site + "open-data/catalog.jsonld",
                    "@type": "dcat:Catalog",
                    "dct:title": dcat.text(collectivity.name_ar, collectivity.name_fr),
                    "foaf:homepage": dcat.ref(site),
                }
            )
    return dcat.catalog(
        uri=here,
        title=(
            "المعطيات المفتوحة للشبكة المغربية للجماعات الترابية المنفتحة",
            "Données ouvertes du réseau marocain des collectivités territoriales ouvertes",
        ),
        description=(
            "أرقام أعضاء الشبكة ومنشورات المديرية العامة للجماعات الترابية، "
            "وفهارس المعطيات المفتوحة لكل عضو.",
            "Les chiffres des membres du réseau, les publications de la DGCT et le "
            "catalogue de données ouvertes de chaque membre.",
        ),
        publisher=publisher,
        homepage=base + "/",
        datasets=datasets,
        catalogs=members,
        modified=timezone.now().isoformat(),
    )
