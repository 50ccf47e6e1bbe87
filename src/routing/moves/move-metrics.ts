import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import type { MoveState } from './move.types';

/** Moves: state changes, records and bytes copied, and how long scopes stayed frozen. */
@Injectable()
export class MoveMetrics {
  readonly transitions: Counter<'state'>;
  readonly recordsCopied: Counter<'resource_kind'>;
  readonly bytesCopied: Counter<'resource_kind'>;
  readonly freezeSeconds: Counter<'resource_kind'>;

  constructor(registry: Registry) {
    this.transitions = new Counter({
      name: 'routing_moves_total',
      help: 'Moves that reached a state, by state (planned, frozen, copying, verifying, switched, done, failed, aborted)',
      labelNames: ['state'],
      registers: [registry],
    });
    this.recordsCopied = new Counter({
      name: 'routing_move_records_copied_total',
      help: 'Records copied to move targets, by kind',
      labelNames: ['resource_kind'],
      registers: [registry],
    });
    this.bytesCopied = new Counter({
      name: 'routing_move_bytes_copied_total',
      help: 'Bytes copied to move targets (record JSON plus object bodies), by kind',
      labelNames: ['resource_kind'],
      registers: [registry],
    });
    this.freezeSeconds = new Counter({
      name: 'routing_move_freeze_seconds_total',
      help: 'Seconds scopes spent frozen for moves (writes refused), by kind',
      labelNames: ['resource_kind'],
      registers: [registry],
    });
  }

  reached(state: MoveState): void {
    this.transitions.inc({ state });
  }
}
