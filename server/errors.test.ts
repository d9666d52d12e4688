import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError, registerErrorHandler } from './errors.js';

function pgError(code: string, message = 'server error'): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

/** An app whose one route throws what it is given. */
async function throwing(err: unknown) {
  const app = Fastify();
  registerErrorHandler(app);
  app.get('/x', async () => {
    throw err;
  });
  await app.ready();
  return app;
}

describe('the one error handler', () => {
  const unavailable: [string, unknown][] = [
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['socket timeout', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })],
    ['broken pipe', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['refused on every address', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'connect failed')],
    ['a cause that was refused', new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })],
    ['connection terminated', new Error('Connection terminated')],
    ['connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
    ['pool wait timeout', new Error('timeout exceeded when trying to connect')],
    ['client query timeout', new Error('Query read timeout')],
    ['client broken after a connection error', new Error('Client has encountered a connection error and is not queryable')],
    ['SQLSTATE 08006 connection failure', pgError('08006')],
    ['SQLSTATE 08001 cannot connect', pgError('08001')],
    ['57P01 admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash shutdown', pgError('57P02')],
    ['57P03 cannot connect now', pgError('57P03', 'the database system is starting up')],
    ['53300 too many connections', pgError('53300', 'sorry, too many clients already')],
    ['57014 statement timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['25P03 idle in transaction timeout', pgError('25P03')],
  ];

  it.each(unavailable)('answers 503 database_unavailable with Retry-After for %s', async (_name, err) => {
    const app = await throwing(err);
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('database_unavailable');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json().error.message).toMatch(/データベース/);
    const en = await app.inject({ method: 'GET', url: '/x', headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toMatch(/database/i);
    await app.close();
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value')],
    ['a programming error', new Error('boom')],
    ['a type error', new TypeError('x is undefined')],
  ])('keeps %s a 500 without details', async (_name, err) => {
    const app = await throwing(err);
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('internal_error');
    expect(res.headers['retry-after']).toBeUndefined();
    await app.close();
  });

  it('sends Retry-After for every AppError that carries retryAfterS, rounded up to whole seconds', async () => {
    const limited = await throwing(new AppError(429, 'rate_limited', undefined, { retryAfterS: 12 }));
    const res = await limited.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('12');
    await limited.close();
    const busy = await throwing(new AppError(503, 'request_timeout', undefined, { retryAfterS: 2.2 }));
    expect((await busy.inject({ method: 'GET', url: '/x' })).headers['retry-after']).toBe('3');
    await busy.close();
    const plain = await throwing(new AppError(404, 'route_not_found'));
    expect((await plain.inject({ method: 'GET', url: '/x' })).headers['retry-after']).toBeUndefined();
    await plain.close();
  });
});
