// Package e2e holds the end-to-end tests of the site's interactive pages:
// it builds the example framework, serves the output with net/http (at the
// root and under a sub-path), and drives the compare, path finder, plan and
// search pages in a headless Chromium (see internal/browsertest). The tests
// skip when no Chromium is installed.
package e2e
