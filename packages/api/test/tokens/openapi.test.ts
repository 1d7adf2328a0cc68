// /api/openapi.json is a well-formed OpenAPI 3.1 document listing the scripts'
// routes. No OpenAPI validator is installed here, so the structural rules that
// matter to a client generator are checked directly: required fields, unique
// operation ids, every path parameter declared, every $ref resolvable.
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/tokens/openapi';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function refs(value: Json, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refs(inner, found);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  const doc = JSON.parse(JSON.stringify(openApiDocument('https://pursuit.example'))) as {
    openapi: string;
    info: { title: string; version: string };
    servers: Array<{ url: string }>;
    paths: Record<
      string,
      Record<
        string,
        {
          operationId: string;
          responses: Record<string, unknown>;
          parameters?: Array<{ in: string; name: string; required?: boolean }>;
          security?: unknown[];
        }
      >
    >;
    components?: { securitySchemes?: Record<string, unknown> };
  };

  it('is OpenAPI 3.1 with a title, a version and the REST base as its server', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.servers).toEqual([{ url: 'https://pursuit.example/api/v1' }]);
  });

  it('lists the applications routes, each with responses and the bearer scheme', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual(
      [
        'GET /applications',
        'POST /applications',
        'GET /applications/{id}',
        'PATCH /applications/{id}',
        'POST /applications/{id}/move',
      ].sort(),
    );
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, operation } of operations) {
      expect(operation.responses['200'], path).toBeDefined();
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        const parameter = operation.parameters?.find(
          (p) => p.in === 'path' && `{${p.name}}` === name,
        );
        expect(parameter?.required, `${path} ${name}`).toBe(true);
      }
    }
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('every $ref resolves inside the document', () => {
    for (const ref of refs(doc as unknown as Json)) {
      expect(ref.startsWith('#/')).toBe(true);
      let node: Json = doc as unknown as Json;
      for (const part of ref.slice(2).split('/')) {
        node = (node as Record<string, Json>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]!;
        expect(node, ref).toBeDefined();
      }
    }
  });
});
