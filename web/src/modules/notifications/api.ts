/** In-app notifications for the caller (server: modules/notifications). */
import type { Item, Json } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type NotificationList = Json<'/api/v1/notifications'>;
export type Notification = Item<NotificationList>;

export function useNotifications() {
  return useLoad(['/api/v1/notifications'], (signal) => call(client.GET('/api/v1/notifications', { signal })));
}

export function markNotificationRead(id: string) {
  return call(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
}

export type ChannelList = Json<'/api/v1/settings/channels'>;
export type ChannelState = Item<ChannelList>;

/** Which delivery channels the server has configured (admins, hub leads, coordinators). */
export function useChannels() {
  return useLoad(['/api/v1/settings/channels'], (signal) => call(client.GET('/api/v1/settings/channels', { signal })));
}
