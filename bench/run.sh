#!/usr/bin/env bash
# The benchmark of `nkrr-onboard validate` against the peer validators (issue 6).
#
#   bench/run.sh                  # N = 3000 and 10000
#   bench/run.sh --n 3000         # one corpus size (repeat --n for more)
#   bench/run.sh --runs 5         # hyperfine runs per measurement (default 10)
#   bench/run.sh --install-only   # install the peers, then stop
#
# Everything it installs or writes goes to bench/work/ (git-ignored): a Python venv with
# check-jsonschema, ajv-cli 5 with ajv 8 and ajv-formats from npm, jsonschema-cli from crates.io.
# A peer that cannot be installed is skipped, and the results say so. hyperfine comes from apt
# when missing. Results: bench/work/results.md (and the table is printed at the end).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
WORK="$BENCH/work"
SIZES=()
RUNS=10
INSTALL_ONLY=0
while [ $# -gt 0 ]; do
    case "$1" in
        --n) SIZES+=("$2"); shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --install-only) INSTALL_ONLY=1; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#SIZES[@]} -eq 0 ] && SIZES=(3000 10000)
mkdir -p "$WORK" "$WORK/logs"
LOG="$WORK/logs"
note() { printf '\n== %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# Tools and peers
# ---------------------------------------------------------------------------------------------
declare -A SKIPPED=()

install_hyperfine() {
    command -v hyperfine >/dev/null && return 0
    note "installing hyperfine (apt)"
    if [ "$(id -u)" = 0 ]; then A=; else A=sudo; fi
    $A apt-get install -y hyperfine >"$LOG/hyperfine-install.log" 2>&1 \
        || { $A apt-get update >>"$LOG/hyperfine-install.log" 2>&1 && $A apt-get install -y hyperfine >>"$LOG/hyperfine-install.log" 2>&1; } \
        || { echo "hyperfine could not be installed; see $LOG/hyperfine-install.log" >&2; exit 2; }
}

install_check_jsonschema() {
    local venv="$WORK/venv"
    if [ ! -x "$venv/bin/check-jsonschema" ]; then
        note "installing check-jsonschema (pip, with ruamel.yaml.clib)"
        { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet check-jsonschema ruamel.yaml.clib; } \
            >"$LOG/check-jsonschema-install.log" 2>&1
    fi
    if [ -x "$venv/bin/check-jsonschema" ] && "$venv/bin/python" -c 'import _ruamel_yaml' 2>/dev/null; then
        CHECK_JSONSCHEMA="$venv/bin/check-jsonschema"
    else
        SKIPPED[check-jsonschema]="not installed (see bench/work/logs/check-jsonschema-install.log)"
    fi
}

install_ajv() {
    local prefix="$WORK/node"
    if [ ! -x "$prefix/node_modules/.bin/ajv" ]; then
        note "installing ajv-cli 5, ajv 8, ajv-formats (npm)"
        mkdir -p "$prefix"
        npm install --prefix "$prefix" --no-audit --no-fund --silent ajv-cli@5 ajv@8 ajv-formats@3 \
            >"$LOG/ajv-install.log" 2>&1
    fi
    if [ -x "$prefix/node_modules/.bin/ajv" ]; then
        AJV="$prefix/node_modules/.bin/ajv"
    else
        SKIPPED[ajv-cli]="not installed (see bench/work/logs/ajv-install.log)"
    fi
}

install_jsonschema_cli() {
    local root="$WORK/cargo"
    if [ ! -x "$root/bin/jsonschema-cli" ]; then
        note "installing jsonschema-cli (cargo install; this compiles it)"
        cargo install --locked --root "$root" jsonschema-cli >"$LOG/jsonschema-cli-install.log" 2>&1
    fi
    if [ -x "$root/bin/jsonschema-cli" ]; then
        JSONSCHEMA_CLI="$root/bin/jsonschema-cli"
    else
        SKIPPED[jsonschema-cli]="not installed (see bench/work/logs/jsonschema-cli-install.log)"
    fi
}

CHECK_JSONSCHEMA= AJV= JSONSCHEMA_CLI=
install_hyperfine
install_check_jsonschema
install_ajv
install_jsonschema_cli
for k in "${!SKIPPED[@]}"; do echo "skipped $k: ${SKIPPED[$k]}" >&2; done
[ "$INSTALL_ONLY" = 1 ] && exit 0

# ---------------------------------------------------------------------------------------------
# Our binary, the schema, the corpora
# ---------------------------------------------------------------------------------------------
note "building nkrr-onboard (release)"
( cd "$ROOT" && cargo build --release --locked --quiet ) || { echo "the release build failed" >&2; exit 2; }
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
mkdir -p "$WORK/bin"
cp "$TARGET/release/nkrr-onboard" "$WORK/bin/nkrr-onboard"   # a shared target dir may be rebuilt
OURS="$WORK/bin/nkrr-onboard"
SCHEMA="$ROOT/schema/onboarding.schema.json"
AJV_FORMATS="$WORK/node/node_modules/ajv-formats"
"$OURS" schema --check >/dev/null 2>&1 || ( cd "$ROOT" && "$OURS" schema --check >/dev/null ) \
    || { echo "schema/onboarding.schema.json is not what the code generates" >&2; exit 2; }

corpus() {  # corpus N -> directory with onboardings/, json/, invalid.txt
    local n=$1 dir="$WORK/corpus-$1"
    if [ ! -f "$dir/invalid.txt" ] || [ "$BENCH/gen_corpus.py" -nt "$dir/invalid.txt" ]; then
        note "generating $n onboardings"
        rm -rf "$dir"
        python3 "$BENCH/gen_corpus.py" --n "$n" --out "$dir" --json || exit 2
        # The same files as a git repository, for `diff` and `export`: base = the valid files,
        # head = 10 of them changed.
        mkdir -p "$dir/repo/onboardings" "$dir/repo/schema"
        cp "$SCHEMA" "$dir/repo/schema/"
        cp "$dir"/onboardings/*.yaml "$dir/repo/onboardings/"
        cut -d' ' -f1 "$dir/invalid.txt" | (cd "$dir/repo/onboardings" && xargs rm -f)
        (
            cd "$dir/repo" && git init -q -b main . && git add -A \
                && git -c user.name=bench -c user.email=bench@bench.example commit -qm base \
                && ls onboardings | awk 'NR % int('"$n"' / 10) == 1' | head -10 \
                    | while read -r f; do sed -i 's/^\(    system_name: .*\)$/\1 (ny version)/' "onboardings/$f"; done \
                && git -c user.name=bench -c user.email=bench@bench.example commit -qam head
        ) || { echo "could not build the git repository of the corpus" >&2; exit 2; }
    fi
    echo "$dir"
}

# ---------------------------------------------------------------------------------------------
# The commands compared. ajv-cli 5 reads `.yaml` data with js-yaml 3 (`safeLoad`, YAML 1.1), which
# turns an unquoted date into a Date object that fails `type: string`: it would flag every file.
# ajv-cli is therefore given the same documents as JSON, which spares it YAML parsing (this
# favours it). jsonschema-cli reads YAML instances (serde-saphyr) in its text output mode since
# 0.60; an older one that reads only JSON is given the JSON corpus, and the results say so.
# ---------------------------------------------------------------------------------------------
TOOLS=(nkrr-onboard jsonschema-cli ajv-cli check-jsonschema)

have() {
    case "$1" in
        nkrr-onboard) return 0 ;;
        jsonschema-cli) [ -n "$JSONSCHEMA_CLI" ] ;;
        ajv-cli) [ -n "$AJV" ] ;;
        check-jsonschema) [ -n "$CHECK_JSONSCHEMA" ] ;;
    esac
}

# command TOOL DIR FILES...: prints the command line validating FILES (relative to DIR)
write_command() {
    local tool=$1 dir=$2 script=$3 mode=$4
    {
        echo "cd '$dir' || exit 2"
        case "$tool/$mode" in
            nkrr-onboard/all) echo "exec '$OURS' validate onboardings --format concise" ;;
            nkrr-onboard/one) echo "exec '$OURS' validate '$ONE_YAML' --format concise" ;;
            check-jsonschema/all) echo "exec '$CHECK_JSONSCHEMA' --schemafile '$SCHEMA' onboardings/*.yaml" ;;
            check-jsonschema/one) echo "exec '$CHECK_JSONSCHEMA' --schemafile '$SCHEMA' '$ONE_YAML'" ;;
            ajv-cli/all) echo "exec '$AJV' validate --spec=draft2020 -c '$AJV_FORMATS' -s '$SCHEMA' -d 'json/*.json' --errors=text" ;;
            ajv-cli/one) echo "exec '$AJV' validate --spec=draft2020 -c '$AJV_FORMATS' -s '$SCHEMA' -d '$ONE_JSON' --errors=text" ;;
            jsonschema-cli/all) echo "exec '$JSONSCHEMA_CLI' validate '$SCHEMA' --assert-format --errors-only -i $JSC_GLOB" ;;
            jsonschema-cli/one) echo "exec '$JSONSCHEMA_CLI' validate '$SCHEMA' --assert-format --errors-only -i '$JSC_ONE'" ;;
        esac
    } >"$script"
}

# flagged TOOL DIR: the names (without extension) of the files the tool reports invalid
flagged() {
    local tool=$1 dir=$2
    case "$tool" in
        nkrr-onboard) bash "$dir/cmd/nkrr-onboard-all.sh" 2>/dev/null | grep -E '^[^ ]+:[0-9]+:[0-9]+: error\[' | cut -d: -f1 ;;
        check-jsonschema)
            ( cd "$dir" && "$CHECK_JSONSCHEMA" --schemafile "$SCHEMA" -o json onboardings/*.yaml 2>/dev/null ) \
                | python3 -c 'import json,sys; d=json.load(sys.stdin); [print(e["filename"]) for e in d["errors"] + d["parse_errors"]]' ;;
        ajv-cli) bash "$dir/cmd/ajv-cli-all.sh" 2>&1 | grep -E ' invalid$' | sed 's/ invalid$//' ;;
        jsonschema-cli) bash "$dir/cmd/jsonschema-cli-all.sh" 2>&1 | grep -E ' - INVALID' | sed 's/ - INVALID.*//' ;;
    esac | sed 's#.*/##; s/\.\(yaml\|json\)$//' | sort -u
}

# Does this jsonschema-cli read YAML instances? (Probed on a valid example file.)
JSC_FORMAT=json
if [ -n "$JSONSCHEMA_CLI" ] \
    && "$JSONSCHEMA_CLI" validate "$SCHEMA" --assert-format -i "$ROOT/onboardings/$(ls "$ROOT/onboardings" | head -1)" 2>&1 | grep -q ' - VALID'; then
    JSC_FORMAT=yaml
fi

# ---------------------------------------------------------------------------------------------
# The runs
# ---------------------------------------------------------------------------------------------
RES="$WORK/results"
rm -rf "$RES"; mkdir -p "$RES"
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine=$(uname -m), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
    echo "nkrr-onboard=$("$OURS" --version | cut -d' ' -f2) ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown))"
    [ -n "$JSONSCHEMA_CLI" ] && echo "jsonschema-cli=$("$JSONSCHEMA_CLI" --version 2>&1 | awk '{print $NF}') (input: $JSC_FORMAT)"
    [ -n "$AJV" ] && echo "ajv-cli=$(node -p "require('$WORK/node/node_modules/ajv-cli/package.json').version") with ajv $(node -p "require('$WORK/node/node_modules/ajv/package.json').version"), ajv-formats $(node -p "require('$AJV_FORMATS/package.json').version"), node $(node --version) (input: json)"
    [ -n "$CHECK_JSONSCHEMA" ] && echo "check-jsonschema=$("$CHECK_JSONSCHEMA" --version | awk '{print $NF}') (input: yaml, ruamel.yaml.clib)"
    echo "hyperfine=$(hyperfine --version | awk '{print $2}')"
    for k in "${!SKIPPED[@]}"; do echo "skipped $k=${SKIPPED[$k]}"; done
} >"$RES/meta.txt"

