/**
 * Background loops of an app copy. Each loop runs its first tick at once and the next one
 * `everyMs` after the previous ended (never two at a time); a failing tick is reported and the
 * loop goes on. stop() cancels what is scheduled and waits for the ticks that are running.
 */
export interface Loops {
  loop(name: string, everyMs: number, fn: () => Promise<unknown>): void;
  /** True once stop() was called: long ticks check it between rounds. */
  readonly stopped: boolean;
  stop(): Promise<void>;
}

export function createLoops(onError: (msg: string, err: unknown) => void): Loops {
  let stopped = false;
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  return {
    loop(name, everyMs, fn) {
      const tick = async () => {
        if (stopped) return;
        const p = fn().catch((err) => onError(`${name} failed`, err));
        running.add(p);
        await p;
        running.delete(p);
        if (!stopped) timers.push(setTimeout(tick, everyMs));
      };
      timers.push(setTimeout(tick, 0));
    },
    get stopped() {
      return stopped;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...running]);
    },
  };
}
