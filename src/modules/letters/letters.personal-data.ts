import { declarePersonalData } from '../../authorization/personal-data';
import type { Letter } from './letter.entity';

// Letters are rows of their contact (the read rule) and their text is the contact's data.
declarePersonalData<Letter>('Letter', {
  contactOf: (_ctx, letter) => letter.contactId,
  personal: ['title', 'body'],
  notPersonal: ['cancelledAt', 'channel', 'contactId', 'coversLetterId', 'createdAt', 'emailNoticeAt', 'format', 'id', 'reissueOfId',
    'sentAt', 'serviceRequestId', 'status', 'template'],
});
