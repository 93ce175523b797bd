"""The DCAT-AP vocabulary of the open-data catalogues, as JSON-LD (no model, any schema).

One place for the words both catalogues use: the network's (network/aggregation/dcat.py, on
the portal) and each member's (tenants/figures/opendata.py, on the member's host). DCAT-AP 2
(W3C DCAT 2 profile of the EU): mandatory properties are the catalogue's title, description,
publisher and datasets, the dataset's title and description, the distribution's access URL;
we also give the recommended licence, media type, format, update frequency and download URL.
`dcat_ap_missing` lists what a document lacks of the mandatory ones (tested).
"""

from django.conf import settings

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# The licence of everything published (docs/law.md, "Open data"): data.gov.ma publishes under
# "an open licence ... on condition that the source is cited" without naming one; CC BY 4.0 is
# that licence, named. A setting, so the directorate can name another.
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# The EU's controlled vocabularies DCAT-AP asks for.
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
HOURLY, CONTINUOUS, IRREGULAR = FREQUENCY + "HOURLY", FREQUENCY + "CONT", FREQUENCY + "IRREG"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
FORMATS = {"csv": ("text/csv", "CSV"), "json": ("application/json", "JSON")}
JSON_LD = "application/ld+json"


def license_uri() -> str:
    return getattr(settings, "OPEN_DATA_LICENSE", "") or DEFAULT_LICENSE


def text(ar: str, fr: str = "") -> list[dict]:
    """A literal in Arabic and, when given, in French."""
    values = [{"@value": str(ar), "@language": "ar"}]
    return values + ([{"@value": str(fr), "@language": "fr"}] if fr else [])


def ref(uri: str) -> dict:
    return {"@id": uri}


def agent(*, name_ar: str, name_fr: str, homepage: str = "") -> dict:
    node = {"@type": "foaf:Agent", "foaf:name": text(name_ar, name_fr)}
    if homepage:
        node["foaf:homepage"] = ref(homepage)
    return node


def distribution(*, url: str, fmt: str, title_ar: str, title_fr: str) -> dict:
    media_type, file_type = FORMATS[fmt]
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": text(title_ar, title_fr),
        "dcat:accessURL": ref(url),
        "dcat:downloadURL": ref(url),
        "dcat:mediaType": ref(MEDIA_TYPE + media_type),
        "dct:format": ref(FILE_TYPE + file_type),
        "dct:license": ref(license_uri()),
    }


def dataset(
    *,
    uri: str,
    title: tuple[str, str],
    description: tuple[str, str],
    publisher: dict,
    frequency: str,
    distributions: list[dict],
    landing_page: str = "",
    keywords: tuple[str, ...] = (),
) -> dict:
    node = {
        "@id": uri,
        "@type": "dcat:Dataset",
        "dct:title": text(*title),
        "dct:description": text(*description),
        "dct:publisher": publisher,
        "dct:license": ref(license_uri()),
        "dct:accrualPeriodicity": ref(frequency),
        "dcat:distribution": distributions,
    }
    if landing_page:
        node["dcat:landingPage"] = ref(landing_page)
    if keywords:
        node["dcat:keyword"] = [{"@value": word, "@language": "fr"} for word in keywords]
    return node


def catalog(
    *,
    uri: str,
    title: tuple[str, str],
    description: tuple[str, str],
    publisher: dict,
    homepage: str,
    datasets: list[dict],
    catalogs: list[dict] | None = None,
    modified: str = "",
) -> dict:
    node = {
        "@context": CONTEXT,
        "@id": uri,
        "@type": "dcat:Catalog",
        "dct:title": text(*title),
        "dct:description": text(*description),
        "dct:publisher": publisher,
        "foaf:homepage": ref(homepage),
        "dct:license": ref(license_uri()),
        "dct:language": [
            ref("http://publications.europa.eu/resource/authority/language/ARA"),
            ref("http://publications.europa.eu/resource/authority/language/FRA"),
        ],
        "dcat:dataset": datasets,
    }
    if modified:
        node["dct:modified"] = {"@value": modified, "@type": "xsd:dateTime"}
    if catalogs:
        node["dcat:catalog"] = catalogs
    return node


MANDATORY = {
    "dcat:Catalog": ("dct:title", "dct:description", "dct:publisher", "dcat:dataset"),
    "dcat:Dataset": ("dct:title", "dct:description"),
    "dcat:Distribution": ("dcat:accessURL",),
    "foaf:Agent": ("foaf:name",),
}


def dcat_ap_missing(node, path: str = "$") -> list[str]:
    """The mandatory DCAT-AP properties missing anywhere in a catalogue ("$.dcat:dataset[0]
    dct:title"), walking every node; a catalogue referred to by address only is not walked."""
    missing = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            missing += dcat_ap_missing(item, f"{path}[{index}]")
        return missing
    if not isinstance(node, dict):
        return missing
    kind = node.get("@type")
    for name in MANDATORY.get(kind, ()):
        if kind == "dcat:Catalog" and set(node) <= {"@id", "@type", "dct:title", "foaf:homepage"}:
            break  # a reference to another catalogue, described at its own address
        if node.get(name) in (None, "", []):
            missing.append(f"{path} {name}")
    for key, value in node.items():
        if key != "@context":
            missing += dcat_ap_missing(value, f"{path}.{key}")
    return missing
