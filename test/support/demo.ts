import type { DataSource } from 'typeorm';
import { Contact } from '../../src/modules/contacts/contact.entity';

/** Looks up demo contacts by SCIN (the demo's stable key) straight from the database. */
export async function contactByScin(dataSource: DataSource, scin: string): Promise<Contact> {
  return dataSource.getRepository(Contact).findOneByOrFail({ scin });
}

/** Demo SCINs: the sensitive ones and some ordinary ones. */
export const DEMO = {
  sensitivePwc: 'SC0000003', // Chloe Baker, case 1200000002
  ordinaryNrpSameCase: 'SC0000004', // Daniel Baker
  sensitiveNrp: 'SC0000006', // Frank Doyle, has an employer representative
  ordinaryPwc: 'SC0000001', // Alice Archer, self-service registered
  ordinaryNrpWithRep: 'SC0000002', // Brian Archer, represented by Mona Hughes
  sensitiveCaseNumber: '1200000006', // both parties sensitive
  caseWithSensitivePwc: '1200000002',
  sensitiveNino: 'CD223344A',
  totalClients: 12,
  sensitiveClients: 4,
  representatives: 2,
};
