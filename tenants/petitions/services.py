"""Writes on petitions (the current member's schema: every function runs where it is called).

Every change of state goes through `petition_transition`, which checks the way a petition may
go (models.TRANSITIONS), what each step needs, and records the dated step. Text typed by
citizens is made plain (`citizens.clean_citizen_text`) here, whatever the way in: the public
form, the API or the back office.

The agent's e-mails carry a private link (`/petitions/agent/<key>/`) where the agent follows
the petition and submits it to the council once it has enough signatures.
"""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from citizens import clean_citizen_text
from events import emit
from kernel.partial_update import fields_update
from tenants.petitions.law import months_after, petition_rules, spread_minimum, years_before
from tenants.petitions.models import (
    OUTSIDE_REGION,
    TRANSITIONS,
    Petition,
    Petitioner,
    PetitionSettings,
    PetitionStep,
    Signature,
    Source,
    State,
    cin_purged_key,
)
from tenants.petitions.selectors import region_provinces, signature_spread
from kernel.actors import Actor
from kernel.mail import member_mail_send
from tenants.site.selectors import site_profile_get

# Who took a step through the private link: the petition's agent, a citizen without an account
# (staff steps carry the account and name of who acted: kernel.actors).
AGENT = Actor(name="agent")
# What staff may change on a petition; the subject and text only until it is published.
EDITABLE_FIELDS = ("subject", "text", "agent_name", "agent_cin", "agent_email", "agent_phone")
ASSOCIATION_FIELDS = ("association_name", "association_reference", "association_founded_on")
LOCKED_ONCE_PUBLISHED = ("subject", "text")
PLAIN_TEXT_FIELDS = {
    "subject": 300,
    "text": 10_000,
    "agent_name": 200,
    "agent_phone": 32,
    "association_name": 200,
    "association_reference": 100,
    "committee": 200,
}
SETTINGS_FIELDS = (
    "threshold",
    "legal_reference",
    "session_months",
    "admissibility_months",
    "association_min_years",
)


def petition_settings_get() -> PetitionSettings:
    """The member's petition settings, created with the legal defaults of its tier and
    population (law.petition_rules) the first time they are asked for."""
    existing = PetitionSettings.objects.filter(pk=PetitionSettings.SINGLETON_PK).first()
    if existing is not None:
        return existing
    profile = site_profile_get()
    rules = petition_rules(
        tier=profile.tier if profile else "commune",
        population=profile.population_2024 if profile else None,
        hcp_code=profile.hcp_code if profile else "",
    )
    settings, _created = PetitionSettings.objects.get_or_create(
        pk=PetitionSettings.SINGLETON_PK,
        defaults={
            "threshold": rules.threshold,
            "legal_reference": rules.legal_reference,
            "session_months": list(rules.session_months),
            "admissibility_months": rules.admissibility_months,
            "association_min_years": rules.association_min_years,
        },
    )
    return settings


@transaction.atomic
def petition_settings_update(**changes) -> PetitionSettings:
    """Change the settings; petitions still collecting signatures follow the new threshold
    (those already submitted keep the one they were submitted under)."""
    petition_settings_get()
    settings = PetitionSettings.objects.select_for_update().get(pk=PetitionSettings.SINGLETON_PK)
    fields_update(settings, changes, allowed=SETTINGS_FIELDS)
    settings.full_clean()
    settings.save()
    Petition.objects.filter(state=State.COLLECTING).update(signatures_required=settings.threshold)
    return settings


def _plain(fields: dict, limits: dict = PLAIN_TEXT_FIELDS) -> dict:
    """Citizen-typed fields as plain text (HTML removed), within their lengths."""
    errors, cleaned = {}, dict(fields)
    for name, limit in limits.items():
        if name in cleaned:
            try:
                cleaned[name] = clean_citizen_text(cleaned[name] or "", max_length=limit)
            except ValidationError as error:
                errors[name] = error.error_list
    if "agent_email" in cleaned:
        cleaned["agent_email"] = (cleaned["agent_email"] or "").strip().lower()
    if errors:
        raise ValidationError(errors)
    return cleaned


