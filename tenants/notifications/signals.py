"""Sent once a transaction that recorded notifications has committed (member schema).

The workers listen (workers/notifications.py) and send the member's delivery task; member code
never imports the workers (import-linter), so this signal is the hand-over.
"""

from django.dispatch import Signal

# kwargs: schema_name
outbox_ready = Signal()

# kwargs: schema_name, newsletter_id, site_url. Sent once a newsletter's sending has committed:
# the workers record its e-mails in batches (tenants/notifications/newsletter_services.py).
newsletter_confirmed = Signal()
