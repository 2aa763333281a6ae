import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { ClientRole } from '../contacts/contact-enums';
import { Contact } from '../contacts/contact.entity';
import { Case } from './case.entity';

@ObjectType({ description: 'A client party to a case. Parties whose contact the caller may not see are left out.' })
@Entity('case_party')
@Unique('uq_case_party_case_contact', ['caseId', 'contactId'])
export class CaseParty {
  @Field(() => ID, { description: 'Identifier of this party row.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_case_party_case_id')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, (c) => c.parties, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;

  @Index('ix_case_party_contact_id')
  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Field(() => ClientRole, { description: 'Whether the client is the receiving (PWC) or paying (NRP) parent on this case.' })
  @Column({ type: 'enum', enum: ClientRole, enumName: 'client_role' })
  role: ClientRole;
}
