import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { requestUrl } from './request-url';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built renderer. Paths are resolved inside `root` only; unknown routes without an
 * extension get index.html (client-side routing).
 */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed');
    return;
  }
  const url = requestUrl(req);
  let relative: string | undefined;
  try {
    relative = url ? decodeURIComponent(url.pathname) : undefined;
  } catch {
    relative = undefined;
  }
  if (relative === undefined || relative.includes('\0')) {
    res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request path');
    return;
  }
  const base = path.resolve(root);
  let file = path.resolve(base, `.${path.posix.normalize(relative)}`);
  if (file !== base && !file.startsWith(base + path.sep)) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  if (file === base || (!path.extname(file) && !isFile(file))) file = path.join(base, 'index.html');
  const stat = statFile(file);
  if (!stat) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    ...headers,
    'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(stat.size),
    // Hashed assets never change; the HTML must be re-read to pick up a new build.
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // pipeline closes the file when the client goes away and reports a file that vanished (a rebuild).
  pipeline(fs.createReadStream(file), res, () => undefined);
}

function statFile(file: string): fs.Stats | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  return statFile(file) !== undefined;
}
