import { defineLoader, grouped } from '../../request/loaders';
import { loadVisibleParties } from '../contacts/contact.service';
import type { CaseParty } from './case-party.entity';

/** Parties of cases, only those whose contact the caller may see. */
export const partiesByCaseId = defineLoader((ctx) =>
  grouped<CaseParty>((ids) => loadVisibleParties(ctx, ids), (party) => party.caseId));
