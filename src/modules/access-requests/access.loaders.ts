import { visibleQuery } from '../../authorization/visible-query';
import { byKey, defineLoader, grouped } from '../../request/loaders';
import { AccessExtension } from './access-extension.entity';
import { AccessGrant } from './access-grant.entity';

/** Extension requests of grants the caller already sees. */
export const extensionsByGrantId = defineLoader((ctx) => grouped<AccessExtension>(
  (ids) => ctx.dataSource.manager.createQueryBuilder(AccessExtension, 'e').where('e.grant_id = ANY(:ids)', { ids: [...ids] })
    .orderBy('e.created_at', 'ASC').getMany(),
  (extension) => extension.grantId,
));

/** The grant an access request led to, under the caller's AccessGrant read rule: null when none or not theirs to see. */
export const grantByRequestId = defineLoader((ctx) => byKey<AccessGrant>(
  (ids) => visibleQuery(ctx, AccessGrant, 'AccessGrant', 'g').andWhere('g.request_id = ANY(:ids)', { ids: [...ids] }).getMany(),
  (grant) => grant.requestId!,
));
