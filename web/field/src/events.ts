/**
 * Server-Sent Events over fetch (EventSource cannot send the Authorization header): reads
 * `event:`/`data:` blocks from the stream and reconnects with backoff (1 s doubling to 30 s).
 * Consumers refetch on open (a reconnect) and on the server's `resync` event (its own event
 * connection was lost and is back: events may have been missed).
 */
export interface SseOptions {
  url: string;
  headers: () => Promise<Record<string, string>>;
  onEvent: (event: string, data: string) => void;
  onOpen?: () => void;
}

export function subscribe(opts: SseOptions): () => void {
  const ctrl = new AbortController();
  let delay = 1000;
  const run = async () => {
    while (!ctrl.signal.aborted) {
      try {
        const res = await fetch(opts.url, {
          headers: { Accept: 'text/event-stream', ...(await opts.headers()) },
          signal: ctrl.signal,
          cache: 'no-store',
        });
        if (!res.ok || !res.body) throw new Error(`sse ${res.status}`);
        delay = 1000;
        opts.onOpen?.();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value.replace(/\r\n?/g, '\n');
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            if (data.length || event !== 'message') opts.onEvent(event, data.join('\n'));
          }
        }
      } catch {
        if (ctrl.signal.aborted) return;
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(30_000, delay * 2);
    }
  };
  void run();
  return () => ctrl.abort();
}
