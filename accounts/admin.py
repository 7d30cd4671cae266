from django.contrib import admin
from django.contrib.auth.models import Group

from accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """System administrators look accounts up here. Every change of state goes through the
    services, which audit it; accounts are never deleted (AUTH-1, LIFE-5)."""

    list_display = ["login_name", "surname", "given_name", "role", "status", "date_joined"]
    list_filter = ["role", "status"]
    search_fields = ["login_name", "surname", "given_name", "email"]
    exclude = ["password", "groups", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in User._meta.fields if f.name != "password"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Roles come from permissions.roles, not from Django's groups.
admin.site.unregister(Group)
