from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public_site"
    verbose_name = "Public pages"
