#!/usr/bin/env bash
# Installs the npm packages when they are missing or older than the lockfile, so that the
# README's two commands work on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
if [ ! -f prisma/generated/client.ts ] || [ prisma/schema.prisma -nt prisma/generated/client.ts ]; then
  echo "[deps] generating the Prisma client"
  npm run --silent generate -w @samvad/db
fi
