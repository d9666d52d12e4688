import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { DB } from './db/database.js';
import type { EventBus } from './events/event-bus.js';

/** What services need from the running app: passed explicitly, so tests can swap any part. */
export interface AppContext {
  db: DB;
  clock: Clock;
  config: Config;
  events: EventBus;
}
