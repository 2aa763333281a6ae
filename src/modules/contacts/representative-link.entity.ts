import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Contact } from './contact.entity';

/** A representative acting for a client, with the representative's own reference (TRN). */
@ObjectType({ description: 'A representative acting for a client. Shown only when both sides are visible to the caller.' })
@Entity('representative_link')
@Unique('uq_representative_link_pair', ['representativeId', 'clientId'])
export class RepresentativeLink {
  @Field(() => ID, { description: 'Identifier of the link.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_representative_link_representative_id')
  @Column({ name: 'representative_id', type: 'uuid' })
  representativeId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'representative_id' })
  representative?: Relation<Contact>;

  @Index('ix_representative_link_client_id')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client?: Relation<Contact>;

  @Field(() => String, { nullable: true, description: "The representative's own reference number, never shared with the client; null to whoever may not see the representative." })
  @Index('uq_representative_link_trn', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  trn: string;

  @Field({ description: 'An employer representative has no security questions.' })
  @Column({ type: 'boolean', default: false })
  employer: boolean;
}
