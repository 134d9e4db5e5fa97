import type { Hono } from 'hono';
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path.js';

/** The Swagger UI files the page loads, and their media types. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

/** The page: Swagger UI from this server's own `/reference/assets`, reading `../openapi.json`. */
function page(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title.replace(/[<>&]/g, '')}</title>
<link rel="stylesheet" href="reference/assets/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="reference/assets/swagger-ui-bundle.js"></script>
<script src="reference/assets/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#reference', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
</script>
</body>
</html>`;
}

/**
 * `GET /reference`: an API reference that works offline — the assets come from the `swagger-ui-dist`
 * package on this server's disk, never from a CDN. Relative URLs keep it working under any mount path.
 */
export function mountReferencePage(app: Hono, title: string): void {
  const cache = new Map<string, Uint8Array>();
  // `/reference` without a slash, so the page's relative URLs resolve beside `openapi.json`.
  app.get('/reference', (c) => c.html(page(title)));
  app.get('/reference/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (type === undefined) return c.notFound();
    let body = cache.get(file);
    if (!body) {
      // Loaded on first use, so the fetch handler itself needs no file system until the page is asked for.
      const [{ readFile }, { join }] = await Promise.all([import('node:fs/promises'), import('node:path')]);
      body = new Uint8Array(await readFile(join(getAbsoluteFSPath(), file)));
      cache.set(file, body);
    }
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    });
  });
}
