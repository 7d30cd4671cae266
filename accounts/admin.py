from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit.services import audit_read


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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # OPS-2: an administrator's look at an account's particulars (its identification
        # document number among them) is recorded.
        response = super().change_view(request, object_id, form_url, extra_context)
        account = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and account is not None:
            audit_read(
                actor=request.user, action="account.personal_data_read", obj=account, via="admin"
            )
        return response


class _ReadOnly:
    """Login attempts and their logs are evidence (AUTH-3, OPS-2): administrators read them
    here; a lock is cleared only through the audited unlock in the back office."""

    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, model_admin in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    read_only = type(f"ReadOnly{model_admin.__name__}", (_ReadOnly, model_admin), {})
    admin.site.register(model, read_only)


class AuthenticatorAdmin(_ReadOnly, admin.ModelAdmin):
    """OPS-1: which staff member set up an authenticator app, and when it was last used. Never
    its key (whoever read it could make the staff member's codes), and no adding or deleting:
    a second factor is set up only by its holder at login and reset only through the audited
    back-office reset."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__login_name"]
    fields = list_display

    def get_readonly_fields(self, request, obj=None):
        return self.fields


# In place of django-otp's own, which would show the key as a QR code.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, AuthenticatorAdmin)

# Roles come from permissions.roles, not from Django's groups.
admin.site.unregister(Group)
