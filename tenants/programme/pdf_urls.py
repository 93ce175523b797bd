from django.urls import path

from tenants.programme import pdf_views

# Included by tenants/programme/urls.py under its namespace: programme:pdf, programme:pdf_fr.
urlpatterns = [
    path("", pdf_views.programme_pdf, name="pdf"),
    path("fr/", pdf_views.programme_pdf, {"language": "fr"}, name="pdf_fr"),
]
