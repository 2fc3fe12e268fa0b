#!/usr/bin/env bash
# The exported API of the last release, against which ApiBaselineIT checks every build's package versions.
#   releng/api-baseline.sh check             compares the built bundles with releng/api-baseline (as the suite does)
#   releng/api-baseline.sh record <version>  at a release: writes releng/api-baseline anew from the built bundles
# Both need the bundles built first (./mvnw install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  check) record=() ;;
  record) [ -n "${2:-}" ] || { echo "usage: $0 record <release version, e.g. 0.2.0>" >&2; exit 2; }
          rm -f releng/api-baseline/*.json; record=("-Dswitchboard.api.record=$2") ;;
  *) echo "usage: $0 check | record <version>" >&2; exit 2 ;;
esac
. product/io.switchboard.server.product/src/bin/find-java
switchboard_find_java || exit 2
JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" ./mvnw -B -q -o install -pl tests/io.switchboard.server.it -Dtest=ApiBaselineIT \
  -Dsurefire.failIfNoSpecifiedTests=false "${record[@]}"
echo "api baseline: ${1} done ($(ls releng/api-baseline/*.json | wc -l) bundles)"
