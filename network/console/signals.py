"""Signals of the console, so that the network never imports the workers: the workers
connect a receiver that queues the job (workers/provisioning.py)."""

from django.dispatch import Signal

# kwargs: onboarding_id (int). Sent after the onboarding's row is committed.
onboarding_requested = Signal()
