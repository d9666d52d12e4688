/** A person's watch devices (見守り機器) and their tokens (server: modules/devices). */
import { allOf, type Body, type Item, type Json } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type WatchDevice = Item<Json<'/api/v1/people/{id}/devices'>>;
/** A device with its token, shown once after registration or rotation. */
export type DeviceWithToken = Json<'/api/v1/people/{id}/devices', 'post'>;
export type NewWatchDevice = Body<'/api/v1/people/{id}/devices', 'post'>;
export type DeviceType = WatchDevice['type'];
export type DeviceStatus = WatchDevice['status'];

export const DEVICE_TYPES = allOf<DeviceType>()(['motion', 'door', 'power', 'plug', 'light', 'emergency_button', 'other']);

/** The person's devices with their state (last seen, activity, battery). */
export function usePersonDevices(personId: string) {
  return useLoad(['/api/v1/people/{id}/devices', personId], (signal) =>
    call(client.GET('/api/v1/people/{id}/devices', { params: { path: { id: personId } }, signal })),
  );
}

export function addWatchDevice(personId: string, body: NewWatchDevice): Promise<DeviceWithToken> {
  return call(client.POST('/api/v1/people/{id}/devices', { params: { path: { id: personId } }, body }));
}

/** A new token (shown once); the old one stops working. */
export function rotateDeviceToken(id: string): Promise<DeviceWithToken> {
  return call(client.POST('/api/v1/devices/watch/{id}/rotate-token', { params: { path: { id } } }));
}

export function revokeDeviceToken(id: string) {
  return call(client.POST('/api/v1/devices/watch/{id}/revoke-token', { params: { path: { id } } }));
}

export function setDeviceStatus(id: string, status: DeviceStatus) {
  return call(client.PATCH('/api/v1/devices/watch/{id}', { params: { path: { id } }, body: { status } }));
}
