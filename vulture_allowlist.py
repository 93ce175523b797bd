"""Names vulture cannot see used (tests/test_dead_code.py runs vulture in `make test`).

Django, DRF and Celery reach much code by name: a setting, a dotted path, a string in
`list_display`, a template, a decorator that registers it. Each group below says how. Vulture
matches names, not objects: a name here counts as used wherever it is defined, so framework
conventions are listed once and the project's own functions one by one. Code that nothing
reaches is deleted, not listed.

Read by vulture (pyproject.toml, [tool.vulture] paths), never imported.
"""

# ruff: noqa: B018


class _Anything:
    def __getattr__(self, _name): ...


_ = _Anything()

# Django settings, read by Django and the libraries by name (platform/config/settings.py).
_.ALLOWED_HOSTS, _.AUTHENTICATION_BACKENDS, _.AUTH_PASSWORD_VALIDATORS, _.CONTENT_SECURITY_POLICY
_.CSRF_COOKIE_SECURE, _.CSRF_FAILURE_VIEW, _.DATABASES, _.DATABASE_ROUTERS
_.DATA_UPLOAD_MAX_MEMORY_SIZE, _.DEFAULT_AUTO_FIELD, _.DEFAULT_EXCEPTION_REPORTER_FILTER
_.EMAIL_BACKEND, _.EMAIL_FILE_PATH, _.EMAIL_HOST, _.EMAIL_PORT, _.EMAIL_TIMEOUT
_.FILE_UPLOAD_MAX_MEMORY_SIZE, _.FORMAT_MODULE_PATH, _.LOCALE_PATHS, _.MIDDLEWARE, _.REST_FRAMEWORK
_.SECRET_KEY, _.SECURE_HSTS_INCLUDE_SUBDOMAINS, _.SECURE_HSTS_PRELOAD, _.SECURE_HSTS_SECONDS
_.SECURE_PROXY_SSL_HEADER, _.SECURE_REDIRECT_EXEMPT, _.SECURE_SSL_REDIRECT, _.SESSION_COOKIE_DOMAIN
_.SESSION_COOKIE_SECURE, _.SILENCED_SYSTEM_CHECKS, _.SPECTACULAR_SETTINGS, _.STATICFILES_DIRS
_.STATIC_ROOT, _.STATIC_URL, _.TENANT_COLOR_ADMIN_APPS, _.TENANT_DOMAIN_MODEL
_.TENANT_LIMIT_SET_CALLS, _.TENANT_MODEL, _.USE_I18N, _.USE_TZ, _.WHITENOISE_USE_FINDERS
_.WSGI_APPLICATION, _.PUBLIC_SCHEMA_NAME, _.DJANGO_REDIS_CLOSE_CONNECTION

# Celery's settings (the CELERY_ namespace of workers/app.py) and its app's configuration.
_.CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP, _.CELERY_BROKER_URL, _.CELERY_RESULT_BACKEND
_.CELERY_RESULT_EXPIRES, _.CELERY_TASK_ACKS_LATE, _.CELERY_TASK_ALWAYS_EAGER
_.CELERY_TASK_REJECT_ON_WORKER_LOST, _.CELERY_TASK_SOFT_TIME_LIMIT
_.CELERY_TASK_TENANT_CACHE_SECONDS, _.CELERY_TASK_TIME_LIMIT, _.CELERY_TIMEZONE
_.CELERY_WORKER_MAX_TASKS_PER_CHILD, _.CELERY_WORKER_PREFETCH_MULTIPLIER, _.task_cls
_.task_default_queue, _.task_queues, _.task_routes, _.soft_time_limit, _.time_limit

# The format modules' names (FORMAT_MODULE_PATH: platform/formats/<language>/formats.py).
_.DATETIME_FORMAT, _.DATE_FORMAT, _.DECIMAL_SEPARATOR, _.FIRST_DAY_OF_WEEK, _.MONTH_DAY_FORMAT
_.NUMBER_GROUPING, _.SHORT_DATETIME_FORMAT, _.SHORT_DATE_FORMAT, _.THOUSAND_SEPARATOR, _.TIME_FORMAT
_.YEAR_MONTH_FORMAT

# URLconfs and the entry points the servers import (ROOT_URLCONF, include(), WSGI/ASGI).
_.urlpatterns, _.app_name, _.handler403, _.handler404, _.handler500, _.application

