#!/bin/sh
# Beat: one entry per network-wide sweep; the sweeps fan out over ready members themselves.
set -e
exec celery -A workers.app beat --loglevel=INFO -s /tmp/celerybeat-schedule