def _link(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path if site_url else ""


def _mail_agent(petition: Petition, template: str, *, site_url: str, **context) -> None:
    """E-mail the agent (when there is an address), with the private link when we know the
    site's address, in the language the agent filed in."""
    if not petition.agent_email:
        return
    context.update(
        subject=petition.subject,
        required=petition.signatures_required,
        private_link=_link(site_url, reverse("petitions:agent", args=[petition.agent_key])),
        public_link=_link(site_url, reverse("petitions:detail", args=[petition.pk])),
    )
    member_mail_send(
        to=petition.agent_email,
        template=f"petitions/email/{template}",
        context=context,
        language=petition.agent_language,
    )


def _association_errors(
    petition: Petition, *, conditions_declared: bool, settings: PetitionSettings
) -> dict:
    """What the organic laws ask of an association filing a petition, as far as a form can
    check it (law.TIERS): its name and registration, founded more than the settings' years
    ago, and its representative's declaration of the other conditions ({} when nothing)."""
    if petition.petitioner != Petitioner.ASSOCIATION:
        for name in ASSOCIATION_FIELDS:
            setattr(petition, name, None if name == "association_founded_on" else "")
        return {}
    errors = {}
    if not petition.association_name:
        errors["association_name"] = ValidationError(
            _("Give the name of the association."), code="required"
        )
    if not petition.association_reference:
        errors["association_reference"] = ValidationError(
            _("Give the registration reference of the association (its final receipt)."),
            code="required",
        )
    founded_on = petition.association_founded_on
    if founded_on is None:
        errors["association_founded_on"] = ValidationError(
            _("Give the date the association was founded."), code="required"
        )
    elif founded_on > years_before(timezone.localdate(), settings.association_min_years):
        errors["association_founded_on"] = ValidationError(
            _(
                "An association must have been founded more than %(years)s years ago to file a "
                "petition."
            )
            % {"years": settings.association_min_years},
            code="too_recent",
        )
    if not conditions_declared:
        errors["association_conditions_declared"] = ValidationError(
            _(
                "The legal representative must declare that the association meets the "
                "conditions of the law."
            ),
            code="required",
        )
    return errors


@transaction.atomic
def petition_save_new(
    *,
    petition: Petition,
    by: Actor,
    site_url: str = "",
    language: str | None = None,
    association_conditions_declared: bool = False,
) -> Petition:
    """Validate and save a new petition (collecting signatures from today) and e-mail its
    agent (or the association's legal representative) the private link. `by` is the member of
    staff who acts, or AGENT for one filed online."""
    fields = (*EDITABLE_FIELDS, "association_name", "association_reference")
    fields_update(petition, _plain({name: getattr(petition, name) for name in fields}))
    settings = petition_settings_get()
    errors = _association_errors(
        petition, conditions_declared=association_conditions_declared, settings=settings
    )
    if errors:
        raise ValidationError(errors)
    petition.signatures_required = settings.threshold
    petition.agent_key = secrets.token_urlsafe(32)
    petition.agent_language = (language or get_language() or "ar")[:2]
    petition.full_clean()
    petition.save()
    PetitionStep.objects.create(
        petition=petition, state=State.COLLECTING, happened_on=timezone.localdate(), **by.columns()
    )
    _mail_agent(petition, "filed", site_url=site_url)
    return petition


def petition_file(
    *,
    subject: str,
    text: str,
    agent_name: str,
    agent_cin: str,
    agent_email: str,
    agent_phone: str = "",
    petitioner: str = Petitioner.CITIZENS,
    association_name: str = "",
    association_reference: str = "",
    association_founded_on: date | None = None,
    association_conditions_declared: bool = False,
    site_url: str = "",
) -> Petition:
    """Citizens (through their agent) or an association (through its legal representative)
    file a petition online. It shows on the site, and can be signed, once staff have
    published it (a check that it is a matter for the council, not spam)."""
    if not (agent_email or "").strip():
        raise ValidationError(
            {
                "agent_email": _(
                    "Give the agent's e-mail address: the private "
                    "link to the petition is sent there."
                )
            }
        )
    petition = Petition(
        subject=subject,
        text=text,
        agent_name=agent_name,
        agent_cin=agent_cin,
        agent_email=agent_email,
        agent_phone=agent_phone,
        source=Source.ONLINE,
        petitioner=petitioner,
        association_name=association_name,
        association_reference=association_reference,
        association_founded_on=association_founded_on,
    )
    return petition_save_new(
        petition=petition,
        by=AGENT,
        site_url=site_url,
        association_conditions_declared=association_conditions_declared,
    )


def petition_create(
    *,
    by: Actor,
    subject: str,
    text: str,
    agent_name: str,
    agent_cin: str,
    agent_email: str = "",
    agent_phone: str = "",
    published: bool = True,
    petitioner: str = Petitioner.CITIZENS,
    association_name: str = "",
    association_reference: str = "",
    association_founded_on: date | None = None,
    association_conditions_declared: bool = False,
    site_url: str = "",
) -> Petition:
    """Staff enter a petition (one handed in on paper, say); it is published at once unless
    `published=False`."""
    petition = Petition(
        subject=subject,
        text=text,
        agent_name=agent_name,
        agent_cin=agent_cin,
        agent_email=agent_email,
        agent_phone=agent_phone,
        source=Source.STAFF,
        published_at=timezone.now() if published else None,
        petitioner=petitioner,
        association_name=association_name,
        association_reference=association_reference,
        association_founded_on=association_founded_on,
    )
    return petition_save_new(
        petition=petition,
        by=by,
        site_url=site_url,
        association_conditions_declared=association_conditions_declared,
    )


@transaction.atomic
def petition_update(*, petition: Petition, **changes) -> Petition:
    """Change some EDITABLE_FIELDS. Once published, the subject and text stay as people
    signed them."""
    stored = Petition.objects.select_for_update().get(pk=petition.pk)
    changes = _plain(changes)
    if stored.is_published:
        locked = [
            name
            for name in LOCKED_ONCE_PUBLISHED
            if name in changes and changes[name] != getattr(stored, name)
        ]
        if locked:
            raise ValidationError(
                {
                    name: ValidationError(
                        _("A published petition keeps the subject and text people signed."),
                        code="locked",
                    )
                    for name in locked
                }
            )
    fields_update(petition, changes, allowed=EDITABLE_FIELDS)
    petition.full_clean()
    petition.save()
    return petition


@transaction.atomic
def petition_publish(*, petition: Petition, site_url: str = "") -> Petition:
    """Show a petition filed online on the site, where citizens can sign it (idempotent)."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.is_published:
        return petition
    if not petition.is_collecting:
        raise ValidationError(
            _("Only a petition collecting signatures can be published."), code="not_collecting"
        )
    petition.published_at = timezone.now()
    petition.save(update_fields=["published_at", "updated_at"])
    _mail_agent(petition, "published", site_url=site_url)
    return petition


def _duplicate_signature() -> ValidationError:
    return ValidationError(
        {
            "cin": ValidationError(
                _("This national ID number has already signed this petition."),
                code="duplicate_signature",
            )
        }
    )


def _province_error(province_code: str, provinces) -> ValidationError | None:
    """A regional petition's signatory names the prefecture or province they live in (or
    outside the region); other members' signatures carry none."""
    if not provinces:
        return None
    if province_code != OUTSIDE_REGION and province_code not in {p.code for p in provinces}:
        return ValidationError(
            {
                "province_code": ValidationError(
                    _("Choose the prefecture or province where you live."), code="province_required"
                )
            }
        )
    return None


