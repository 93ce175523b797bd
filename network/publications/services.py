"""Writes of the network's publications (public schema). Who may write is decided at the edge
(the network back office and API admit directorate accounts only); `by` is the network account
that acts (kernel.actors: `network.accounts.actor.network_actor`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.actors import NAME_LENGTH, Actor
from kernel.partial_update import fields_update
from network.members.models import Member
from network.publications.models import CommitmentTemplate, Publication, State, TemplateCopy


@transaction.atomic
def publication_create(*, model: type[Publication], by: Actor, **fields) -> Publication:
    """Create a news item, best practice, training or commitment template (a draft unless
    `state` says otherwise; published without a date means published now)."""
    return publication_save_new(publication=model(**fields), by=by)


@transaction.atomic
def publication_save_new(*, publication: Publication, by: Actor) -> Publication:
    """Validate and save a new publication built elsewhere (the back office's form)."""
    return _save(publication, by=by)


@transaction.atomic
def publication_update(*, publication: Publication, by: Actor, **changes) -> Publication:
    """Change a publication; a commitment template whose content changes gets a new version."""
    changed = fields_update(publication, changes)
    if isinstance(publication, CommitmentTemplate) and set(changed) & set(
        publication.CONTENT_FIELDS
    ):
        # From the locked row: two editors at once still give two versions.
        publication.version = (
            CommitmentTemplate.objects.select_for_update()
            .values_list("version", flat=True)
            .get(pk=publication.pk)
            + 1
        )
    return _save(publication, by=by)


def publication_publish(*, publication: Publication, by: Actor, at=None) -> Publication:
    """Publish now, or at `at` (a later date schedules it)."""
    return publication_update(
        publication=publication, by=by, state=State.PUBLISHED, published_at=at or timezone.now()
    )


def publication_withdraw(*, publication: Publication, by: Actor) -> Publication:
    """Back to draft: off the portal and the public API, kept for the directorate."""
    return publication_update(publication=publication, by=by, state=State.DRAFT)


def _save(publication: Publication, *, by: Actor) -> Publication:
    if publication.state == State.PUBLISHED and publication.published_at is None:
        publication.published_at = timezone.now()
    publication.updated_by = by.name[:NAME_LENGTH]
    publication.updated_by_account_id = by.network_account_id
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def template_copy_record(
    *, schema_name: str, template_id: int, version: int, commitment_id: int, by: Actor
) -> TemplateCopy | None:
    """Record that a member copied a template (called from the member's copy event, inside
    the member's transaction; the tables are the public schema's). `by` is a network account
    (the directorate copied it) or the member's staff account (by value: its id means
    something in the member's schema only). None for an unknown member or template: a
    member's copy never fails because of the network's record."""
    member = Member.objects.filter(schema_name=schema_name).first()
    template = CommitmentTemplate.objects.filter(pk=template_id).first()
    if member is None or template is None:
        return None
    return TemplateCopy.objects.create(
        member=member,
        template=template,
        version=version,
        commitment_id=commitment_id,
        by=by.name[:NAME_LENGTH],
        by_account_id=by.network_account_id,
        by_member_account_id=by.account_id,
    )


def commitment_template_copy_for_member(
    *, member: Member, template: CommitmentTemplate, by: Actor
) -> int:
    """Copy a published template into the member's current programme; runs in the member's
    schema and returns the new commitment's id there. The network's record of the copy is
    written by the member's copy event, in the same transaction."""
    from django_tenants.utils import tenant_context

    from tenants.programme.selectors import programme_current
    from tenants.programme.services import commitment_create_from_template

    if not template.is_visible:
        raise ValidationError({"template": _("Only a published template can be copied.")})
    with tenant_context(member), transaction.atomic():
        programme = programme_current()
        if programme is None:
            raise ValidationError({"programme": _("The member has no openness programme yet.")})
        return commitment_create_from_template(
            programme=programme, template=template.as_copy(), by=by
        ).pk


@transaction.atomic
def publication_delete(*, publication: Publication) -> None:
    """Delete a publication. A commitment template that members copied is withdrawn rather
    than deleted: the record of who copied which version stays (members keep their copies)."""
    if isinstance(publication, CommitmentTemplate) and publication.copies.exists():
        last_author = Actor(
            name=publication.updated_by, network_account_id=publication.updated_by_account_id
        )
        publication_withdraw(publication=publication, by=last_author)
        return
    publication.delete()
