"""What every member API shares: services' validation errors become 400s, in the user's language."""
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError

from tenants.site.roles import person_name


def run_service(service, **kwargs):
    """Call a service; its Django ValidationError becomes DRF's (400 with the messages)."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        raise ValidationError(error.message_dict if hasattr(error, "error_dict")
                              else {"detail": error.messages}) from error


def actor(request) -> str:
    """How a change's author is recorded in public histories (see `roles.person_name`)."""
    return person_name(request.user)