@transaction.atomic
def signature_add(
    *,
    petition: Petition,
    full_name: str,
    cin: str,
    link: str,
    province_code: str = "",
    source: str = Source.ONLINE,
    site_url: str = "",
) -> Signature:
    """Sign a petition: one signature per national ID number (compared upper case, without
    spaces). Online signatures need a published petition; all need one still collecting.
    On a regional petition the signatory gives their prefecture or province of residence.
    The agent is told when the signature that reaches the threshold comes in."""
    # The petition's row is locked: signatures of one petition are counted one at a time.
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not petition.is_collecting or (source == Source.ONLINE and not petition.is_published):
        raise ValidationError(_("This petition is not collecting signatures."), code="closed")
    full_name = _plain({"full_name": full_name}, {"full_name": 200})["full_name"]
    provinces = region_provinces()
    province_code = (province_code or "").strip() if provinces else ""
    error = _province_error(province_code, provinces)
    if error is not None:
        raise error
    signature = Signature(
        petition=petition,
        full_name=full_name,
        cin=cin,
        link=link,
        province_code=province_code,
        source=source,
    )
    signature.full_clean(exclude=["petition"], validate_constraints=False)
    if petition.signatures.filter(
        cin_normalized__in=[signature.cin_normalized, cin_purged_key(signature.cin_normalized)]
    ).exists():
        raise _duplicate_signature()
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError as error:  # the constraint is the last word
        raise _duplicate_signature() from error
    if petition.signatures.count() == petition.signatures_required:
        _mail_agent(petition, "threshold_reached", site_url=site_url)
        emit("petition.threshold_reached", petition_id=petition.pk)
    return signature


