# Sourced by kagi-backup.sh and kagi-restore.sh: the PostgreSQL connection from the variables Kagi itself reads
# (KAGI_DB_URL, KAGI_DB_USER, KAGI_DB_PASSWORD, KAGI_DB_SCHEMA), as libpq variables, so that the password reaches
# pg_dump and psql through the environment, never a command line.
kagi_db_env() {
  local url=${KAGI_DB_URL:-} rest hostport query
  case "$url" in
    jdbc:postgresql://*) ;;
    *) echo "KAGI_DB_URL must be a jdbc:postgresql:// URL (for the embedded H2 see docs/operations.md)" >&2; return 2 ;;
  esac
  rest=${url#jdbc:postgresql://}
  query=""
  [[ $rest == *\?* ]] && query=${rest#*\?}
  rest=${rest%%\?*}
  hostport=${rest%%/*}
  export PGDATABASE=${rest#*/}
  export PGHOST=${hostport%%:*}
  if [[ $hostport == *:* ]]; then export PGPORT=${hostport#*:}; else export PGPORT=5432; fi
  export PGUSER=${KAGI_DB_USER:-postgres}
  [ -n "${KAGI_DB_PASSWORD:-}" ] && export PGPASSWORD=$KAGI_DB_PASSWORD
  KAGI_SCHEMA=${KAGI_DB_SCHEMA:-}
  if [ -z "$KAGI_SCHEMA" ]; then
    local param
    IFS='&' read -ra params <<<"$query"
    for param in "${params[@]}"; do
      [[ $param == currentSchema=* ]] && KAGI_SCHEMA=${param#currentSchema=}
    done
  fi
  KAGI_SCHEMA=${KAGI_SCHEMA:-public}
  [[ $KAGI_SCHEMA =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "Unexpected schema name: $KAGI_SCHEMA" >&2; return 2; }
}
