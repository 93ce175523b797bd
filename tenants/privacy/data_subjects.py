"""A person's data across the member's apps: found, exported and erased on request (member
schema), for the focal point (law 09-08, arts. 7-9: access, rectification, opposition).

One table, `HOLDERS`: per kind of record, how to find a person's rows (by e-mail, or by CIN
for signatories and requesters), what to show and export of them, and how to erase them.
Erasing deletes what no record needs, and anonymises what the law keeps: a petition
signature already counted keeps its count (no name, no CIN, a keyed digest refuses a second
signature), an information request keeps its entry in the register (no requester), a
published comment or idea keeps its text (no name, no e-mail).
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tenants.site.personal_data import identity_read_record

ERASED = ""


def _erased_email(pk: int) -> str:
    """An address that is no one's, unique per row (some tables keep one row per address)."""
    return f"erased-{pk}@erased.invalid"


def email_mask(email: str) -> str:
    """How the log names whose data it was: enough to tell two searches apart, no more."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def cin_mask(cin: str) -> str:
    return f"{cin[:2]}•••{cin[-2:]}" if len(cin) > 4 else "•••"


@dataclass(frozen=True)
class Holder:
    key: str
    label: str
    find: Callable[[str, str], QuerySet]  # (email, cin) -> the person's rows
    show: Callable[[object], dict]  # a row -> {field label: value}
    erase: Callable[[list], tuple[int, int]]  # rows -> (erased, kept)


# Information requests ----------------------------------------------------------------------


def _requests_find(email: str, cin: str):
    from django.db.models import Q

    from tenants.information_requests.models import InformationRequest

    query = Q()
    if email:
        query |= Q(email__iexact=email)
    if cin:
        query |= Q(id_number=cin)
    return InformationRequest.objects.filter(query).select_related("complaint")


def _request_show(r) -> dict:
    return {
        _("reference"): r.reference,
        _("received on"): r.received_on.isoformat(),
        _("state"): r.get_state_display(),
        _("full name"): r.requester_name,
        _("identity document number"): r.id_number,
        _("postal address"): r.postal_address,
        _("e-mail"): r.email,
        _("scan of the request"): _("yes") if r.scan else _("no"),
    }


def _requests_erase(rows) -> tuple[int, int]:
    """A closed request keeps its register entry, without the requester; an open one is kept
    whole: the member must still answer the requester (law 31.13, art. 16)."""
    from tenants.privacy.retention import requester_anonymise

    closed = [r for r in rows if not r.is_open]
    requester_anonymise(closed)
    return len(closed), len(rows) - len(closed)


# Petitions ----------------------------------------------------------------------------------


def _signatures_find(email: str, cin: str):
    from tenants.petitions.models import Signature, cin_normalize

    if not cin:
        return Signature.objects.none()
    return Signature.objects.filter(cin_normalized=cin_normalize(cin)).select_related("petition")


def _signature_show(s) -> dict:
    return {
        _("petition"): s.petition.subject,
        _("full name"): s.full_name,
        _("national ID number (CIN)"): s.cin,
        _("signed at"): s.signed_at.date().isoformat(),
    }


def _signatures_erase(rows) -> tuple[int, int]:
    """Withdrawn while the petition collects; once submitted, counted: anonymised."""
    from tenants.petitions.models import Signature, cin_purged_key

    for signature in rows:
        if signature.petition.is_collecting:
            signature.delete()
        else:
            Signature.objects.filter(pk=signature.pk).update(
                full_name=ERASED,
                cin=ERASED,
                cin_normalized=cin_purged_key(signature.cin_normalized),
            )
    return len(rows), 0


def _agents_find(email: str, cin: str):
    from django.db.models import Q

    from tenants.petitions.models import Petition, cin_normalize

    query = Q(pk__in=[])
    if email:
        query |= Q(agent_email__iexact=email)
    if cin:
        query |= Q(agent_cin__iexact=cin_normalize(cin))
    return Petition.objects.filter(query)


def _agent_show(p) -> dict:
    return {
        _("petition"): p.subject,
        _("agent's name"): p.agent_name,
        _("agent's national ID number"): p.agent_cin,
        _("agent's e-mail"): p.agent_email,
        _("agent's phone"): p.agent_phone,
    }


def _agents_erase(rows) -> tuple[int, int]:
    from tenants.petitions.models import Petition

    Petition.objects.filter(pk__in=[p.pk for p in rows]).update(
        agent_name=ERASED, agent_cin=ERASED, agent_email=ERASED, agent_phone=ERASED
    )
    return len(rows), 0


# Contributions: comments, ideas, supports, registrations, subscribers, survey answers ------


def _by_email(model_path: str):
    def find(email: str, cin: str):
        from django.apps import apps

        model = apps.get_model(model_path)
        if not email:
            return model.objects.none()
        return model.objects.filter(email__iexact=email)

    return find


def _contribution_show(c) -> dict:
    return {
        _("received at"): c.created_at.date().isoformat(),
        _("name"): c.author_name,
        _("e-mail"): c.email,
        _("text"): getattr(c, "title", "") or c.body[:200],
    }


def _contributions_erase(rows) -> tuple[int, int]:
    """Unconfirmed: deleted. Published: the text stays, without its author."""
    for row in rows:
        if row.status == "pending":
            row.delete()
        else:
            type(row).objects.filter(pk=row.pk).update(
                author_name=ERASED, show_name=False, email=_erased_email(row.pk)
            )
    return len(rows), 0


def _support_show(s) -> dict:
    return {
        _("idea"): s.idea.title,
        _("e-mail"): s.email,
        _("received at"): s.created_at.date().isoformat(),
    }


def _supports_erase(rows) -> tuple[int, int]:
    """A confirmed support is counted: it stays, under an address that is no one's."""
    for support in rows:
        if support.confirmed_at is None:
            support.delete()
        else:
            type(support).objects.filter(pk=support.pk).update(email=_erased_email(support.pk))
    return len(rows), 0