hf() {  # hf OUT.json MIN MAX [hyperfine args...]: hyperfine without a shell, failures allowed
    local out=$1 min=$2 max=$3; shift 3
    hyperfine -N -i --style basic --warmup 1 --min-runs "$min" --max-runs "$max" --export-json "$out" "$@" \
        >>"$LOG/hyperfine.log" 2>&1
}

FIRST=1
for n in "${SIZES[@]}"; do
    dir=$(corpus "$n")
    out="$RES/$n"; mkdir -p "$out" "$dir/cmd"
    one=$(ls "$dir/onboardings" | grep -v -F -f <(cut -d' ' -f1 "$dir/invalid.txt") | head -1)
    ONE_YAML="onboardings/$one"; ONE_JSON="json/${one%.yaml}.json"
    if [ "$JSC_FORMAT" = yaml ]; then JSC_GLOB='onboardings/*.yaml'; JSC_ONE=$ONE_YAML
    else JSC_GLOB='json/*.json'; JSC_ONE=$ONE_JSON; fi
    avail=()
    for t in "${TOOLS[@]}"; do
        have "$t" || continue
        avail+=("$t")
        write_command "$t" "$dir" "$dir/cmd/$t-all.sh" all
        write_command "$t" "$dir" "$dir/cmd/$t-one.sh" one
    done

    note "N=$n: do all tools flag the same files?"
    cut -d' ' -f1 "$dir/invalid.txt" | sed 's/\.yaml$//' | sort -u >"$out/expected.txt"
    for t in "${avail[@]}"; do
        flagged "$t" "$dir" >"$out/flagged-$t.txt"
        if cmp -s "$out/expected.txt" "$out/flagged-$t.txt"; then echo same >"$out/agree-$t"
        else echo "differs" >"$out/agree-$t"; diff "$out/expected.txt" "$out/flagged-$t.txt" >"$out/agree-$t.diff"; fi
        echo "  $t: $(wc -l <"$out/flagged-$t.txt") flagged, $(cat "$out/agree-$t") as the $(wc -l <"$out/expected.txt") expected" >&2
    done

    note "N=$n: whole corpus"
    args=(); for t in "${avail[@]}"; do args+=(-n "$t" "bash $dir/cmd/$t-all.sh"); done
    hf "$out/all.json" 3 "$RUNS" "${args[@]}"

    if [ "$FIRST" = 1 ]; then
        note "single file"
        args=(); for t in "${avail[@]}"; do args+=(-n "$t" "bash $dir/cmd/$t-one.sh"); done
        hf "$out/one.json" 5 $((RUNS * 3)) "${args[@]}"
        # What `bash` alone costs, to subtract from the single-file times.
        hf "$out/bash.json" 10 50 -n bash "bash -c true"
    fi

    note "N=$n: peak memory"
    for t in "${avail[@]}"; do
        /usr/bin/time -v bash "$dir/cmd/$t-all.sh" >/dev/null 2>"$out/time-$t.txt"
        grep 'Maximum resident set size' "$out/time-$t.txt" | awk '{print $NF}' >"$out/rss-$t"
    done

    note "N=$n: diff and export"
    if "$OURS" diff --help >/dev/null 2>&1; then
        hf "$out/diff.json" 3 "$RUNS" -n "diff" "bash -c 'cd $dir/repo && exec $OURS diff --base HEAD~1 --head HEAD'"
        /usr/bin/time -v bash -c "cd $dir/repo && exec $OURS diff --base HEAD~1 --head HEAD" \
            >"$out/diff-output.txt" 2>"$out/time-diff.txt"
        echo $? >"$out/diff-exit"
    fi
    if "$OURS" export --help >/dev/null 2>&1; then
        hf "$out/export.json" 3 "$RUNS" --prepare "rm -rf $dir/export-out" \
            -n "export" "bash -c 'cd $dir/repo && exec $OURS export --out $dir/export-out'"
        /usr/bin/time -v bash -c "cd $dir/repo && exec $OURS export --out $dir/export-out" >/dev/null 2>"$out/time-export.txt"
        echo $? >"$out/export-exit"
    fi
    FIRST=0
done

python3 "$BENCH/report.py" "$RES" | tee "$WORK/results.md"
