"""The public search of documents open to inspection and their paid inspection (SVC-2, GEN-3),
under /documents/ beside the DRN check."""

from django.urls import path

from inspection import views

app_name = "inspection"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("<int:document_id>/inspection/", views.inspection_start, name="inspection_start"),
    path("inspect/<str:token>/", views.inspect, name="inspect"),
    path("inspect/<str:token>/document.pdf", views.inspect_download, name="inspect_download"),
]
