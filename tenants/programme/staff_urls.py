from django.urls import include, path

from tenants.programme import staff_views

urlpatterns = [
    path("", staff_views.commitments, name="commitments"),
    path("commitments/new/", staff_views.commitment_new, name="commitment-new"),
    path(
        "commitments/from-templates/",
        staff_views.commitment_templates_list,
        name="commitment-templates",
    ),
    path("commitments/<int:pk>/", staff_views.commitment, name="commitment"),
    path("commitments/<int:pk>/edit/", staff_views.commitment_edit, name="commitment-edit"),
    path(
        "commitments/<int:pk>/progress/",
        staff_views.commitment_progress,
        name="commitment-progress",
    ),
    path("commitments/<int:pk>/assessment/", staff_views.assessment, name="assessment"),
    path("inception/", staff_views.inception, name="inception"),
    path("progress-import/", include("tenants.programme.staff_import_urls")),
    path("commitments/<int:pk>/milestones/new/", staff_views.milestone_new, name="milestone-new"),
    path(
        "commitments/<int:pk>/milestones/<int:milestone_pk>/edit/",
        staff_views.milestone_edit,
        name="milestone-edit",
    ),
    path(
        "commitments/<int:pk>/milestones/<int:milestone_pk>/done/",
        staff_views.milestone_done,
        name="milestone-done",
    ),
]
