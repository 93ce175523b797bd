"""The one way a member's code tells the rest of the platform that something happened.

Two signals, so that member code never imports the network or the workers (import-linter):

- `member_event`: a domain event (a commitment changed, a document published, ...), sent by
  `emit()` *inside* the service's transaction, so a receiver that records something (the
  notifications outbox) commits or rolls back with the change itself.
- `member_content_changed`: sent once the transaction has committed, whenever a member's
  public content changed (any save or delete in a content app); receivers that start work
  elsewhere (a worker refreshing the member's snapshot) listen to this one.

Both carry the schema they happened in: a receiver never guesses the member.
"""

from django.db import connection
from django.dispatch import Signal

# kwargs: schema_name, kind (str), data (dict of plain values: ids, codes, texts)
member_event = Signal()
# kwargs: schema_name
member_content_changed = Signal()


def emit(kind: str, **data) -> None:
    """Announce a domain event of the current member, within the current transaction."""
    member_event.send(sender=kind, schema_name=connection.schema_name, kind=kind, data=data)


def content_changed_send() -> None:
    """Called after commit by the page cache when the current member's content changed."""
    member_content_changed.send(sender=None, schema_name=connection.schema_name)
