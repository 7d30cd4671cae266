from django.contrib import admin

from audit.services import audit_read
from registration.models import Application


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["reference", "surname", "given_name", "status", "channel", "due_date"]
    list_filter = ["status", "channel"]
    search_fields = ["reference", "surname", "id_document_number"]

    def has_add_permission(self, request):
        return False  # applications arrive online or are keyed in by the Help Centre

    def has_change_permission(self, request, obj=None):
        return False  # status changes only through the back office, so they are audited

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # OPS-2: an administrator's look at an application's particulars is recorded, as a
        # court officer's is.
        response = super().change_view(request, object_id, form_url, extra_context)
        application = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and application is not None:
            audit_read(
                actor=request.user,
                action="application.personal_data_read",
                obj=application,
                via="admin",
            )
        return response
