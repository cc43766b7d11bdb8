#!/usr/bin/env bash
# Make sure PostgreSQL and Redis are reachable for the demo and the test suite.
#
#   bash scripts/services.sh [--with-chromium]
#
# On a Debian/Ubuntu machine where we are root it installs what is missing
# (postgresql, redis-server, espeak-ng and sox, and chromium with a Devanagari font with
# --with-chromium), starts the servers and creates the `samvad` role and the
# `samvad` / `samvad_test` databases. Everywhere else it only checks, and says
# how to get the services (docker compose) when they are not there.
#
# espeak-ng and sox make the spoken prompts of TELEPHONY=ari, and its unit tests
# run them: a machine where they cannot be installed is an error for the test
# suite (--with-chromium, as scripts/test.sh calls it) and a warning otherwise.
#
# Idempotent and non-interactive (no stdin, CI=true): when everything is already
# up it makes a handful of sub-second checks and exits 0. It never drops,
# truncates or reconfigures anything that exists, except that it resets the
# samvad role's password when logging in with the expected one fails.
#
# Environment:
#   DATABASE_URL       default postgresql://samvad:<PGPASSWORD_SAMVAD>@127.0.0.1:5432/samvad
#   REDIS_URL          default redis://127.0.0.1:6379
#   PGPASSWORD_SAMVAD  password of the samvad role (default: samvad)
# A non-local host in either URL means "someone else runs it": only reachability
# is checked for that service.
set -euo pipefail

log() { printf '[services] %s\n' "$*"; }
warn() { printf '[services] WARNING: %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

with_chromium=0
for arg in "$@"; do
  case "$arg" in
    --with-chromium) with_chromium=1 ;;
    -h | --help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $arg (usage: scripts/services.sh [--with-chromium])" ;;
  esac
done

export DEBIAN_FRONTEND=noninteractive
pg_password="${PGPASSWORD_SAMVAD:-samvad}"
database_url="${DATABASE_URL:-postgresql://samvad:${pg_password}@127.0.0.1:5432/samvad}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
databases=(samvad samvad_test)

# ---------------------------------------------------------------- URL helpers
# Sets url_host and url_port from scheme://[user[:pass]@]host[:port][/path][?query].
parse_url() {
  local url="$1" default_port="$2" rest hostport
  rest="${url#*://}"
  rest="${rest%%[/?#]*}"
  hostport="${rest##*@}"
  if [[ "$hostport" =~ ^\[([^]]*)\](:([0-9]+))?$ ]]; then # [IPv6]:port
    url_host="${BASH_REMATCH[1]}"
    url_port="${BASH_REMATCH[3]:-$default_port}"
  else
    url_host="${hostport%%:*}"
    url_port="$default_port"
    [[ "$hostport" == *:* ]] && url_port="${hostport##*:}"
  fi
  [[ -n "$url_host" ]] || url_host=127.0.0.1
}

is_local_host() {
  case "$1" in
    localhost | 127.* | ::1 | 0.0.0.0) return 0 ;;
    *) return 1 ;;
  esac
}