def _registration_show(r) -> dict:
    return {
        _("meeting"): str(r.meeting),
        _("name"): r.name,
        _("e-mail"): r.email,
        _("category"): r.get_category_display(),
        _("gender"): r.get_gender_display(),
        _("registered at"): r.registered_at.date().isoformat(),
    }


def _registrations_erase(rows) -> tuple[int, int]:
    """The meeting's counts by category and gender stay; the person goes."""
    for registration in rows:
        type(registration).objects.filter(pk=registration.pk).update(
            name=ERASED, email=_erased_email(registration.pk)
        )
    return len(rows), 0


def _subscriber_show(s) -> dict:
    return {
        _("e-mail"): s.email,
        _("topics"): ", ".join(str(sub.get_topic_display()) for sub in s.subscriptions.all()),
        _("created at"): s.created_at.date().isoformat(),
    }


def _delete(rows) -> tuple[int, int]:
    for row in rows:
        row.delete()
    return len(rows), 0


def _responses_find(email: str, cin: str):
    from tenants.surveys.models import Response
    from tenants.surveys.services import email_digest

    if not email:
        return Response.objects.none()
    return Response.objects.filter(email_digest=email_digest(email)).select_related("survey")


def _response_show(r) -> dict:
    return {
        _("survey"): str(r.survey),
        _("sent at"): r.submitted_at.date().isoformat(),
        _("answers"): " | ".join(a.text or str(a.choice or a.value or "") for a in r.answers.all()),
    }


def _responses_unlink(rows) -> tuple[int, int]:
    """The answers stay in the results; the digest that ties them to the address goes."""
    from tenants.surveys.models import Response

    Response.objects.filter(pk__in=[r.pk for r in rows]).update(email_digest=ERASED)
    return len(rows), 0


