#!/bin/sh
# A worker on the queues it is given: compose runs one per queue, so that a network-wide
# aggregation never delays mail. Children are replaced now and then
# (CELERY_WORKER_MAX_TASKS_PER_CHILD).
set -e
exec celery -A workers.app worker --loglevel=INFO --concurrency "${WORKER_CONCURRENCY:-2}" \
  -Q "${WORKER_QUEUES:-provisioning,notifications,reminders,aggregation}"
