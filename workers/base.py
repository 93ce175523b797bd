"""The one tenant-aware task base: a task runs in the member it was sent for, or not at all."""

from celery.exceptions import Reject
from django.db import connection
from django_tenants.utils import get_public_schema_name
from tenant_schemas_celery.app import get_schema_name_from_task
from tenant_schemas_celery.task import TenantTask


class MemberNotReady(Exception):
    pass


class MemberTask(TenantTask):
    abstract = True

    @classmethod
    def get_tenant_for_schema(cls, schema_name):
        member = super().get_tenant_for_schema(schema_name)  # cached for a few seconds
        if not member.is_ready:
            raise MemberNotReady(schema_name)
        return member

    def __call__(self, *args, **kwargs):
        # Celery logs and swallows errors raised in the prerun hook that switches schemas, so
        # check here that the switch happened: never run a member's task in another schema.
        wanted = get_schema_name_from_task(self, kwargs) or get_public_schema_name()
        if connection.schema_name != wanted:
            raise Reject(f"member {wanted} is unknown or not ready", requeue=False)
        return super().__call__(*args, **kwargs)

    def apply_async_for_member(self, member, args=(), kwargs=None, **options):
        """Send this task to run in `member`'s schema, whatever schema the sender is in."""
        headers = {**(options.pop("headers", None) or {}), "_schema_name": member.schema_name}
        return self.apply_async(args, kwargs or {}, headers=headers, **options)
