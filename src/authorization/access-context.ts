import type { DataSource } from 'typeorm';
import type { AppAbility } from './ability';
import type { Principal } from './principal';

/**
 * What the access model needs of a request: who is calling, their ability at the request instant,
 * and the database. The request context (src/request) extends it, so the kernel's arrows run one
 * way: request -> authorization, never back.
 */
export interface AccessContext {
  principal: Principal | null;
  ability: AppAbility;
  dataSource: DataSource;
}
