/** Ingestion counters of this app copy, per tenant where the tenant is known. */
export interface TenantCounters {
  http_batches: number;
  mqtt_messages: number;
  accepted: number;
  duplicates: number;
  rejected: number;
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
}

const tenants = new Map<string, TenantCounters>();
export const mqttCounters: MqttCounters = {
  connected: false,
  messages: 0,
  malformed: 0,
  unauthorized: 0,
  readings_buffered: 0,
  flushes: 0,
  flush_errors: 0,
  reconnects: 0,
};

export function tenantCounters(tenantId: string): TenantCounters {
  let c = tenants.get(tenantId);
  if (!c) tenants.set(tenantId, (c = { http_batches: 0, mqtt_messages: 0, accepted: 0, duplicates: 0, rejected: 0 }));
  return c;
}
