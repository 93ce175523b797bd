"""Where the scans of requests and complaints received on paper live: the member's own private
folder, never under the public media address (`/media/members/<schema>/`, which serves every
file of the member's folder to anyone who has its name).

They hold the requester's identity and signature, so only the focal point reads them, through
the workspace (staff_views.scan), each reading logged (tenants/site/personal_data.py). On disk:
MEDIA_ROOT/private/<schema>/; on the bucket: the `private/<schema>/` prefix, which
`site.member_file` never signs.
"""

import os

from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.utils.functional import LazyObject
from django_tenants.files.storage import TenantFileSystemStorage

from uploads.storage import MemberS3Storage

PRIVATE_FOLDER = "private"


class PrivateMemberFileStorage(TenantFileSystemStorage):
    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, PRIVATE_FOLDER, connection.schema_name)

    @property
    def base_url(self):
        return None  # no address: read through the workspace only

    def url(self, name):
        raise ValueError("A private file has no public address.")


class PrivateMemberS3Storage(MemberS3Storage):
    @property
    def location(self) -> str:
        return f"{PRIVATE_FOLDER}/{connection.schema_name}"

    def url(self, name, *args, **kwargs):
        raise ValueError("A private file has no public address.")


class _PrivateStorage(LazyObject):
    """The private counterpart of the default storage, chosen when first used (tests swap
    MEDIA_ROOT, deployments set S3_BUCKET)."""

    def _setup(self):
        if isinstance(storages["default"], MemberS3Storage):
            self._wrapped = PrivateMemberS3Storage(
                **settings.STORAGES["default"].get("OPTIONS", {})
            )
        else:
            self._wrapped = PrivateMemberFileStorage()


def private_storage():
    """For FileField(storage=...): a callable, so migrations do not serialise the storage."""
    return _private


_private = _PrivateStorage()
