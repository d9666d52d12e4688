/**
 * Open311 GeoReport v2 wire formats. XML is the required format; JSON follows the spec's
 * "Spark convention": a root element whose children repeat becomes an array, and a wrapper
 * element (attributes, values, endpoints, formats) becomes an array of its children.
 * XML is built with fast-xml-parser's XMLBuilder (escaping included), never by concatenation.
 */

import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';

export type Format = 'json' | 'xml';
export const FORMATS: readonly Format[] = ['json', 'xml'];

/** Wrapper element -> the element each array item is written as. */
const ITEM_OF: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: false });
const DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' } };

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** A JSON value as an XMLBuilder tree: null becomes an empty element, arrays get their item name. */
function toTree(value: Json, key = ''): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) {
    const item = ITEM_OF[key];
    if (!item) throw new Error(`no XML item name for array "${key}"`);
    return value.length ? { [item]: value.map((v) => toTree(v, item)) } : '';
  }
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTree(v, k)]));
  return String(value);
}

/** Serialises a list response: `<root><item>…</item>…</root>` or a JSON array. */
export function listBody(format: Format, root: string, item: string, items: Record<string, Json>[]): string {
  if (format === 'json') return JSON.stringify(items);
  const tree = items.length ? { [item]: items.map((i) => toTree(i, item)) } : '';
  return builder.build({ ...DECLARATION, [root]: tree }) as string;
}

/** Serialises a single-object response: `<root>…</root>` or a JSON object. */
export function objectBody(format: Format, root: string, value: Record<string, Json>): string {
  if (format === 'json') return JSON.stringify(value);
  return builder.build({ ...DECLARATION, [root]: toTree(value, root) }) as string;
}

export function contentType(format: Format): string {
  return format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8';
}

export function sendList(reply: FastifyReply, format: Format, root: string, item: string, items: Record<string, Json>[], status = 200) {
  return reply
    .status(status)
    .type(contentType(format))
    .send(listBody(format, root, item, items));
}

export function sendObject(reply: FastifyReply, format: Format, root: string, value: Record<string, Json>) {
  return reply
    .status(200)
    .type(contentType(format))
    .send(objectBody(format, root, value));
}

/** The spec's error list: `[{code, description}]`, `<errors><error>…</error></errors>`. */
export function sendErrors(reply: FastifyReply, format: Format, status: number, errors: { code: number; description: string }[]) {
  return sendList(reply, format, 'errors', 'error', errors, status);
}

/** The format a URL asks for (`….xml` or `….json`, before any query string); JSON otherwise. */
export function formatOfUrl(url: string): Format {
  return url.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json';
}
