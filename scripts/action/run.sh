#!/usr/bin/env bash
# The action's check step: `driftguard check` (and `driftguard overlap` when asked),
# rendered as workflow annotations, a job summary, a SARIF file and outputs.
#
# Environment (set by action.yml from the inputs, never spliced into this text):
#   INPUT_BASE              branch to compare against; origin/<base> when it exists
#   INPUT_CONFIG            config file (default: driftguard's lookup)
#   INPUT_FAIL_ON           error | warning | never (default: error)
#   INPUT_FORMATS           comma/space separated: github markdown sarif json text
#   INPUT_SARIF_FILE        where the SARIF goes (default: $RUNNER_TEMP/driftguard.sarif)
#   INPUT_OVERLAP_PATTERN   also run `driftguard overlap --pattern` on these branches
#   INPUT_OVERLAP_FAIL_ON   error | warning | never (default: never: report only)
#   DRIFTGUARD_BIN          the driftguard executable (default: driftguard on PATH)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP: set by the runner
# Outputs: exit-code, findings, sarif-file, markdown-file, json-file.
# Exit code: 0 nothing at or above fail-on, 1 findings at or above it, 2 driftguard
# could not run (its message is shown, annotated and added to the summary).
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

KNOWN_FORMATS=" github markdown sarif json text "

driftguard=${DRIFTGUARD_BIN:-driftguard}
fail_on=${INPUT_FAIL_ON:-error}
overlap_fail_on=${INPUT_OVERLAP_FAIL_ON:-never}
work=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/driftguard.XXXXXX")
formats=()
status=0  # the worst exit code so far

usage_error() {
    annotate error "$1"
    set_output exit-code 2
    exit 2
}

parse_inputs() {
    is_severity "$fail_on" ||
        usage_error "fail-on must be one of error, warning, never (got '$fail_on')."
    is_severity "$overlap_fail_on" ||
        usage_error "overlap-fail-on must be one of error, warning, never (got '$overlap_fail_on')."
    local spec=${INPUT_FORMATS:-github,markdown,sarif} requested=() format
    read -r -d '' -a requested <<<"${spec//,/ }" || true  # split on blanks and newlines, no globbing
    for format in ${requested[@]+"${requested[@]}"}; do
        [[ $KNOWN_FORMATS == *" $format "* ]] ||
            usage_error "formats: unknown format '$format'; use any of github, markdown, sarif, json, text."
        formats+=("$format")
    done
}

is_severity() {
    case $1 in
        error | warning | never) return 0 ;;
        *) return 1 ;;
    esac
}

wants() {
    [[ " ${formats[*]-} " == *" $1 "* ]]
}

# The base as this clone knows it: actions/checkout fetches branches as origin/<name>
# (a pull request's checkout has no local branch), so prefer that when it exists.
resolve_base() {
    local name=$1 candidate
    if [[ -z $name ]]; then
        for candidate in main master; do
            if git rev-parse --verify --quiet "refs/heads/$candidate" >/dev/null ||
                git rev-parse --verify --quiet "refs/remotes/origin/$candidate" >/dev/null; then
                name=$candidate
                break
            fi
        done
    fi
    if [[ -n $name ]] && git rev-parse --verify --quiet "refs/remotes/origin/$name" >/dev/null; then
        name="origin/$name"
    fi
    printf '%s' "$name"
}

warn_if_shallow() {
    if [[ $(git rev-parse --is-shallow-repository 2>/dev/null || echo false) == true ]]; then
        annotate warning "This is a shallow clone: driftguard needs the merge-base of the branch and its base. Set fetch-depth: 0 on actions/checkout if the check cannot find it."
    fi
}

# run_driftguard FILE ARGS...: one driftguard run writing FILE; its messages (left in
# $work/stderr) are shown verbatim. Returns driftguard's exit code.
run_driftguard() {
    local output=$1 code=0
    shift
    "$driftguard" "$@" --output="$output" 2>"$work/stderr" || code=$?
    print_verbatim "$work/stderr"
    return "$code"
}

