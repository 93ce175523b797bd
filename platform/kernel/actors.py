"""Who did something, as the audit trail keeps it: the acting account and the name shown then.

Services receive an `Actor` (`tenants.site.staff.actor(request)` on a member's host,
`network.accounts.actor.network_actor(request)` on the network's) and every history or log row
keeps all of it: the account, so that the person is found again by who they are (the reminders
find the officer in charge by it), and the name, so that the row still reads the same when the
account is renamed or erased (the account column is then null, the name stays). Zulip's
`RealmAuditLog.acting_user` is the model.

Where the account lives decides how a row refers to it. A member's staff account is a user of
the member's schema: a foreign key, within that schema. A network account lives in the public
schema, which a member's table never references (member schemas may move to other nodes): its
id is kept by value. Ids repeat across schemas (user 3 of Tétouan is not user 3 of Tanger), so
an account id means something only in the schema of the row that holds it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

# The name columns' length (Django's first and last names are 150 each: a long name is cut).
NAME_LENGTH = 150


@dataclass(frozen=True)
class Actor:
    """The author of a change: the name shown, and the account when a person of staff acted.

    Without an account: nobody of staff (`NOBODY`: the requester, a signatory, the system), or
    a label (`Actor(name="agent")`, a petition's agent; a body named in the demo's seeds)."""

    name: str = ""
    # A user of the schema the row is written in (a member's staff account).
    account_id: int | None = None
    # A network account (public schema), kept by value in a member's rows.
    network_account_id: int | None = None

    def columns(self, field: str = "by") -> dict:
        """The values of the three columns `actor_fields` makes, for a member's row."""
        return {
            field: self.name[:NAME_LENGTH],
            f"{field}_account_id": self.account_id,
            f"{field}_network_account_id": self.network_account_id,
        }

    def set_on(self, row, field: str = "by") -> None:
        """Set those columns on a row about to be saved (a revised response, an edited
        document: the latest author replaces the one before)."""
        for column, value in self.columns(field).items():
            setattr(row, column, value)


# Nobody of staff acted: the requester, a signatory, the system.
NOBODY = Actor()


def actor_fields(verbose_name, *, blank: bool = True):
    """The three columns of an author in a member's schema, for a model's class body:

        by, by_account, by_network_account_id = actor_fields(_("by"))

    The name stays when the account is erased (SET_NULL). Neither id is edited by hand."""
    return (
        models.CharField(verbose_name, max_length=NAME_LENGTH, blank=blank),
        models.ForeignKey(
            "auth.User",
            on_delete=models.SET_NULL,
            null=True,
            blank=True,
            editable=False,
            related_name="+",
            verbose_name=_("account"),
        ),
        models.PositiveBigIntegerField(_("network account"), null=True, blank=True, editable=False),
    )
