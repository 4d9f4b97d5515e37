#!/usr/bin/env bash
# `npm test`: the whole suite, as CI runs it (`.ci/run` = `npm ci && npm test`).
#
#   1. system packages  postgresql and chromium from Debian, installed with apt-get when missing
#   2. typecheck        npm run typecheck
#   3. lint             biome ci .
#   4. PGlite           unit + integration tests (vitest) on the embedded database
#   5. PostgreSQL       the same vitest suite on a throwaway PostgreSQL cluster (scripts/pg-test-cluster.sh)
#   6. browser          build the web app, run the Playwright journeys in e2e/ with Debian's Chromium
#
# Every stage runs even when an earlier one failed, so one run shows everything; the exit status is non-zero
# if any stage failed. The last line sums the test counts: "N passed, N failed" (a failed stage without test
# counts, such as typecheck, counts as one failure).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

WORK=$(mktemp -d -t huike-test-XXXXXX)
PG_DIR=""
cleanup() {
  if [[ -n "$PG_DIR" ]]; then bash "$ROOT/scripts/pg-test-cluster.sh" stop "$PG_DIR" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

SUMMARY=()
TOTAL_PASSED=0
TOTAL_FAILED=0
FAILED_STAGES=0
RUN_START=$(date +%s)

banner() { printf '\n\033[1m━━ %s ━━\033[0m\n' "$*"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# record NAME STATUS SECONDS PASSED FAILED NOTE
record() {
  local name=$1 status=$2 secs=$3 passed=${4:-} failed=${5:-} note=${6:-}
  local counts=""
  if [[ -n "$passed" ]]; then
    counts=" — $passed passed, $failed failed"
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
  elif [[ "$status" == FAIL ]]; then
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
  fi
  [[ "$status" == FAIL ]] && FAILED_STAGES=$((FAILED_STAGES + 1))
  local line
  line=$(printf '%-5s %-22s %6ss%s%s' "$status" "$name" "$secs" "$counts" "${note:+  ($note)}")
  SUMMARY+=("$line")
  printf '\033[1m%s\033[0m\n' "$line"
}

# Passed and failed counts from a vitest JSON report (jest-compatible fields); empty when unreadable.
vitest_counts() {
  node -e '
    try {
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      // A file that fails to load has no tests but is a failure.
      const brokenFiles = (r.testResults || []).filter((f) => f.status === "failed" && !(f.assertionResults || []).length).length;
      console.log(r.numPassedTests, r.numFailedTests + brokenFiles);
    } catch { }' "$1"
}

# Passed and failed counts from a Playwright JSON report; empty when unreadable.
playwright_counts() {
  node -e '
    try {
      const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats;
      console.log(s.expected + s.flaky, s.unexpected + ((s.errors || []).length ?? 0));
    } catch { }' "$1"
}

# ── 1. system packages ────────────────────────────────────────────────────────────────────────────────
stage_packages() {
  banner "1/6 system packages (postgresql, chromium, a Chinese font)"
  local t0 missing=()
  t0=$(now)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  # Without a CJK font every Chinese character renders as a box in the browser tests' screenshots.
  dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
  if ((${#missing[@]} == 0)); then
    echo "already installed: postgresql $(ls /usr/lib/postgresql | tr '\n' ' ')chromium"
    record packages PASS "$(elapsed "$t0")" "" "" "nothing to install"
    return
  fi
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "missing ${missing[*]} and not root: install them with apt-get" >&2
      record packages FAIL "$(elapsed "$t0")" "" "" "missing ${missing[*]}"
      return
    fi
  fi
  echo "installing ${missing[*]} with apt-get"
  if $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    record packages PASS "$(elapsed "$t0")" "" "" "installed ${missing[*]}"
  else
    record packages FAIL "$(elapsed "$t0")" "" "" "apt-get install ${missing[*]} failed"
  fi
}

# ── 2–3. typecheck and lint ───────────────────────────────────────────────────────────────────────────
stage_typecheck() {
  banner "2/6 typecheck"
  local t0
  t0=$(now)
  if npm run --silent typecheck; then record typecheck PASS "$(elapsed "$t0")"; else record typecheck FAIL "$(elapsed "$t0")"; fi
}

stage_lint() {
  banner "3/6 lint (biome ci)"
  local t0
  t0=$(now)
  if npx --no-install biome ci --colors=off .; then record lint PASS "$(elapsed "$t0")"; else record lint FAIL "$(elapsed "$t0")"; fi
}

# ── 4–5. vitest on PGlite, then on PostgreSQL ─────────────────────────────────────────────────────────
# run_vitest NAME REPORT_FILE [ENV=VALUE...]: the server's suite (and the web app's, if it has tests).
run_vitest() {
  local name=$1 report=$2
  shift 2
  local t0 status=PASS passed=0 failed=0 counts
  t0=$(now)
  (cd apps/server && env "$@" npx --no-install vitest run --reporter=default --reporter=json --outputFile="$report") ||
    status=FAIL
  counts=$(vitest_counts "$report")
  if [[ -n "$counts" ]]; then read -r passed failed <<<"$counts"; fi
  [[ $status == FAIL && $failed -eq 0 ]] && failed=1
  # The web app's unit tests run once (they do not touch a database).
  if [[ "$name" == *PGlite* && -n "$(find apps/web/src -name '*.test.ts*' -print -quit 2>/dev/null)" ]]; then
    echo "── apps/web unit tests"
    (cd apps/web && npx --no-install vitest run --reporter=default --reporter=json --outputFile="$report.web") ||
      status=FAIL
    counts=$(vitest_counts "$report.web")
    if [[ -n "$counts" ]]; then
      local p f
      read -r p f <<<"$counts"
      passed=$((passed + p))
      failed=$((failed + f))
    fi
  fi
  record "$name" "$status" "$(elapsed "$t0")" "$passed" "$failed"
}

stage_pglite() {
  banner "4/6 unit + integration on PGlite"
  run_vitest "tests on PGlite" "$WORK/vitest-pglite.json"
}

stage_postgres() {
  banner "5/6 integration on PostgreSQL"
  local t0 url
  t0=$(now)
  # Its own temp dir: the cluster runs as the postgres user, who cannot enter $WORK (mode 700, root's).
  PG_DIR=$(mktemp -d -t huike-pg-XXXXXX)
  if ! url=$(bash scripts/pg-test-cluster.sh start "$PG_DIR"); then
    record "tests on PostgreSQL" FAIL "$(elapsed "$t0")" "" "" "could not start the test cluster"
    return
  fi
  echo "test cluster: $url ($(psql "$url" -Atc 'SHOW server_version' 2>/dev/null || echo '?'))"
  run_vitest "tests on PostgreSQL" "$WORK/vitest-pg.json" TEST_DATABASE_URL="$url"
  bash scripts/pg-test-cluster.sh stop "$PG_DIR" || true
  PG_DIR=""
}

# ── 6. browser journeys ───────────────────────────────────────────────────────────────────────────────
stage_browser() {
  banner "6/6 web build + browser journeys (Playwright, Chromium)"
  local t0 status=PASS passed="" failed="" counts note=""
  t0=$(now)
  if [[ ! -f apps/web/index.html ]]; then
    record "browser" PASS "$(elapsed "$t0")" "" "" "no web app yet: skipped"
    return
  fi
  if ! npm run --silent build -w apps/web; then
    record "browser" FAIL "$(elapsed "$t0")" "" "" "web build failed"
    return
  fi
  note="web built in $(elapsed "$t0")s"
  if ! ls e2e/playwright.config.* >/dev/null 2>&1; then
    record "browser" PASS "$(elapsed "$t0")" "" "" "$note; no e2e/playwright.config yet: no journeys"
    return
  fi
  # The web app was just built: the e2e config need not build it again. A free port, so a CRM already
  # running on this machine does not get in the way.
  local port
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  (cd e2e && CHROMIUM_PATH=/usr/bin/chromium E2E_SKIP_BUILD=1 E2E_PORT=$port PLAYWRIGHT_JSON_OUTPUT_FILE="$WORK/playwright.json" \
    npx --no-install playwright test --reporter=list,json) || status=FAIL
  counts=$(playwright_counts "$WORK/playwright.json")
  if [[ -n "$counts" ]]; then read -r passed failed <<<"$counts"; else passed=0 failed=0; fi
  # A run that failed before any test (server did not start, config error) still counts as a failure.
  [[ $status == FAIL && $failed -eq 0 ]] && failed=1
  record "browser" "$status" "$(elapsed "$t0")" "$passed" "$failed" "$note"
}

stage_packages
stage_typecheck
stage_lint
stage_pglite
stage_postgres
stage_browser

banner "summary"
# What failed, with the first lines of each error, so the tail of the log is enough to start on a fix.
node scripts/test-digest.mjs "$WORK"/vitest-*.json* "$WORK/playwright.json" 2>/dev/null || true
printf '%s\n' "${SUMMARY[@]}"
echo "total time $(($(date +%s) - RUN_START))s; $FAILED_STAGES stage(s) failed"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
((FAILED_STAGES == 0))
