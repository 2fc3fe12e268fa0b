#!/usr/bin/env bash
# SIP parsing: jain-sip's StringMsgParser against Switchboard's parser (syntax checks, then jain-sip
# with directly made header parsers) on REGISTER, REGISTER with digest and INVITE with SDP, in one JVM.
#   releng/bench-sip-parse.sh [MESSAGES_PER_ROUND] [ROUNDS]      (default 200000 8)
# Uses the classes of bundles/io.switchboard.sip.core (built by ./switchboard build or mvnw install)
# and jain-sip-ri from the local Maven repository.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
classes="$root/bundles/io.switchboard.sip.core/target/classes"
[ -f "$classes/io/switchboard/sip/core/internal/StrictMessageParser.class" ] || "$root/switchboard" build -q
jain=$(ls "${MAVEN_REPO:-$HOME/.m2/repository}"/javax/sip/jain-sip-ri/1.3.0-91/jain-sip-ri-1.3.0-91.jar)
out="$root/target/bench-sip-parse"
rm -rf "$out" && mkdir -p "$out"
"$java_home/bin/javac" -d "$out" -cp "$classes:$jain" "$root/releng/sip-parse/SipParseBench.java"
# the bench's class is in the parser's package: it comes first on the class path, the bundle's classes after
"$java_home/bin/java" -Xmx512m -cp "$out:$classes:$jain" io.switchboard.sip.core.internal.SipParseBench "$@"
