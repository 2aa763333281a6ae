import { declarePersonalData } from '../../authorization/personal-data';
import type { PreferenceChange } from './preference-change.entity';

declarePersonalData<PreferenceChange>('PreferenceChange', {
  contactOf: (_ctx, change) => change.contactId,
  personal: ['oldValue', 'newValue'],
  notPersonal: ['actorType', 'changedAt', 'field'],
});
