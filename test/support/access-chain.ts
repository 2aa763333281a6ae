import type { DataSource } from 'typeorm';
import { ServiceRequest } from '../../src/modules/service-requests/service-request.entity';
import { contactByScin, DEMO } from './demo';
import type { GraphQLResponse, TestApp } from './test-app';

export const REQUEST_FIELDS = `id status requestedHours purpose tlName tlContactDetails grantedHours rejectionReason rejectedAtStage
  clientName scin nino serviceRequestId version`;

export const SUBMIT = `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { accessRequest { ${REQUEST_FIELDS} } } }`;
export const CHECK = `mutation($input: CheckAccessRequestInput!) { checkAccessRequest(input: $input) { accessRequest { ${REQUEST_FIELDS} } } }`;
export const APPROVE = `mutation($id: ID!) { approveAccessRequest(input: { id: $id }) { accessRequest { ${REQUEST_FIELDS} } } }`;
export const GRANT = `mutation($input: GrantAccessRequestInput!) { grantAccessRequest(input: $input) { accessRequest { ${REQUEST_FIELDS} } } }`;
export const REJECT = `mutation($input: RejectAccessRequestInput!) { rejectAccessRequest(input: $input) { accessRequest { ${REQUEST_FIELDS} } } }`;
export const GRANTS = `query($filter: AccessGrantFilter) { accessGrants(first: 50, filter: $filter) { totalCount edges { node {
  id state purpose grantedAt expiresAt removedAt removalReason accessRequestId grantee { staffNumber } } } } }`;
export const CONTACT = 'query($id: ID!) { contact(id: $id) { id firstName sensitive } }';

/** The demo SR about Chloe Baker (sensitive), owned by caseworker CW1002. */
export async function sensitiveDemoSr(dataSource: DataSource): Promise<ServiceRequest> {
  const chloe = await contactByScin(dataSource, DEMO.sensitivePwc);
  return dataSource.getRepository(ServiceRequest).findOneByOrFail({ subjectContactId: chloe.id });
}

export async function formFor(dataSource: DataSource, overrides: Record<string, unknown> = {}) {
  const sr = await sensitiveDemoSr(dataSource);
  return {
    staffNumber: 'CW1002',
    team: 'Maintenance Team A',
    grade: 'EO',
    area: 'North East',
    requestedHours: 4,
    purpose: 'VIEW_CONTACT',
    serviceRequestId: sr.id,
    clientName: 'Chloe Baker',
    scin: DEMO.sensitivePwc,
    nino: 'CD 22 33 44 A',
    justification: 'Need to confirm the address before sending the security letter.',
    ...overrides,
  };
}

export const ok = <T = any>(res: GraphQLResponse<T>): T => {
  if (res.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
};

/** Walks a request through submit (CW1002) -> check (TL1001) -> approve (SCRM3001) -> grant (FLLS4001). */
export async function grantedRequest(t: TestApp, options: { form?: Record<string, unknown>; grantedHours?: number } = {}) {
  const submitted = ok(await t.as('CW1002')(SUBMIT, { input: await formFor(t.dataSource, options.form) })).submitAccessRequest.accessRequest;
  ok(await t.as('TL1001')(CHECK, { input: { id: submitted.id } }));
  ok(await t.as('SCRM3001')(APPROVE, { id: submitted.id }));
  const granted = ok(await t.as('FLLS4001')(GRANT, { input: { id: submitted.id, grantedHours: options.grantedHours ?? 2 } })).grantAccessRequest.accessRequest;
  const grants = ok(await t.as('FLLS4001')(GRANTS)).accessGrants.edges.map((edge: any) => edge.node);
  const grant = grants.find((node: any) => node.accessRequestId === submitted.id);
  return { request: granted, grant };
}
