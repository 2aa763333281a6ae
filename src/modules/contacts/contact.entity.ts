import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { ClientRole, ContactKind, ContactMethod, PreferredLanguage, SelfServiceStatus } from './contact-enums';

/**
 * A client (receiving or paying parent) or a representative. Rows flagged `sensitive` are
 * Special Client Records: the authorization filter hides them in SQL from anyone not entitled
 * (SCR-1, SCR-2), so every field here is visible to whoever can load the row.
 */
@ObjectType({ implements: Node, description: 'A client or representative. Sensitive contacts exist only for those entitled to see them.' })
@Entity('contact')
@Index('ix_contact_name_order', ['lastName', 'firstName', 'id'])
@Index('ix_contact_visible_name_order', ['sensitive', 'lastName', 'firstName', 'id'])
export class Contact {
  @Field(() => ID, { description: 'Identifier of the contact.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ContactKind, { description: 'A client (parent) or a representative.' })
  @Column({ type: 'enum', enum: ContactKind, enumName: 'contact_kind' })
  kind: ContactKind;

  @Field(() => ClientRole, { nullable: true, description: 'Receiving (PWC) or paying (NRP) parent; null for a representative.' })
  @Index('ix_contact_client_role')
  @Column({ name: 'client_role', type: 'enum', enum: ClientRole, enumName: 'client_role', nullable: true })
  clientRole: ClientRole | null;

  @Field(() => String, { nullable: true, description: 'Scheme client identification number.' })
  @Index('uq_contact_scin', { unique: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  scin: string | null;

  @Field(() => String, { nullable: true, description: 'National insurance number.' })
  @Index('ix_contact_nino')
  @Column({ type: 'varchar', length: 9, nullable: true })
  nino: string | null;

  @Field({ description: 'First name.' })
  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Field({ description: 'Last name.' })
  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Date of birth, ISO 8601 date (YYYY-MM-DD).' })
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Field(() => String, { nullable: true, description: 'First line of the postal address.' })
  @Column({ name: 'address_line1', type: 'varchar', length: 200, nullable: true })
  addressLine1: string | null;

  @Field(() => String, { nullable: true, description: 'Second line of the postal address.' })
  @Column({ name: 'address_line2', type: 'varchar', length: 200, nullable: true })
  addressLine2: string | null;

  @Field(() => String, { nullable: true, description: 'Town of the postal address.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  town: string | null;

  @Field(() => String, { nullable: true, description: 'Postcode of the postal address.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  postcode: string | null;

  @Field(() => String, { nullable: true, description: 'Telephone number.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Field({ description: 'Special Client Record: visible only to the SCR team and holders of a grant for it.' })
  @Column({ type: 'boolean', default: false })
  sensitive: boolean;

  @Field(() => PreferredLanguage, { description: 'Language the contact wants letters and calls in.' })
  @Column({ name: 'preferred_language', type: 'enum', enum: PreferredLanguage, enumName: 'preferred_language', default: PreferredLanguage.ENGLISH })
  preferredLanguage: PreferredLanguage;

  @Field(() => SelfServiceStatus, { description: 'Whether the contact is registered on self service, and active there.' })
  @Column({ name: 'self_service_status', type: 'enum', enum: SelfServiceStatus, enumName: 'self_service_status', default: SelfServiceStatus.NOT_REGISTERED })
  selfServiceStatus: SelfServiceStatus;

  @Field(() => ContactMethod, { description: 'Preferred method of contact; TELEPHONE by default (PREF-1).' })
  @Column({ name: 'preferred_contact_method', type: 'enum', enum: ContactMethod, enumName: 'contact_method', default: ContactMethod.TELEPHONE })
  preferredContactMethod: ContactMethod;

  /** Links where this contact is the representative (REP-3 finds the clients and their cases' segment through it). */
  @OneToMany('RepresentativeLink', 'representative')
  representing?: Relation<{ clientId: string }>[];

  /** The case parties of this contact. Both relations are named by entity name, so no import runs back up. */
  @OneToMany('CaseParty', 'contact')
  parties?: Relation<{ caseId: string }>[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
