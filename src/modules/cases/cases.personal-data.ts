import { declarePersonalData } from '../../authorization/personal-data';
import type { CaseParty } from './case-party.entity';
import type { Case } from './case.entity';

// A case says nothing of its parties but through them; a party row only shows for a visible contact.
declarePersonalData<Case>('Case', {
  contactOf: () => null,
  personal: [],
  notPersonal: ['caseNumber', 'createdAt', 'csaArrearsOnly', 'id', 'segment'],
});

declarePersonalData<CaseParty>('CaseParty', {
  contactOf: (_ctx, party) => party.contactId,
  personal: [],
  notPersonal: ['id', 'role'],
});
