#!/usr/bin/env bash
# Interop: deliveries signed and sent by `hooksign send` are verified live by the official SDK
# verifiers, the same pinned versions as the vector tooling (tools/vectors): standardwebhooks,
# svix and stripe from PyPI; @octokit/webhooks-methods and stripe from npm. Each provider is
# also sent with a wrong secret, which the SDK must reject (so the check can fail).
#
#   scripts/interop-send.sh
#
# Needs python3 (venv), node and npm, and the registries. Installs into a temporary directory,
# nothing into the work tree. Not run by CI (it needs PyPI and npm).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

echo "== installing the SDKs (tools/vectors pins)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet -r tools/vectors/requirements.txt
cp tools/vectors/package.json tools/vectors/package-lock.json scripts/interop-send/server.mjs "$work/"
(cd "$work" && npm ci --silent --no-audit --no-fund >/dev/null)

cargo build --quiet --bin hooksign --features cli,send
HOOKSIGN=${CARGO_TARGET_DIR:-target}/debug/hooksign

export STANDARD_WEBHOOKS_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
export STRIPE_WEBHOOK_SECRET=whsec_interop_stripe_secret
export GITHUB_WEBHOOK_SECRET=interop-github-secret

"$work/venv/bin/python" scripts/interop-send/server.py "$work/py.port" & pids+=($!)
node "$work/server.mjs" "$work/node.port" & pids+=($!)
for _ in $(seq 100); do
    [[ -s $work/py.port && -s $work/node.port ]] && break
    sleep 0.1
done
PY="http://127.0.0.1:$(<"$work/py.port")"
NODE="http://127.0.0.1:$(<"$work/node.port")"

body='{"id":"evt_interop_1","object":"event","type":"invoice.paid","data":{"amount":4200}}'
failures=0
check() { # name expected-exit url provider secret [extra args]
    local name=$1 expected=$2 url=$3 provider=$4 secret=$5
    shift 5
    local out code=0
    out=$("$HOOKSIGN" send "$url" --provider "$provider" --secret "$secret" --payload "$body" \
        --retries 0 --allow-private --json "$@") || code=$?
    if [[ $code == "$expected" ]]; then
        printf 'ok    %-52s exit %s\n' "$name" "$code"
    else
        printf 'FAIL  %-52s exit %s (expected %s): %s\n' "$name" "$code" "$expected" "$out"
        failures=$((failures + 1))
    fi
}
check "standardwebhooks (PyPI) accepts standard-webhooks" 0 "$PY/standard-webhooks" standard-webhooks "$STANDARD_WEBHOOKS_SECRET"
check "svix (PyPI) accepts svix" 0 "$PY/svix" svix "$STANDARD_WEBHOOKS_SECRET"
check "stripe (PyPI) accepts stripe" 0 "$PY/stripe" stripe "$STRIPE_WEBHOOK_SECRET"
check "stripe (npm) accepts stripe" 0 "$NODE/stripe" stripe "$STRIPE_WEBHOOK_SECRET"
check "@octokit/webhooks-methods accepts github" 0 "$NODE/github" github "$GITHUB_WEBHOOK_SECRET" --event-type ping
check "standardwebhooks rejects a wrong secret" 1 "$PY/standard-webhooks" standard-webhooks whsec_dGhlIHdyb25nIHNlY3JldA==
check "svix rejects a wrong secret" 1 "$PY/svix" svix whsec_dGhlIHdyb25nIHNlY3JldA==
check "stripe (PyPI) rejects a wrong secret" 1 "$PY/stripe" stripe whsec_wrong
check "stripe (npm) rejects a wrong secret" 1 "$NODE/stripe" stripe whsec_wrong
check "@octokit/webhooks-methods rejects a wrong secret" 1 "$NODE/github" github wrong-secret
[[ $failures == 0 ]] && echo "all SDK verdicts as expected" || { echo "$failures unexpected verdicts"; exit 1; }
