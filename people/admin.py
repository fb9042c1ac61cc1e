from django.contrib import admin

from .models import Passport, Person


class PassportInline(admin.TabularInline):
    model = Passport
    fields = ["kind", "issued_on", "expires_on", "kept_by"]
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "date_of_birth", "unit", "position", "leader_level"]
    search_fields = ["name_key"]
    list_filter = ["leader_level", "is_party_committee_managed"]
    inlines = [PassportInline]
