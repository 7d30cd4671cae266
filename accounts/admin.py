from django.contrib import admin

from accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """System administrators look accounts up here; changes of state go through the services."""

    list_display = ["login_name", "surname", "given_name", "role", "status", "date_joined"]
    list_filter = ["role", "status"]
    search_fields = ["login_name", "surname", "given_name", "email"]
    readonly_fields = ["login_name", "password", "last_login", "date_joined", "activated_at"]
    exclude = ["groups", "user_permissions"]
