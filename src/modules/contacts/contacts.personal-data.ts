import { declarePersonalData } from '../../authorization/personal-data';
import type { RepresentativeLink } from './representative-link.entity';

// Links are shown only when both ends are visible; the TRN is the representative's own reference (REP-2).
declarePersonalData<RepresentativeLink>('RepresentativeLink', {
  contactOf: (_ctx, link) => link.representativeId,
  personal: ['trn'],
  notPersonal: ['employer', 'id'],
});