def _spread_error(petition: Petition) -> ValidationError | None:
    """A regional petition's signatories must spread over every prefecture and province of
    the region (law.REGION_SPREAD_PERCENT of the number required in each)."""
    short = [row for row in signature_spread(petition=petition) if not row.enough]
    if not short:
        return None
    return ValidationError(
        _(
            "The signatories must live in every prefecture and province of the region, at least "
            "%(minimum)s in each. Too few in: %(provinces)s."
        )
        % {
            "minimum": spread_minimum(petition.signatures_required),
            "provinces": "، ".join(row.province.name for row in short),
        },
        code="spread",
    )


def _transition_errors(
    petition: Petition,
    *,
    to: str,
    happened_on: date,
    reason: str,
    session_date: date | None,
    answer: str,
    committee: str,
) -> dict:
    """What stops `petition` from going to `to` on `happened_on` ({} when nothing)."""
    if to not in TRANSITIONS[petition.state]:
        return {
            "to": ValidationError(
                _("A petition that is “%(state)s” cannot become “%(to)s”.")
                % {"state": petition.get_state_display(), "to": State(to).label},
                code="invalid_transition",
            )
        }
    errors = {}
    today = timezone.localdate()
    last = petition.steps.order_by("-happened_on", "-pk").first()
    if happened_on > today:
        errors["happened_on"] = ValidationError(
            _("A step cannot be dated in the future."), code="future"
        )
    elif last and happened_on < last.happened_on:
        errors["happened_on"] = ValidationError(
            _("A step cannot be dated before the previous one."), code="before_previous"
        )
    if to == State.SUBMITTED:
        if not petition.is_published:
            errors["to"] = ValidationError(
                _("The petition has not been published."), code="not_published"
            )
        elif petition.signatures.count() < petition.signatures_required:
            errors["to"] = ValidationError(
                _("The petition needs %(required)s signatures before it is submitted.")
                % {"required": petition.signatures_required},
                code="below_threshold",
            )
        elif (spread := _spread_error(petition)) is not None:
            errors["to"] = spread
    elif to == State.NOT_ADMISSIBLE and not reason:
        errors["reason"] = ValidationError(
            _("Give the reason why the petition is not admissible."), code="reason_required"
        )
    elif to == State.REFERRED and not committee:
        errors["committee"] = ValidationError(
            _("Give the committee the petition is referred to."), code="committee_required"
        )
    elif to == State.ON_AGENDA:
        if session_date is None:
            errors["session_date"] = ValidationError(
                _("Give the date of the council session."), code="session_required"
            )
        elif session_date < happened_on:
            errors["session_date"] = ValidationError(
                _("The session cannot be before the petition is put on its agenda."),
                code="session_before_step",
            )
    elif to == State.DECIDED:
        if not answer:
            errors["answer"] = ValidationError(
                _("Give the answer of the council."), code="answer_required"
            )
        if petition.session_date and happened_on < petition.session_date:
            errors["happened_on"] = ValidationError(
                _("The council decides at its session, not before."), code="before_session"
            )
    return errors


