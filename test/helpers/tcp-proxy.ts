/**
 * A TCP proxy in the test process between the app (its pool, its event listener) and
 * PostgreSQL, to play the database's failures for real: `freeze()` stops forwarding in both
 * directions without closing anything (a stopped server or a broken network: requests neither
 * answer nor fail), `down()` resets every connection and every new one (a server that is gone),
 * `resume()` forwards again. What a frozen connection's client sent is delivered on resume only
 * if that client is still connected; a client that gave up meanwhile is seen by the server as
 * gone (as a real partition would), so the server rolls its transaction back.
 */
import net from 'node:net';

interface Pair {
  client: net.Socket;
  server: net.Socket;
  toServer: Buffer[];
  toClient: Buffer[];
  clientGone: boolean;
  serverGone: boolean;
}

export interface TcpProxy {
  readonly port: number;
  /** The same database URL, through the proxy. */
  url(databaseUrl: string): string;
  /** Stops forwarding both ways; connections stay open, new ones are accepted and wait. */
  freeze(): void;
  /** Freezes as soon as a client sends bytes containing `marker`; that packet is held (the server never sees it before resume). */
  freezeAt(marker: string): void;
  /** Freezes right after forwarding a packet containing `marker` (the server runs it; its answer is held). */
  freezeAfter(marker: string): void;
  /** Resets every connection now and every new one until resume(). */
  down(): void;
  resume(): void;
  /** Connections currently open through the proxy. */
  readonly open: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'open' | 'frozen' | 'down' = 'open';
  let trigger: { marker: Buffer; hold: boolean } | null = null;
  const pairs = new Set<Pair>();

  const flush = (p: Pair) => {
    if (!p.clientGone) for (const b of p.toServer.splice(0)) p.server.write(b);
    else p.toServer.length = 0;
    if (!p.serverGone) for (const b of p.toClient.splice(0)) p.client.write(b);
    else p.toClient.length = 0;
    // Whichever side left while frozen is now seen by the other.
    if (p.clientGone) p.server.destroy();
    if (p.serverGone) p.client.destroy();
  };

  const server = net.createServer((client) => {
    client.on('error', () => {});
    if (mode === 'down') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    upstream.on('error', () => {});
    const p: Pair = { client, server: upstream, toServer: [], toClient: [], clientGone: false, serverGone: false };
    pairs.add(p);
    client.on('data', (b: Buffer) => {
      if (trigger && b.includes(trigger.marker)) {
        const hold = trigger.hold;
        trigger = null;
        if (!hold) upstream.write(b);
        mode = 'frozen';
        if (hold) p.toServer.push(b);
        return;
      }
      if (mode === 'frozen') p.toServer.push(b);
      else upstream.write(b);
    });
    upstream.on('data', (b: Buffer) => {
      if (mode === 'frozen') p.toClient.push(b);
      else client.write(b);
    });
    client.on('close', () => {
      p.clientGone = true;
      if (mode !== 'frozen') {
        upstream.destroy();
        pairs.delete(p);
      }
    });
    upstream.on('close', () => {
      p.serverGone = true;
      if (mode !== 'frozen') {
        client.destroy();
        pairs.delete(p);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url(databaseUrl) {
      const u = new URL(databaseUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    freeze() {
      mode = 'frozen';
    },
    freezeAt(marker) {
      trigger = { marker: Buffer.from(marker), hold: true };
    },
    freezeAfter(marker) {
      trigger = { marker: Buffer.from(marker), hold: false };
    },
    down() {
      mode = 'down';
      trigger = null;
      for (const p of pairs) {
        p.client.resetAndDestroy();
        p.server.resetAndDestroy();
      }
      pairs.clear();
    },
    resume() {
      mode = 'open';
      trigger = null;
      for (const p of pairs) {
        flush(p);
        if (p.clientGone || p.serverGone) pairs.delete(p);
      }
    },
    get open() {
      return [...pairs].filter((p) => !p.clientGone && !p.serverGone).length;
    },
    async close() {
      for (const p of pairs) {
        p.client.destroy();
        p.server.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
