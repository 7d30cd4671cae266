from django.contrib import admin

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
