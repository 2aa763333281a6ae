import { declarePersonalData } from '../../authorization/personal-data';
import type { AccessExtension } from './access-extension.entity';
import type { AccessGrant } from './access-grant.entity';
import type { AccessRequest } from './access-request.entity';

// TAR-9, SCR-3: the form's client details are shown to those who may see the contact it names,
// and to the requester who wrote them; a security reviewer or a team leader without access sees
// the chain, never who the client is.
declarePersonalData<AccessRequest>('AccessRequest', {
  contactOf: (_ctx, request) => request.contactId,
  personal: ['clientName', 'scin', 'nino', 'furtherDetails'],
  notPersonal: ['area', 'createdAt', 'escalatedAt', 'expiredAt', 'expiredAtStage', 'grade', 'grantedAt', 'grantedHours', 'id', 'justification', 'purpose', 'rejectedAt',
    'rejectedAtStage', 'rejectionReason', 'requestedHours', 'scrApprovedAt', 'serviceRequestId', 'staffNumber', 'status', 'teamName',
    'tlCheckedAt', 'tlContactDetails', 'tlName', 'version'],
  alsoShownTo: (ctx, request) => ctx.principal?.kind === 'staff' && ctx.principal.staff.id === request.requesterId,
});

declarePersonalData<AccessGrant>('AccessGrant', {
  contactOf: (_ctx, grant) => grant.contactId,
  personal: [],
  notPersonal: ['accessRequestId', 'expiresAt', 'grantedAt', 'id', 'purpose', 'removalReason', 'removedAt', 'serviceRequestId', 'state'],
});

// An extension is about staff and time; its reasons are the requester's and decider's words.
declarePersonalData<AccessExtension>('AccessExtension', {
  contactOf: () => null,
  personal: [],
  notPersonal: ['createdAt', 'decidedAt', 'id', 'newExpiresAt', 'reason', 'rejectionReason', 'requestedHours', 'status'],
});
