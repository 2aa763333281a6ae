import { registerEnumType } from 'type-graphql';

/** What a temporary access grant is for (form CSUA150). */
export enum AccessPurpose {
  VIEW_CONTACT = 'VIEW_CONTACT',
  ROUTE_SR_TO_SCR = 'ROUTE_SR_TO_SCR',
  FINANCE_ACTION = 'FINANCE_ACTION',
}

registerEnumType(AccessPurpose, { name: 'AccessPurpose', description: 'What temporary access to a sensitive contact is for.' });
