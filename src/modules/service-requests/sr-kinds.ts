import { SrKind } from './sr-enums';
import { SrArea, SrProcess, SrSubArea } from './sr-classification';

export interface SrKindDefinition {
  process: SrProcess;
  area: SrArea;
  subArea: SrSubArea;
  /** SR-3: the activity plan generated when the SR is set IN_PROGRESS. */
  plan: string[];
}

/** What each kind of SR is, as the procedures (seeds 000-002) describe it. */
export const SR_KINDS: Record<SrKind, SrKindDefinition> = {
  [SrKind.SECURITY_SET_UP]: {
    process: SrProcess.CLIENT_CONTACT,
    area: SrArea.SECURITY,
    subArea: SrSubArea.SECURITY_SET_UP,
    plan: ['Collect Security Questions', 'Set Up PIN And Password'],
  },
  [SrKind.CHANGE_SECURITY_DETAILS]: {
    process: SrProcess.CHANGE_OF_CIRCUMSTANCES,
    area: SrArea.CHANGE_PERSONAL_INFO,
    subArea: SrSubArea.CHANGE_CONTACT_SECURITY_INFO,
    plan: ['Verify Client', 'Send Letter CMSL9800', 'Await Client Reply', 'Update Security Details', 'Notify Client'],
  },
  [SrKind.CHANGE_CONTACT_PREFERENCES]: {
    process: SrProcess.CHANGE_OF_CIRCUMSTANCES,
    area: SrArea.CHANGE_PERSONAL_INFO,
    // Seed 002 step 2: preferences share the sub area "Change Contact/Security Info" with security changes.
    subArea: SrSubArea.CHANGE_CONTACT_SECURITY_INFO,
    plan: ['Verify Client', 'Update Contact Preferences', 'Send Confirmation Letter'],
  },
};