# When driftguard could not run (exit 2), its message becomes an annotation and a
# summary section too.
report_failure() {
    local name=$1 message
    message=$(cat -- "$work/stderr")
    [[ -n $message ]] || message="driftguard exited without a message"
    annotate error "driftguard $name could not run: $message"
    {
        printf '### ⚠️ driftguard %s could not run\n\n' "$name"
        printf '<pre>\n%s\n</pre>\n' "$(html_escape "$message")"
    } >"$work/failure.md"
    add_summary "$work/failure.md"
}

html_escape() {
    local text=$1
    text=${text//&/&amp;}
    text=${text//</&lt;}
    text=${text//>/&gt;}
    printf '%s' "$text"
}

worst() {
    local code=$1
    if ((code > status)); then
        status=$code
    fi
}

# run_command NAME FAIL_ON ARGS...: every requested format of one command. The
# annotations run first: their exit code is the verdict and their lines count the
# findings (one line per finding). The others run quietly (warnings shown once).
run_command() {
    local name=$1 verdict_fail_on=$2 code=0 format
    shift 2
    local args=("$@" --fail-on="$verdict_fail_on")
    run_driftguard "$work/$name.github" "${args[@]}" --format=github || code=$?
    if ((code > 1)); then
        if [[ $name == overlap ]] && grep -q 'no branch matches' "$work/stderr"; then
            annotate notice "driftguard overlap: no branch matches the overlap-pattern, so there is nothing to compare."
            return 0
        fi
        report_failure "$name"
    fi
    worst "$code"
    ((code <= 1)) || return 0
    wants github && cat -- "$work/$name.github"
    [[ $name == check ]] && set_output findings "$(grep -c '' "$work/$name.github" || true)"
    for format in markdown sarif json text; do
        wants "$format" || continue
        [[ $name == overlap && $format == sarif ]] && continue  # alerts belong to the PR's files
        run_driftguard "$(output_file "$name" "$format")" "${args[@]}" \
            --format="$format" --quiet || code=$?
        if ((code > 1)); then
            report_failure "$name"
            worst "$code"
            return 0
        fi
        publish "$name" "$format"
    done
    return 0
}

output_file() {
    local name=$1 format=$2
    if [[ $name == check && $format == sarif ]]; then
        local path=${INPUT_SARIF_FILE:-${RUNNER_TEMP:-$work}/driftguard.sarif}
        [[ $path == /* ]] || path="$PWD/$path"  # the output must not depend on the step's cwd
        printf '%s' "$path"
    else
        printf '%s/%s.%s' "$work" "$name" "$format"
    fi
}

publish() {
    local name=$1 format=$2 file
    file=$(output_file "$name" "$format")
    case $format in
        markdown) add_summary "$file" ;;
        text) print_verbatim "$file" ;;
    esac
    [[ $name == check ]] || return 0
    case $format in
        markdown) set_output markdown-file "$file" ;;
        sarif) set_output sarif-file "$file" ;;
        json) set_output json-file "$file" ;;
    esac
}

main() {
    parse_inputs
    local base config_args=() base_args=()
    base=$(resolve_base "${INPUT_BASE:-}")
    [[ -z $base ]] || base_args=(--base="$base")
    [[ -z ${INPUT_CONFIG:-} ]] || config_args=(--config="$INPUT_CONFIG")
    warn_if_shallow
    # ${a[@]+"${a[@]}"}: an empty array under `set -u` on every bash (macOS ships 3.2).
    run_command check "$fail_on" check ${base_args[@]+"${base_args[@]}"} \
        ${config_args[@]+"${config_args[@]}"}
    if [[ -n ${INPUT_OVERLAP_PATTERN:-} ]] && ((status < 2)); then
        run_command overlap "$overlap_fail_on" overlap ${base_args[@]+"${base_args[@]}"} \
            ${config_args[@]+"${config_args[@]}"} --pattern="$INPUT_OVERLAP_PATTERN"
    fi
    set_output exit-code "$status"
    if ((status == 1)); then
        printf 'driftguard: findings at or above fail-on (check: %s, overlap: %s); see the annotations and the job summary.\n' \
            "$fail_on" "$overlap_fail_on"
    fi
    return "$status"
}

main
