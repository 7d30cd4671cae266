"""The applicant's pages (SVC-6), under /translations/."""

from django.urls import path

from translations import views

app_name = "translations"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("<int:request_id>/", views.request_detail, name="detail"),
    path("<int:request_id>/withdraw/", views.request_withdraw, name="withdraw"),
    path("<int:request_id>/pay/", views.request_pay, name="pay"),
    path("<int:request_id>/files/<str:which>/", views.request_file, name="file"),
]
