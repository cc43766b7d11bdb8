#!/bin/sh
# shellcheck disable=SC2016 # the single-quoted ${ are literal patterns, on purpose
# Prints one Asterisk config line, "OPTION = VALUE", with VALUE taken from the environment.
#
#   #exec /etc/asterisk/samvad-env.sh OPTION 'TEMPLATE'
#
# Asterisk runs this for each "#exec" line while it reads a config file (asterisk.conf sets
# execincludes = yes) and reads what it prints as if it were written in place. That keeps
# passwords and site-specific addresses out of the repository while /etc/asterisk stays a
# read-only mount of telephony/asterisk: docker-compose.yml passes the variables from .env.
#
# TEMPLATE is text with shell-like references, expanded here (never by a shell):
#   ${VAR}           empty or unset: the option is left out (for optional settings); a
#                    comment is printed instead, as Asterisk warns about empty output
#   ${VAR:-default}  empty or unset: default
#   ${VAR:?}         a secret: empty or unset gives a long random value, so that nothing can
#                    authenticate with an empty or known password (fail closed), and a warning
# Asterisk logs what this prints on stderr. A ';' in a value is escaped, since it would
# otherwise start a comment.
set -u

if [ "$#" -ne 2 ]; then
  echo "usage: samvad-env.sh OPTION 'TEMPLATE'" >&2
  exit 2
fi
option=$1
template=$2

random_secret() {
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
}

out=''
rest=$template
while :; do
  case $rest in
    *'${'*'}'*) ;;
    *) break ;;
  esac
  out=$out${rest%%'${'*}
  rest=${rest#*'${'}
  expr=${rest%%'}'*}
  rest=${rest#*'}'}
  name=${expr%%:*}
  case $name in
    '' | [!A-Za-z_]* | *[!A-Za-z0-9_]*)
      echo "samvad-env.sh: bad variable reference \${$expr} for $option" >&2
      exit 2
      ;;
  esac
  eval "value=\${$name-}" # safe: name is a validated identifier
  if [ -z "$value" ]; then
    case $expr in
      *:-*) value=${expr#*:-} ;;
      *:\?*)
        echo "samvad-env.sh: $name is not set; $option gets a random value and will not work until it is set" >&2
        value=$(random_secret)
        ;;
      *)
        printf '; %s left out: %s is not set\n' "$option" "$name"
        exit 0
        ;;
    esac
  fi
  out=$out$value
done
out=$out$rest

printf '%s = %s\n' "$option" "$(printf '%s' "$out" | sed 's/;/\\;/g')"
