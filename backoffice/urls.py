"""The back office's shell: the dashboard here, and each domain app's staff pages under
/backoffice/, in one URL namespace so that the navigation names them alike."""

from django.urls import path

from accounts.staff_urls import urlpatterns as account_pages
from audit.urls import urlpatterns as audit_pages
from backoffice import views
from cases.staff_urls import urlpatterns as case_pages
from documents.staff_urls import urlpatterns as document_pages
from filing.staff_urls import urlpatterns as court_policy_pages
from hearings.staff_urls import urlpatterns as cause_book_pages
from inspection.staff_urls import urlpatterns as inspection_pages
from messaging.staff_urls import urlpatterns as message_pages
from organizations.staff_urls import urlpatterns as organization_pages
from payments.staff_urls import urlpatterns as payment_pages
from registration.staff_urls import urlpatterns as application_pages
from translations.staff_urls import urlpatterns as translation_pages

app_name = "backoffice"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    *application_pages,
    *account_pages,
    *organization_pages,
    *case_pages,
    *court_policy_pages,
    *message_pages,
    *document_pages,
    *inspection_pages,
    *payment_pages,
    *cause_book_pages,
    *translation_pages,
    *audit_pages,
]
