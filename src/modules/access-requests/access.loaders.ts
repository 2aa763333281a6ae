import { visibleRowsWhere } from '../../authorization/visible-rows';
import { rowsWhere } from '../../database/read-rows';
import { byKey, defineLoader, grouped } from '../../request/loaders';
import { AccessExtension } from './access-extension.entity';
import { AccessGrant } from './access-grant.entity';

/** Extension requests of grants the caller already sees. */
export const extensionsByGrantId = defineLoader((ctx) => grouped<AccessExtension>(
  (ids) => rowsWhere(ctx.dataSource, AccessExtension, ids, { column: 'grant_id', alias: 'e', orderBy: '"e"."created_at" ASC' }),
  (extension) => extension.grantId,
));

/** The grant an access request led to, under the caller's AccessGrant read rule: null when none or not theirs to see. */
export const grantByRequestId = defineLoader((ctx) => byKey<AccessGrant>(
  (ids) => visibleRowsWhere(ctx, AccessGrant, 'AccessGrant', ids, { column: 'request_id', alias: 'g' }),
  (grant) => grant.requestId!,
));
