import { captureLeadInput, createCrm, updateLeadInput } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createCrmApi, resolveRoutes } from '../../src/index.js';
import { inputJsonSchema } from '../../src/openapi/json-schema.js';

async function documentOf(options: { events?: boolean } = {}) {
  const crm = createCrm({ storage: await sqliteStorage({ filename: ':memory:' }) });
  const api = createCrmApi(crm, {
    authenticate: () => null,
    // The service's own change feed is served by default; `events: false` turns it off.
    ...(options.events ? {} : { events: false as const }),
  });
  const res = await api.fetch(new Request('http://localhost/openapi.json'));
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the document is walked by path, as a client would
  return { doc: (await res.json()) as Record<string, any>, close: () => crm.storage.close() };
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, served without sign-in', async () => {
    const { doc, close } = await documentOf({ events: true });
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // Every $ref resolves (the validator's dereference throws on a dangling one).
    expect(() => validator.resolveRefs()).not.toThrow();
    // The control: the same validator refuses the document with one required member missing.
    const broken = structuredClone(doc);
    delete broken.paths['/leads'].post.responses['201'].description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
    await close();
  });

  it('has one operation per route, named <area>.<verb>, and /events only when there is a feed', async () => {
    const { doc, close } = await documentOf();
    const operations = Object.values(
      doc.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect([...operations].sort()).toEqual(
      resolveRoutes()
        .map((r) => r.operationId)
        .sort(),
    );
    expect(doc.paths['/events']).toBeUndefined();
    await close();
    const withFeed = await documentOf({ events: true });
    expect(withFeed.doc.paths['/events'].get.operationId).toBe('events.stream');
    await withFeed.close();
  });

  it('describes bodies with the schemas the commands validate with, and the versions they take', async () => {
    const { doc, close } = await documentOf();
    const capture = doc.paths['/leads'].post;
    expect(capture.requestBody.content['application/json'].schema).toEqual(inputJsonSchema(captureLeadInput));
    expect(capture.requestBody.required).toBe(true);
    expect(capture.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['source', 'receivedAt', 'company', 'contact']),
    );
    const patch = doc.paths['/leads/{id}'].patch;
    expect(patch.requestBody.content['application/json'].schema).toEqual(inputJsonSchema(updateLeadInput));
    expect(patch.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['id', 'If-Match', 'Idempotency-Key']),
    );
    expect(Object.keys(patch.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '412', '413', '415', '422', '500'].sort(),
    );
    expect(patch.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Lead',
    });
    // A list filter is a repeatable query parameter; a page is items + cursor + next.
    const list = doc.paths['/leads'].get;
    const status = list.parameters.find((p: { name: string }) => p.name === 'status');
    expect(status).toMatchObject({ in: 'query', style: 'form', explode: true, required: false });
    expect(list.responses['200'].content['application/json'].schema.required).toEqual([
      'items',
      'nextCursor',
      'next',
    ]);
    await close();
  });

  it("describes records with every field core's types declare", async () => {
    const { doc, close } = await documentOf();
    const lead = doc.components.schemas.Lead;
    expect(lead.required).toEqual(expect.arrayContaining(['id', 'version', 'company', 'status', 'ownerId']));
    expect(lead.properties.status).toEqual({ $ref: '#/components/schemas/LeadStatus' });
    expect(doc.components.schemas.LeadStatus.enum).toEqual(
      expect.arrayContaining(['new', 'working', 'converted']),
    );
    await close();
  });
});
