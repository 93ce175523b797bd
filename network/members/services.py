"""Turning a collectivity into a member: its schema, domains and site profile (public schema).

Everything happens in one transaction (PostgreSQL DDL is transactional): a failure leaves no
member row, no domain and no schema behind. The member is marked ready in that same
transaction, once its schema is complete.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tenants.clone import CloneSchema
from django_tenants.utils import schema_exists, tenant_context

from network.members.models import Domain, Member, SchemaTemplate
from network.members.schema_template import (
    migrate_schema_stock,
    quote_ident,
    schema_create_from_template,
    schema_template_current,
)
from network.members.spares import spare_schema_claim
from network.registry.models import Collectivity
from network.registry.selectors import collectivity_get
from tenancy.routing import routing_forget_hosts

# "template": a spare schema renamed when one is ready, else the template replayed;
# "replay": always the replay (benchmarks); "migrations" and "clone": django-tenants' paths.
SchemaBuilder = Literal["template", "replay", "migrations", "clone"]
HOST_NAME = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


class ProvisioningError(Exception):
    """A request to provision that cannot be honoured; the message is for the operator."""


@dataclass
class ProvisioningOutcome:
    member: Member
    created: bool
    added_domains: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.created or bool(self.added_domains)


def member_default_domain(collectivity: Collectivity) -> str:
    return f"{collectivity.slug}.{settings.NETWORK_DOMAIN}"


def _clean_domains(domains: Sequence[str]) -> list[str]:
    cleaned = []
    for domain in domains:
        host = domain.strip().lower().rstrip(".")
        if not HOST_NAME.match(host):
            raise ProvisioningError(
                _(
                    "“%(domain)s” is not a valid host name (letters, digits and "
                    "hyphens only, no underscores)."
                )
                % {"domain": domain}
            )
        if host not in cleaned:
            cleaned.append(host)
    return cleaned


def _ensure_domains_free(domains: list[str], member: Member | None) -> None:
    taken = Domain.objects.filter(domain__in=domains)
    if member is not None:
        taken = taken.exclude(tenant=member)
    clash = taken.select_related("tenant").first()
    if clash:
        raise ProvisioningError(
            _("The domain %(domain)s is already taken by member %(member)s.")
            % {"domain": clash.domain, "member": clash.tenant.schema_name}
        )


def _site_profile_initialize_for_member(*, member: Member, collectivity: Collectivity) -> None:
    """Writes into the new member's schema (crosses schemas, hence the name)."""
    from tenants.site.services import site_profile_initialize

    region, province = collectivity.region, collectivity.province
    with tenant_context(member):
        site_profile_initialize(
            hcp_code=collectivity.code,
            tier=collectivity.tier,
            name_ar=collectivity.name_ar,
            name_fr=collectivity.name_fr,
            region_name_ar=region.name_ar if region else "",
            region_name_fr=region.name_fr if region else "",
            province_name_ar=province.name_ar if province else "",
            province_name_fr=province.name_fr if province else "",
            population_2024=collectivity.population_2024,
        )


def _schema_build(
    *, schema_name: str, builder: SchemaBuilder, template: SchemaTemplate | None
) -> None:
    if builder in ("template", "replay"):
        template = template or schema_template_current()
        if builder == "replay" or not spare_schema_claim(
            schema_name=schema_name, template=template
        ):
            schema_create_from_template(schema_name=schema_name, template=template)
    elif builder == "migrations":
        migrate_schema_stock(schema_name)
    elif builder == "clone":
        # django-tenants' own path: copy the template schema's structure, then fake migrations.
        CloneSchema().clone_schema(settings.MEMBER_TEMPLATE_SCHEMA, schema_name, "NODATA")
        migrate_schema_stock(schema_name)
    else:
        raise ValueError(builder)


def member_provision(
    *,
    hcp_code: str,
    custom_domains: Sequence[str] = (),
    builder: SchemaBuilder = "template",
    template: SchemaTemplate | None = None,
) -> ProvisioningOutcome:
    """Provision (or confirm) the member for `hcp_code`. Idempotent.

    A second call for a ready member changes nothing and says so (`created=False`); custom
    domains not yet attached are added. An unknown code or a domain taken by another member
    raises ProvisioningError before anything is written.
    """
    collectivity = collectivity_get(code=hcp_code.strip())
    if collectivity is None:
        raise ProvisioningError(
            _("No territorial collectivity has the HCP code “%(code)s”.") % {"code": hcp_code}
        )
    domains = _clean_domains([member_default_domain(collectivity), *custom_domains])

    with transaction.atomic():
        with connection.cursor() as cursor:
            # Two calls for the same collectivity at once: the second waits, then finds it done.
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ["member:" + hcp_code])
        member = Member.objects.filter(collectivity=collectivity).first()
        _ensure_domains_free(domains, member)

        if member is not None and member.is_ready:
            known = set(member.domains.values_list("domain", flat=True))
            added = [d for d in domains if d not in known]
            Domain.objects.bulk_create(
                [Domain(domain=d, tenant=member, is_primary=False) for d in added]
            )
            transaction.on_commit(lambda: routing_forget_hosts(added))
            return ProvisioningOutcome(member=member, created=False, added_domains=added)

        if member is None:
            member = Member(
                schema_name=Member.schema_name_for(collectivity.code), collectivity=collectivity
            )
            member.save()
        elif schema_exists(member.schema_name):
            # A member left unready by an interrupted stock path: rebuild its schema.
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA {quote_ident(member.schema_name)} CASCADE")
        _schema_build(schema_name=member.schema_name, builder=builder, template=template)
        _site_profile_initialize_for_member(member=member, collectivity=collectivity)

        Domain.objects.filter(tenant=member).delete()
        Domain.objects.bulk_create(
            [Domain(domain=d, tenant=member, is_primary=(i == 0)) for i, d in enumerate(domains)]
        )
        Member.objects.filter(pk=member.pk).update(is_ready=True)
        member.is_ready = True
        transaction.on_commit(lambda: routing_forget_hosts(domains))
    return ProvisioningOutcome(member=member, created=True, added_domains=domains)
