#!/usr/bin/env bash
# Installs the validators of the schema-conformance test (tests/conformance.rs) from the package
# registries into one folder, by default target/conformance-tools:
#   npm:  ajv-cli 5, ajv 8, ajv-formats 3      → DIR/node_modules
#   PyPI: check-jsonschema                     → DIR/venv
# Then run: NKRR_CONFORMANCE_TOOLS=DIR cargo test --test conformance
set -euo pipefail
dir="${1:-target/conformance-tools}"
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{"private": true}' > "$dir/package.json"
npm install --prefix "$dir" --no-audit --no-fund --silent ajv-cli@5 ajv@8 ajv-formats@3
[ -x "$dir/venv/bin/python" ] || python3 -m venv "$dir/venv"
"$dir/venv/bin/pip" install --quiet --disable-pip-version-check 'check-jsonschema>=0.29,<1'
echo "conformance tools in $dir: ajv-cli $("$dir/node_modules/.bin/ajv" help >/dev/null 2>&1 && node -p "require('$(cd "$dir" && pwd)/node_modules/ajv-cli/package.json').version"), ajv $(node -p "require('$(cd "$dir" && pwd)/node_modules/ajv/package.json').version"), $("$dir/venv/bin/check-jsonschema" --version)"
