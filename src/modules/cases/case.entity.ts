import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Segment } from '../../authorization/roles';
import { CaseParty } from './case-party.entity';

@ObjectType('Case', { implements: Node, description: 'A child maintenance case (case group) and the clients party to it.' })
@Entity('case')
export class Case {
  @Field(() => ID, { description: 'Identifier of the case.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'The case number staff and clients quote.' })
  @Index('uq_case_case_number', { unique: true })
  @Column({ name: 'case_number', type: 'varchar', length: 20 })
  caseNumber: string;

  @Field(() => Segment, { description: 'Segment owning the case.' })
  @Index('ix_case_segment')
  @Column({ type: 'enum', enum: Segment, enumName: 'segment' })
  segment: Segment;

  @Field({ description: 'Built manually as CSA arrears only: such a case has no security account.' })
  @Column({ name: 'csa_arrears_only', type: 'boolean', default: false })
  csaArrearsOnly: boolean;

  @Field({ description: 'When the case was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => CaseParty, (party) => party.case)
  parties?: Relation<CaseParty>[];
}
