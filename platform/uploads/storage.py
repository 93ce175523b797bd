"""Members' files on an S3-compatible bucket (django-storages), when S3_BUCKET is set.

The keys are laid out as TenantFileSystemStorage lays out the disk: `members/<schema>/<name>`
(MULTITENANT_RELATIVE_MEDIA_ROOT), the schema being the connection's at the moment of the call,
so a file saved, read or deleted in a member's schema can only be that member's. Objects are
private (no ACL is sent: the bucket's default, and no public policy). A file's address stays the
app's own (`/media/members/<schema>/<name>`): `member_file` checks the host there, then redirects
to a signed link that lives S3_LINK_SECONDS.
"""

import mimetypes

from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


def member_prefix(schema_name: str) -> str:
    """`members/<schema>`: a member's folder on disk and its prefix in the bucket."""
    return settings.MULTITENANT_RELATIVE_MEDIA_ROOT % schema_name


class MemberS3Storage(S3Storage):
    # Never a public ACL, whatever the options say: links are signed after the app's check.
    default_acl = None
    querystring_auth = True
    # Two uploads of "budget.pdf" keep both files, as on disk.
    file_overwrite = False

    @property
    def location(self) -> str:
        # Read at every call, not cached: the same storage object serves every member.
        return member_prefix(connection.schema_name)

    def get_object_parameters(self, name: str) -> dict:
        # The type comes from the name, which validate_upload matched with the content; never
        # from the type the uploading browser claimed.
        content_type = mimetypes.guess_type(name)[0] or self.default_content_type
        return {**self.object_parameters, "ContentType": content_type}

    def url(self, name: str, *args, **kwargs) -> str:
        """The app's address of the file, on the member's host (the same as on disk)."""
        return (
            f"{settings.MEDIA_URL}{member_prefix(connection.schema_name)}/"
            f"{filepath_to_uri(clean_name(name))}"
        )

    def signed_link(self, name: str) -> str:
        """A short-lived link that reads the object from the bucket; only for the current
        member's files (the name is resolved under its prefix). FileNotFoundError when there
        is no such file: the app answers 404 itself, as it does on disk."""
        if not self.exists(name):
            raise FileNotFoundError(name)
        return super().url(name, expire=settings.S3_LINK_SECONDS)


def member_file_link(name: str) -> str | None:
    """Where to send a browser for the current member's file `name` when files live on the
    bucket; None when they are on local disk (the app, or the proxy, serves them)."""
    storage = storages["default"]
    return storage.signed_link(name) if isinstance(storage, MemberS3Storage) else None
