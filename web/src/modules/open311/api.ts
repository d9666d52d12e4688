/** What residents added to a concern through an Open311 client (server: modules/open311). */
import type { Json } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type ResidentUpdates = Json<'/api/v1/concerns/{id}/resident-updates'>;

export function useResidentUpdates(concernId: string) {
  return useLoad(['/api/v1/concerns/{id}/resident-updates', concernId], (signal) =>
    call(client.GET('/api/v1/concerns/{id}/resident-updates', { params: { path: { id: concernId } }, signal })),
  );
}
