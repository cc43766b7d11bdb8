#!/usr/bin/env bash
# The demo: installs what is missing, starts PostgreSQL and Redis, migrates, seeds the demo data
# once (20,000 households; DEMO_HOUSEHOLDS to change), builds the console and serves everything
# on http://localhost:3000 (PORT to change).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
bash scripts/services.sh

export SAMVAD_MODE=demo
export DATABASE_URL=${DATABASE_URL:-postgresql://samvad:samvad@127.0.0.1:5432/samvad}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export PORT=${PORT:-3000}
# simulated telephony, with citizens calling the helpline at any hour
export TELEPHONY=${TELEPHONY:-sim}
export DEMO_TRAFFIC_PEAK_PER_MINUTE=${DEMO_TRAFFIC_PEAK_PER_MINUTE:-6}
export DEMO_TRAFFIC_CURVE=${DEMO_TRAFFIC_CURVE:-flat}
export IVR_ALWAYS_OPEN=${IVR_ALWAYS_OPEN:-true}

echo "[demo] applying migrations"
npm run --silent migrate

households=$(node -e '
  const pg = require("pg");
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  c.connect().then(() => c.query("SELECT count(*)::int AS n FROM households")).then((r) => { console.log(r.rows[0].n); return c.end(); })
   .catch((e) => { console.error(e.message); process.exit(1); });
')
if [ "$households" -eq 0 ]; then
  echo "[demo] seeding ${DEMO_HOUSEHOLDS:-20000} households (about a minute)"
  npm run --silent seed -- --households "${DEMO_HOUSEHOLDS:-20000}" --seed "${DEMO_SEED:-1}"
else
  echo "[demo] the database already holds $households households (npm run seed to reseed)"
fi

dist=agent-console/dist
if [ ! -f "$dist/index.html" ] || [ -n "$(find agent-console/src agent-console/index.html -newer "$dist/index.html" -print -quit)" ]; then
  echo "[demo] building the console"
  npm run --silent build -w @samvad/agent-console
fi

echo "[demo] Samvad on http://localhost:$PORT — sign in as agent1, supervisor1, officer1 or admin1 (password ${DEMO_PASSWORD:-samvad-demo})"
export CONSOLE_DIST="$PWD/$dist"
cd server && exec node --import tsx src/main.ts
