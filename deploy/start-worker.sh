#!/bin/sh
# Worker on every queue; children are replaced now and then (see CELERY_WORKER_MAX_TASKS_PER_CHILD).
set -e
exec celery -A workers.app worker --loglevel=INFO --concurrency "${WORKER_CONCURRENCY:-2}" \
  -Q "${WORKER_QUEUES:-provisioning,notifications,reminders,aggregation}"
