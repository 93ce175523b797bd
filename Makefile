# The two commands of a fresh machine. Both create .venv and install what they need.
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test bench bench-quick

# $(call apt_tool,command,debian package,what happens without it): a Debian tool a target
# needs, installed when missing and we may (root).
apt_tool = command -v $(1) >/dev/null || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null) || \
	  echo "$(2) could not be installed: $(3)"

$(INSTALLED): pyproject.toml
	@# The programme's PDF (WeasyPrint) needs Debian's Pango and HarfBuzz.
	@ldconfig -p | grep -q libpangoft2-1.0 || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null) || \
	  echo "Pango could not be installed: the programme's PDF will not render"
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[local,test]"
	touch $(INSTALLED)

## run: the platform (web, worker, beat) with a demo network, on embedded servers unless
##      DATABASE_URL / REDIS_URL are set
run: $(INSTALLED)
	$(PY) deploy/local.py run

## test: lint (ruff), the format check and the import contracts, then the whole test suite. The browser test uses
##       Debian's chromium, the deployment test Debian's docker-compose and caddy (to validate
##       the compose file and the proxy's config without an engine): installed here when missing
##       and we may (root), skipped otherwise.
test: $(INSTALLED)
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null) || \
	  echo "chromium could not be installed: the browser test will be skipped"
	@$(call apt_tool,docker-compose,docker-compose,the compose file's validation will be skipped)
	@$(call apt_tool,caddy,caddy,the proxy config's validation will be skipped)
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
	@$(call apt_tool,wrk,wrk,the benchmark cannot run)
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

## lock: requirements.lock (what the image installs: the main dependencies) and
##       requirements-dev.lock (with the local and test extras), every package pinned with its
##       hashes, from pyproject.toml. Run after changing a dependency; a test says when it is due.
.PHONY: lock
lock: $(INSTALLED)
	@$(VENV)/bin/pip-compile --version >/dev/null 2>&1 || $(PY) -m pip install --quiet pip-tools==7.7.0
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet $(LOCK_OPTIONS) -o requirements.lock pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet $(LOCK_OPTIONS) --extra local --extra test -o requirements-dev.lock pyproject.toml

LOCK_OPTIONS := --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	--no-emit-find-links --no-emit-trusted-host

## bench-transfer: one member with 10,000 rows and 200 files exported, restored in place and
##                 moved into a fresh database (target: export + import under 30 s)
.PHONY: bench-transfer
bench-transfer: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/transfer.py

## bench-holidays: a holiday decision recounted across 1,590 members by real workers
##                 (target: under 60 s, with the count of due dates moved)
.PHONY: bench-holidays
bench-holidays: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/holidays.py --members 1590

## bench-search: member search p95 on 10,000 documents, 1,000 commitments, 5,000 comments,
##               in Arabic and French (target: under 100 ms)
.PHONY: bench-search
bench-search: $(INSTALLED)
	flock /tmp/bench.lock env DJANGO_DEBUG=1 $(PY) bench/search.py

## bench-ideas: queries and time of the idea list and page at 10 and 2,000 ideas
.PHONY: bench-ideas
bench-ideas: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/ideas.py

## bench-programme-pdf: a 30-commitment programme's PDF in a worker (target: under 5 s), then
##                      served from its cache
.PHONY: bench-programme-pdf
bench-programme-pdf: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/programme_pdf.py

## bench-progress-import: 1,000 milestone lines previewed (target: under 5 s) and saved (10 s)
.PHONY: bench-progress-import
bench-progress-import: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/progress_import.py

## bench-newsletter: a newsletter to 100, 1,000 and 10,000 subscribers
.PHONY: bench-newsletter
bench-newsletter: $(INSTALLED)
	flock /tmp/bench.lock $(PY) bench/newsletter.py
