import { registerEnumType } from 'type-graphql';

/** What a temporary access grant is for (form CSUA150). */
export enum AccessPurpose {
  VIEW_CONTACT = 'VIEW_CONTACT',
  ROUTE_SR_TO_SCR = 'ROUTE_SR_TO_SCR',
  FINANCE_ACTION = 'FINANCE_ACTION',
}

registerEnumType(AccessPurpose, {
  name: 'AccessPurpose', description: 'What temporary access to a sensitive contact is for.',
  valuesConfig: {
    VIEW_CONTACT: { description: 'See the sensitive contact and their details.' },
    ROUTE_SR_TO_SCR: { description: 'Route a service request about the contact to the SCR team\'s hopper.' },
    FINANCE_ACTION: { description: 'Route a service request to the SCR team for finance work (TAR-5).' },
  },
});
