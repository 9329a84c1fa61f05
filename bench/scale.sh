# Sourced by the benchmarks that need the desk at scale. `fill_scale URL` runs
# bench/scale.sql on a migrated database: a PostgreSQL URL through psql, a sqlite:// one
# through the sqlite3 shell. `scale_query URL SQL` prints one query's result.
# `scratch_desk BACKEND NAME` sets `dir` and `url` for a new desk (a fresh PostgreSQL
# database or SQLite file) that is removed on exit, after stopping `$server` if one runs.
fill_scale() {
  local url=$1
  case "$url" in
    postgres*)
      { echo "create temp table bench_now as select (extract(epoch from now()) * 1000)::bigint as ms, to_char(now() at time zone 'UTC', 'YYYY-MM-DD') as day;"
        cat bench/scale.sql; } | psql "$url" -q -v ON_ERROR_STOP=1 ;;
    sqlite://*)
      { echo "create temp table bench_now as select cast((julianday('now') - 2440587.5) * 86400000 as integer) as ms, date('now') as day;"
        cat bench/scale.sql; } | sqlite3 -bail "${url#sqlite://}" ;;
    *) echo "fill_scale: not a database URL: $url" >&2; return 1 ;;
  esac
}

scale_query() {
  case "$1" in
    postgres*) psql "$1" -Atc "$2" ;;
    sqlite://*) sqlite3 "${1#sqlite://}" "$2" ;;
  esac
}

scratch_desk() {
  local backend=$1 name=$2
  admin_url="${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
  db="rapport_scratch_${name}_$$"
  dir=$(mktemp -d)
  if [ "$backend" = sqlite ]; then
    url="sqlite://$dir/rapport.db"
    trap 'kill ${server:-} 2>/dev/null || true; rm -rf "$dir"' EXIT
  else
    url="${admin_url%/*}/$db"
    psql "$admin_url" -qc "create database $db"
    trap 'kill ${server:-} 2>/dev/null || true; psql "$admin_url" -qc "drop database if exists $db" >/dev/null; rm -rf "$dir"' EXIT
  fi
}
