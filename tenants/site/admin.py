from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from kernel.admin import ReadOnlyAdminMixin, StaffSignInForm
from tenants.site.models import AssistanceVisit, PersonalDataRead, SiteProfile, StaffMembership
from tenants.site.staff import actor
from tenants.site.roles import Role
from tenants.site.selectors import staff_is_last_focal_point
from tenants.site.services import site_branding_save, staff_invite, staff_remove, staff_role_change
from tenancy.addresses import current_member_site_url

admin.site.site_header = _("Back office of the openness site")
admin.site.site_title = _("Back office")
admin.site.index_title = _("Run your openness site")
admin.site.login_form = StaffSignInForm
# Roles replace groups in a member's back office (tenants/site/roles.py).
admin.site.unregister(Group)


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_fr", "hcp_code"]
    readonly_fields = ["hcp_code", "tier", "population_2024"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        site_branding_save(**{field: form.cleaned_data[field] for field in form.changed_data})


class StaffInvitationForm(forms.ModelForm):
    email = forms.EmailField(label=_("e-mail"))

    class Meta:
        model = StaffMembership
        fields = ["role"]


class StaffRoleForm(forms.ModelForm):
    """A colleague's role: the service's rules, said on the form (the last focal point keeps
    the role; the directorate's assistance account and removed colleagues are not changed)."""

    class Meta:
        model = StaffMembership
        fields = ["role"]

    def clean_role(self):
        role, membership = self.cleaned_data["role"], self.instance
        if membership.role == Role.NETWORK_ASSISTANCE or not membership.user.is_active:
            raise forms.ValidationError(_("This colleague's role cannot be changed here."))
        if role != Role.FOCAL_POINT and staff_is_last_focal_point(membership):
            raise forms.ValidationError(
                _("This is the last focal point of this site: name another focal point first.")
            )
        return role


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    """The focal point invites the team here: an e-mail with a link to choose a password."""

    list_display = ["user", "role", "invited_by", "invited_at"]
    list_filter = ["role"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":  # the directorate's assistance account is never invited
            kwargs["choices"] = [c for c in Role.choices if c[0] != Role.NETWORK_ASSISTANCE]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = StaffInvitationForm if obj is None else StaffRoleForm
        return super().get_form(request, obj, **kwargs)

    def has_delete_permission(self, request, obj=None):
        # Removing deactivates the account (staff_remove); the last focal point stays.
        if obj is not None and (
            obj.role == Role.NETWORK_ASSISTANCE
            or not obj.user.is_active
            or staff_is_last_focal_point(obj)
        ):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        staff_remove(membership=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user"):
            staff_remove(membership=membership, by=request.user)

    def get_fields(self, request, obj=None):
        return ["email", "role"] if obj is None else ["role"]

    def save_model(self, request, obj, form, change):
        if change:
            staff_role_change(membership=obj, role=form.cleaned_data["role"], by=request.user)
            return
        membership = staff_invite(
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=actor(request),
            site_url=current_member_site_url(request),
        )
        form.instance = obj
        obj.pk, obj.user, obj.role = membership.pk, membership.user, membership.role
        obj._state.adding = False


@admin.register(AssistanceVisit)
class AssistanceVisitAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every time the directorate opened this back office to help: who, when, from where."""

    list_display = ["visited_at", "network_email", "ip_address", "account"]
    list_select_related = ["account"]
    fields = ["visited_at", "network_email", "ip_address", "user_agent", "account"]
    readonly_fields = fields


@admin.register(PersonalDataRead)
class PersonalDataReadAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every time identity data was shown to staff: who, when, whose, what. The focal point
    reads it (site.view_personaldataread); nobody writes or deletes it by hand."""

    list_display = ["at", "account_name", "subject", "fields"]
    search_fields = ["account_name", "subject"]
    date_hierarchy = "at"
    fields = ["at", "account_name", "subject", "fields"]
    readonly_fields = fields
