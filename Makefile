# The two commands of a fresh machine. Both create .venv and install what they need.
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test bench bench-quick

$(INSTALLED): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[local,test]"
	touch $(INSTALLED)

## run: the platform (web, worker, beat) with a demo network, on embedded servers unless
##      DATABASE_URL / REDIS_URL are set
run: $(INSTALLED)
	$(PY) deploy/local.py run

## test: the whole test suite (and the import contracts), the same way. The browser test uses
##       Debian's chromium: installed here when missing and we may (root), skipped otherwise.
test: $(INSTALLED)
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null) || \
	  echo "chromium could not be installed: the browser test will be skipped"
	$(PY) deploy/local.py test

## bench: the provisioning and migration benchmarks at 1,590 members (see bench/RESULTS.md)
bench: $(INSTALLED)
	$(PY) bench/provisioning.py --members 1590

bench-quick: $(INSTALLED)
	$(PY) bench/provisioning.py --members 200

## bench-web: web throughput, bare Django vs the full multi-tenant stack, gunicorn + wrk on
##            127.0.0.1, ~5 minutes (see bench/RESULTS.md)
.PHONY: bench-web
bench-web: $(INSTALLED)
	$(PY) bench/web.py

## bench-aggregation: the network's aggregation at 1,590 members: the fast path through real
##                    workers vs the naive loop over schemas (see bench/RESULTS.md)
.PHONY: bench-aggregation
bench-aggregation: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/aggregation.py

## bench-notifications: 10,000 notifications delivered by real workers (2 processes) to a local
##                      SMTP sink: time, peak memory, duplicates, losses (see bench/RESULTS.md)
.PHONY: bench-notifications
bench-notifications: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/notifications.py

## bench-reminders: one member's reminders sweep, empty and heavily loaded (8,000 reminders due)
.PHONY: bench-reminders
bench-reminders: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/reminders.py

## bench-console: the directorate console's registry search (Arabic, French, HCP codes) and pages
.PHONY: bench-console
bench-console: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/console.py

## bench-workspace: the staff workspace's pages on an empty member and on one with 2,000 open
##                  requests, 5,000 comments and 500 milestones (see bench/RESULTS.md)
.PHONY: bench-workspace
bench-workspace: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/workspace.py