@transaction.atomic
def petition_transition(
    *,
    petition: Petition,
    to: str,
    by: Actor,
    happened_on: date | None = None,
    reason: str = "",
    session_date: date | None = None,
    answer: str = "",
    committee: str = "",
    site_url: str = "",
) -> PetitionStep:
    """Move a petition to its next state and record the dated step:

    collecting → submitted (received by the council: its signatures reach the threshold, and
    spread over the provinces of a region; the bureau's decision falls due the settings'
    months later) → admissible (reasons optional), or not admissible (reasons required) →
    referred to the competent committee → on the agenda of a council session (its date) →
    decided (the council's decision, published on the petition's page).
    """
    petition_locked = Petition.objects.select_for_update().get(pk=petition.pk)
    happened_on = happened_on or timezone.localdate()
    reason, answer = (reason or "").strip(), (answer or "").strip()
    committee = _plain({"committee": committee or ""})["committee"]
    if to not in State.values:
        raise ValidationError({"to": ValidationError(_("Unknown state."), code="invalid_choice")})
    errors = _transition_errors(
        petition_locked,
        to=to,
        happened_on=happened_on,
        reason=reason,
        session_date=session_date,
        answer=answer,
        committee=committee,
    )
    if errors:
        raise ValidationError(errors)
    note = ""
    if to == State.SUBMITTED:
        petition_locked.submitted_on = happened_on
        petition_locked.admissibility_due_on = months_after(
            happened_on, petition_settings_get().admissibility_months
        )
    elif to == State.ADMISSIBLE:
        note = reason
    elif to == State.NOT_ADMISSIBLE:
        petition_locked.not_admissible_reason = note = reason
    elif to == State.REFERRED:
        petition_locked.committee = note = committee
    elif to == State.ON_AGENDA:
        petition_locked.session_date = session_date
    elif to == State.DECIDED:
        petition_locked.answer = note = answer
    petition_locked.state = to
    petition_locked.full_clean()
    petition_locked.save()
    step = PetitionStep.objects.create(
        petition=petition_locked, state=to, happened_on=happened_on, note=note, **by.columns()
    )
    for name in (
        "state",
        "not_admissible_reason",
        "session_date",
        "answer",
        "submitted_on",
        "admissibility_due_on",
        "committee",
        "updated_at",
    ):
        setattr(petition, name, getattr(petition_locked, name))
    if to in (State.DECIDED, State.NOT_ADMISSIBLE):
        emit("petition.decided", petition_id=petition_locked.pk, state=to)
    if by != AGENT:
        _mail_agent(
            petition_locked,
            "step",
            site_url=site_url,
            state=step.get_state_display(),
            happened_on=happened_on,
            note=note,
            session_date=session_date,
        )
    return step


def petition_submit_by_agent(*, petition: Petition, site_url: str = "") -> PetitionStep:
    """The agent submits the petition to the council from the private link."""
    return petition_transition(petition=petition, to=State.SUBMITTED, by=AGENT, site_url=site_url)


@transaction.atomic
def signature_delete(*, signature: Signature) -> None:
    """Remove a signature (one entered by mistake): counted again under the petition's lock,
    like `signature_add`."""
    Petition.objects.select_for_update().filter(pk=signature.petition_id).first()
    signature.delete()


@transaction.atomic
def petition_delete(*, petition: Petition) -> None:
    """Delete a petition with its steps and signatures (a back-office correction)."""
    Petition.objects.select_for_update().filter(pk=petition.pk).first()
    petition.delete()