HOLDERS = (
    Holder(
        "information_requests",
        _("Information requests"),
        _requests_find,
        _request_show,
        _requests_erase,
    ),
    Holder(
        "petition_signatures",
        _("Petition signatures"),
        _signatures_find,
        _signature_show,
        _signatures_erase,
    ),
    Holder(
        "petition_agents", _("Petitions filed as agent"), _agents_find, _agent_show, _agents_erase
    ),
    Holder(
        "consultation_comments",
        _("Comments in consultations"),
        _by_email("consultations.Comment"),
        _contribution_show,
        _contributions_erase,
    ),
    Holder("ideas", _("Ideas"), _by_email("ideas.Idea"), _contribution_show, _contributions_erase),
    Holder(
        "idea_comments",
        _("Comments on ideas"),
        _by_email("ideas.IdeaComment"),
        _contribution_show,
        _contributions_erase,
    ),
    Holder(
        "idea_supports",
        _("Supports of ideas"),
        _by_email("ideas.Support"),
        _support_show,
        _supports_erase,
    ),
    Holder(
        "meeting_registrations",
        _("Registrations for meetings"),
        _by_email("meetings.Registration"),
        _registration_show,
        _registrations_erase,
    ),
    Holder(
        "subscribers",
        _("Subscriptions"),
        _by_email("notifications.Subscriber"),
        _subscriber_show,
        _delete,
    ),
    Holder(
        "survey_responses", _("Survey answers"), _responses_find, _response_show, _responses_unlink
    ),
)


def subject_label(*, email: str, cin: str) -> str:
    """Whose data, as the log says it: masked."""
    return " · ".join(filter(None, [email and email_mask(email), cin and cin_mask(cin)]))


def _holder_label(key: str):
    return next(h.label for h in HOLDERS if h.key == key)


def _log(by, email: str, cin: str, action, parts: list) -> None:
    """One line of the log, in the site's language (Arabic) like the names in histories."""
    with translation.override(settings.LANGUAGE_CODE):
        identity_read_record(
            user=by,
            subject=subject_label(email=email, cin=cin),
            fields=[str(action)] + [str(part) for part in parts],
        )


def personal_data_find(*, email: str = "", cin: str = "") -> list[dict]:
    """What the member holds on the person with `email` and/or `cin`: per holder with rows,
    {"key", "label", "rows": [{label: value}]} (empty holders left out)."""
    found = []
    for holder in HOLDERS:
        rows = [
            {str(k): str(v) for k, v in holder.show(obj).items()} for obj in holder.find(email, cin)
        ]
        if rows:
            found.append({"key": holder.key, "label": str(holder.label), "rows": rows})
    return found


def personal_data_search(*, email: str, cin: str, by) -> list[dict]:
    """`personal_data_find`, logged as a reading by `by` (PersonalDataRead)."""
    found = personal_data_find(email=email, cin=cin)
    _log(by, email, cin, _("Search"), [_holder_label(h["key"]) for h in found])
    return found


def personal_data_export(*, email: str, cin: str, by, kind: str) -> tuple[str, str]:
    """The person's data as `kind` ("json" or "csv"): (content, content type). Logged."""
    found = personal_data_find(email=email, cin=cin)
    _log(by, email, cin, _("Export"), [kind.upper()] + [_holder_label(h["key"]) for h in found])
    if kind == "json":
        return (
            json.dumps({h["key"]: h["rows"] for h in found}, ensure_ascii=False, indent=2),
            "application/json; charset=utf-8",
        )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kind", "field", "value", "row"])
    for holder in found:
        for number, row in enumerate(holder["rows"], 1):
            for name, value in row.items():
                writer.writerow([holder["label"], name, value, number])
    return "\ufeff" + out.getvalue(), "text/csv; charset=utf-8"  # BOM: Excel reads Arabic


@transaction.atomic
def personal_data_erase(*, email: str, cin: str, by) -> dict[str, tuple[int, int]]:
    """Erase (or anonymise where a record must stay) the person's data in every holder:
    {holder key: (erased, kept)}. Logged, with the counts, in PersonalDataRead."""
    result = {}
    for holder in HOLDERS:
        rows = list(holder.find(email, cin))
        if rows:
            result[holder.key] = holder.erase(rows)
    _log(
        by,
        email,
        cin,
        _("Erasure"),
        [
            f"{_holder_label(key)} ({erased}/{erased + kept})"
            for key, (erased, kept) in result.items()
        ],
    )
    return result
