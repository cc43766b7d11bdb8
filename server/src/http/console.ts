import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';

/** The console's client routes; each serves index.html and the router takes over. */
const CLIENT_ROUTES = ['/', '/login', '/agent', '/supervisor', '/department', '/admin'];

/** Serves the built agent console from the same origin as the API. */
export function serveConsole(app: Express, dist: string): void {
  const root = resolve(dist);
  const index = join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`CONSOLE_DIST has no index.html: ${root}`);
  app.use(express.static(root, { index: false, maxAge: '1h' }));
  for (const path of CLIENT_ROUTES) {
    app.get(path === '/' ? ['/'] : [path, `${path}/*rest`], (_req, res) => res.sendFile(index));
  }
}