# The same URL pointing at another database, without the query string: psql
# rejects Prisma-only parameters such as ?schema=public.
url_with_db() {
  local url="${1%%\?*}"
  if [[ "$url" =~ ^([a-z0-9+.-]+://[^/]*)(/.*)?$ ]]; then
    printf '%s/%s' "${BASH_REMATCH[1]}" "$2"
  else
    printf '%s' "$url"
  fi
}

# Hide the password in anything we print.
mask_url() { sed -E 's#^([a-z0-9+.-]+://[^:/@]*):[^@/]*@#\1:***@#' <<<"$1"; }

parse_url "$database_url" 5432; pg_host="$url_host"; pg_port="$url_port"
parse_url "$redis_url" 6379; redis_host="$url_host"; redis_port="$url_port"
pg_local=0; is_local_host "$pg_host" && pg_local=1
redis_local=0; is_local_host "$redis_host" && redis_local=1

# ----------------------------------------------------------- reachability
# Plain TCP fallbacks keep the checks working where the client tools are absent.
tcp_open() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$pg_host" -p "$pg_port" -t 3 </dev/null
  else
    tcp_open "$pg_host" "$pg_port"
  fi
}

redis_ready() {
  if command -v redis-cli >/dev/null 2>&1; then
    local reply
    if ((redis_local)); then
      reply="$(timeout 3 redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null </dev/null || true)"
    else
      reply="$(timeout 3 redis-cli -u "$redis_url" ping 2>/dev/null </dev/null || true)"
    fi
    # NOAUTH still means a Redis answers; the application supplies the password.
    [[ "$reply" == PONG || "$reply" == *NOAUTH* ]]
  else
    # Speak RESP by hand: any reply from a PING means a Redis is listening.
    # shellcheck disable=SC2016 # expanded by the inner bash, from its arguments
    timeout 3 bash -c '
      exec 3<>"/dev/tcp/$0/$1" || exit 1
      printf "PING\r\n" >&3
      IFS= read -r -t 2 reply <&3 || exit 1
      [[ "$reply" == +PONG* || "$reply" == -NOAUTH* ]]' "$redis_host" "$redis_port" 2>/dev/null
  fi
}

# Can the application log in to every database it needs? (only for a local PostgreSQL)
pg_login_ok() {
  command -v psql >/dev/null 2>&1 || return 0 # nothing to check with; reachability will do
  local db
  for db in "${databases[@]}"; do
    PGCONNECT_TIMEOUT=3 psql -X -q -w -tA -c 'select 1' "$(url_with_db "$database_url" "$db")" \
      </dev/null >/dev/null 2>&1 || return 1
  done
  PGCONNECT_TIMEOUT=3 psql -X -q -w -tA -c 'select 1' "${database_url%%\?*}" \
    </dev/null >/dev/null 2>&1
}

docker_hint() {
  cat >&2 <<EOF
[services] PostgreSQL and/or Redis are not reachable, and this script installs and starts
[services] them only on Debian/Ubuntu as root. Start them with Docker instead:
[services]
[services]     cp .env.example .env     # set POSTGRES_PASSWORD=samvad (and the other secrets)
[services]     docker compose up -d postgres redis
[services]
[services] (docker-compose.yml publishes both on 127.0.0.1), then run this script again with
[services]     DATABASE_URL=postgresql://samvad:samvad@127.0.0.1:5432/samvad
[services]     REDIS_URL=redis://127.0.0.1:6379
[services] or point DATABASE_URL / REDIS_URL at servers you already run.
EOF
}

# The samvad role has CREATEDB, so it can make its own missing databases (this is
# what covers a PostgreSQL container, where no postgres OS user is at hand).
create_dbs_as_app_user() {
  command -v psql >/dev/null 2>&1 || return 1
  local db sql=""
  for db in "${databases[@]}"; do
    sql+="SELECT 'CREATE DATABASE ${db}' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${db}') \\gexec"$'\n'
  done
  PGCONNECT_TIMEOUT=3 psql -X -q -w -v ON_ERROR_STOP=1 "$(url_with_db "$database_url" postgres)" \
    <<<"$sql" >/dev/null 2>&1
}

# ------------------------------------------------------------------ fast path
pg_ok=0; redis_ok=0; login_ok=0
pg_ready && pg_ok=1
redis_ready && redis_ok=1
if ((pg_ok)); then
  if ((pg_local)); then pg_login_ok && login_ok=1; else login_ok=1; fi
fi
chromium_ok=1
((with_chromium)) && [[ ! -x /usr/bin/chromium ]] && chromium_ok=0
# a Devanagari font, so Hindi renders in the browser tests' screenshots instead of boxes
deva_font=/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf
((with_chromium)) && [[ ! -f "$deva_font" ]] && chromium_ok=0
have() { command -v "$1" >/dev/null 2>&1; }
speech_ok=1
have espeak-ng && have sox || speech_ok=0

if ((pg_ok && login_ok && redis_ok && chromium_ok && speech_ok)); then
  log "PostgreSQL ${pg_host}:${pg_port} and Redis ${redis_host}:${redis_port} are up; nothing to do"
  exit 0
fi

# ------------------------------------------------------ what can we do here?
# A remote service is someone else's: we can only report it.
((pg_ok || pg_local)) || die "PostgreSQL at ${pg_host}:${pg_port} (from DATABASE_URL) is not reachable"
((redis_ok || redis_local)) || die "Redis at ${redis_host}:${redis_port} (from REDIS_URL) is not reachable"

can_manage=0
if [[ "$(id -u)" -eq 0 && -r /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1; then
  can_manage=1
fi
if ((!can_manage)); then
  if ((!pg_ok || !redis_ok)); then
    docker_hint
    exit 1
  fi
  if ((!login_ok)) && create_dbs_as_app_user && pg_login_ok; then
    log "created the missing databases among ${databases[*]} as role samvad"
    login_ok=1
  fi
  if ((!login_ok)); then
    die "PostgreSQL is up but cannot log in as samvad to databases ${databases[*]}; run this script as root, or create them:
    CREATE ROLE samvad LOGIN CREATEDB PASSWORD '...'; CREATE DATABASE samvad OWNER samvad; CREATE DATABASE samvad_test OWNER samvad;"
  fi
  if ((!chromium_ok)); then
    die "chromium or a Devanagari font is missing; install them as root: apt-get install -y chromium fonts-lohit-deva"
  fi
  if ((!speech_ok)); then
    speech_missing="espeak-ng and/or sox are missing (spoken prompts for TELEPHONY=ari); install them as root: apt-get install -y espeak-ng sox"
    if ((with_chromium)); then die "$speech_missing"; else warn "$speech_missing"; fi
  fi
  log "ready: DATABASE_URL=$(mask_url "$database_url") REDIS_URL=$(mask_url "$redis_url")"
  exit 0
fi

# ------------------------------------------------------------------ packages
have_pg_server() {
  command -v pg_lsclusters >/dev/null 2>&1 && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}
missing=()
((pg_ok)) || have_pg_server || missing+=(postgresql)
((redis_ok)) || command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if ((!chromium_ok)); then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -f "$deva_font" ]] || missing+=(fonts-lohit-deva)
fi
have espeak-ng || missing+=(espeak-ng)
have sox || missing+=(sox)
if ((${#missing[@]})); then
  log "installing ${missing[*]} (apt-get update first)"
  # Lock timeout: another apt run on this machine should delay us, not fail us.
  apt-get -o DPkg::Lock::Timeout=300 update -qq </dev/null >/dev/null
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" </dev/null >/dev/null
  log "installed ${missing[*]}"
fi

# ---------------------------------------------------------------- PostgreSQL
as_postgres() {
  # From / so that psql does not complain about an unreadable working directory.
  if command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- "$@")
  else
    local cmd
    printf -v cmd '%q ' "$@"
    (cd / && su postgres -s /bin/sh -c "$cmd")
  fi
}

wait_for() { # wait_for <seconds> <command...>
  local seconds="$1" i
  shift
  for ((i = 0; i < seconds * 4; i++)); do
    "$@" && return 0
    sleep 0.25
  done
  return 1
}

if ((!pg_ok)); then
  # One line per cluster: version name port status owner datadir logfile.
  clusters="$(pg_lsclusters -h 2>/dev/null || true)"
  if [[ -z "$clusters" ]]; then
    version="$(printf '%s\n' /usr/lib/postgresql/*/bin/postgres | awk -F/ '{ print $5 }' | sort -V | tail -n 1)"
    log "no PostgreSQL cluster found: creating ${version}/main on port ${pg_port}"
    locale_opt=()
    locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' && locale_opt=(--locale=C.UTF-8)
    pg_createcluster "${locale_opt[@]}" --port="$pg_port" "$version" main </dev/null >/dev/null
    clusters="$(pg_lsclusters -h)"
  fi
  # Start the cluster that listens on the wanted port, or else the newest one.
  target="$(awk -v p="$pg_port" '$3 == p { print $1, $2; exit }' <<<"$clusters")"
  if [[ -z "$target" ]]; then
    target="$(sort -V <<<"$clusters" | tail -n 1 | awk '{ print $1, $2 }')"
    warn "no cluster is configured for port ${pg_port}; starting ${target/ //} anyway"
  fi
  read -r version cluster <<<"$target"
  log "starting PostgreSQL ${version}/${cluster}"
  pg_ctlcluster "$version" "$cluster" start </dev/null || true # "already running" is fine
  wait_for 30 pg_ready || die "PostgreSQL ${version}/${cluster} did not come up on ${pg_host}:${pg_port}; see /var/log/postgresql/postgresql-${version}-${cluster}.log"
  log "PostgreSQL is accepting connections on ${pg_host}:${pg_port}"
fi

run_sql_as_postgres() {
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -v pw="$pg_password" -p "$pg_port" -d postgres >/dev/null
}

# The role may exist with only a database missing (or PostgreSQL may be a container
# published on 127.0.0.1, with no postgres OS user here): try as the role itself first.
if ((pg_local)) && ! pg_login_ok && create_dbs_as_app_user && pg_login_ok; then
  log "created the missing databases among ${databases[*]} as role samvad"
fi

if ((pg_local)) && ! pg_login_ok; then
  id postgres >/dev/null 2>&1 || die "cannot log in with DATABASE_URL=$(mask_url "$database_url"), and there is no postgres OS user to create the samvad role with"
  log "creating role samvad and databases ${databases[*]} where missing"
  # psql variables quote the password safely; \gexec runs each generated statement,
  # which keeps CREATE DATABASE out of a transaction block. Nothing is ever dropped.
  {
    printf '%s\n' \
      "SELECT format('CREATE ROLE samvad LOGIN CREATEDB PASSWORD %L', :'pw')" \
      "  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'samvad') \\gexec"
    for db in "${databases[@]}"; do
      printf '%s\n' \
        "SELECT 'CREATE DATABASE ${db} OWNER samvad'" \
        "  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${db}') \\gexec"
    done
  } | run_sql_as_postgres || die "psql as the postgres OS user failed (is the cluster on port ${pg_port} local?)"
  if ! pg_login_ok; then
    # The role existed with another password (or without LOGIN): make it match ours.
    log "resetting the samvad role's password to PGPASSWORD_SAMVAD (default: samvad)"
    echo "SELECT format('ALTER ROLE samvad LOGIN CREATEDB PASSWORD %L', :'pw') \\gexec" | run_sql_as_postgres ||
      die "psql as the postgres OS user failed"
  fi
  pg_login_ok || die "still cannot log in with DATABASE_URL=$(mask_url "$database_url") (check pg_hba.conf, the port, and PGPASSWORD_SAMVAD)"
  log "role samvad and databases ${databases[*]} are ready"
fi

# --------------------------------------------------------------------- Redis
if ((!redis_ok)); then
  log "starting Redis on port ${redis_port}"
  # No persistence: the demo and tests treat Redis as a cache and queue they can rebuild.
  # --dir /tmp keeps stray files out of the working directory.
  redis-server --daemonize yes --save "" --appendonly no --port "$redis_port" --dir /tmp </dev/null >/dev/null
  wait_for 15 redis_ready || die "Redis did not come up on ${redis_host}:${redis_port}"
  log "Redis answers on ${redis_host}:${redis_port}"
fi

((with_chromium)) && log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
log "ready: DATABASE_URL=$(mask_url "$database_url") REDIS_URL=$(mask_url "$redis_url")"
