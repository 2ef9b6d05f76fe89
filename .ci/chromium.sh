# Sourced by .ci/run: Debian's Chromium for the dashboard's browser tests (tests/service/test_dashboard_browser.py,
# Playwright for Python driving /usr/bin/chromium; no browser download). Installs it from Debian's packages when it
# is missing, then exports CHOKEPOINTS_REQUIRE_BROWSER=1 so that the browser tests fail, rather than skip, if the
# browser still cannot be started.
ck_chromium() {
    export CHOKEPOINTS_REQUIRE_BROWSER=1
    if [ ! -x /usr/bin/chromium ]; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || return 1
    fi
    /usr/bin/chromium --version 2>/dev/null | head -1
}
