import { registerEnumType } from 'type-graphql';

export enum ContactKind {
  CLIENT = 'CLIENT',
  REPRESENTATIVE = 'REPRESENTATIVE',
}

/** Client role on the system: PWC = receiving parent, NRP = paying parent. */
export enum ClientRole {
  PWC = 'PWC',
  NRP = 'NRP',
}

export enum PreferredLanguage {
  ENGLISH = 'ENGLISH',
  WELSH = 'WELSH',
}

export enum SelfServiceStatus {
  NOT_REGISTERED = 'NOT_REGISTERED',
  REGISTERED_ACTIVE = 'REGISTERED_ACTIVE',
  REGISTERED_INACTIVE = 'REGISTERED_INACTIVE',
}

/** PREF-1: how the CMG contacts a client; telephone unless the client asks otherwise. */
export enum ContactMethod {
  TELEPHONE = 'TELEPHONE',
  LETTER = 'LETTER',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  SELF_SERVICE = 'SELF_SERVICE',
}

registerEnumType(ContactMethod, {
  name: 'ContactMethod', description: 'Preferred method of contact (PREF-1).',
  valuesConfig: {
    TELEPHONE: { description: 'By telephone (the default).' },
    LETTER: { description: 'By letter.' },
    EMAIL: { description: 'By email.' },
    SMS: { description: 'By text message.' },
    SELF_SERVICE: { description: 'Through the self-service website.' },
  },
});
registerEnumType(ContactKind, {
  name: 'ContactKind', description: 'A client (parent) or a representative acting for one.',
  valuesConfig: {
    CLIENT: { description: 'A client: a parent on a case.' },
    REPRESENTATIVE: { description: 'A representative acting for a client.' },
  },
});
registerEnumType(ClientRole, {
  name: 'ClientRole',
  description: 'Role of a client on the system.',
  valuesConfig: { PWC: { description: 'Receiving parent (parent with care).' }, NRP: { description: 'Paying parent (non resident parent).' } },
});
registerEnumType(PreferredLanguage, {
  name: 'PreferredLanguage', description: 'Language a contact wants letters and calls in.',
  valuesConfig: {
    ENGLISH: { description: 'English.' },
    WELSH: { description: 'Welsh (a paying parent moves to the WELSH segment, PREF-6).' },
  },
});
registerEnumType(SelfServiceStatus, {
  name: 'SelfServiceStatus', description: 'Registration on the self-service channel.',
  valuesConfig: {
    NOT_REGISTERED: { description: 'Not registered on self service.' },
    REGISTERED_ACTIVE: { description: 'Registered and active on self service.' },
    REGISTERED_INACTIVE: { description: 'Registered, but no longer active on self service.' },
  },
});
