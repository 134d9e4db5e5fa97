import { createCrm } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describe, expect, it } from 'vitest';
import { createCrmApi } from '../../src/index.js';

describe('the reference page', () => {
  it('loads Swagger UI from this server only: no CDN, assets served from the package', async () => {
    const crm = createCrm({ storage: await sqliteStorage({ filename: ':memory:' }) });
    const api = createCrmApi(crm, { authenticate: () => null, basePath: '/api' });
    const page = await api.fetch(new Request('http://localhost/api/reference'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    // Every script and stylesheet is relative to the page: nothing is fetched from another host.
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) expect(url).not.toMatch(/^(https?:)?\/\//);
    expect(html).toContain("url: 'openapi.json'");
    for (const url of urls) {
      const asset = await api.fetch(new Request(new URL(url, 'http://localhost/api/reference')));
      expect(asset.status, url).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(1000);
    }
    const js = await api.fetch(new Request('http://localhost/api/reference/assets/swagger-ui-bundle.js'));
    expect(js.headers.get('content-type')).toContain('javascript');
    const other = await api.fetch(new Request('http://localhost/api/reference/assets/package.json'));
    expect(other.status).toBe(404);
    await crm.storage.close();
  });
});
