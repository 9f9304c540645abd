# bash completion for tenantsim(1)                       -*- shell-script -*-
#
# Installed as share/bash-completion/completions/tenantsim. The commands,
# each command's options and the choices of their values come from the
# binary itself (`tenantsim __complete WORDS...`, built from its command
# table), so this script never lists them and cannot fall behind. The
# binary answers either words to offer or one directive for file names:
# ":files json" (*.json and directories), ":files db", ":files json db",
# ":files" (any file) or ":dirs".

_tenantsim()
{
    local cur cword
    local -a words
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        # bash-completion: do not split "--users target=FILE" at the '='
        _get_comp_words_by_ref -n =: -w words -i cword cur
    else
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
    fi
    COMPREPLY=()

    local line ext IFS=$'\n'
    local -a answer exts
    answer=($("${words[0]}" __complete "${words[@]:1:cword}" 2>/dev/null))
    for line in "${answer[@]}"; do
        case $line in
            :dirs)
                COMPREPLY+=($(compgen -d -- "$cur"))
                compopt -o filenames 2>/dev/null
                ;;
            :files)
                COMPREPLY+=($(compgen -f -- "$cur"))
                compopt -o filenames 2>/dev/null
                ;;
            ":files "*)
                IFS=' ' read -r -a exts <<< "${line#:files }"
                for ext in "${exts[@]}"; do
                    COMPREPLY+=($(compgen -f -X "!*.$ext" -- "$cur"))
                done
                COMPREPLY+=($(compgen -d -- "$cur"))
                compopt -o filenames 2>/dev/null
                ;;
            *)
                COMPREPLY+=("$line")
                ;;
        esac
    done
    return 0
}
complete -F _tenantsim tenantsim
