import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { LetterChannel, LetterFormat, LetterStatus, LetterTemplate } from './letter-enums';

/**
 * A generated letter with its rendered text (LET-1). Its body is the contact's personal data, so
 * a letter is visible only to those who may see its contact (SCR-3).
 */
@ObjectType({ implements: Node, description: 'A letter to a contact. Visible only to those who may see the contact.' })
@Entity('letter')
@Index('ix_letter_contact', ['contactId', 'createdAt'])
@Index('ix_letter_status', ['status', 'createdAt'])
export class Letter {
  @Field(() => ID, { description: 'Identifier of the letter.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => LetterTemplate, { description: 'Which standard letter it is.' })
  @Column({ type: 'enum', enum: LetterTemplate, enumName: 'letter_template' })
  template: LetterTemplate;

  @Field(() => ID, { description: 'The contact the letter is addressed to.' })
  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Field(() => ID, { nullable: true, description: 'The service request that produced the letter, if any.' })
  @Index('ix_letter_sr')
  @Column({ name: 'service_request_id', type: 'uuid', nullable: true })
  serviceRequestId: string | null;

  @ManyToOne(() => ServiceRequest, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'service_request_id' })
  serviceRequest?: Relation<ServiceRequest> | null;

  @Field(() => LetterStatus, { description: 'Waiting for the batch, sent or cancelled (LET-2).' })
  @Column({ type: 'enum', enum: LetterStatus, enumName: 'letter_status', default: LetterStatus.GENERATED })
  status: LetterStatus;

  @Field(() => LetterChannel, { description: 'Posted, or stored online with an email notice (LET-4).' })
  @Column({ type: 'enum', enum: LetterChannel, enumName: 'letter_channel' })
  channel: LetterChannel;

  @Field(() => LetterFormat, { description: "Standard, large print or braille, from the contact's special requirements (LET-3)." })
  @Column({ type: 'enum', enum: LetterFormat, enumName: 'letter_format', default: LetterFormat.STANDARD })
  format: LetterFormat;

  @Field(() => String, { nullable: true, description: "Rendered title: the contact's personal data (null to whoever may not see the contact)." })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => String, { nullable: true, description: "Rendered text, fields filled from the record: the contact's personal data (null to whoever may not see the contact)." })
  @Column({ type: 'text' })
  body: string;

  @Field(() => ID, { nullable: true, description: 'For a reissue: the original letter.' })
  @Column({ name: 'reissue_of_id', type: 'uuid', nullable: true })
  reissueOfId: string | null;

  @Field(() => ID, { nullable: true, description: 'For a covering letter: the reissued letter it covers.' })
  @Column({ name: 'covers_letter_id', type: 'uuid', nullable: true })
  coversLetterId: string | null;

  @Field({ description: 'When the letter was generated.' })
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the end-of-day batch sent it; null until then.' })
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled; null unless cancelled.' })
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'LET-4: when the email telling the client of an online letter was sent.' })
  @Column({ name: 'email_notice_at', type: 'timestamptz', nullable: true })
  emailNoticeAt: Date | null;
}
