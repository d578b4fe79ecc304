#!/bin/sh
# Checks docs/prometheus with Prometheus' own promtool: the scrape config, the alert rules and the
# rules' unit tests (causeway-alerts.test.yml). PROMTOOL is the path of a promtool binary.
set -eu
: "${PROMTOOL:?set PROMTOOL to the path of a promtool binary (README, Monitoring)}"
cd "$(dirname "$0")/../docs/prometheus"
# Syntax only: the config names the API token file of a deployment (/etc/prometheus/...), which
# no checkout has; the rule file it loads is checked on its own next.
"$PROMTOOL" check config --syntax-only prometheus.yml
"$PROMTOOL" check rules --lint=all --lint-fatal causeway-alerts.yml
"$PROMTOOL" test rules causeway-alerts.test.yml
