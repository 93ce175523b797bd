"""One partial update for every service that changes some fields of a row (HackSoft's
`model_update`): it sets what it is given and says which fields changed, for a history, an
event or `save(update_fields=...)`. Validation and saving stay with the service, which knows
what else a change means (a version, a file to delete, a state)."""

from collections.abc import Iterable

from django.core.files import File
from django.db.models.fields.files import FieldFile


def fields_update(instance, changes: dict, *, allowed: Iterable[str] | None = None) -> list[str]:
    """Set each of `changes` on `instance` (not saved); the names of the fields whose value
    differs from before, in the order given. TypeError("Not editable: [...]") when `allowed`
    is given and `changes` names a field outside it (a caller's mistake, not a user's)."""
    if allowed is not None:
        unknown = set(changes) - set(allowed)
        if unknown:
            raise TypeError(f"Not editable: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if _differs(instance, name, value)]
    for name, value in changes.items():
        setattr(instance, name, value)
    return changed


def _differs(instance, name: str, value) -> bool:
    field = next((f for f in instance._meta.concrete_fields if f.name == name), None)
    if field is not None and field.is_relation:
        # Compared by key: reading the related row would cost a query.
        return getattr(instance, field.attname) != getattr(value, "pk", value)
    if isinstance(value, File) and not isinstance(value, FieldFile):
        return True  # an upload is stored under a name of its own, whatever it is called
    return getattr(instance, name) != value
