#!/usr/bin/env bash
# The action's install step: driftguard from the action's own checkout into a
# virtualenv of its own (the job's Python environment stays untouched).
#
# Environment (set by action.yml, never spliced into this text):
#   GITHUB_ACTION_PATH  the action's checkout (a driftguard source tree)
#   DRIFTGUARD_PYTHON   the interpreter to build the virtualenv with (default: python3)
#   RUNNER_TEMP         where the virtualenv goes
# Output: driftguard=<path of the installed executable>
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

source_dir=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this as a step of the driftguard action}
python=${DRIFTGUARD_PYTHON:-}
if [[ -z $python ]]; then
    python=$(command -v python3 || command -v python || true)
fi
if [[ -z $python ]]; then
    annotate error "No Python found. Set the action's python-version input, or run actions/setup-python before it."
    exit 2
fi

venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/driftguard-venv"
rm -rf -- "$venv"
"$python" -m venv -- "$venv"
bin="$venv/bin"
[[ -d "$venv/Scripts" ]] && bin="$venv/Scripts"  # Windows runners
"$bin/python" -m pip install --quiet --disable-pip-version-check -- "$source_dir"
"$bin/driftguard" --version
set_output driftguard "$bin/driftguard"
