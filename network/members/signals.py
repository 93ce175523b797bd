"""A member's routing entry is dropped from the cache as soon as it or its domains change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from network.members.models import Domain, Member
from tenancy.routing import routing_forget_hosts


@receiver([post_save, post_delete], sender=Domain)
def forget_domain(sender, instance: Domain, **kwargs) -> None:
    routing_forget_hosts([instance.domain])


@receiver([post_save, post_delete], sender=Member)
def forget_member_domains(sender, instance: Member, **kwargs) -> None:
    if instance.pk:
        routing_forget_hosts(
            list(Domain.objects.filter(tenant_id=instance.pk).values_list("domain", flat=True))
        )