# Named by dotted path in the settings: apps (INSTALLED_APPS finds apps.py), middleware,
# authentication backends, the error-report filter, the CSRF and 403 views, a context
# processor, drf-spectacular's post-processing hook, the logging filter and formatters, the
# blocks of a member's home page (HOME_BLOCKS).
_.AccountsConfig, _.AggregationConfig, _.CitizensConfig, _.ConsoleConfig, _.ConsultationsConfig
_.DemoConfig, _.DocumentsConfig, _.IdeasConfig, _.InformationRequestsConfig, _.MeetingsConfig
_.MembersConfig, _.NotificationsConfig, _.ObservabilityConfig, _.PetitionsConfig, _.PortalConfig
_.ProgrammeConfig, _.PrivacyConfig, _.PublicationsConfig, _.RegistryConfig, _.RemindersConfig
_.SearchConfig, _.SiteConfig, _.SurveysConfig, _.WorkersConfig, _.WorkspaceConfig
_.ArabicFirstLocaleMiddleware, _.CachedPageMiddleware, _.ErrorPagesMiddleware
_.MemberRoutingMiddleware, _.EdgeMiddleware
_.TwoFactorMiddleware, _.NetworkRoleBackend, _.RoleBackend
_.InfitahExceptionReporterFilter, _.csrf_failure, _.permission_denied, _.workspace
_.document_error_responses, _.ContextFilter, _.JsonFormatter, _.PlainFormatter
_.documents_home_block, _.meetings_home_block, _.programme_home_block

# What Django calls on those: middleware flags and hooks, a backend's methods, the error
# filter's option, the attribute Django's logging sets on a response it logged.
_.async_capable, _.sync_capable, _.process_exception, _.authenticate, _.has_module_perms
_.hidden_settings, _._has_been_logged

# Management commands: Django finds `Command` in management/commands/<name>.py.
_.Command, _.help, _.add_arguments

# The admin: ModelAdmin classes registered by @admin.register, the options and hooks Django
# reads, and the actions and columns named as strings in `actions` / `list_display`.
_.AssistanceGrantAdmin, _.AssistanceVisitAdmin, _.BestPracticeAdmin, _.CollectivityAdmin
_.CommentAdmin, _.CommitmentAdmin, _.CommitmentTemplateAdmin, _.ConsultationAdmin, _.DocumentAdmin
_.EventAdmin, _.IdeaAdmin, _.IdeaCommentAdmin, _.InceptionAssessmentAdmin, _.InformationRequestAdmin
_.MeetingAdmin, _.MemberAdmin, _.MemberSnapshotAdmin, _.MemberStatusChangeAdmin
_.ModerationEventAdmin, _.NetworkRoleAdmin, _.NewsItemAdmin, _.NewsletterAdmin, _.NotificationAdmin
_.OnboardingAdmin, _.PersonalDataReadAdmin, _.PetitionAdmin, _.PetitionSettingsAdmin
_.ProgrammeAdmin, _.ProgressUpdateAdmin, _.RegistrationAdmin, _.ResponseAdmin, _.SignatureAdmin
_.SiteProfileAdmin, _.StaffMembershipAdmin, _.SubscriberAdmin, _.SurveyAdmin, _.TrainingAdmin
_.list_display, _.list_filter, _.list_select_related, _.raw_id_fields, _.inlines, _.date_hierarchy
_.formfield_overrides, _.change_form_template, _.change_list_template, _.show_change_link
_.parameter_name, _.lookups, _.get_extra, _.get_max_num, _.get_fieldsets, _.get_readonly_fields
_.get_search_fields, _.get_search_results, _.save_formset, _.delete_model, _.delete_queryset
_.has_module_permission, _.has_view_permission, _.has_export_permission, _.adding, _.site_header
_.site_title, _.index_title, _.login_form, _.add_commitment_sections
_.count_attendance_from_registrations, _.export_registrations, _.export_selected
_.export_signatures, _.mark_absent, _.mark_present, _.publish, _.publish_selected, _.withdraw
_.excerpt, _.has_response, _.language_label, _.member_name, _.published_comments, _.short_subject
_.state_label, _.workspace_link

# Forms: clean_<field> methods, Meta options, labels of choices, and what the form templates
# read off a form (its submit label, the fields shown on a condition, an input's type).
_.clean_assessed_on, _.clean_cin, _.clean_completion, _.clean_done_on, _.clean_email, _.clean_file
_.clean_logo, _.clean_number, _.clean_petitioner, _.clean_primary_colour, _.clean_replaces
_.clean_role, _.clean_secondary_colour, _.clean_website, _.widgets, _.help_texts
_.label_from_instance, _.submit, _.conditional_fields, _.input_type

