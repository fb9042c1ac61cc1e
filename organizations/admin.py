"""Administration of units, people, roles and deputies.

Roles are granted and revoked here through ``organizations.services``, never by editing
guardian's permission rows by hand.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .models import Deputy, DocumentCounter, Province, Role, StaffProfile, Unit, User
from .selectors import role_grants


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ["unit"]


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.filter(is_active=True))
    action = forms.ChoiceField(
        label=_("Thao tác"), choices=[("grant", _("Phân vai trò")), ("revoke", _("Thu hồi"))]
    )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "full_name", "email", "unit_name", "is_active", "is_staff"]
    list_select_related = ["profile__unit"]
    search_fields = ["username", "full_name", "email"]
    readonly_fields = ["role_grants"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "email")}),
        (_("Vai trò theo đơn vị"), {"fields": ("role_grants",)}),
        (
            _("Quyền hệ thống"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "email")}),
        (None, {"classes": ("wide",), "fields": ("password1", "password2")}),
    )

    @admin.display(description=_("Đơn vị"), ordering="profile__unit__name")
    def unit_name(self, user):
        profile = getattr(user, "profile", None)
        return profile.unit.name if profile else "—"

    @admin.display(description=_("Vai trò đang giữ"))
    def role_grants(self, user):
        if not user.pk:
            return "—"
        grants = role_grants([user.pk])
        units = Unit.objects.in_bulk({unit_id for _u, _r, unit_id in grants})
        rows = [(role.label, units[unit_id].name) for _u, role, unit_id in grants]
        link = reverse("admin:organizations_user_roles", args=[user.pk])
        listing = format_html_join("", "<div>{} — {}</div>", rows) if rows else "—"
        return format_html(
            "{}<p><a href='{}'>{}</a></p>", listing, link, _("Phân hoặc thu hồi vai trò")
        )

    def get_urls(self):
        return [
            path(
                "<int:user_id>/roles/",
                self.admin_site.admin_view(self.roles_view),
                name="organizations_user_roles",
            ),
            *super().get_urls(),
        ]

    def roles_view(self, request, user_id):
        """Grant or revoke a role in a unit for one user."""
        if not self.has_change_permission(request):
            return redirect("admin:index")
        user = get_object_or_404(User, pk=user_id)
        form = RoleGrantForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            role, unit = Role(form.cleaned_data["role"]), form.cleaned_data["unit"]
            if form.cleaned_data["action"] == "grant":
                services.grant_role(user, role, unit)
                done = _("Đã phân vai trò %(role)s tại %(unit)s.")
            else:
                services.revoke_role(user, role, unit)
                done = _("Đã thu hồi vai trò %(role)s tại %(unit)s.")
            self.message_user(request, done % {"role": role.label, "unit": unit})
            return redirect("admin:organizations_user_change", user.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Vai trò của %(user)s") % {"user": user},
            "form": form,
            "target_user": user,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/organizations/user_roles.html", context)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "position", "leader_level", "is_party_committee_managed"]
    list_filter = ["leader_level", "is_party_committee_managed", "unit"]
    search_fields = ["user__full_name", "user__username", "position"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


class DeputyForm(forms.ModelForm):
    class Meta:
        model = Deputy
        fields = ["principal", "deputy", "start_date", "end_date", "reason"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and all(
            data.get(f) for f in ("principal", "deputy", "start_date", "end_date")
        ):
            errors = services.deputy_period_errors(
                data["principal"], data["deputy"], data["start_date"], data["end_date"]
            )
            if errors:
                raise ValidationError(errors)
        return data


@admin.register(Deputy)
class DeputyAdmin(admin.ModelAdmin):
    form = DeputyForm
    list_display = ["principal", "deputy", "start_date", "end_date", "reason"]
    list_filter = ["start_date"]
    search_fields = ["principal__full_name", "deputy__full_name"]
    autocomplete_fields = ["principal", "deputy"]
    list_select_related = ["principal", "deputy"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.appoint_deputy(
            obj.principal,
            deputy=obj.deputy,
            start_date=obj.start_date,
            end_date=obj.end_date,
            actor=request.user,
            reason=obj.reason,
        )
        obj.pk = created.pk


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "focal_agency",
        "security_agency",
        "chairman",
        "foreign_affairs_leader",
        "drafting_unit_abbreviation",
    ]
    autocomplete_fields = [
        "focal_agency",
        "security_agency",
        "peoples_committee",
        "chairman",
        "foreign_affairs_leader",
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Province.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentCounter)
class DocumentCounterAdmin(admin.ModelAdmin):
    list_display = ["issuer", "doc_type", "year", "last_number"]
    list_filter = ["year", "doc_type"]
    list_select_related = ["issuer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# django-otp's own admin shows every user's authenticator secret as a QR code. An
# administrator needs only to see who has a second factor and to remove a lost one
# (the person enrols again at the next sign-in); the secrets stay out of sight.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


class SecondFactorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__full_name"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(TOTPDevice, SecondFactorAdmin)
admin.site.register(StaticDevice, SecondFactorAdmin)
