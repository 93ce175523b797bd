"""What every member back-office page shares."""


class BilingualFieldsMixin:
    """French fields are typed left to right, Arabic ones right to left, whatever the page."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            for suffix, direction in (("_fr", "ltr"), ("_ar", "rtl")):
                if db_field.name.endswith(suffix):
                    field.widget.attrs.update({"dir": direction,
                                               "lang": suffix.lstrip("_")})
        return field


class ReadOnlyAdminMixin:
    """For histories and logs: they record what happened, nobody writes them by hand."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
