import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ReleaseOrder } from '../../src/store/releaseOrder.js';

type Op =
  | { kind: 'insert'; at: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'takeBefore'; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('takeBefore' as const), at: fc.integer({ min: 0, max: 20 }) }),
);

describe('ReleaseOrder', () => {
  test.prop([fc.array(op, { maxLength: 60 })])('agrees with a stably sorted list', (ops) => {
    const order = new ReleaseOrder();
    let model: { id: string; at: number }[] = [];
    ops.forEach((o, i) => {
      if (o.kind === 'insert') {
        order.insert(`f${i}`, o.at);
        model.push({ id: `f${i}`, at: o.at });
        model = model.toSorted((a, b) => a.at - b.at);
      } else if (o.kind === 'remove' && model.length > 0) {
        const gone = model[o.pick % model.length];
        if (!gone) return;
        order.remove(gone.id, gone.at);
        model = model.filter((e) => e !== gone);
      } else if (o.kind === 'takeBefore') {
        expect(order.takeBefore(o.at)).toEqual(model.filter((e) => e.at < o.at).map((e) => e.id));
        model = model.filter((e) => e.at >= o.at);
      }
      expect(order.newestFirst()).toEqual(model.map((e) => e.id).reverse());
      expect(order.size).toBe(model.length);
    });
  });
});
