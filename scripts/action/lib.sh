# shellcheck shell=bash
# Helpers shared by the action's steps (sourced, not run). Everything a step prints
# to stdout is read by the runner as a possible workflow command, so untrusted text
# (inputs, driftguard's messages, which quote the analysed repository) is either
# escaped or printed between ::stop-commands:: markers.

# A random token: GitHub's own toolkit uses one per multiline output and per
# stop-commands block, so text inside cannot forge the closing marker.
random_token() {
    printf 'driftguard_%s' "$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
}

# Workflow-command message data: %, CR and LF escaped (as @actions/core does).
escape_data() {
    local text=$1
    text=${text//'%'/%25}
    text=${text//$'\r'/%0D}
    text=${text//$'\n'/%0A}
    printf '%s' "$text"
}

# annotate LEVEL MESSAGE: an ::error:: / ::warning:: / ::notice:: titled "driftguard".
annotate() {
    printf '::%s title=driftguard::%s\n' "$1" "$(escape_data "$2")"
}

# print_verbatim FILE: the file's text in the log, with workflow commands disabled.
print_verbatim() {
    [[ -s $1 ]] || return 0
    local token
    token=$(random_token)
    printf '::stop-commands::%s\n' "$token"
    cat -- "$1"
    printf '::%s::\n' "$token"
}

# set_output NAME VALUE: a step output, in the multiline form so that a value with
# a newline cannot add outputs of its own. A no-op outside Actions.
set_output() {
    [[ -n ${GITHUB_OUTPUT:-} ]] || return 0
    local delimiter
    delimiter=$(random_token)
    printf '%s<<%s\n%s\n%s\n' "$1" "$delimiter" "$2" "$delimiter" >>"$GITHUB_OUTPUT"
}

# add_summary FILE: append a Markdown file to the job summary. A no-op outside Actions.
add_summary() {
    [[ -n ${GITHUB_STEP_SUMMARY:-} ]] || return 0
    cat -- "$1" >>"$GITHUB_STEP_SUMMARY"
    printf '\n' >>"$GITHUB_STEP_SUMMARY"
}
