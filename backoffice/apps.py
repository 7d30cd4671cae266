from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = "Back office"

    def ready(self):
        # The audit trail names applications by reference and accounts by login name; the
        # audit app sits below both and cannot import them, so the shell that knows every
        # app tells it how.
        from backoffice.audit_names import register_audit_names

        register_audit_names()
