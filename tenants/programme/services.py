"""Writes of the openness programme (member schema). Every change is recorded with who made
it (`by`, an Actor: the account and the name shown) and the values before and after: that
record is the public history."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

import commitment_templates
from events import emit
from kernel.actors import Actor
from kernel.partial_update import fields_update
from tenants.programme.models import (
    Assessment,
    Commitment,
    Completion,
    InceptionAssessment,
    Milestone,
    Programme,
    ProgrammeStatus,
    ProgressUpdate,
)

# Fields whose changes are not worth a line in the public history, or are not the public's:
# the point of contact is for the staff unless the commitment makes it public.
UNRECORDED = {"updated_at", "contact_name", "contact_role", "contact_email"}


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return str(value)


def _apply_and_record(
    instance,
    *,
    changes: dict,
    by: Actor,
    note: str,
    programme: Programme,
    commitment: Commitment | None = None,
    milestone: Milestone | None = None,
) -> list[ProgressUpdate]:
    """Set `changes` on `instance`, validate, save, and record each field that changed."""
    before = {field: getattr(instance, field) for field in changes}
    fields_update(instance, changes)
    instance.full_clean()
    instance.save()
    records = [
        ProgressUpdate(
            programme=programme,
            commitment=commitment,
            milestone=milestone,
            subject=str(instance),
            model=instance._meta.model_name,
            field=field,
            before=_as_text(before[field]),
            after=_as_text(getattr(instance, field)),
            note=note,
            **by.columns(),
        )
        for field in changes
        if field not in UNRECORDED and before[field] != getattr(instance, field)
    ]
    return ProgressUpdate.objects.bulk_create(records)


def _record_creation(instance, *, by: Actor, **links) -> ProgressUpdate:
    return ProgressUpdate.objects.create(
        subject=str(instance),
        model=instance._meta.model_name,
        field=ProgressUpdate.CREATED,
        after=str(instance),
        **by.columns(),
        **links,
    )


def _record_deletion(instance, *, by: Actor, **links) -> ProgressUpdate:
    return ProgressUpdate.objects.create(
        subject=str(instance),
        model=instance._meta.model_name,
        field=ProgressUpdate.DELETED,
        before=str(instance),
        **by.columns(),
        **links,
    )


@transaction.atomic
def programme_create(*, by: Actor, **fields) -> Programme:
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, by: Actor, note: str = "", **changes) -> Programme:
    """Change the programme; adopting it needs the council session and the decision."""
    status = changes.get("status", programme.status)
    if status in (
        ProgrammeStatus.ADOPTED,
        ProgrammeStatus.IMPLEMENTATION,
        ProgrammeStatus.EVALUATED,
    ):
        session = changes.get("council_session", programme.council_session)
        decision = changes.get("decision_reference", programme.decision_reference)
        if not (session and decision):
            raise ValidationError(
                {
                    "status": _(
                        "An adopted programme needs the council session "
                        "and the reference of the decision."
                    )
                }
            )
    _apply_and_record(programme, changes=changes, by=by, note=note, programme=programme)
    return programme


@transaction.atomic
def commitment_save_new(*, commitment: Commitment, by: Actor) -> Commitment:
    """Validate and save a new commitment, recording its creation in the history."""
    commitment.full_clean()
    commitment.save()
    _record_creation(commitment, by=by, programme=commitment.programme, commitment=commitment)
    return commitment


def commitment_create(*, programme: Programme, by: Actor, **fields) -> Commitment:
    return commitment_save_new(commitment=Commitment(programme=programme, **fields), by=by)


@transaction.atomic
def commitment_update(
    *, commitment: Commitment, by: Actor, note: str = "", **changes
) -> list[ProgressUpdate]:
    updates = _apply_and_record(
        commitment,
        changes=changes,
        by=by,
        note=note,
        programme=commitment.programme,
        commitment=commitment,
    )
    if updates:
        emit("commitment.changed", commitment_id=commitment.pk, update_ids=[u.pk for u in updates])
    return updates


def commitment_update_progress(
    *, commitment: Commitment, by: Actor, completion: Completion, note: str
) -> list[ProgressUpdate]:
    return commitment_update(commitment=commitment, by=by, note=note, completion=completion)


@transaction.atomic
def commitment_delete(*, commitment: Commitment) -> None:
    commitment.delete()


@transaction.atomic
def milestone_save_new(*, milestone: Milestone, by: Actor) -> Milestone:
    milestone.full_clean()
    milestone.save()
    commitment = milestone.commitment
    _record_creation(
        milestone, by=by, programme=commitment.programme, commitment=commitment, milestone=milestone
    )
    return milestone


def milestone_create(*, commitment: Commitment, by: Actor, **fields) -> Milestone:
    return milestone_save_new(milestone=Milestone(commitment=commitment, **fields), by=by)


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, by: Actor, note: str = "", **changes
) -> list[ProgressUpdate]:
    commitment = milestone.commitment
    updates = _apply_and_record(
        milestone,
        changes=changes,
        by=by,
        note=note,
        programme=commitment.programme,
        commitment=commitment,
        milestone=milestone,
    )
    if updates:
        emit("commitment.changed", commitment_id=commitment.pk, update_ids=[u.pk for u in updates])
    return updates


def milestone_mark_done(
    *,
    milestone: Milestone,
    by: Actor,
    done_on: date | None = None,
    evidence_file=None,
    evidence_link: str = "",
    note: str = "",
) -> list[ProgressUpdate]:
    changes = {"done_on": done_on or date.today()}
    if evidence_file is not None:
        changes["evidence_file"] = evidence_file
    if evidence_link:
        changes["evidence_link"] = evidence_link
    if not (evidence_file or evidence_link or milestone.evidence_file or milestone.evidence_link):
        raise ValidationError(
            {"evidence_link": _("A milestone is marked done with its evidence: a file or a link.")}
        )
    return milestone_update(milestone=milestone, by=by, note=note, **changes)


@transaction.atomic
def assessment_save(*, commitment: Commitment, by: Actor, **fields) -> Assessment:
    """The monitoring committee's end-of-commitment assessment (created or replaced), recorded
    in the history; it needs its findings and its evidence (Assessment.clean)."""
    assessment = Assessment.objects.filter(commitment=commitment).first()
    if assessment is None:
        assessment = Assessment(commitment=commitment, **fields)
        assessment.full_clean()
        assessment.save()
        _record_creation(assessment, by=by, programme=commitment.programme, commitment=commitment)
        return assessment
    _apply_and_record(
        assessment,
        changes=fields,
        by=by,
        note="",
        programme=commitment.programme,
        commitment=commitment,
    )
    return assessment


@transaction.atomic
def commitment_create_from_template(
    *, programme: Programme, template: dict, by: Actor
) -> Commitment:
    """Copy a network commitment template (a dict, by value: see platform/commitment_templates)
    into this member's programme as its next commitment. The copy is the member's own from
    then on and keeps the template's id and version; a programme takes a template once."""
    template_id, version = template.get("id"), template.get("version")
    if not (isinstance(template_id, int) and isinstance(version, int)):
        raise ValidationError({"template": _("This commitment template is not available.")})
    # One copy at a time per programme: the next number and the "once" rule stay true.
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.commitments.filter(source_template_id=template_id).exists():
        raise ValidationError(
            {"template": _("This programme already has a commitment copied from this template.")}
        )
    number = (programme.commitments.aggregate(last=Max("number"))["last"] or 0) + 1
    fields = {
        field: template[field] for field in commitment_templates.CONTENT_FIELDS if field in template
    }
    commitment = commitment_save_new(
        commitment=Commitment(
            programme=programme,
            number=number,
            source_template_id=template_id,
            source_template_version=version,
            **fields,
        ),
        by=by,
    )
    emit(
        commitment_templates.TEMPLATE_COPIED,
        template_id=template_id,
        template_version=version,
        commitment_id=commitment.pk,
        # Plain values (events carry no objects): the network records who copied.
        by=by.name,
        by_account_id=by.account_id,
        by_network_account_id=by.network_account_id,
    )
    return commitment


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by: Actor) -> None:
    """Remove a milestone; its removal stays in the commitment's public history."""
    commitment = milestone.commitment
    _record_deletion(milestone, by=by, programme=commitment.programme, commitment=commitment)
    milestone.delete()


@transaction.atomic
def assessment_delete(*, commitment: Commitment, by: Actor) -> None:
    """Withdraw the monitoring committee's assessment; the withdrawal stays in the history."""
    assessment = Assessment.objects.filter(commitment=commitment).first()
    if assessment is None:
        return
    _record_deletion(assessment, by=by, programme=commitment.programme, commitment=commitment)
    assessment.delete()


@transaction.atomic
def inception_assessment_save(*, programme: Programme, by: Actor, **fields) -> InceptionAssessment:
    """The monitoring committee's inception assessment of the programme (created or replaced),
    with its findings and its evidence, recorded in the programme's history."""
    assessment = InceptionAssessment.objects.filter(programme=programme).first()
    if assessment is None:
        assessment = InceptionAssessment(programme=programme, **fields)
        assessment.full_clean()
        assessment.save()
        _record_creation(assessment, by=by, programme=programme)
        return assessment
    _apply_and_record(assessment, changes=fields, by=by, note="", programme=programme)
    return assessment
