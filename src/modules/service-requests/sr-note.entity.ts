import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Staff } from '../staff/staff.entity';
import { ServiceRequest } from './service-request.entity';

@ObjectType({ description: 'A note on a service request; visible with the SR.' })
@Entity('service_request_note')
export class SrNote {
  @Field(() => ID, { description: 'Identifier of the note.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_service_request_note_sr')
  @Column({ name: 'service_request_id', type: 'uuid' })
  serviceRequestId: string;

  @ManyToOne(() => ServiceRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_request_id' })
  serviceRequest?: Relation<ServiceRequest>;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => Staff, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<Staff> | null;

  @Field(() => String, { nullable: true, description: 'May quote the client: null when the caller may not see the subject (SCR-3).' })
  @Column({ type: 'text' })
  text: string;

  @Field({ description: 'When the note was written.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
