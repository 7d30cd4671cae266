"""The back-office pages for applications, mounted by the back office's shell
(backoffice/urls.py) under /backoffice/ in its URL namespace."""

from django.urls import path

from registration import staff_views as views

urlpatterns = [
    path("vetting/", views.vetting_queue, name="vetting_queue"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/in-order/", views.mark_in_order, name="mark_in_order"),
    path(
        "applications/<int:pk>/request-information/",
        views.request_information,
        name="request_information",
    ),
    path("applications/<int:pk>/reject/", views.reject, name="reject"),
    path("authentication/", views.authentication_queue, name="authentication_queue"),
    path("authentication/<int:pk>/", views.record_authentication, name="record_authentication"),
    path("paper-applications/new/", views.key_in_application, name="key_in_application"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
]
