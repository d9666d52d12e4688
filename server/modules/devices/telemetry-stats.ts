/** Ingestion counters of this app copy, per tenant where the tenant is known. */
export interface TenantCounters {
  http_batches: number;
  mqtt_messages: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Of the rejected: refused by a rate limit, and quarantined because they could not be processed. */
  rate_limited: number;
  quarantined: number;
}

export interface MqttCounters {
  connected: boolean;
  messages: number;
  malformed: number;
  unauthorized: number;
  readings_buffered: number;
  flushes: number;
  flush_errors: number;
  reconnects: number;
  /** Readings rejected by the ingest path (invalid, unknown device, stale…), dropped by a rate limit, quarantined. */
  rejected: number;
  rate_limited: number;
  quarantined: number;
  /** Messages acknowledged without being stored after a failure that was not the database's (never retried forever). */
  dropped: number;
}

const tenants = new Map<string, TenantCounters>();
/** All MQTT counters at zero (a new consumer, or the sum over this copy's consumers). */
export function zeroMqttCounters(): MqttCounters {
  return {
    connected: false,
    messages: 0,
    malformed: 0,
    unauthorized: 0,
    readings_buffered: 0,
    flushes: 0,
    flush_errors: 0,
    reconnects: 0,
    rejected: 0,
    rate_limited: 0,
    quarantined: 0,
    dropped: 0,
  };
}

export function tenantCounters(tenantId: string): TenantCounters {
  let c = tenants.get(tenantId);
  if (!c)
    tenants.set(
      tenantId,
      (c = { http_batches: 0, mqtt_messages: 0, accepted: 0, duplicates: 0, rejected: 0, rate_limited: 0, quarantined: 0 }),
    );
  return c;
}
