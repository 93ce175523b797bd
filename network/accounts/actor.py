"""The author of a change made by a network account (public schema): see kernel.actors.

A network account is kept by its id: a foreign key in the network's own rows (news, template
copies), the id by value in a member's rows (a template copied into its programme, an
invitation sent from the console), since a member's tables never reference the public schema.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from django.utils.translation import gettext

from kernel.actors import Actor


def network_person_name(user) -> str:
    """How a network account is named to others: the full name, else its role's label (in the
    network's language, Arabic), never its e-mail."""
    name = user.get_full_name().strip()
    if name and "@" not in name:
        return name
    with translation.override(settings.LANGUAGE_CODE):
        try:
            return str(user.network_role.get_role_display())
        except ObjectDoesNotExist:
            return gettext("The directorate")


def network_actor_of(user) -> Actor:
    return Actor(name=network_person_name(user), network_account_id=user.pk)


def network_actor(request) -> Actor:
    """The network account signed in on this request, as the audit rows keep it."""
    return network_actor_of(request.user)
