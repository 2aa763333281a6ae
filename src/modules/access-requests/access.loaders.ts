import { defineLoader, grouped } from '../../request/loaders';
import { AccessExtension } from './access-extension.entity';

/** Extension requests of grants the caller already sees. */
export const extensionsByGrantId = defineLoader((ctx) => grouped<AccessExtension>(
  (ids) => ctx.dataSource.manager.createQueryBuilder(AccessExtension, 'e').where('e.grant_id = ANY(:ids)', { ids: [...ids] })
    .orderBy('e.created_at', 'ASC').getMany(),
  (extension) => extension.grantId,
));