# Form fields declared on the class (Django collects them), read through cleaned_data.
_.choices_ar, _.choices_fr, _.pending_logo, _.remove_logo, _.declaration, _.secondary_colour
_.contact_phone, _.cndp_declaration

# Class-based views' options (sign-in, sign-out, password reset).
_.template_name, _.redirect_authenticated_user, _.get_default_redirect_url, _.next_page
_.token_generator, _.success_url, _.post_reset_login, _.post_reset_login_backend

# Django REST framework: a view's options and hooks, a serializer's declared fields (DRF
# collects them), get_<field> of a SerializerMethodField, validate_<field>.
_.authentication_classes, _.permission_classes, _.lookup_field, _.get_serializer_class, _.post
_.perform_create, _.perform_update, _.perform_destroy, _.has_object_permission, _.read_only_fields
_.extra_kwargs, _.validators, _.validate_channel, _.validate_section, _.validate_website
_.get_attendance, _.get_attendance_totals, _.get_author, _.get_comments, _.get_complaint
_.get_domains, _.get_path, _.get_region_code, _.get_registration_open, _.get_response_share
_.get_seats_left, _.get_site_url, _.get_status, _.get_summary, _.answer_label
_.attendance_gender_not_said, _.author, _.averages, _.by_stage, _.comment_count, _.joined_by_year
_.link_label, _.member_name_ar, _.member_name_fr, _.member_schema_name, _.name_shown
_.outcome_label, _.q, _.refusal_ground_label, _.registration_open, _.score_distribution
_.seats_left, _.step_label, _.support_count, _.milestones_overdue

# Models: Meta's `abstract`, django-tenants' options, and the members of choices (values
# stored in the database and offered in forms, even when no line names them).
_.abstract, _.auto_create_schema, _.auto_drop_schema, _.ADMINISTRATIVE_INQUIRIES, _.CIVIL_SOCIETY
_.COMMERCIAL, _.COMPETITION, _.COURT_PROCEEDINGS, _.DID_NOT_CHANGE, _.FOREIGN_RELATIONS, _.FRENCH
_.FUNDAMENTAL_RIGHTS, _.GOVERNMENT_DELIBERATIONS, _.HIGH, _.INTELLECTUAL_PROPERTY, _.LICENCES, _.LOW
_.MAJOR, _.MARGINAL, _.MEDIA, _.MEDIUM, _.MINOR, _.MONETARY_ECONOMIC_POLICY, _.NATIONAL_DEFENCE
_.NONE, _.OUTSTANDING, _.PARTLY_UPHELD, _.PREFECTURE, _.REFUSAL_GROUND_CITATION, _.REJECTED
_.RESIDENCE_CARD, _.RIGHTS, _.RURAL, _.SCHOOLS, _.SECRET_BY_LAW, _.STATE_SECURITY, _.STUDENTS
_.TRANSFORMATIVE, _.UPHELD, _.URBAN, _.VICTIMS_WITNESSES, _.NO_POVERTY, _.ZERO_HUNGER, _.GOOD_HEALTH
_.QUALITY_EDUCATION, _.GENDER_EQUALITY, _.CLEAN_WATER, _.CLEAN_ENERGY, _.DECENT_WORK
_.INDUSTRY_INNOVATION, _.REDUCED_INEQUALITIES, _.SUSTAINABLE_CITIES, _.RESPONSIBLE_CONSUMPTION
_.CLIMATE_ACTION, _.LIFE_BELOW_WATER, _.LIFE_ON_LAND, _.PEACE_JUSTICE, _.PAC, _.PDP, _.PDR

# Model fields: columns written as keyword arguments and read as strings (`values()`,
# `fields = [...]`, serializers' `source`), in templates, or by Django itself (auto_now).
_.answered_at, _.audience_ar, _.audience_fr, _.audience_size, _.budget_amount, _.budget_source_ar
_.budget_source_fr, _.by_account, _.by_email, _.by_member_account_id, _.by_network_account_id
_.civil_society_partners, _.claimed_until, _.confirmed, _.contact_role, _.copied_at, _.created_by
_.created_by_account, _.created_by_network_account_id, _.decision_reasons, _.deliverable_ar
_.deliverable_fr, _.expires_at, _.extension_reason, _.findings_ar, _.findings_fr, _.finished_at
_.grouped_into, _.invited_at, _.invited_by_account, _.invited_by_network_account_id, _.issued_at
_.last_error, _.migration_count, _.next_attempt_at, _.not_admissible_reason, _.opened_government
_.partners, _.place_fr, _.potential_impact, _.recorded_at, _.recorded_by_id, _.recorded_by_name
_.registration_url, _.relevant, _.reminded_at, _.rendered_at, _.reporter, _.requested_at, _.sent_by
_.sent_by_account, _.sent_by_network_account_id, _.source_template_id, _.source_template_version
_.specificity, _.started_at, _.state_after, _.state_before, _.title_zgh, _.updated_by_account
_.updated_by_network_account_id

