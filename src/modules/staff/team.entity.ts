import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Staff } from './staff.entity';
import { Segment } from '../../authorization/roles';

@ObjectType({ implements: Node, description: 'A team of caseworkers with its team leader.' })
@Entity('team')
export class Team {
  @Field(() => ID, { description: 'Identifier of the team.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Name of the team.' })
  @Index('uq_team_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => Segment, { description: 'The segment the team works in.' })
  @Column({ type: 'enum', enum: Segment, enumName: 'segment' })
  segment: Segment;

  /** Team leader; nullable only so a team and its leader can be created in one transaction. */
  @Index('ix_team_leader_id')
  @Column({ name: 'leader_id', type: 'uuid', nullable: true })
  leaderId: string | null;

  @ManyToOne(() => Staff, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'leader_id' })
  leader?: Relation<Staff> | null;
}