# Read by templates only: properties and methods of models, and the attributes of the rows
# selectors and imports hand to a template (`{{ x.kind_label }}`).
_.after_label, _.before_label, _.budget_source, _.file_kind, _.findings, _.get_role_label
_.is_by_association, _.is_held, _.is_text, _.plan_link_labels, _.principle_label
_.procedure_reference, _.progress_percent, _.province_name, _.public_name, _.reasoning
_.refusal_ground_source, _.sdg_labels, _.answered_percent, _.retained_percent, _.chart, _.kind_label
_.is_announced, _.average, _.more_texts, _.by_response, _.by_section, _.in_digest
_.commitment_number, _.commitment_title, _.milestone_title, _.csp_nonce

# Read by name through getattr: Bilingual.localized reads `<field>_<language>` (name_zgh),
# a session round trip reads a dataclass's fields by key, an aggregate's keys come back as a
# dict (RequestFigures), the observability cache reads request.__dict__.
_.name_zgh, _.commitment_ids, _.received, _.median_days_to_answer, _._observability_role

# Template tags and filters, registered by @register and called from templates.
_.arrow, _.as_recorded, _.grouped, _.in_its_language, _.language_note, _.period
_.unbroken_compounds, _.deadline_count, _.ideas_behind_commitment_block
_.ideas_behind_programme_block, _.network_frame, _.processing, _.programme_pdf_links

# Signal receivers, connected by their decorator (@receiver, @signals.*.connect).
_.forget_domain, _.forget_member_domains, _._sign_in_refused, _._record_newsletter
_._onboarding_queue, _._generate, _._keep_django_logging

# Celery: the task base named by `task_cls`, the tasks the beat schedule names
# (workers/app.py), and provision_member, which the README gives operators to call.
_.MemberTask, _.snapshots_refresh_all, _.members_schema_check, _.members_ping_sweep
_.reminders_sweep, _.retention_purge_sweep, _.notifications_sweep, _.notifications_digest_sweep
_.outbox_backlog_measure, _.provision_member

# What a library reads or calls: django-storages' options (default_acl, ...), a LazyObject's
# _setup/_wrapped, a Func's SQL template parts, the tenant's domain_url (django-tenants),
# fontTools' flavor, openpyxl's rightToLeft/data_type, a tar entry's mtime, the name Django
# logs a failed on_commit hook by (__qualname__), a queryset's class swapped for its planner
# settings (__class__), a password-reset token's key_salt, the arguments a hook is called
# with by keyword (drf-spectacular: generator; Sentry's before_send: hint) and a descriptor's
# __get__(instance, owner).
_.default_acl, _.file_overwrite, _.querystring_auth, _.get_object_parameters, _.location
_.base_location, _._setup, _._wrapped, _.function, _.arg_joiner, _.domain_url, _.flavor
_.rightToLeft, _.data_type, _.mtime, _.__qualname__, _.__class__, _.key_salt, _.generator, _.hint
_.owner

# A data migration imports it (migrations are not scanned): citizens/migrations/0002.
_.ANNOUNCED_DECISIONS

# Used outside the scanned folders. The benchmark rebuilds the registry search's index
# (bench/console.py); the two-factor test helpers (platform/twofactor/testing.py) serve the
# tests and conftest.py; the public-write limits tell tests/test_public_write_limits.py which
# rows were read (rows_read); a network test reads a member's outbox through outbox_by_state
# (the import contract forbids it the member's models); the law's tests read the references
# (tenants/petitions/law.py says so).
_.registry_search_forget, _.totp_code, _.two_factor_signed_in, _.rows_read, _.outbox_by_state
_.COMMUNE_REFERENCE, _.REGION_REFERENCE, _.REGION_REFERENCE_BEFORE


# Attributes a response carries for the edge's Content-Security-Policy (ui/csp.py reads them
# from the response's __dict__, as django-csp's middleware does by name).
_._csp_update, _._csp_shape
